"""Forms for department materials; each runs the seeds' rules and keeps the person's input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from minping.accounts.models import Role, User
from minping.campaigns.models import Department
from minping.departments import importing, rules
from minping.departments.charcount import count_chars
from minping.departments.models import PolicyDocument, ReviewerScope, Version
from minping.lib import excel


def _rule_errors(exc: rules.RuleError) -> forms.ValidationError:
    return forms.ValidationError([forms.ValidationError(m) for m in exc.messages])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# --- basic information, leaders, units, targets ------------------------------------------


class InfoForm(forms.Form):
    """Attachment 2: 部门基本信息."""

    info_file = forms.FileField(
        label=_("从Excel导入基本信息（可选）"),
        required=False,
        help_text=_("附件2格式（.xlsx）：名称在左、内容在右。导入的内容覆盖下方各项。"),
    )
    name = forms.CharField(label=_("机构名称"), max_length=80)
    office_phone = forms.CharField(label=_("办公电话"), max_length=40, required=False)
    complaint_phone = forms.CharField(label=_("投诉电话"), max_length=40, required=False)
    postcode = forms.RegexField(
        label=_("邮政编码"),
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": _("邮政编码应为6位数字。")},
    )
    fax = forms.CharField(label=_("传真号码"), max_length=40, required=False)
    hours = forms.CharField(label=_("办公时间"), max_length=100, required=False)
    address = forms.CharField(label=_("办公地址"), max_length=200, required=False)
    website = forms.URLField(label=_("办公网址"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    duties = forms.CharField(
        label=_("主要职能"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("应与本部门网上公开的职能相同。"),
    )
    leaders_file = forms.FileField(
        label=_("从Excel导入领导信息（可选）"),
        required=False,
        help_text=_("表头：姓名、职务、工作分工。导入后替换下方领导列表。"),
    )
    units_file = forms.FileField(
        label=_("从Excel导入内设（下设）机构（可选）"),
        required=False,
        help_text=_("表头：机构名称、职能、办公电话。导入后替换下方机构列表。"),
    )

    FIELDS = [
        "name",
        "office_phone",
        "complaint_phone",
        "postcode",
        "fax",
        "hours",
        "address",
        "website",
        "email",
        "duties",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.files.get("info_file"):
            # The imported sheet may fill these; clean() checks them after the merge.
            self.fields["name"].required = False
            self.fields["duties"].required = False

    def clean_info_file(self) -> dict[str, str] | None:
        upload = self.cleaned_data.get("info_file")
        if not upload:
            return None
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("基本信息请用附件2格式的.xlsx文件导入。"))
        try:
            records = importing.read_form_blocks(upload.read(), importing.INFO_LABELS)
        except importing.FormLayoutError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if not records:
            raise forms.ValidationError(_("文件中没有找到“机构名称”及其内容。"))
        return records[0]

    def clean_leaders_file(self) -> list[dict[str, str]] | None:
        return _import_blocks_or_rows(
            self.cleaned_data.get("leaders_file"), importing.LEADER_LABELS, LEADER_COLUMNS
        )

    def clean_units_file(self) -> list[dict[str, str]] | None:
        return _import_blocks_or_rows(
            self.cleaned_data.get("units_file"), importing.UNIT_LABELS, UNIT_COLUMNS
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        imported = cleaned.get("info_file")
        if imported:
            for key, value in imported.items():
                if value:
                    cleaned[key] = value
        for key in ("name", "duties"):
            if not cleaned.get(key) and key not in self.errors:
                self.add_error(key, self.fields[key].error_messages["required"])
        return cleaned

    def info(self) -> dict[str, str]:
        return {name: str(self.cleaned_data.get(name) or "") for name in self.FIELDS}


LEADER_COLUMNS = {"name": ["姓名"], "title": ["职务"], "duties": ["工作分工", "分工"]}
UNIT_COLUMNS = {
    "name": ["机构名称", "名称"],
    "duties": ["职能", "主要职能"],
    "phone": ["办公电话", "电话"],
}
TARGET_COLUMNS = {
    "category": ["类别"],
    "seq": ["序号"],
    "name": ["目标名称"],
    "content": ["目标内容"],
}


def _import_blocks_or_rows(
    upload: UploadedFile | None, labels: dict[str, list[str]], columns: dict[str, list[str]]
) -> list[dict[str, str]] | None:
    """The seeds' form layout (a block per leader/unit) or a header-row table."""
    if not upload:
        return None
    if (upload.name or "").lower().endswith(".xlsx"):
        data = upload.read()
        upload.seek(0)
        try:
            blocks = importing.read_form_blocks(data, labels)
        except importing.FormLayoutError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if blocks:
            return blocks
    return _import_rows(upload, columns, {"name"})


