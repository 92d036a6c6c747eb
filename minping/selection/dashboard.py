"""Links and dashboard cards of the selection app (see ``minping.registry``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from minping.accounts.models import Role
from minping.campaigns.models import Campaign, current_for_request
from minping.lib.lang import zh
from minping.registry import Card, NavItem
from minping.selection.models import Draw, Representative, SampleFrame, Volunteer


def nav(request: Any) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    if user.role in (Role.OFFICE, Role.STATISTICS, Role.SUPERVISOR) or user.is_superuser:
        return [NavItem(_("市民代表选取"), reverse("selection:index"), order=30)]
    if user.role == Role.DEPARTMENT:
        return [NavItem(_("样本框报送"), reverse("selection:frames"), order=30)]
    if user.role == Role.DISTRICT:
        return [
            NavItem(_("本旗区市民代表"), reverse("selection:district"), order=30),
            NavItem(_("本旗区自愿报名"), reverse("selection:volunteers"), order=31),
        ]
    return []


def _pending_volunteers(volunteers: QuerySet[Volunteer], *, order: int) -> list[Card]:
    """The sign-ups still waiting for a review, as a card when there are any."""
    pending = volunteers.filter(status=Volunteer.Status.SUBMITTED).count()
    if not pending:
        return []
    url = reverse("selection:volunteers") + "?status=submitted"
    return [Card(_("待审核的自愿报名"), url, count=pending, order=order)]


def cards(request: Any) -> list[Card]:
    user = request.user
    campaign = current_for_request(request)
    if campaign is None or not user.is_authenticated:
        return []
    found: list[Card] = []
    if user.role == Role.STATISTICS:
        found += _pending_volunteers(Volunteer.objects.filter(campaign=campaign), order=30)
        draw = Draw.objects.filter(campaign=campaign).first()
        if draw is None or not draw.is_done():
            found.append(
                Card(
                    _("抽取市民代表"),
                    reverse("selection:draw"),
                    body=draw.get_status_display() if draw else _("尚未公布种子承诺"),
                    level="warning",
                    order=31,
                )
            )
    if user.role == Role.DEPARTMENT and user.department_id:
        empty = SampleFrame.objects.filter(
            campaign=campaign, department_id=user.department_id, status=SampleFrame.Status.EMPTY
        ).count()
        if empty:
            found.append(
                Card(
                    _("报送样本框"),
                    reverse("selection:frames"),
                    body=_("请按名额的两倍报送名单"),
                    count=empty,
                    level="warning",
                    order=30,
                )
            )
    if user.role == Role.DISTRICT:
        found.append(Card(_("本旗区市民代表"), reverse("selection:district"), order=30))
        residents = Volunteer.objects.filter(campaign=campaign, district_id=user.district_id)
        found += _pending_volunteers(residents, order=31)
    if user.role == Role.REPRESENTATIVE:
        seat = (
            Representative.objects.filter(
                user=user,
                draw__campaign=campaign,
                status__in=[Representative.Status.SELECTED, Representative.Status.PROMOTED],
            )
            .select_related("session", "venue")
            .first()
        )
        if seat is not None:
            found.append(
                Card(
                    _("我的参会安排"),
                    reverse("selection:my_seat"),
                    body=format_html("{} · {}", seat.session, zh(seat.venue)),
                    order=10,
                )
            )
    return found


def public_links(campaign: Campaign) -> list[NavItem]:
    return [
        NavItem(_("报名当市民代表"), reverse("selection:signup"), order=30),
        NavItem(
            _("市民代表抽样公示"), reverse("selection:draw_public", args=[campaign.year]), order=31
        ),
    ]
