"""Navigation links and dashboard cards for suggestions (see minping.registry)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from minping.accounts.models import Role, User
from minping.registry import Card, NavItem


def _user(request: Any) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


def nav(request: Any) -> list[NavItem]:
    items = [NavItem(_("听市民意见"), reverse("suggestions:index"), order=40)]
    user = _user(request)
    if user is None:
        return items
    if user.is_office:
        items.append(NavItem(_("意见建议分办"), reverse("suggestions:office"), order=41))
    elif user.role == Role.DEPARTMENT:
        items.append(NavItem(_("交办的意见建议"), reverse("suggestions:unit"), order=41))
    elif user.role == Role.DISTRICT:
        items.append(NavItem(_("录入意见建议"), reverse("suggestions:enter"), order=41))
    return items


def public_links(campaign: Any) -> list[NavItem]:
    return [
        NavItem(_("提意见建议"), reverse("suggestions:submit"), order=40),
        NavItem(_("意见建议公开栏"), reverse("suggestions:board"), order=41),
        NavItem(_("民声大数据"), reverse("suggestions:stats"), order=42),
    ]


def cards(request: Any) -> list[Card]:
    from minping.campaigns.models import current_for_request
    from minping.suggestions.models import Assignment, Extension, Objection, Suggestion

    user = _user(request)
    campaign = current_for_request(request)
    if user is None or campaign is None:
        return []
    today = timezone.localdate()
    open_states = ["dispatched", "in_progress", "extension_requested", "returned", "objected"]
    result: list[Card] = []
    if user.is_office:
        inbox = Suggestion.objects.filter(campaign=campaign, state="submitted").count()
        overdue = Assignment.objects.filter(
            suggestion__campaign=campaign, state__in=open_states, reply_due__lt=today
        ).count()
        decisions = (
            Objection.objects.filter(decision="pending").count()
            + Extension.objects.filter(decision="pending").count()
            + Assignment.objects.filter(suggestion__campaign=campaign, state="replied").count()
        )
        url = reverse("suggestions:office")
        result.append(
            Card(
                _("待交办的意见建议"),
                url,
                count=inbox,
                level="warning" if inbox else "info",
                order=40,
            )  # fmt: skip
        )
        result.append(Card(_("待决定：异议、延期、答复审核"), url, count=decisions, order=41))
        result.append(
            Card(
                _("逾期未答复"), url, count=overdue, level="danger" if overdue else "info", order=42
            )
        )
        result.extend(_calendar_cards(today))
    elif user.role == Role.DEPARTMENT and user.department_id:
        mine = Assignment.objects.filter(
            suggestion__campaign=campaign, department_id=user.department_id
        )
        open_count = mine.filter(state__in=open_states).count()
        overdue = mine.filter(state__in=open_states, reply_due__lt=today).count()
        url = reverse("suggestions:unit")
        result.append(Card(_("交办的意见建议（未办结）"), url, count=open_count, order=40))
        if overdue:
            result.append(Card(_("逾期未答复"), url, count=overdue, level="danger", order=41))
    return result


def _calendar_cards(today: Any) -> list[Card]:
    """Next year's holiday notice, due from December: without it deadlines show 期限待定."""
    from minping.suggestions.models import Assignment, CalendarYear

    pending = Assignment.objects.filter(due_pending=True).count()
    missing = [
        year
        for year in ([today.year, today.year + 1] if today.month == 12 else [today.year])
        if not CalendarYear.objects.filter(year=year).exists()
    ]
    if not missing and not pending:
        return []
    years = "、".join(str(y) for y in missing)
    return [
        Card(
            _("节假日安排待录入"),
            reverse("admin:suggestions_calendarday_changelist"),
            body=_("%(years)s年国务院节假日安排尚未录入，相关期限显示为“期限待定”。")
            % {"years": years}
            if missing
            else _("有交办的期限待定，请在节假日表中补录后运行 sendreminders。"),
            count=pending or None,
            level="warning",
            order=43,
        )
    ]
