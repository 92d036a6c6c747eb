"""Read-only figures for the office's oversight page, the public 值班公示 and the export."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minping import workdays
from minping.hotline.actions import summary_due
from minping.hotline.models import Call, Duty, DutyMember, DutyPerson, Rota, RotaLog
from minping.suggestions import deadlines


class Status:
    UPCOMING = "upcoming"
    ON_DUTY = "on_duty"
    AWAITING = "awaiting"
    DONE = "done"
    MISSED = "missed"


STATUS_LABELS = {
    Status.UPCOMING: gettext_lazy("未开始"),
    Status.ON_DUTY: gettext_lazy("值班中"),
    Status.AWAITING: gettext_lazy("待填小结"),
    Status.DONE: gettext_lazy("已完成"),
    Status.MISSED: gettext_lazy("小结逾期"),
}


def duty_status(duty: Duty, now: dt.datetime, cal: workdays.Calendar | None) -> str:
    """Done when summarised; missed when no summary by the end of the next working day."""
    if duty.summary:
        return Status.DONE
    if now < duty.starts_at():
        return Status.UPCOMING
    if now < duty.ends_at():
        return Status.ON_DUTY
    due = summary_due(duty, cal)
    if due is not None and timezone.localdate(now) > due:
        return Status.MISSED
    return Status.AWAITING


@dataclass
class DutyRow:
    duty: Duty
    leaders: list[DutyMember]
    heads: list[DutyMember]
    calls: int = 0
    follow_ups: int = 0
    status: str = Status.UPCOMING
    adjusted: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def duty_rows(
    duties: QuerySet[Duty], *, now: dt.datetime | None = None, limit: int | None = None
) -> list[DutyRow]:
    """One row per duty with its people, call counts, status and post-publication changes."""
    now = now or timezone.now()
    cal = _calendar()
    duties = duties.select_related("rota").annotate(
        n_calls=Count("calls", distinct=True),
        n_follow=Count("calls", filter=Q(calls__needs_follow_up=True), distinct=True),
    )
    if limit is not None:
        duties = duties[:limit]
    members: dict[int, list[DutyMember]] = defaultdict(list)
    ids = [d.pk for d in duties]
    for m in DutyMember.objects.filter(duty_id__in=ids).select_related("person__department"):
        members[m.duty_id].append(m)
    adjusted: dict[int, list[str]] = defaultdict(list)
    for log in RotaLog.objects.filter(after_publication=True).filter(
        Q(duty_id__in=ids) | Q(other_duty_id__in=ids)
    ):
        for duty_id in (log.duty_id, log.other_duty_id):
            if duty_id is not None:
                adjusted[duty_id].append(log.reason)
    rows = []
    for duty in duties:
        seats = sorted(members[duty.pk], key=lambda m: m.position)
        rows.append(
            DutyRow(
                duty=duty,
                leaders=[m for m in seats if m.pool == DutyPerson.Kind.LEADER],
                heads=[m for m in seats if m.pool == DutyPerson.Kind.HEAD],
                calls=duty.n_calls,
                follow_ups=duty.n_follow,
                status=duty_status(duty, now, cal),
                adjusted=adjusted.get(duty.pk, []),
            )
        )
    return rows


def _calendar() -> workdays.Calendar | None:
    return deadlines.load_calendar()


def group_by_date(rows: list[DutyRow]) -> list[tuple[dt.date, list[DutyRow]]]:
    days: dict[dt.date, list[DutyRow]] = {}
    for row in rows:
        days.setdefault(row.duty.date, []).append(row)
    return list(days.items())


@dataclass(frozen=True)
class PersonLine:
    person: DutyPerson
    duties: int
    done: int
    calls: int


def person_lines(rota: Rota, rows: list[DutyRow]) -> list[PersonLine]:
    """Duties, summarised duties and calls per person in the rota (fairness at a glance)."""
    duties: Counter[int] = Counter()
    done: Counter[int] = Counter()
    calls: Counter[int] = Counter()
    people: dict[int, DutyPerson] = {}
    for row in rows:
        for m in row.leaders + row.heads:
            if m.person is None:
                continue
            people[m.person.pk] = m.person
            duties[m.person.pk] += 1
            done[m.person.pk] += int(row.status == Status.DONE)
            calls[m.person.pk] += row.calls
    ordered = sorted(people.values(), key=lambda p: (p.kind != "leader", p.order, p.pk))
    return [PersonLine(p, duties[p.pk], done[p.pk], calls[p.pk]) for p in ordered]


def department_lines(rows: list[DutyRow]) -> list[tuple[str, int, int]]:
    """(department, duties of its head, calls on those duties), most calls first."""
    duties: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    for row in rows:
        for m in row.heads:
            if m.person is not None and m.person.department is not None:
                name = str(m.person.department)
                duties[name] += 1
                calls[name] += row.calls
    return sorted(((n, duties[n], calls[n]) for n in duties), key=lambda t: (-t[2], t[0]))


def calls_per_week(calls: QuerySet[Call]) -> list[tuple[str, float]]:
    weeks: Counter[dt.date] = Counter()
    for received in calls.values_list("received_at", flat=True):
        day = timezone.localtime(received).date()
        weeks[day - dt.timedelta(days=day.weekday())] += 1
    return [(f"{week:%m-%d}", float(n)) for week, n in sorted(weeks.items())]


def calls_by_area(calls: QuerySet[Call]) -> list[tuple[str, float]]:
    rows = calls.values("area__name").annotate(n=Count("pk")).order_by("-n", "area__name")
    return [(str(r["area__name"]), float(r["n"])) for r in rows]


def export_rows(campaign_id: int) -> list[list[object]]:
    """The call records for the spreadsheet: no caller name or phone."""
    rows: list[list[object]] = []
    calls = (
        Call.objects.filter(duty__rota__campaign_id=campaign_id)
        .select_related("duty", "area", "district", "suggestion")
        .prefetch_related("duty__members__person__department")
        .order_by("received_at")
    )
    for call in calls:
        people = "、".join(str(m.person) for m in call.duty.members.all() if m.person is not None)
        rows.append(
            [
                call.duty.date.isoformat(),
                f"{call.duty.starts:%H:%M}-{call.duty.ends:%H:%M}",
                people,
                f"{timezone.localtime(call.received_at):%Y-%m-%d %H:%M}",
                call.district.name if call.district else "",
                call.area.name,
                call.subject,
                call.summary,
                call.answer,
                _("是") if call.needs_follow_up else _("否"),
                call.suggestion_id or "",
                call.suggestion.get_state_display() if call.suggestion else "",
            ]
        )
    return rows


EXPORT_HEADER = [
    gettext_lazy("值班日期"), gettext_lazy("时段"), gettext_lazy("值班人员"),
    gettext_lazy("来电时间"), gettext_lazy("旗区"), gettext_lazy("问题类别"),
    gettext_lazy("事项"), gettext_lazy("来电内容"), gettext_lazy("现场答复"),
    gettext_lazy("需后续办理"), gettext_lazy("意见建议编号"), gettext_lazy("办理状态"),
]  # fmt: skip
