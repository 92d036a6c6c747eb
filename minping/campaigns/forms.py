"""Forms for the office's campaign setup pages; every message is Chinese (msgid)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minping.campaigns.models import (
    Campaign,
    Category,
    Deadline,
    Department,
    DepartmentGroup,
    District,
    GroupMembership,
    Session,
    Venue,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CampaignForm(forms.ModelForm[Campaign]):
    class Meta:
        model = Campaign
        fields = ["year", "title", "intro", "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update({"inputmode": "numeric", "min": 2000})
        if self.instance.pk:
            self.fields["year"].disabled = True

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("请填写2000至2100之间的年份"))
        return int(year)


class CampaignScopedForm(forms.ModelForm[Any]):
    """A form for an object that belongs to one campaign (checked in ``clean``)."""

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        self.campaign = campaign
        super().__init__(*args, **kwargs)

    def _others(self, model: type[Any]) -> Any:
        others = model.objects.filter(campaign=self.campaign)
        return others.exclude(pk=self.instance.pk) if self.instance.pk else others


class SessionForm(CampaignScopedForm):
    class Meta:
        model = Session
        fields = ["number", "date", "half_day", "group"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, campaign=campaign, **kwargs)
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        group_field.queryset = campaign.groups.order_by("number")
        group_field.empty_label = _("（暂不指定）")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        others = self._others(Session)
        if data.get("number") and others.filter(number=data["number"]).exists():
            self.add_error("number", _("本年度已有第%(n)d场") % {"n": data["number"]})
        if (
            data.get("date")
            and data.get("half_day")
            and others.filter(date=data["date"], half_day=data["half_day"]).exists()
        ):
            self.add_error("half_day", _("这个日期的这个时段已经安排了场次"))
        group = data.get("group")
        if group and others.filter(group=group).exists():
            self.add_error("group", _("%(group)s已安排在另一场次") % {"group": group})
        return data


class VenueForm(CampaignScopedForm):
    class Meta:
        model = Venue
        fields = ["kind", "name", "district", "capacity", "address", "order"]

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, campaign=campaign, **kwargs)
        district_field = self.fields["district"]
        assert isinstance(district_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        district_field.queryset = District.objects.filter(is_active=True)
        district_field.help_text = _("分会场必须选择所在旗区；主会场不选。")
        self.fields["capacity"].widget.attrs["inputmode"] = "numeric"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, district = data.get("kind"), data.get("district")
        others = self._others(Venue)
        if kind == Venue.Kind.MAIN:
            data["district"] = None
            if others.filter(kind=Venue.Kind.MAIN).exists():
                self.add_error("kind", _("本年度已有主会场，每年只能有一个主会场"))
        elif kind == Venue.Kind.BRANCH:
            if district is None:
                self.add_error("district", _("分会场必须选择所在旗区"))
            elif others.filter(kind=Venue.Kind.BRANCH, district=district).exists():
                self.add_error(
                    "district", _("%(district)s已有分会场") % {"district": district.name}
                )
        return data


class DistrictForm(forms.ModelForm[District]):
    class Meta:
        model = District
        fields = ["name", "code", "order"]

    def clean_code(self) -> str:
        code = str(self.cleaned_data.get("code") or "").strip()
        if code and not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("行政区划代码应为6位数字"))
        return code


class DepartmentForm(forms.ModelForm[Department]):
    class Meta:
        model = Department
        fields = ["name", "short_name", "order"]


class GroupForm(CampaignScopedForm):
    """A group's number and name, and each department's place in its reporting order."""

    class Meta:
        model = DepartmentGroup
        fields = ["number", "name"]

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, campaign=campaign, **kwargs)
        memberships = {
            m.department_id: m
            for m in GroupMembership.objects.filter(campaign=campaign).select_related("group")
        }
        self.departments = list(Department.objects.filter(is_active=True))
        for department in self.departments:
            membership = memberships.get(department.pk)
            mine = membership is not None and membership.group_id == self.instance.pk
            field = forms.IntegerField(
                label=department.name,
                required=False,
                min_value=1,
                max_value=99,
                initial=membership.order if mine and membership else None,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            if membership is not None and not mine:
                field.help_text = _("已在%(group)s") % {"group": membership.group.name}
            self.fields[f"dept_{department.pk}"] = field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("number") and self._others(DepartmentGroup).filter(number=data["number"]):
            self.add_error("number", _("本年度已有第%(n)d组") % {"n": data["number"]})
        taken = {
            m.department_id: m.group.name
            for m in GroupMembership.objects.filter(campaign=self.campaign)
            .exclude(group_id=self.instance.pk)
            .select_related("group")
        }
        seen: dict[int, str] = {}
        for department in self.departments:
            key = f"dept_{department.pk}"
            order = data.get(key)
            if order is None:
                continue
            if department.pk in taken:
                self.add_error(
                    key,
                    _("%(department)s已在%(group)s，一个部门每年只能在一个组")
                    % {"department": department.name, "group": taken[department.pk]},
                )
            elif order in seen:
                self.add_error(
                    key,
                    _("述职顺序%(order)d与%(other)s重复") % {"order": order, "other": seen[order]},
                )
            else:
                seen[order] = department.name
        return data

    def ordered_departments(self) -> list[Department]:
        chosen = [
            (self.cleaned_data[f"dept_{d.pk}"], d)
            for d in self.departments
            if self.cleaned_data.get(f"dept_{d.pk}") is not None
        ]
        return [d for _order, d in sorted(chosen, key=lambda pair: pair[0])]


class CategoryForm(CampaignScopedForm):
    class Meta:
        model = Category
        fields = ["name", "code", "kind", "order"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("code") and self._others(Category).filter(code=data["code"]).exists():
            self.add_error("code", _("本年度已有代码为%(code)s的类别") % {"code": data["code"]})
        return data


class DeadlineForm(CampaignScopedForm):
    class Meta:
        model = Deadline
        fields = ["stage", "due", "note"]
        widgets = {"due": DATETIME_WIDGET}

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, campaign=campaign, **kwargs)
        due = self.fields["due"]
        assert isinstance(due, forms.DateTimeField)  # noqa: S101 - narrows the type
        due.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
        if self.instance.pk:
            self.fields["stage"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        stage = data.get("stage")
        if stage and self._others(Deadline).filter(stage=stage).exists():
            self.add_error("stage", _("这个阶段已经有截止时间，请修改原有节点"))
        return data


def default_deadline() -> Any:
    return timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0)
