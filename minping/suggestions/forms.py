"""Forms: every POST is validated here, with a Chinese message per field."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from typing import Any

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from minping.campaigns.models import Department, District
from minping.lib.phone import InvalidPhone, parse_any, parse_mobile
from minping.suggestions.models import Area, Assignment, ContactRecord, Suggestion
from minping.suggestions.text import plain

TEXT_MIN = 10
TEXT_MAX = 2000
MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def plain_text_field(label: Any, *, min_length: int = 0, max_length: int, **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": kw.pop("rows", 5), "maxlength": max_length}),
        max_length=max_length * 2,  # the raw input may carry markup that is removed
        error_messages={
            "required": _("请填写此项。"),
            "max_length": _("内容过长。"),
        },
        **kw,
    )


def clean_plain(value: str, *, min_length: int, max_length: int) -> str:
    text = plain(value)
    if len(text) < min_length:
        raise forms.ValidationError(
            _("内容太短（去除格式后不足%(n)d个字），请写清楚具体意见建议。"),
            params={"n": min_length},
        )
    if len(text) > max_length:
        raise forms.ValidationError(
            _("内容不能超过%(n)d个字（现有%(m)d个字）。"), params={"n": max_length, "m": len(text)}
        )
    return text


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Up to three photos, each checked by Pillow to be a real JPEG/PNG/WebP/GIF image."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = [f for f in (data or []) if f] if isinstance(data, list | tuple) else []
        if data and not isinstance(data, list | tuple):
            files = [data]
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(_("最多上传%(n)d张照片。"), params={"n": MAX_PHOTOS})
        for upload in files:
            if upload.size and upload.size > MAX_PHOTO_BYTES:
                raise forms.ValidationError(
                    _("照片“%(name)s”超过5MB，请压缩后再上传。"), params={"name": upload.name}
                )
            try:
                image = Image.open(upload)
                image.verify()
            except (
                UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError,
                ValueError,
            ) as exc:  # fmt: skip
                raise forms.ValidationError(
                    _("“%(name)s”不是有效的图片，只支持 JPG、PNG、WebP 格式的照片。"),
                    params={"name": upload.name},
                ) from exc
            if image.format not in PHOTO_FORMATS:
                raise forms.ValidationError(
                    _("“%(name)s”的格式不受支持，只支持 JPG、PNG、WebP 格式的照片。"),
                    params={"name": upload.name},
                )
        cleaned = []
        for upload in files:
            try:
                cleaned.append(self._without_metadata(upload))
            except (Image.DecompressionBombError, OSError, ValueError) as exc:
                raise forms.ValidationError(
                    _("“%(name)s”不是有效的图片，只支持 JPG、PNG、WebP 格式的照片。"),
                    params={"name": upload.name},
                ) from exc
        return cleaned

    @staticmethod
    def _without_metadata(upload: UploadedFile) -> UploadedFile:
        """Re-encodes the image: drops EXIF (GPS position, camera serial) and other metadata."""
        upload.seek(0)
        with Image.open(upload) as opened:
            fmt = opened.format or "PNG"
            image = ImageOps.exif_transpose(opened)
            if fmt == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, format=fmt)
        extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[fmt]
        clean = SimpleUploadedFile(
            f"photo.{extension}", buffer.getvalue(), content_type=f"image/{extension}"
        )
        clean.image_width, clean.image_height = image.size  # type: ignore[attr-defined]  # read back by do_submit
        return clean


class IdempotentForm(forms.Form):
    """Carries a one-time key from the rendered form to the action (double clicks)."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", secrets.token_urlsafe(24))


