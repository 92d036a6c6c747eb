"""Writes for the campaign frame; each ``do_*`` is one audited, atomic change."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError

from minping.accounts import audit
from minping.accounts.models import User
from minping.campaigns import seeddata
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

M = TypeVar("M", bound=models.Model)


def _create(actor: User | None, verb: str, obj: M, fields: list[str]) -> M:
    obj.full_clean()
    obj.save()
    audit.record(actor, verb, obj, after=audit.snapshot(obj, fields))
    return obj


def _update(actor: User | None, verb: str, obj: M, changes: dict[str, Any]) -> M:
    """Applies ``changes`` (field name -> new value), saves only those fields, audits."""
    fields = list(changes)
    # Read "before" from the database: a ModelForm has already changed the instance.
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    before = audit.snapshot(stored if stored is not None else obj, fields)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save(update_fields=fields)
    audit.record(actor, verb, obj, before=before, after=audit.snapshot(obj, fields))
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
        District.objects.filter(name=name).first()
        or do_create_district(actor, name=name, code=code, order=i)
        for i, (name, code) in enumerate(seeddata.DISTRICTS, start=1)
    ]
    campaign = do_create_campaign(
        actor,
        year=year,
        title=title or f"{year}年市政府工作部门“向市民报告听市民意见请市民评议”活动",
        intro=(
            "市政府工作部门向市民报告一年的工作和明年的目标，听取市民意见建议，"
            "并由抽样产生的市民代表现场评议打分，评议结果计入部门年度绩效考核。"
        ),
    )
    order = 0
    for number, (group_name, names) in enumerate(seeddata.GROUPS_2023, start=1):
        group = do_create_group(actor, campaign, number=number, name=group_name)
        departments = []
        for name in names:
            order += 1
            departments.append(
                Department.objects.filter(name=name).first()
                or do_create_department(actor, name=name, order=order)
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
        do_create_category(actor, campaign, code=code, name=name, kind=kind, order=i)
    return campaign


@transaction.atomic
def do_update_campaign(actor: User | None, campaign: Campaign, **changes: Any) -> Campaign:
    """Changes the title, introduction or status of a campaign."""
    return _update(actor, "campaigns.update_campaign", campaign, changes)


@transaction.atomic
def do_set_current_campaign(actor: User | None, campaign: Campaign) -> Campaign:
    """Makes ``campaign`` the year shown on the public home page (only one at a time)."""
    previous = Campaign.objects.select_for_update().filter(is_current=True).first()
    if previous is not None and previous.pk == campaign.pk:
        return campaign
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    campaign.is_current = True
    campaign.save(update_fields=["is_current"])
    audit.record(
        actor,
        "campaigns.set_current_campaign",
        campaign,
        before={"current": previous.year if previous else None},
        after={"current": campaign.year},
    )
    return campaign


@transaction.atomic
def do_update_session(actor: User | None, session: Session, **changes: Any) -> Session:
    return _update(actor, "campaigns.update_session", session, changes)


def _refuse_if_in_use(obj: models.Model) -> None:
    """Raises ProtectedError if deleting ``obj`` would delete or orphan anything else
    (quotas, tally uploads, ...), even where the other app chose CASCADE."""
    collector = Collector(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    others = [
        instance
        for model, instances in collector.data.items()
        if model is not type(obj)
        for instance in instances
    ]
    for queryset in collector.fast_deletes:
        others.extend(queryset[:1] if isinstance(queryset, models.QuerySet) else queryset)
    if others:
        raise ProtectedError(f"{obj} is in use", set(others))


@transaction.atomic
def do_delete_session(actor: User | None, session: Session) -> None:
    _refuse_if_in_use(session)
    before = audit.snapshot(session, ["number", "date", "half_day", "group"])
    audit.record(actor, "campaigns.delete_session", session, before=before)
    session.delete()


@transaction.atomic
def do_update_venue(actor: User | None, venue: Venue, **changes: Any) -> Venue:
    if changes.get("kind") == Venue.Kind.MAIN:
        changes["district"] = None
    return _update(actor, "campaigns.update_venue", venue, changes)


@transaction.atomic
def do_delete_venue(actor: User | None, venue: Venue) -> None:
    _refuse_if_in_use(venue)
    before = audit.snapshot(venue, ["kind", "name", "district", "capacity"])
    audit.record(actor, "campaigns.delete_venue", venue, before=before)
    venue.delete()


@transaction.atomic
def do_create_district(
    actor: User | None, *, name: str, code: str = "", order: int = 0
) -> District:
    district = District(name=name, code=code, order=order)
    return _create(actor, "campaigns.create_district", district, ["name", "code", "order"])


@transaction.atomic
def do_update_district(actor: User | None, district: District, **changes: Any) -> District:
    return _update(actor, "campaigns.update_district", district, changes)


@transaction.atomic
def do_set_district_active(actor: User | None, district: District, active: bool) -> District:
    return _update(actor, "campaigns.set_district_active", district, {"is_active": active})


@transaction.atomic
def do_create_department(
    actor: User | None, *, name: str, short_name: str = "", order: int = 0
) -> Department:
    department = Department(name=name, short_name=short_name, order=order)
    return _create(
        actor, "campaigns.create_department", department, ["name", "short_name", "order"]
    )


@transaction.atomic
def do_update_department(actor: User | None, department: Department, **changes: Any) -> Department:
    return _update(actor, "campaigns.update_department", department, changes)


@transaction.atomic
def do_set_department_active(
    actor: User | None, department: Department, active: bool
) -> Department:
    return _update(actor, "campaigns.set_department_active", department, {"is_active": active})


@transaction.atomic
def do_create_group(
    actor: User | None, campaign: Campaign, *, number: int, name: str
) -> DepartmentGroup:
    group = DepartmentGroup(campaign=campaign, number=number, name=name)
    return _create(actor, "campaigns.create_group", group, ["number", "name"])


@transaction.atomic
def do_update_group(
    actor: User | None,
    group: DepartmentGroup,
    *,
    number: int,
    name: str,
    departments: list[Department],
) -> DepartmentGroup:
    """Renames or renumbers a group and sets its departments in reporting order."""
    _update(actor, "campaigns.update_group", group, {"number": number, "name": name})
    current = list(group.ordered_departments().values_list("pk", flat=True))
    if current != [d.pk for d in departments]:
        do_set_group_departments(actor, group, departments)
    return group


@transaction.atomic
def do_create_category(
    actor: User | None, campaign: Campaign, *, code: str, name: str, kind: str, order: int = 0
) -> Category:
    category = Category(campaign=campaign, code=code, name=name, kind=kind, order=order)
    return _create(actor, "campaigns.create_category", category, ["code", "name", "kind"])


@transaction.atomic
def do_update_category(actor: User | None, category: Category, **changes: Any) -> Category:
    return _update(actor, "campaigns.update_category", category, changes)


@transaction.atomic
def do_set_deadline(
    actor: User | None, campaign: Campaign, *, stage: str, due: dt.datetime, note: str = ""
) -> Deadline:
    """Creates or moves the deadline of one stage of the campaign calendar."""
    deadline = Deadline.objects.filter(campaign=campaign, stage=stage).first()
    if deadline is None:
        deadline = Deadline(campaign=campaign, stage=stage, due=due, note=note)
        return _create(actor, "campaigns.create_deadline", deadline, ["stage", "due", "note"])
    return _update(actor, "campaigns.update_deadline", deadline, {"due": due, "note": note})


@transaction.atomic
def do_delete_deadline(actor: User | None, deadline: Deadline) -> None:
    audit.record(
        actor,
        "campaigns.delete_deadline",
        deadline,
        before=audit.snapshot(deadline, ["stage", "due", "note"]),
    )
    deadline.delete()