def _import_rows(
    upload: UploadedFile | None, columns: dict[str, list[str]], required: set[str]
) -> list[dict[str, str]] | None:
    if not upload:
        return None
    try:
        table = excel.read_table(upload.read(), upload.name or "", columns, required)
    except excel.TableError as exc:
        raise forms.ValidationError(
            [forms.ValidationError(p.reason) for p in exc.problems]
        ) from exc
    rows: list[dict[str, str]] = []
    problems: list[str] = []
    for row in table:
        values = {key: row.values.get(key, "").strip() for key in columns}
        missing = [columns[key][0] for key in required if not values[key]]
        if missing:
            problems.append(
                str(
                    _("第%(row)d行缺少“%(col)s”。") % {"row": row.number, "col": "、".join(missing)}
                )
            )
            continue
        rows.append(values)
    if problems:
        raise forms.ValidationError(problems[:20])
    if not rows:
        raise forms.ValidationError(_("表格中没有数据行。"))
    return rows


class LeaderForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40)
    title = forms.CharField(label=_("职务"), max_length=80)
    duties = forms.CharField(
        label=_("工作分工"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class UnitForm(forms.Form):
    name = forms.CharField(label=_("机构名称"), max_length=80)
    duties = forms.CharField(
        label=_("职能"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    phone = forms.CharField(label=_("办公电话"), max_length=40, required=False)


class TargetForm(forms.Form):
    category = forms.CharField(label=_("类别"), max_length=40, required=False)
    seq = forms.CharField(label=_("序号"), max_length=10, required=False)
    name = forms.CharField(label=_("目标名称"), max_length=120)
    content = forms.CharField(label=_("目标内容"), widget=forms.Textarea(attrs={"rows": 3}))


LeaderFormSet = formset_factory(LeaderForm, extra=2, can_delete=True)
UnitFormSet = formset_factory(UnitForm, extra=2, can_delete=True)
TargetFormSet = formset_factory(TargetForm, extra=2, can_delete=True)


def formset_rows(formset: forms.BaseFormSet) -> list[dict[str, str]]:  # type: ignore[type-arg]  # any form
    """The filled rows, in order: rows kept from the last version count, deleted ones do not."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE") or not any(v for k, v in data.items() if k != "DELETE"):
            continue
        rows.append({k: str(v) for k, v in data.items() if k != "DELETE"})
    return rows


class TargetsImportForm(forms.Form):
    file = forms.FileField(
        label=_("从Excel导入业务目标（可选）"),
        required=False,
        help_text=_("附件1格式，表头：类别、序号、目标名称、目标内容。导入后替换下方列表。"),
    )

    def clean_file(self) -> list[dict[str, str]] | None:
        return _import_rows(self.cleaned_data.get("file"), TARGET_COLUMNS, {"name", "content"})


# --- texts and files ---------------------------------------------------------------------


class WarningsMixin:
    warnings: list[str]

    def _apply(self, findings: list[rules.Finding], field: str) -> None:
        errors = [f.message for f in findings if f.level == "error"]
        self.warnings = [f.message for f in findings if f.level == "warning"]
        if errors:
            self.add_error(field, errors)  # type: ignore[attr-defined]  # mixed into a Form


class ReportForm(WarningsMixin, forms.Form):
    body = forms.CharField(
        label=_("述职报告正文"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "约2000字。每个部分另起一行，用“一、”“二、”……开头作标题；也可粘贴Word内容。"
            "五个必备部分：年度职能目标完成情况；“放管服”改革和优化营商环境成效；"
            "人大建议政协提案办理；热线和媒体曝光问题办理；存在问题和下年打算。"
        ),
    )
    signed_page = forms.FileField(
        label=_("主要负责人签字页（PDF或照片）"),
        required=False,
        help_text=_("提交审核前须上传；已上传过的可不再上传。"),
    )

    def clean_signed_page(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("signed_page")
        if upload:
            try:
                rules.check_signed_page(upload)
            except rules.RuleError as exc:
                raise _rule_errors(exc) from exc
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        raw = cleaned.get("body") or ""
        html, unsafe = rules.sanitize(raw)
        text = rules.html_to_text(html)
        self._apply(rules.check_report_text(html, text, unsafe), "body")
        cleaned.update(html=html, text=text, char_count=count_chars(text))
        return cleaned


class PressForm(WarningsMixin, forms.Form):
    title = forms.CharField(label=_("标题"), max_length=120)
    body = forms.CharField(
        label=_("新闻通稿正文"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("1500字以内，在述职报告基础上按新闻通稿要求修改。"),
    )
    photos = MultipleFileField(label=_("照片（可选，可多选，每张不超过5MB）"), required=False)

    def clean_photos(self) -> list[UploadedFile]:
        photos: list[UploadedFile] = self.cleaned_data.get("photos") or []
        errors: list[str] = []
        for photo in photos[:9]:
            try:
                rules.check_image(photo, what=str(_("照片")))
            except rules.RuleError as exc:
                errors.extend(exc.messages)
        if len(photos) > 9:
            errors.append(str(_("照片最多9张。")))
        if errors:
            raise forms.ValidationError(errors)
        return photos

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        html, unsafe = rules.sanitize(cleaned.get("body") or "")
        text = rules.html_to_text(html)
        self._apply(rules.check_press_text(text, unsafe), "body")
        cleaned.update(html=html, text=text, char_count=count_chars(text))
        return cleaned


class InfographicForm(WarningsMixin, forms.Form):
    image = forms.FileField(
        label=_("图说政府工作（图片，不超过5MB）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    intro = forms.CharField(
        label=_("导语"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("200字以内，解读本部门工作亮点。"),
    )

    def __init__(self, *args: Any, previous: Version | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.previous = previous
        self.warnings = []

    def clean_image(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("image")
        if not upload:
            if self.previous is None or not self.previous.file:
                raise forms.ValidationError(_("请上传图片。"))
            return None
        try:
            rules.check_image(upload)
        except rules.RuleError as exc:
            raise _rule_errors(exc) from exc
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        intro = (cleaned.get("intro") or "").strip()
        self._apply(rules.check_intro(intro), "intro")
        cleaned.update(text=intro, char_count=count_chars(intro))
        return cleaned


class SlidesForm(forms.Form):
    file = forms.FileField(
        label=_("述职课件（PPT或PPTX，16:9，不得带声音或视频）"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".ppt,.pptx,application/vnd.ms-powerpoint,"
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        try:
            self.report = rules.check_slides(upload)
        except rules.RuleError as exc:
            raise _rule_errors(exc) from exc
        return upload


# --- review, office ----------------------------------------------------------------------


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    signer = forms.CharField(label=_("签字的分管领导"), max_length=50, required=False)
    signed_page = forms.FileField(label=_("分管领导签字页（PDF或照片）"), required=False)

    def clean_signed_page(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("signed_page")
        if upload:
            try:
                rules.check_signed_page(upload)
            except rules.RuleError as exc:
                raise _rule_errors(exc) from exc
        return upload


class ScopeForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("审核人员"), queryset=User.objects.filter(role=Role.REVIEWER, is_active=True)
    )
    kind = forms.ChoiceField(label=_("审核类型"), choices=ReviewerScope.Kind.choices)
    departments = forms.ModelMultipleChoiceField(
        label=_("分管口部门"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("公开性审核不选部门表示负责全部部门。"),
    )
    remove = forms.BooleanField(label=_("撤销该审核人员的这类分工"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("remove"):
            cleaned["departments"] = []
        elif cleaned.get("kind") == ReviewerScope.Kind.DESK and not cleaned.get("departments"):
            self.add_error("departments", _("政务科室审核须至少选择一个部门。"))
        return cleaned


VIDEO_SUFFIXES = {"mp4", "webm", "m4v", "mov"}
VIDEO_MAX_BYTES = 2 * 1024 * 1024 * 1024


class VideoForm(forms.Form):
    file = forms.FileField(label=_("上传视频文件（MP4/WebM）"), required=False)
    url = forms.URLField(label=_("或填写视频链接"), required=False, assume_scheme="https")

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("file")
        if upload:
            name = upload.name or ""
            suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            if suffix not in VIDEO_SUFFIXES:
                raise forms.ValidationError(_("视频须为MP4或WebM格式。"))
            if upload.size and upload.size > VIDEO_MAX_BYTES:
                raise forms.ValidationError(_("视频文件超过2GB的上限，请改填视频链接。"))
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("file") and not cleaned.get("url") and not self.errors:
            raise forms.ValidationError(_("请上传视频文件或填写视频链接。"))
        return cleaned


class PolicyForm(forms.ModelForm):  # type: ignore[type-arg]  # django-stubs generic
    class Meta:
        model = PolicyDocument
        fields = ["title", "number", "issued_on", "summary", "body"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }


class SearchForm(forms.Form):
    q = forms.CharField(label=_("搜索"), max_length=50, required=False)