class SuggestionFields(IdempotentForm):
    area = forms.ModelChoiceField(
        label=_("参考范围"),
        queryset=Area.objects.all(),
        empty_label=_("请选择意见建议所属方面"),
        error_messages={"required": _("请选择参考范围。")},
    )
    title = forms.CharField(
        label=_("标题"),
        max_length=60,
        help_text=_("一句话概括，例如：关于延长集中供暖时间的建议"),
        error_messages={"required": _("请填写标题。"), "max_length": _("标题不超过60个字。")},
    )
    text = plain_text_field(_("意见建议内容"), max_length=TEXT_MAX, rows=8)
    named_department = forms.ModelChoiceField(
        label=_("建议办理部门（可不选）"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("不确定，由联席会议办公室分办"),
    )
    photos = MultipleImageField(
        label=_("照片（可选，最多3张）"),
        required=False,
        help_text=_("支持 JPG、PNG、WebP，每张不超过5MB"),
    )

    def clean_title(self) -> str:
        return clean_plain(self.cleaned_data["title"], min_length=2, max_length=60)

    def clean_text(self) -> str:
        return clean_plain(self.cleaned_data["text"], min_length=TEXT_MIN, max_length=TEXT_MAX)


class PersonFields(forms.Form):
    name = forms.CharField(
        label=_("姓名（实名）"), max_length=30, error_messages={"required": _("请填写真实姓名。")}
    )
    age = forms.IntegerField(
        label=_("年龄"),
        min_value=14,
        max_value=120,
        error_messages={
            "required": _("请填写年龄。"),
            "min_value": _("年龄须在14至120岁之间。"),
            "max_value": _("年龄须在14至120岁之间。"),
            "invalid": _("请填写数字。"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    phone = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        help_text=_("仅用于办理单位与您联系，不会公开"),
        error_messages={"required": _("请填写手机号码。")},
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    work_unit = forms.CharField(label=_("工作单位（可选）"), max_length=100, required=False)

    def clean_name(self) -> str:
        name = plain(self.cleaned_data["name"])
        if len(name) < 2:
            raise forms.ValidationError(_("请填写真实姓名。"))
        return name

    def clean_phone(self) -> str:
        try:
            return parse_mobile(self.cleaned_data["phone"])
        except InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc


class CitizenSubmitForm(SuggestionFields, PersonFields):
    """A citizen's suggestion from the phone: real name, age, phone with an SMS code."""

    code = forms.CharField(
        label=_("短信验证码"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    field_order = ["area", "title", "text", "named_department", "photos", "name", "age",
                   "work_unit", "phone", "code"]  # fmt: skip

    def clean_code(self) -> str:
        code = str(self.cleaned_data.get("code", "")).strip()
        if code and not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("验证码是6位数字。"))
        return code


class PhoneOnlyForm(forms.Form):
    phone = PersonFields.base_fields["phone"]

    def clean_phone(self) -> str:
        try:
            return parse_mobile(self.cleaned_data["phone"])
        except InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc


class RepresentativeSubmitForm(SuggestionFields):
    """A signed-in representative: name and phone come from the account."""


class StaffEntryForm(SuggestionFields, PersonFields):
    """Staff typing a paper form, a venue card or a phone call."""

    channel = forms.ChoiceField(
        label=_("渠道"),
        choices=[
            (Suggestion.Channel.VENUE, Suggestion.Channel.VENUE.label),
            (Suggestion.Channel.PHONE, Suggestion.Channel.PHONE.label),
            (Suggestion.Channel.PAPER, Suggestion.Channel.PAPER.label),
        ],
    )
    is_representative = forms.BooleanField(label=_("建议人是市民代表"), required=False)
    district = forms.ModelChoiceField(
        label=_("所在旗区"), queryset=District.objects.all(), required=False
    )
    field_order = ["channel", "is_representative", "district", "name", "age", "phone",
                   "work_unit", "area", "title", "text", "named_department", "photos"]  # fmt: skip


# --- office ---------------------------------------------------------------------------------


class DispatchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("交办类型"),
        choices=Assignment.Kind.choices,
        widget=forms.RadioSelect,
        initial=Assignment.Kind.TRANSFER,
        help_text=_("转办件须逐件办理答复；转阅件供参考，归类研究后在办理情况报告中体现"),
    )
    area = forms.ModelChoiceField(label=_("参考范围（确认）"), queryset=Area.objects.all())
    lead = forms.ModelChoiceField(
        label=_("主办单位"),
        queryset=Department.objects.filter(is_active=True),
        error_messages={"required": _("请选择主办单位。")},
    )
    co_units = forms.ModelMultipleChoiceField(
        label=_("协办单位（可多选）"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    merge = forms.ModelMultipleChoiceField(
        label=_("并案办理（相似的待交办意见建议，分别答复）"),
        queryset=Suggestion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("交办说明"), max_length=300, required=False)

    def __init__(self, *args: Any, merge_choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if merge_choices is not None:
            self.fields["merge"].queryset = merge_choices  # type: ignore[attr-defined]  # ModelMultipleChoiceField
        else:
            del self.fields["merge"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lead = data.get("lead")
        if lead is not None and lead in (data.get("co_units") or []):
            self.add_error("co_units", _("主办单位不能同时是协办单位。"))
        return data


class ScreenOutForm(forms.Form):
    reason = forms.ChoiceField(label=_("不予交办原因"), choices=Suggestion.Invalid.choices)
    note = forms.CharField(
        label=_("告知建议人的说明（例如应通过哪个渠道反映）"),
        max_length=300,
        error_messages={"required": _("请填写说明。")},
    )


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("撤下理由"), max_length=200, error_messages={"required": _("请填写撤下理由。")}
    )


class RevealForm(forms.Form):
    purpose = forms.CharField(
        label=_("查看事由"), max_length=200, error_messages={"required": _("请填写查看事由。")}
    )


class DecideObjectionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("决定"),
        choices=[("accept", _("同意改派")), ("reject", _("维持原交办"))],
        widget=forms.RadioSelect,
    )
    new_department = forms.ModelChoiceField(
        label=_("改派至"), queryset=Department.objects.filter(is_active=True), required=False
    )
    note = forms.CharField(label=_("说明"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "accept" and not data.get("new_department"):
            self.add_error("new_department", _("同意改派时请选择新的承办单位。"))
        return data


class ReassignForm(forms.Form):
    new_department = forms.ModelChoiceField(
        label=_("改派至"),
        queryset=Department.objects.filter(is_active=True),
        error_messages={"required": _("同意改派时请选择新的承办单位。")},
    )
    note = forms.CharField(
        label=_("改派理由"), max_length=300, error_messages={"required": _("请填写改派理由。")}
    )


class DecideExtensionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审批"),
        choices=[("approve", _("同意延期")), ("refuse", _("不同意延期"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class ApproveReplyForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核"),
        choices=[("approve", _("通过，办结")), ("return", _("退回重办"))],
        widget=forms.RadioSelect,
    )
    publish = forms.BooleanField(label=_("在意见建议公开栏发布"), required=False)
    public_text = forms.CharField(
        label=_("公开内容（已去除个人信息，可修改）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=TEXT_MAX,
    )
    reason = forms.CharField(label=_("退回理由"), max_length=300, required=False)

    def clean_public_text(self) -> str:
        return plain(self.cleaned_data.get("public_text", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not data.get("reason"):
            self.add_error("reason", _("退回时请填写理由。"))
        if (
            data.get("decision") == "approve"
            and data.get("publish")
            and not data.get("public_text")
        ):
            self.add_error("public_text", _("发布时请填写公开内容。"))
        return data


# --- unit -----------------------------------------------------------------------------------


class ObjectionForm(forms.Form):
    prefix_name = "objection"

    reason = forms.CharField(
        label=_("异议理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请说明不属于本单位职责的理由。")},
    )
    proposed = forms.ModelChoiceField(
        label=_("建议改派单位（可选）"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
    )


class ContactForm(IdempotentForm):
    prefix_name = "contact"

    contacted_at = forms.DateTimeField(
        label=_("联系时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"required": _("请填写联系时间。"), "invalid": _("时间格式不正确。")},
    )
    method = forms.ChoiceField(label=_("联系方式"), choices=ContactRecord.Method.choices)
    reached = forms.BooleanField(label=_("已联系上建议人"), required=False, initial=True)
    note = forms.CharField(
        label=_("沟通情况"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请简要记录沟通情况。")},
    )

    def clean_contacted_at(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["contacted_at"]
        if value > timezone.now() + dt.timedelta(minutes=5):
            raise forms.ValidationError(_("联系时间不能晚于现在。"))
        return value

    def clean_note(self) -> str:
        return clean_plain(self.cleaned_data["note"], min_length=2, max_length=500)


class MessageForm(IdempotentForm):
    prefix_name = "message"

    text = forms.CharField(
        label=_("发给建议人的短信内容"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("平台代发短信，单位看不到建议人的手机号码"),
        error_messages={"required": _("请填写短信内容。")},
    )

    def clean_text(self) -> str:
        return clean_plain(self.cleaned_data["text"], min_length=5, max_length=200)


class ExtensionForm(forms.Form):
    prefix_name = "extension"

    days = forms.IntegerField(
        label=_("延期工作日数（1至5）"),
        min_value=1,
        max_value=5,
        error_messages={
            "min_value": _("延期时长为1至5个工作日。"),
            "max_value": _("延期时长一般在5个工作日内。"),
            "required": _("请填写延期天数。"),
        },
    )
    progress = forms.CharField(
        label=_("延期理由及阶段性工作进展"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={"required": _("延期理由须说明阶段性工作进展。")},
    )

    def clean_progress(self) -> str:
        return clean_plain(self.cleaned_data["progress"], min_length=10, max_length=1000)


class ReplyForm(forms.Form):
    prefix_name = "reply"

    text = plain_text_field(_("答复内容"), max_length=TEXT_MAX, rows=6)
    public = forms.BooleanField(label=_("答复可公开"), required=False, initial=True)
    result = forms.ChoiceField(
        label=_("办理结果"), choices=[("", "—")] + list(Assignment.Result.choices), required=False
    )
    validity = forms.ChoiceField(label=_("审查结论"), choices=Assignment.Validity.choices)
    publishable = forms.BooleanField(label=_("意见建议可公开发布"), required=False, initial=True)
    not_public_reason = forms.CharField(
        label=_("不予公开的理由及是否通过其他方式回复"), max_length=200, required=False
    )
    theme = forms.CharField(
        label=_("意见建议主题"),
        max_length=60,
        help_text=_("用于审查表和办理情况报告的归类，例如：集中供暖"),
        error_messages={"required": _("请填写意见建议主题。")},
    )
    plan = forms.ChoiceField(label=_("拟纳入"), choices=Assignment.Plan.choices, required=False)

    def clean_text(self) -> str:
        return clean_plain(self.cleaned_data["text"], min_length=TEXT_MIN, max_length=TEXT_MAX)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        valid = data.get("validity") == Assignment.Validity.VALID
        if valid and not data.get("publishable") and not data.get("not_public_reason"):
            self.add_error("not_public_reason", _("不予公开发布的，请说明理由。"))
        return data


class HandlerForm(IdempotentForm):
    name = forms.CharField(label=_("办理人员"), max_length=50)
    title = forms.CharField(label=_("职务"), max_length=60)
    landline = forms.CharField(label=_("座机"), max_length=20, required=False)
    mobile = PersonFields.base_fields["phone"]

    def clean_landline(self) -> str:
        value = self.cleaned_data.get("landline", "")
        if not value:
            return ""
        try:
            return parse_any(value)
        except InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_mobile(self) -> str:
        try:
            return parse_mobile(self.cleaned_data["mobile"])
        except InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("您对办理答复的评价"), choices=Suggestion.Rating.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("说明（可选）"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("申请重办的理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请说明不满意的原因。")},
    )


class SignoffForm(forms.Form):
    opinion = forms.CharField(
        label=_("单位审核意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class ExcellentForm(forms.Form):
    picks = forms.ModelMultipleChoiceField(
        label=_("推荐的优秀意见建议（5至10条）"),
        queryset=Assignment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请选择要推荐的意见建议。")},
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["picks"]
        field.queryset = choices  # type: ignore[attr-defined]  # ModelMultipleChoiceField
        field.label_from_instance = lambda a: f"{a.suggestion.number} {a.suggestion.title}"  # type: ignore[attr-defined]  # ModelMultipleChoiceField

    def clean_picks(self) -> Any:
        picks = self.cleaned_data["picks"]
        if len(picks) > 10:
            raise forms.ValidationError(_("最多推荐10条。"))
        return picks


class LinkedItemsForm(forms.Form):
    """Lets a unit link its own assignments to a report (typical case, meeting)."""

    assignments = forms.ModelMultipleChoiceField(
        label=_("涉及的意见建议（可选）"),
        queryset=Assignment.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("只能选择交办给本单位的意见建议。")},
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args: Any, choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignments"]
        if choices is not None:
            field.queryset = choices  # type: ignore[attr-defined]  # ModelMultipleChoiceField
        field.label_from_instance = lambda a: f"{a.suggestion.number} {a.suggestion.title}"  # type: ignore[attr-defined]  # ModelMultipleChoiceField


class ExcellentDetailsForm(forms.Form):
    title = forms.CharField(label=_("意见建议标题"), max_length=80)
    position = forms.CharField(label=_("建议人职务"), max_length=60, required=False)
    party = forms.CharField(label=_("建议人党派"), max_length=30, required=False)


class WeeklyCaseForm(LinkedItemsForm):
    title = forms.CharField(label=_("典型案例"), max_length=80)
    progress = forms.CharField(
        label=_("办理进展和经验做法"), widget=forms.Textarea(attrs={"rows": 5}), max_length=3000
    )
    field_order = ["title", "progress", "assignments"]

    def clean_progress(self) -> str:
        return clean_plain(self.cleaned_data["progress"], min_length=10, max_length=3000)


class MeetingForm(LinkedItemsForm):
    theme = forms.CharField(label=_("恳谈主题"), max_length=80)
    held_on = forms.DateField(label=_("恳谈日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("地点"), max_length=100)
    participants = forms.IntegerField(label=_("参加市民人数"), min_value=1, max_value=5000)
    summary = forms.CharField(
        label=_("恳谈情况（集中答复、走访调研等）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
    )

    def clean_summary(self) -> str:
        return clean_plain(self.cleaned_data["summary"], min_length=10, max_length=3000)
