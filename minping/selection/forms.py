"""Forms: every POST of the selection app is validated here, with a Chinese message per field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minping.campaigns.models import Department, District
from minping.lib import idnumber, phone
from minping.selection.frames import max_frame_bytes
from minping.selection.models import Draw, PoliticalStatus, Quota, Volunteer
from minping.selection.quotas import Adjustment, adjustment_errors

ALLOWED_SUFFIXES = (".xlsx", ".xls", ".csv")


class FrameUploadForm(forms.Form):
    file = forms.FileField(
        label=_("样本框文件"),
        help_text=_(
            "Excel（.xlsx/.xls）或CSV（UTF-8或GBK），列：姓名、工作单位、职务、民族、政治面貌、身份证号、联系电话、旗区。"
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(_("请上传 .xlsx、.xls 或 .csv 文件"))
        limit = max_frame_bytes()
        if upload.size and upload.size >= limit:
            raise forms.ValidationError(
                _("文件过大（%(size).1f MB），上限为%(max)d MB，请拆分后分批上传")
                % {"size": upload.size / 1048576, "max": limit // 1048576}
            )
        return upload


class FrameDepartmentForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("负责部门"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("统计局"),
    )


class MonthInput(forms.DateInput):
    input_type = "month"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return value.strftime("%Y-%m")
        return super().format_value(value)


YES_NO = [("no", _("否")), ("yes", _("是"))]


class VolunteerForm(forms.Form):
    """The 市民报名登记表, phone first."""

    phone = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    name = forms.CharField(label=_("姓名"), max_length=50)
    sex = forms.ChoiceField(
        label=_("性别"), choices=Volunteer.Sex.choices, widget=forms.RadioSelect
    )
    id_number = forms.CharField(
        label=_("身份证号码"), max_length=22, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    ethnicity = forms.CharField(label=_("民族"), max_length=20, initial="汉族")
    political_status = forms.ChoiceField(label=_("政治面貌"), choices=PoliticalStatus.choices)
    education = forms.ChoiceField(label=_("文化程度"), choices=Volunteer.Education.choices)
    province = forms.CharField(
        label=_("现居住地：省（自治区）"), max_length=20, initial="内蒙古自治区"
    )
    city = forms.CharField(label=_("市"), max_length=20, initial="鄂尔多斯市")
    district = forms.ModelChoiceField(
        label=_("旗（区）"), queryset=District.objects.all(), empty_label=_("请选择")
    )
    street = forms.CharField(label=_("街道（镇）"), max_length=50)
    address = forms.CharField(
        label=_("详细地址"),
        max_length=200,
        help_text=_("××路（村）××小区×号楼×单元×户"),
    )
    employer = forms.CharField(label=_("工作单位及职务"), max_length=200, required=False)
    is_migrant = forms.ChoiceField(
        label=_("是否为外来人员（非本市户籍）"),
        choices=YES_NO,
        initial="no",
        widget=forms.RadioSelect,
    )
    arrived_on = forms.DateField(
        label=_("来鄂起始年月"),
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d", "%Y年%m月"],
        widget=MonthInput(),
        help_text=_("外来人员填写，须在本市工作、学习、生活满一年"),
    )
    venue_choice = forms.ChoiceField(
        label=_("拟参加会场"),
        choices=Volunteer.VenueChoice.choices,
        widget=forms.RadioSelect,
        help_text=_("为方便参加评议，请就近选择所在旗区的分会场"),
    )
    session_choice = forms.TypedChoiceField(
        label=_("拟参加场次"),
        coerce=int,
        choices=[(1, _("第一场次")), (2, _("第二场次")), (3, _("第三场次"))],
        widget=forms.RadioSelect,
    )
    flexibility = forms.ChoiceField(
        label=_("是否服从调剂"), choices=Volunteer.Flexibility.choices, widget=forms.RadioSelect
    )
    truthful = forms.BooleanField(
        label=_("本人承诺所填信息真实，如与实际不符，取消报名资格"), required=True
    )

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self._parsed: idnumber.IdNumber | None = None

    def clean_phone(self) -> str:
        try:
            return phone.parse_mobile(self.cleaned_data["phone"])
        except phone.InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_id_number(self) -> str:
        try:
            parsed = idnumber.parse(self.cleaned_data["id_number"], today=self.today)
        except idnumber.InvalidIdNumber as exc:
            raise forms.ValidationError(str(exc)) from exc
        if parsed.age_on(self.today) < 18:
            raise forms.ValidationError(_("报名须年满18周岁"))
        self._parsed = parsed
        return parsed.value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self._parsed is not None and data.get("sex") and data["sex"] != self._parsed.sex:
            self.add_error("sex", _("性别与身份证号码不符"))
        if data.get("is_migrant") == "yes":
            arrived = data.get("arrived_on")
            if not arrived:
                self.add_error("arrived_on", _("外来人员请填写来鄂起始年月"))
            elif arrived > self.today:
                self.add_error("arrived_on", _("来鄂起始年月不能晚于今天"))
            elif _add_year(arrived) > self.today:
                self.add_error(
                    "arrived_on", _("非本市户籍人员须在本市工作、学习、生活满一年才能报名")
                )
        return data

    def volunteer_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        migrant = d["is_migrant"] == "yes"
        return {
            "name": d["name"].strip(),
            "sex": d["sex"],
            "political_status": d["political_status"],
            "education": d["education"],
            "id_number": d["id_number"],
            "ethnicity": d["ethnicity"].strip(),
            "province": d["province"].strip(),
            "city": d["city"].strip(),
            "district": d["district"],
            "street": d["street"].strip(),
            "address": d["address"].strip(),
            "employer": d["employer"].strip(),
            "phone": d["phone"],
            "is_migrant": migrant,
            "arrived_on": d["arrived_on"] if migrant else None,
            "venue_choice": d["venue_choice"],
            "session_choice": d["session_choice"],
            "flexibility": d["flexibility"],
        }


def _add_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class StatusLookupForm(forms.Form):
    reference = forms.CharField(label=_("报名编号"), max_length=12)
    phone_tail = forms.RegexField(
        label=_("手机号后4位"),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("请输入手机号码的最后4位数字")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
    )


class VolunteerReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("审核结果"),
        choices=[
            (Volunteer.Status.CONFIRMED, _("审核通过")),
            (Volunteer.Status.REJECTED, _("审核未通过")),
        ],
    )


class QuotaEditForm(forms.Form):
    """The counts of one venue in one session; the total is kept, branches move ≤ 10 %."""

    def __init__(self, *args: Any, quotas: list[Quota], is_branch: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quotas = quotas
        self.is_branch = is_branch
        for quota in quotas:
            self.fields[f"q{quota.pk}"] = forms.IntegerField(
                label=quota.category.name,
                min_value=0,
                max_value=2000,
                initial=quota.count,
                help_text=_("方案：%(n)d人") % {"n": quota.seed_count},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        rows = [Adjustment(q.seed_count, data[f"q{q.pk}"]) for q in self.quotas]
        for message in adjustment_errors(rows, is_branch=self.is_branch):
            self.add_error(None, message)
        return data

    def counts(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.quotas}


class CommitForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("抽样方式"), choices=Draw.Mode.choices, initial=Draw.Mode.SYSTEMATIC
    )
    seed = forms.CharField(
        label=_("种子"),
        required=False,
        max_length=128,
        help_text=_("留空则由系统生成128位随机种子。种子在揭示前保密，只公布其哈希值。"),
    )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("我已核对，确认执行"), required=True)


class ReplaceForm(forms.Form):
    reason = forms.CharField(
        label=_("退出原因"), max_length=200, help_text=_("例如：因病无法参加、联系不上")
    )
