"""Forms: every POST is validated here, with a Chinese message per field."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minping.campaigns.models import Department, District
from minping.hotline.actions import parse_slots
from minping.hotline.models import DutyMember, DutyPerson
from minping.lib.phone import InvalidPhone, parse_any, parse_mobile
from minping.suggestions.forms import clean_plain
from minping.suggestions.models import Area
from minping.suggestions.text import plain

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=DutyPerson.Kind.choices)
    name = forms.CharField(
        label=_("姓名"), max_length=30, error_messages={"required": _("请填写姓名。")}
    )
    title = forms.CharField(
        label=_("职务"),
        max_length=60,
        help_text=_("如“副市长”“局长”“主任”"),
        error_messages={"required": _("请填写职务。")},
    )
    department = forms.ModelChoiceField(
        label=_("所在部门（部门主要负责人必填）"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
    )
    phone = forms.CharField(
        label=_("手机（值班提醒用，加密保存）"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    order = forms.IntegerField(
        label=_("排班顺序"), min_value=0, max_value=999, initial=0, help_text=_("小的先排")
    )
    is_active = forms.BooleanField(label=_("参加排班"), required=False, initial=True)

    def clean_name(self) -> str:
        name = plain(self.cleaned_data["name"])
        if len(name) < 2:
            raise forms.ValidationError(_("请填写姓名。"))
        return name

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone", "").strip()
        if not value:
            return ""
        try:
            return parse_mobile(value)
        except InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == DutyPerson.Kind.HEAD and not data.get("department"):
            self.add_error("department", _("部门主要负责人须选择所在部门。"))
        return data


class UnavailabilityForm(forms.Form):
    start = forms.DateField(label=_("开始日期"), widget=DATE)
    end = forms.DateField(label=_("结束日期"), widget=DATE)
    reason = forms.CharField(label=_("原因（可选）"), max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("结束日期不能早于开始日期。"))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("值班人员名单（.xlsx/.xls/.csv）"),
        error_messages={"required": _("请选择要上传的文件。")},
    )


class RotaForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=80)
    start = forms.DateField(label=_("开始日期"), widget=DATE)
    end = forms.DateField(label=_("结束日期"), widget=DATE)
    slots = forms.CharField(
        label=_("每日接听时段"),
        max_length=100,
        initial="09:00-11:00",
        help_text=_("如 09:00-11:00；一天多个时段用逗号分隔，如 09:00-11:00,15:00-17:00"),
    )
    leaders_per_duty = forms.IntegerField(
        label=_("每班市政府领导人数"), min_value=0, max_value=5, initial=1
    )
    heads_per_duty = forms.IntegerField(
        label=_("每班部门主要负责人人数"), min_value=0, max_value=5, initial=1
    )
    hotline_number = forms.CharField(label=_("热线号码"), max_length=20, initial="12345")

    def clean_slots(self) -> str:
        try:
            slots = parse_slots(self.cleaned_data["slots"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in slots)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("结束日期不能早于开始日期。"))
        if data.get("leaders_per_duty") == 0 and data.get("heads_per_duty") == 0:
            self.add_error("heads_per_duty", _("每班至少安排一人。"))
        return data


class ReasonField(forms.CharField):
    def __init__(self) -> None:
        super().__init__(
            label=_("调整原因（排班已公布时必填，将在公示页显示）"),
            max_length=300,
            required=False,
        )


class SwapForm(forms.Form):
    first = forms.ModelChoiceField(label=_("值班一"), queryset=DutyMember.objects.none())
    second = forms.ModelChoiceField(label=_("值班二"), queryset=DutyMember.objects.none())
    reason = ReasonField()

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            field = self.fields[name]
            field.queryset = members if members is not None else DutyMember.objects.none()  # type: ignore[attr-defined]  # ModelChoiceField
            field.label_from_instance = _member_label  # type: ignore[attr-defined]  # ModelChoiceField

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first") and data.get("first") == data.get("second"):
            self.add_error("second", _("请选择另一个值班。"))
        return data


def _member_label(member: DutyMember) -> str:
    name = member.person.name if member.person else _("空缺")
    return f"{member.duty} {member.get_pool_display()} {name}"


class ReplaceForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("替换为"),
        queryset=DutyPerson.objects.none(),
        error_messages={"required": _("请选择替换人员。")},
    )
    reason = ReasonField()

    def __init__(self, *args: Any, kind: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = DutyPerson.objects.filter(  # type: ignore[attr-defined]  # ModelChoiceField
            kind=kind, is_active=True
        ).select_related("department")


class CallForm(forms.Form):
    """A call as the duty staff type it on the phone; every field keeps its input on error."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    received_at = forms.DateTimeField(
        label=_("来电时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        error_messages={"required": _("请填写来电时间。"), "invalid": _("来电时间格式不正确。")},
    )
    caller_name = forms.CharField(label=_("来电人姓名（可选）"), max_length=30, required=False)
    caller_phone = forms.CharField(
        label=_("来电号码（可选，加密保存）"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    district = forms.ModelChoiceField(
        label=_("所在旗区"),
        queryset=District.objects.filter(is_active=True),
        required=False,
        empty_label=_("未说明"),
    )
    area = forms.ModelChoiceField(
        label=_("问题类别"),
        queryset=Area.objects.all(),
        error_messages={"required": _("请选择问题类别。")},
    )
    subject = forms.CharField(
        label=_("事项"),
        max_length=60,
        help_text=_("一句话概括，如“老旧小区供暖不热”"),
        error_messages={"required": _("请填写事项。")},
    )
    summary = forms.CharField(
        label=_("来电内容"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        max_length=2000,
        error_messages={"required": _("请填写来电内容。")},
    )
    answer = forms.CharField(
        label=_("现场答复"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        max_length=1000,
        error_messages={"required": _("请填写现场答复情况。")},
    )
    needs_follow_up = forms.BooleanField(
        label=_("需要后续办理（转为意见建议，交有关部门办理）"), required=False
    )
    named_department = forms.ModelChoiceField(
        label=_("建议承办部门（可选）"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("由联席会议办公室分办"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("idempotency_key", secrets.token_urlsafe(24))
        self.initial.setdefault(
            "received_at", timezone.localtime().replace(second=0, microsecond=0)
        )

    def clean_caller_name(self) -> str:
        return plain(self.cleaned_data.get("caller_name", ""))

    def clean_caller_phone(self) -> str:
        value = self.cleaned_data.get("caller_phone", "").strip()
        if not value:
            return ""
        try:
            return parse_any(value)
        except InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_subject(self) -> str:
        return clean_plain(self.cleaned_data["subject"], min_length=2, max_length=60)

    def clean_summary(self) -> str:
        return clean_plain(self.cleaned_data["summary"], min_length=10, max_length=2000)

    def clean_answer(self) -> str:
        return clean_plain(self.cleaned_data["answer"], min_length=2, max_length=1000)

    def clean_received_at(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["received_at"]
        if value > timezone.now() + dt.timedelta(minutes=5):
            raise forms.ValidationError(_("来电时间不能晚于现在。"))
        return value


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("值班小结"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 1000}),
        max_length=1000,
        help_text=_("接听情况、反映的主要问题、现场解决和需交办的事项"),
        error_messages={"required": _("请填写值班小结。")},
    )

    def clean_summary(self) -> str:
        return clean_plain(self.cleaned_data["summary"], min_length=10, max_length=1000)


class RevealForm(forms.Form):
    purpose = forms.CharField(
        label=_("查看事由"), max_length=200, error_messages={"required": _("请填写查看事由。")}
    )
