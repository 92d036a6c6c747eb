"""Navigation links and dashboard cards for the hotline rota (see minping.registry)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from minping.accounts.models import Role, User
from minping.lib.lang import zh
from minping.registry import Card, NavItem


def _user(request: Any) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


def nav(request: Any) -> list[NavItem]:
    items = [NavItem(_("市长热线值班"), reverse("hotline:index"), order=45)]
    user = _user(request)
    if user is None:
        return items
    if user.is_office:
        items.append(NavItem(_("热线值班管理"), reverse("hotline:office"), order=46))
    elif user.role == Role.DEPARTMENT:
        items.append(NavItem(_("本部门负责人值班"), reverse("hotline:mine"), order=46))
    elif user.role == Role.SUPERVISOR:
        items.append(NavItem(_("热线值班督查"), reverse("hotline:oversight"), order=46))
    return items


def public_links(campaign: Any) -> list[NavItem]:
    from minping.hotline.models import Rota

    if not Rota.objects.filter(campaign=campaign, state=Rota.State.PUBLISHED).exists():
        return []
    return [NavItem(_("市长热线值班安排"), reverse("hotline:index"), order=45)]


def cards(request: Any) -> list[Card]:
    from minping.campaigns.models import Campaign

    user = _user(request)
    campaign = Campaign.objects.current()
    if user is None or campaign is None:
        return []
    if user.is_office:
        return _office_cards(campaign)
    if user.role == Role.DEPARTMENT and user.department_id:
        return _department_cards(user)
    return []


def _office_cards(campaign: Any) -> list[Card]:
    from minping.hotline import reports
    from minping.hotline.actions import reminder_days
    from minping.hotline.models import Duty, Rota

    today = timezone.localdate()
    url = reverse("hotline:office")
    drafts = Rota.objects.filter(campaign=campaign, state=Rota.State.DRAFT).count()
    result = [
        Card(
            _("热线排班表未公布"),
            url,
            body=_("排班情况要提前向社会公布。") if drafts else "",
            count=drafts,
            level="warning" if drafts else "info",
            order=45,
        )
    ]
    published = Duty.objects.filter(rota__campaign=campaign, rota__state=Rota.State.PUBLISHED)
    rows = reports.duty_rows(published.filter(date__lt=today, summary=""))
    missed = sum(1 for r in rows if r.status == reports.Status.MISSED)
    awaiting = sum(1 for r in rows if r.status == reports.Status.AWAITING)
    result.append(
        Card(
            _("热线值班小结未填写"),
            url,
            body=_("其中%(n)d班已超过次一工作日的期限。") % {"n": missed} if missed else "",
            count=missed + awaiting,
            level="danger" if missed else ("warning" if awaiting else "info"),
            order=46,
        )
    )
    upcoming = reports.duty_rows(
        published.filter(date__in=reminder_days(today)).order_by("date", "starts")
    )
    if upcoming:
        names = "、".join(
            m.person.name for r in upcoming for m in r.leaders + r.heads if m.person is not None
        )
        first = upcoming[0].duty
        result.append(
            Card(
                _("下一工作日热线值班"),
                first.get_absolute_url(),
                body=format_html("{} {}", first, zh(names)),
                order=47,
            )
        )
    return result


def _department_cards(user: User) -> list[Card]:
    from minping.hotline.access import duties_for

    upcoming = list(duties_for(user).filter(date__gte=timezone.localdate()).order_by("date")[:3])
    if not upcoming:
        return []
    return [
        Card(
            _("本部门负责人热线值班"),
            reverse("hotline:mine"),
            body=format_html_join(pgettext("list separator", "；"), "{}", ((d,) for d in upcoming)),
            count=len(upcoming),
            order=45,
        )
    ]
