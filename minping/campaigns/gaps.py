"""What is still missing from a campaign's setup, in words the office understands."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from minping.accounts.models import User
from minping.campaigns.models import Campaign, Deadline, Department, District, Venue


@dataclass(frozen=True)
class Gap:
    message: str
    url: str


def expected_group_size(campaign: Campaign) -> int:
    """Active departments spread evenly over the groups (33 over 3 gives 11)."""
    groups = campaign.groups.count()
    active = Department.objects.filter(is_active=True).count()
    return math.ceil(active / groups) if groups else 0


def setup_counts(campaign: Campaign) -> dict[str, int]:
    venues = campaign.venues.aggregate(
        main=Count("pk", filter=Q(kind=Venue.Kind.MAIN)),
        branches=Count("pk", filter=Q(kind=Venue.Kind.BRANCH)),
        seats=Sum("capacity"),
    )
    return {
        "sessions": campaign.sessions.count(),
        "main_venues": venues["main"] or 0,
        "branch_venues": venues["branches"] or 0,
        "seats": venues["seats"] or 0,
        "groups": campaign.groups.count(),
        "grouped_departments": campaign.groups.aggregate(n=Count("departments"))["n"] or 0,
        "categories": campaign.categories.count(),
        "deadlines": campaign.deadlines.count(),
        "districts": District.objects.filter(is_active=True).count(),
        "departments": Department.objects.filter(is_active=True).count(),
        "accounts": User.objects.filter(is_active=True).count(),
    }


def setup_gaps(campaign: Campaign) -> list[Gap]:
    """Every missing or inconsistent piece of the setup, with the page that fixes it."""
    return [
        *_session_gaps(campaign),
        *_venue_gaps(campaign),
        *_group_gaps(campaign),
        *_category_and_calendar_gaps(campaign),
    ]


def _session_gaps(campaign: Campaign) -> list[Gap]:
    url = reverse("campaigns:session_list", args=[campaign.year])
    sessions = list(campaign.sessions.select_related("group"))
    gaps = [] if sessions else [Gap(_("还没有安排述职报告会场次"), url)]
    gaps += [
        Gap(_("%(session)s还没有指定述职分组") % {"session": s}, url)
        for s in sessions
        if s.group is None
    ]
    scheduled = {s.group_id for s in sessions}
    gaps += [
        Gap(_("%(group)s还没有安排场次") % {"group": g.name}, url)
        for g in campaign.groups.order_by("number")
        if g.pk not in scheduled
    ]
    return gaps


def _venue_gaps(campaign: Campaign) -> list[Gap]:
    url = reverse("campaigns:venue_list", args=[campaign.year])
    gaps = []
    if not campaign.venues.filter(kind=Venue.Kind.MAIN).exists():
        gaps.append(Gap(_("还没有设置主会场"), url))
    covered = set(campaign.venues.filter(kind=Venue.Kind.BRANCH).values_list("district", flat=True))
    gaps += [
        Gap(_("%(district)s还没有分会场") % {"district": d.name}, url)
        for d in District.objects.filter(is_active=True).exclude(pk__in=covered)
    ]
    gaps += [
        Gap(_("%(venue)s的座位数为0") % {"venue": v.name}, url)
        for v in campaign.venues.filter(capacity=0)
    ]
    return gaps


def _group_gaps(campaign: Campaign) -> list[Gap]:
    url = reverse("campaigns:group_list", args=[campaign.year])
    groups = list(campaign.groups.annotate(size=Count("departments")).order_by("number"))
    if not groups:
        return [Gap(_("还没有建立述职分组"), url)]
    expected = expected_group_size(campaign)
    gaps = [
        Gap(
            _("第%(number)d组只有%(size)d个部门（应为%(expected)d个）")
            % {"number": g.number, "size": g.size, "expected": expected},
            reverse("campaigns:group_edit", args=[g.pk]),
        )
        for g in groups
        if g.size < expected
    ]
    grouped = set(campaign.groups.values_list("departments", flat=True))
    ungrouped = Department.objects.filter(is_active=True).exclude(pk__in=grouped)
    if ungrouped.exists():
        names = "、".join(d.name for d in ungrouped[:5])
        gaps.append(
            Gap(
                _("%(count)d个部门未分组：%(names)s")
                % {"count": ungrouped.count(), "names": names},
                url,
            )
        )
    return gaps


def _category_and_calendar_gaps(campaign: Campaign) -> list[Gap]:
    gaps = []
    if not campaign.categories.exists():
        gaps.append(
            Gap(_("还没有设置代表类别"), reverse("campaigns:category_list", args=[campaign.year]))
        )
    staged = set(campaign.deadlines.values_list("stage", flat=True))
    missing = [
        str(label)
        for value, label in Deadline.Stage.choices
        if value not in staged and value != Deadline.Stage.OTHER
    ]
    if missing:
        gaps.append(
            Gap(
                _("活动日程缺少%(count)d个时间节点：%(stages)s")
                % {"count": len(missing), "stages": "、".join(missing)},
                reverse("campaigns:deadline_list", args=[campaign.year]),
            )
        )
    return gaps
