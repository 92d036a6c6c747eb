"""The office's dashboard cards and navigation for the campaign frame (see ``minping.registry``)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from minping.accounts.models import User
from minping.campaigns import gaps
from minping.campaigns.models import Campaign, current_for_request
from minping.registry import Card, NavItem

UPCOMING_DAYS = 14


def _office(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return isinstance(user, User) and user.is_authenticated and user.is_office


def nav(request: HttpRequest) -> list[NavItem]:
    if not _office(request):
        return []
    return [NavItem(_("活动设置"), reverse("campaigns:setup_home"), order=10)]


def cards(request: HttpRequest) -> list[Card]:
    """Overdue stages, the next deadlines and what the setup still lacks, for the office."""
    if not _office(request):
        return []
    campaign = current_for_request(request)
    if campaign is None:
        return [
            Card(
                title=_("还没有年度活动"),
                url=reverse("campaigns:campaign_create"),
                body=_("先新建本年度的活动，再安排场次、会场和分组。"),
                level="warning",
                order=1,
            )
        ]
    now = timezone.now()
    calendar_url = reverse("campaigns:deadline_list", args=[campaign.year])
    result: list[Card] = []
    deadlines = list(campaign.deadlines.order_by("due"))
    overdue = [d for d in deadlines if d.is_past(now)]
    if overdue and campaign.status != Campaign.Status.CLOSED:
        latest = overdue[-1]
        result.append(
            Card(
                title=_("已过截止时间的阶段"),
                url=calendar_url,
                body=_("最近一个：%(stage)s（%(due)s）")
                % {
                    "stage": latest.get_stage_display(),
                    "due": f"{timezone.localtime(latest.due):%Y-%m-%d}",
                },
                count=len(overdue),
                level="danger",
                order=2,
            )
        )
    horizon = now + dt.timedelta(days=UPCOMING_DAYS)
    upcoming = [d for d in deadlines if now <= d.due <= horizon]
    if upcoming:
        result.append(
            Card(
                title=_("%(days)d天内的截止时间") % {"days": UPCOMING_DAYS},
                url=calendar_url,
                body=pgettext("list separator", "；").join(
                    f"{d.get_stage_display()} {timezone.localtime(d.due):%m-%d %H:%M}"
                    for d in upcoming[:3]
                ),
                count=len(upcoming),
                level="warning",
                order=3,
            )
        )
    missing = gaps.setup_gaps(campaign)
    if missing:
        result.append(
            Card(
                title=_("活动设置待完善"),
                url=reverse("campaigns:setup", args=[campaign.year]),
                body=pgettext("list separator", "；").join(g.message for g in missing[:3]),
                count=len(missing),
                level="warning",
                order=4,
            )
        )
    return result
