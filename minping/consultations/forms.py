"""Forms: every POST is validated here, with a Chinese message per field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from minping.consultations.models import (
    Attachment,
    Comment,
    Consultation,
    Delegate,
    Hearing,
    Opinion,
    Option,
    Participant,
    Registration,
    Section,
    Symposium,
    SymposiumParticipant,
)
from minping.lib.phone import InvalidPhone, parse_mobile

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_SCAN_BYTES = 10 * 1024 * 1024

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _rows(n: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": n})


def check_upload(upload: UploadedFile | None, *, limit: int, images: bool = False) -> None:
    if upload is None:
        return
    if upload.size is not None and upload.size > limit:
        raise forms.ValidationError(_("文件不能超过%(mb)s MB。") % {"mb": limit // (1024 * 1024)})
    head = upload.read(8)
    upload.seek(0)
    is_pdf = head.startswith(b"%PDF")
    is_image = head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG")
    if not (is_pdf or (images and is_image)):
        raise forms.ValidationError(
            _("请上传PDF文件或JPG/PNG扫描图片。") if images else _("请上传PDF文件。")
        )


class DraftForm(forms.Form):
    title = forms.CharField(label=_("决策事项名称"), max_length=120)
    summary = forms.CharField(label=_("主要内容和目的"), max_length=3000, widget=_rows(4))
    basis = forms.CharField(label=_("决策依据、理由和影响"), max_length=3000, widget=_rows(4))
    feedback_channels = forms.CharField(
        label=_("反馈意见的途径和方式"),
        max_length=1000,
        widget=_rows(3),
        initial=_("在本页面在线提交意见；或来信寄至本单位（请注明“征求意见”）。"),
    )
    contact = forms.CharField(
        label=_("接收意见的部门及联系方式"),
        max_length=300,
        help_text=_("部门名称和办公电话，不要填写个人手机号"),
    )
    drafting_notes = forms.CharField(
        label=_("起草说明"), max_length=10000, required=False, widget=_rows(5)
    )
    text = forms.CharField(
        label=_("征求意见稿全文"),
        widget=_rows(14),
        help_text=_(
            "可直接粘贴；以“第一条”“第二条”开头的段落或小标题会自动分为条文，供公众逐条提意见。"
        ),
    )
    opens_on = forms.DateField(label=_("征求意见开始日期"), widget=DATE)
    closes_on = forms.DateField(label=_("征求意见截止日期"), widget=DATE)
    shortened_reason = forms.CharField(
        label=_("缩短征求意见期限的依据和理由"),
        max_length=2000,
        required=False,
        widget=_rows(3),
        help_text=_("期限不足30日时必填（第十一条）"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes:
            if closes < opens:
                self.add_error("closes_on", _("截止日期不能早于开始日期。"))
            elif (closes - opens).days + 1 < 30 and not data.get("shortened_reason", "").strip():
                self.add_error(
                    "shortened_reason",
                    _("征求意见期限少于30日，须说明缩短的依据和理由（第十一条）。"),
                )
        return data

    @classmethod
    def initial_for(cls, c: Consultation) -> dict[str, Any]:
        from minping.consultations.rules import section_source

        text = "\n".join(section_source(s.heading, s.body_html) for s in c.sections.all())
        return {
            "title": c.title,
            "summary": c.summary,
            "basis": c.basis,
            "feedback_channels": c.feedback_channels,
            "contact": c.contact,
            "drafting_notes": c.drafting_notes,
            "text": text,
            "opens_on": c.opens_on,
            "closes_on": c.closes_on,
            "shortened_reason": c.shortened_reason,
        }


class OptionForm(forms.ModelForm[Option]):
    class Meta:
        model = Option
        fields = ["label", "description"]
        widgets = {"description": _rows(3)}


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=Attachment.Kind.choices)
    title = forms.CharField(label=_("名称"), max_length=120)
    file = forms.FileField(label=_("文件（PDF，不超过20 MB）"))

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        check_upload(upload, limit=MAX_PDF_BYTES)
        return upload  # type: ignore[no-any-return]  # cleaned_data is typed Any


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), max_length=2000, widget=_rows(3))


class PublishForm(forms.Form):
    accept_shortened = forms.BooleanField(
        label=_("已审查缩短征求意见期限的依据和理由，认为充分"), required=False
    )


PRIVACY = _(
    "您填写的姓名和电话只用于承办单位就您的意见与您联系，不会公开；"
    "意见经审核后公开，其中的电话号码、证件号码等个人信息会被隐去。"
)


class CommentForm(forms.Form):
    section = forms.ModelChoiceField(
        label=_("针对的条文"),
        queryset=Section.objects.none(),
        required=False,
        empty_label=_("总体意见（不针对具体条文）"),
    )
    option = forms.ModelChoiceField(
        label=_("您支持的方案"),
        queryset=Option.objects.none(),
        required=False,
        empty_label=_("不表态"),
    )
    text = forms.CharField(
        label=_("您的意见和建议"), min_length=5, max_length=3000, widget=_rows(5)
    )
    name = forms.CharField(label=_("姓名（选填）"), max_length=30, required=False)
    phone = forms.CharField(
        label=_("手机号（选填，便于反馈）"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    agree = forms.BooleanField(
        label=_("我已阅读个人信息说明和参与须知（第八条），意见实事求是、客观公正"),
        error_messages={"required": _("请阅读并勾选参与须知。")},
    )
    # A field people never see: bots fill it in.
    website = forms.CharField(
        required=False,
        label=_("网址"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp"}),
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = consultation.sections.all()  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["section"].label_from_instance = lambda s: s.label  # type: ignore[attr-defined]  # ModelChoiceField
        options = consultation.options.all()
        if options.exists():
            self.fields["option"].queryset = options  # type: ignore[attr-defined]  # ModelChoiceField
        else:
            del self.fields["option"]

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return ""
        try:
            return parse_mobile(raw)
        except InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc


class RecordCommentForm(forms.Form):
    text = forms.CharField(label=_("意见内容"), max_length=3000, widget=_rows(4))
    section = forms.ModelChoiceField(
        label=_("针对的条文"), queryset=Section.objects.none(), required=False
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = consultation.sections.all()  # type: ignore[attr-defined]  # ModelChoiceField


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核"),
        choices=[("show", _("公开")), ("hide", _("不予公开"))],
        widget=forms.RadioSelect,
    )
    public_text = forms.CharField(
        label=_("公开内容"),
        max_length=3000,
        required=False,
        widget=_rows(3),
        help_text=_("可删去个人信息或不当言辞；电话、证件号会自动隐去"),
    )
    reason = forms.CharField(
        label=_("不予公开的理由"),
        max_length=300,
        required=False,
        help_text=_("例如：含有人身攻击（第八条）、与本次征求意见无关、重复提交"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "hide" and not data.get("reason", "").strip():
            self.add_error("reason", _("不予公开须说明理由。"))
        if data.get("decision") == "show" and not data.get("public_text", "").strip():
            self.add_error("public_text", _("请填写公开的意见内容。"))
        return data


class GroupForm(forms.Form):
    comments = forms.ModelMultipleChoiceField(
        label=_("选择意见"),
        queryset=Comment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一条意见。")},
    )
    opinion = forms.ModelChoiceField(
        label=_("归入已有的归纳意见"),
        queryset=Opinion.objects.none(),
        required=False,
        empty_label=_("（新建一条归纳意见）"),
    )
    summary = forms.CharField(label=_("新归纳意见的概要"), max_length=300, required=False)
    section = forms.ModelChoiceField(
        label=_("涉及条文"), queryset=Section.objects.none(), required=False
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comments"].queryset = consultation.comments.all()  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["opinion"].queryset = consultation.opinions.all()  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["section"].queryset = consultation.sections.all()  # type: ignore[attr-defined]  # ModelChoiceField

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("opinion") and not data.get("summary", "").strip():
            self.add_error("summary", _("请填写意见概要，或选择已有的归纳意见。"))
        return data


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("采纳情况"),
        choices=[c for c in Opinion.Decision.choices if c[0] != Opinion.Decision.PENDING],
    )
    reply = forms.CharField(
        label=_("答复或理由"),
        max_length=3000,
        required=False,
        widget=_rows(3),
        help_text=_("未采纳、部分采纳、不属于本次征求范围的，须说明理由和依据"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision and decision != Opinion.Decision.ADOPTED and not data.get("reply", "").strip():
            self.add_error(
                "reply", _("未采纳、部分采纳或不属于本次征求范围的意见，须说明理由和依据。")
            )
        return data


class ReportForm(forms.Form):
    overview = forms.CharField(
        label=_("公众参与情况概述"),
        max_length=5000,
        widget=_rows(6),
        help_text=_("履行公众参与程序的具体情况；数字、意见和采纳情况由系统根据记录生成"),
    )


class SymposiumForm(forms.ModelForm[Symposium]):
    class Meta:
        model = Symposium
        fields = ["kind", "held_on", "held_time", "place"]
        widgets = {"held_on": DATE, "held_time": TIME}


class SymposiumParticipantForm(forms.ModelForm[SymposiumParticipant]):
    class Meta:
        model = SymposiumParticipant
        fields = ["name", "category", "affiliation"]


class MaterialsSentForm(forms.Form):
    sent_on = forms.DateField(label=_("材料送达日期"), widget=DATE)


class SymposiumMinutesForm(forms.Form):
    minutes = forms.CharField(label=_("会议记录"), max_length=20000, widget=_rows(8))
    scan = forms.FileField(label=_("签字的会议记录扫描件（PDF/JPG/PNG）"), required=False)
    signed = forms.BooleanField(label=_("会议记录已交参会人员审阅并签字"), required=False)
    opinions = forms.CharField(
        label=_("会上提出的意见（每行一条）"),
        required=False,
        widget=_rows(6),
        help_text=_("每条意见将进入意见研判，与网上意见一并归纳"),
    )

    def clean_scan(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("scan")
        check_upload(upload, limit=MAX_SCAN_BYTES, images=True)
        return upload

    def opinion_lines(self) -> list[str]:
        return [
            line.strip()
            for line in self.cleaned_data.get("opinions", "").splitlines()
            if line.strip()
        ]


class HearingForm(forms.ModelForm[Hearing]):
    class Meta:
        model = Hearing
        fields = [
            "held_on",
            "held_time",
            "place",
            "seats",
            "registration_closes_on",
            "selection_method",
        ]
        widgets = {
            "held_on": DATE,
            "held_time": TIME,
            "registration_closes_on": DATE,
            "selection_method": _rows(4),
        }


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=30)
    phone = forms.CharField(
        label=_("手机号"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    side = forms.ChoiceField(label=_("观点倾向"), choices=Registration.Side.choices)
    interest = forms.CharField(
        label=_("与决策事项的关系"),
        max_length=120,
        help_text=_("例如：受影响的居民、经营者、行业从业人员"),
    )
    is_stakeholder = forms.BooleanField(label=_("我是本决策事项的利害关系人"), required=False)
    statement = forms.CharField(
        label=_("简要陈述（选填）"), max_length=1000, required=False, widget=_rows(3)
    )
    agree = forms.BooleanField(
        label=_("我已阅读个人信息说明；名单公布时只显示姓氏"),
        error_messages={"required": _("请阅读并勾选个人信息说明。")},
    )
    website = forms.CharField(
        required=False,
        label=_("网址"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp"}),
    )

    def clean_phone(self) -> str:
        try:
            return parse_mobile(self.cleaned_data["phone"])
        except InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc


class InviteForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=30)
    category = forms.ChoiceField(label=_("类别"), choices=Participant.Category.choices)
    side = forms.CharField(label=_("观点或所代表的利益"), max_length=120, required=False)


class DrawForm(forms.Form):
    seats = forms.IntegerField(label=_("利害关系人抽签名额"), min_value=1, max_value=200)
    seed = forms.CharField(
        label=_("抽签种子（选填）"),
        max_length=64,
        required=False,
        help_text=_(
            "可用公开的数字（如当日某彩票开奖号码）；不填则随机生成。种子和报名编号一并公布，任何人可复核"
        ),
    )


class HearingMinutesForm(forms.Form):
    minutes = forms.CharField(label=_("听证会记录"), max_length=20000, widget=_rows(8))
    scan = forms.FileField(label=_("签字的听证记录扫描件（PDF/JPG/PNG）"), required=False)
    confirmed = forms.ModelMultipleChoiceField(
        label=_("已确认记录并签字的听证参加人"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opinions = forms.CharField(
        label=_("听证会上提出的意见（每行一条）"), required=False, widget=_rows(6)
    )

    def __init__(self, *args: Any, hearing: Hearing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["confirmed"]
        field.queryset = hearing.participants.exclude(signed_in_at=None)  # type: ignore[attr-defined]  # ModelChoiceField
        field.label_from_instance = lambda p: f"{p.name}（{p.get_category_display()}）"  # type: ignore[attr-defined]  # ModelChoiceField

    def clean_scan(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("scan")
        check_upload(upload, limit=MAX_SCAN_BYTES, images=True)
        return upload

    def opinion_lines(self) -> list[str]:
        return [
            line.strip()
            for line in self.cleaned_data.get("opinions", "").splitlines()
            if line.strip()
        ]


class HearingReportForm(forms.Form):
    report = forms.CharField(label=_("听证报告"), max_length=20000, widget=_rows(8))


class DelegateForm(forms.ModelForm[Delegate]):
    class Meta:
        model = Delegate
        fields = ["name", "category", "took_part"]
