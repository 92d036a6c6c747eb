"""Forms of the meetings app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from minping.campaigns.models import Session, Venue
from minping.meetings.actions import TIMER_COMMANDS
from minping.meetings.models import Credential, SeatLayout


class AgendaForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=pgettext_lazy("meetings", "开始时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    slot_minutes = forms.DecimalField(
        label=_("每位述职时长（分钟）"),
        min_value=0.5,
        max_value=60,
        decimal_places=1,
        help_text=_("按活动方案为10分钟；剩余1分钟时提醒一次，时间到再提醒一次。"),
    )
    all_sessions = forms.BooleanField(label=_("述职时长用于本年度全部场次"), required=False)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("上移")), ("down", _("下移"))])


class PressLaneForm(forms.Form):
    on = forms.BooleanField(required=False)


class TimerForm(forms.Form):
    command = forms.ChoiceField(choices=[(c, c) for c in TIMER_COMMANDS])


class CredentialForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("证件类型"),
        choices=[c for c in Credential.Kind.choices if c[0] != Credential.Kind.REPRESENTATIVE],
    )
    name = forms.CharField(label=_("姓名"), max_length=50)
    unit = forms.CharField(label=_("单位/媒体"), max_length=100, required=False)
    venues = forms.ModelMultipleChoiceField(
        label=_("可进入的会场"),
        queryset=Venue.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, campaign: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venues"].queryset = Venue.objects.filter(campaign=campaign)  # type: ignore[attr-defined]  # a ModelMultipleChoiceField


class ImportForm(forms.Form):
    file = forms.FileField(label=_("证件名单（.xlsx / .csv）"))


class FilterForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_("场次"), queryset=Session.objects.none(), required=False, empty_label=_("全部场次")
    )
    venue = forms.ModelChoiceField(
        label=pgettext_lazy("meetings", "会场"),
        queryset=Venue.objects.none(),
        required=False,
        empty_label=_("全部会场"),
    )
    kind = forms.ChoiceField(
        label=_("证件类型"), choices=[("", _("全部类型")), *Credential.Kind.choices], required=False
    )

    def __init__(self, *args: Any, campaign: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(campaign=campaign)  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["venue"].queryset = Venue.objects.filter(campaign=campaign)  # type: ignore[attr-defined]  # a ModelChoiceField


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("证件码"),
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autofocus": True,
                "inputmode": "text",
                "enterkeyhint": "go",
            }
        ),
    )


class ManualCheckInForm(forms.Form):
    representative = forms.IntegerField(widget=forms.HiddenInput)


class ReplaceForm(forms.Form):
    reason = forms.CharField(
        label=_("替补原因"), max_length=200, initial=_("开会前未到场，联系不上")
    )


class LayoutForm(forms.ModelForm[SeatLayout]):
    class Meta:
        model = SeatLayout
        fields = [
            "rows",
            "seats_per_row",
            "aisles_after",
            "leader_rows",
            "speaker_rows",
            "press_rows",
            "staff_rows",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rows = data.get("rows") or 0
        for field in ("leader_rows", "speaker_rows", "press_rows", "staff_rows"):
            text = data.get(field) or ""
            parts = [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]
            if any(not p.isdigit() or not 1 <= int(p) <= rows for p in parts):
                self.add_error(field, _("请填写1到%(rows)d之间的排号，用逗号分隔") % {"rows": rows})
        if rows > 200 or (data.get("seats_per_row") or 0) > 200:
            self.add_error(None, _("每个方向最多200"))
        return data


class MoveSeatForm(forms.Form):
    assignment = forms.IntegerField(widget=forms.HiddenInput)
    row = forms.IntegerField(label=_("排"), min_value=1)
    seat = forms.IntegerField(label=_("座"), min_value=1)


class DisciplineForm(forms.Form):
    venue = forms.ModelChoiceField(
        label=pgettext_lazy("meetings", "会场"), queryset=Venue.objects.none()
    )
    observed_at = forms.DateTimeField(
        label=_("时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    text = forms.CharField(
        label=_("情况"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, campaign: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(campaign=campaign)  # type: ignore[attr-defined]  # a ModelChoiceField
