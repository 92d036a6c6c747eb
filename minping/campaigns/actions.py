"""Writes for the campaign frame; each ``do_*`` is one audited, atomic change."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.db import models, transaction

from minping.accounts import audit
from minping.accounts.models import User
from minping.campaigns import seeddata
from minping.campaigns.models import (
    Campaign,
    Category,
    Department,
    DepartmentGroup,
    District,
    GroupMembership,
    Session,
    Venue,
)

M = TypeVar("M", bound=models.Model)


def _create(actor: User | None, verb: str, obj: M, fields: list[str]) -> M:
    obj.full_clean()
    obj.save()
    audit.record(actor, verb, obj, after=audit.snapshot(obj, fields))
    return obj


@transaction.atomic
def do_create_campaign(actor: User | None, *, year: int, title: str, intro: str = "") -> Campaign:
    make_current = not Campaign.objects.filter(is_current=True).exists()
    campaign = Campaign(year=year, title=title, intro=intro, is_current=make_current)
    return _create(actor, "campaigns.create_campaign", campaign, ["year", "title"])


@transaction.atomic
def do_create_session(
    actor: User | None,
    campaign: Campaign,
    *,
    number: int,
    date: dt.date,
    half_day: str,
    group: DepartmentGroup | None = None,
) -> Session:
    session = Session(campaign=campaign, number=number, date=date, half_day=half_day, group=group)
    return _create(
        actor, "campaigns.create_session", session, ["number", "date", "half_day", "group"]
    )


@transaction.atomic
def do_create_venue(
    actor: User | None,
    campaign: Campaign,
    *,
    kind: str,
    name: str,
    district: District | None = None,
    address: str = "",
    capacity: int = 0,
    order: int = 0,
) -> Venue:
    venue = Venue(
        campaign=campaign,
        kind=kind,
        name=name,
        district=district,
        address=address,
        capacity=capacity,
        order=order,
    )
    return _create(actor, "campaigns.create_venue", venue, ["kind", "name", "district", "capacity"])


@transaction.atomic
def do_set_group_departments(
    actor: User | None, group: DepartmentGroup, departments: list[Department]
) -> DepartmentGroup:
    before = {"departments": list(group.departments.values_list("pk", flat=True))}
    GroupMembership.objects.filter(group=group).delete()
    for order, department in enumerate(departments, start=1):
        GroupMembership.objects.create(group=group, department=department, order=order)
    audit.record(
        actor,
        "campaigns.set_group_departments",
        group,
        before=before,
        after={"departments": [d.pk for d in departments]},
    )
    return group


@transaction.atomic
def do_build_standard_campaign(
    actor: User | None, *, year: int, first_day: dt.date, title: str = ""
) -> Campaign:
    """Builds a campaign on the seeds' pattern: 9 districts, 33 departments in 3 groups,
    3 half-day sessions over two days, one main and 9 branch venues, the categories."""
    districts = [
        District.objects.get_or_create(name=name, defaults={"code": code, "order": i})[0]
        for i, (name, code) in enumerate(seeddata.DISTRICTS, start=1)
    ]
    campaign = do_create_campaign(
        actor,
        year=year,
        title=title or f"{year}年市政府工作部门“向市民报告听市民意见请市民评议”活动",
        intro="向市民报告、听市民意见、请市民评议。",
    )
    order = 0
    for number, (group_name, names) in enumerate(seeddata.GROUPS_2023, start=1):
        group = DepartmentGroup.objects.create(campaign=campaign, number=number, name=group_name)
        departments = []
        for name in names:
            order += 1
            departments.append(
                Department.objects.get_or_create(name=name, defaults={"order": order})[0]
            )
        do_set_group_departments(actor, group, departments)
    slots = [(first_day, "am"), (first_day, "pm"), (first_day + dt.timedelta(days=1), "am")]
    for number, (day, half) in enumerate(slots, start=1):
        do_create_session(
            actor,
            campaign,
            number=number,
            date=day,
            half_day=half,
            group=campaign.groups.get(number=number),
        )
    main_name, main_address = seeddata.MAIN_VENUE
    do_create_venue(
        actor, campaign, kind="main", name=main_name, address=main_address, capacity=120
    )
    for i, district in enumerate(districts, start=1):
        do_create_venue(
            actor,
            campaign,
            kind="branch",
            name=f"{district.name}分会场",
            district=district,
            capacity=450,
            order=i,
        )
    for i, (code, name, kind) in enumerate(seeddata.CATEGORIES, start=1):
        Category.objects.create(campaign=campaign, code=code, name=name, kind=kind, order=i)
    return campaign
