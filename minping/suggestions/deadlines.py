"""The editable holiday table as a :class:`minping.workdays.Calendar`, and the deadlines.

Deadlines are computed here once, at dispatch (or by an approved extension / a re-dispatch),
and stored on the assignment. A year with no official calendar yet gives ``None``: the page
says "期限待定" and ``sendreminders`` fills the date in once the year is entered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils import timezone

from minping import workdays
from minping.suggestions.models import CalendarDay, CalendarYear

REPLY_WORKDAYS = 5
OBJECTION_WORKDAYS = 1
MAX_EXTENSION_WORKDAYS = 5
FIRST_SEEDED_YEAR = 2019

_cache: dict[tuple[object, ...], workdays.Calendar] = {}


def load_calendar() -> workdays.Calendar:
    """The calendar as the table holds it now (cached until a row changes)."""
    stats = CalendarDay.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    years = tuple(CalendarYear.objects.order_by("year").values_list("year", flat=True))
    key = (stats["n"], stats["last"], years)
    calendar = _cache.get(key)
    if calendar is None:
        days = [
            workdays.CalendarDay(row.date, row.is_workday, row.name)
            for row in CalendarDay.objects.filter(date__year__in=years)
        ]
        calendar = workdays.Calendar.from_days(days, years)
        _cache.clear()
        _cache[key] = calendar
    return calendar


def seed_calendar(years: list[int] | None = None) -> int:
    """Fills the table from the ``chinesecalendar`` package for years not yet entered."""
    wanted = years or [y for y in workdays.chinesecalendar_years() if y >= FIRST_SEEDED_YEAR]
    known = set(CalendarYear.objects.values_list("year", flat=True))
    missing = [y for y in wanted if y not in known]
    if not missing:
        return 0
    days = workdays.official_days(missing)
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(date=d.date, is_workday=d.is_workday, name=d.name, source="chinesecalendar")
            for d in days
        ],
        ignore_conflicts=True,
    )
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=y, source="chinesecalendar") for y in missing], ignore_conflicts=True
    )
    return len(missing)


@dataclass(frozen=True)
class Dues:
    objection: dt.date | None
    reply: dt.date | None

    @property
    def pending(self) -> bool:
        return self.reply is None


def add(start: dt.datetime | dt.date, n: int) -> dt.date | None:
    """``start`` + n working days, or None when the calendar does not know the year yet."""
    try:
        return workdays.add_workdays(load_calendar(), start, n)
    except workdays.UnknownYear:
        return None


def dues_from(start: dt.datetime, *, with_reply: bool = True) -> Dues:
    return Dues(
        objection=add(start, OBJECTION_WORKDAYS),
        reply=add(start, REPLY_WORKDAYS) if with_reply else None,
    )


def is_late(done: dt.datetime | dt.date, due: dt.date) -> bool:
    return workdays.is_late(done, due, tz=timezone.get_default_timezone())


def remaining(
    due: dt.date, now: dt.datetime | None = None, cal: workdays.Calendar | None = None
) -> int | None:
    """Working days left after today up to the due date; None if the year is unknown."""
    try:
        return workdays.remaining_workdays(
            cal or load_calendar(), now or timezone.now(), due, tz=timezone.get_default_timezone()
        )
    except workdays.UnknownYear:
        return None


def is_due_soon(
    due: dt.date | None, now: dt.datetime | None = None, cal: workdays.Calendar | None = None
) -> bool:
    """Not late yet, and at most one working day left after today (pass ``cal`` in loops)."""
    if due is None:
        return False
    now = now or timezone.now()
    if is_late(now, due):
        return False
    left = remaining(due, now, cal)
    return left is not None and left <= 1


def next_wednesday_due(day: dt.date) -> dt.date | None:
    """The Wednesday of ``day``'s week, moved to the next working day if it is a holiday."""
    wednesday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=2)
    try:
        return workdays.next_workday(load_calendar(), wednesday)
    except workdays.UnknownYear:
        return None
