"""Working-day arithmetic over a :class:`Calendar`.

Counting convention (民法典 arts. 201 and 203, see docs/workdays.md): the day of dispatch is
never counted, whatever the hour and whether or not it is a working day; "within n working
days" ends at the close of the n-th working day strictly after the dispatch date. Datetimes
are first converted to the local date in ``tz`` (Asia/Shanghai by default).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .calendar import Calendar, UnknownYear

SHANGHAI = ZoneInfo("Asia/Shanghai")
CLOSE_OF_DAY = dt.time(23, 59, 59)


def local_date(moment: dt.datetime | dt.date, tz: dt.tzinfo = SHANGHAI) -> dt.date:
    """The calendar date of ``moment`` in ``tz``.

    An aware datetime is converted to ``tz``; a naive datetime is taken as already local; a
    date is returned unchanged.
    """
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(tz)
        return moment.date()
    return moment


def is_workday(cal: Calendar, day: dt.date) -> bool:
    """Whether ``day`` is a working day (调休 weekends included, 法定节假日 excluded).

    Raises :class:`UnknownYear` when the calendar has no data for ``day.year``.
    """
    if day.year not in cal.known_years:
        raise UnknownYear(day.year)
    if day in cal.workdays:
        return True
    if day in cal.holidays:
        return False
    return day.weekday() < 5


def add_workdays(
    cal: Calendar, start: dt.datetime | dt.date, n: int, *, tz: dt.tzinfo = SHANGHAI
) -> dt.date:
    """The n-th working day strictly after the local date of ``start``.

    The start day never counts (so a dispatch at 08:00 or at 23:00, on a working day or on a
    holiday, gives the same due date as any other moment of that day). ``n == 0`` returns the
    start date itself. A negative ``n`` returns the |n|-th working day strictly before the
    start date (e.g. "remind one working day before the due date").

    Examples with the official calendar: 2024-09-30 + 5 = 2024-10-12 (a 调休 Saturday);
    2025-01-24 + 5 = 2025-02-07; 2025-01-25 (Saturday) + 5 = 2025-02-07.

    Raises :class:`UnknownYear` if the start or any day up to the result lies in a year the
    calendar does not know.
    """
    day = local_date(start, tz)
    if day.year not in cal.known_years:
        raise UnknownYear(day.year)
    if n == 0:
        return day
    ordinals = cal.workday_ordinals()
    rank = cal.rank(day)  # working days on or before ``day``
    if n > 0:
        index = rank + n - 1
        if index >= len(ordinals):
            raise UnknownYear(cal.first_unknown_after(day.year))
    else:
        # Working days strictly before ``day``: rank minus one if ``day`` itself is one.
        before = rank - (1 if rank and ordinals[rank - 1] == day.toordinal() else 0)
        index = before + n
        if index < 0:
            raise UnknownYear(cal.first_unknown_before(day.year))
    result = dt.date.fromordinal(ordinals[index])
    # The ordinals skip unknown years, so a jump across a gap would be silently wrong.
    cal.check_years(day, result)
    return result


def workdays_between(cal: Calendar, a: dt.date, b: dt.date) -> int:
    """The number of working days d with a < d <= b (negative, mirrored, when b < a).

    So ``workdays_between(cal, a, add_workdays(cal, a, n)) == n`` for every n >= 0, and
    ``workdays_between(cal, today, due)`` is the working days left before a deadline.
    """
    cal.check_years(a, b)
    if b >= a:
        return cal.rank(b) - cal.rank(a)
    return -(cal.rank(a) - cal.rank(b))


def next_workday(cal: Calendar, day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the first working day after it.

    For duties fixed to a weekday (typical cases every Wednesday) that fall on a holiday.
    """
    if is_workday(cal, day):
        return day
    return add_workdays(cal, day, 1)


def add_calendar_days(
    cal: Calendar,
    start: dt.datetime | dt.date,
    n: int,
    *,
    roll_forward: bool = True,
    tz: dt.tzinfo = SHANGHAI,
) -> dt.date:
    """The last day of a period of ``n`` calendar days (e.g. a 30-day public consultation).

    The start day does not count (民法典 art. 201). With ``roll_forward`` a last day that
    is not a working day moves to the next working day (art. 203: a period whose last day
    is a 法定休假日 ends on the day after the holiday); this needs the calendar, so an
    unknown year raises :class:`UnknownYear`.
    """
    day = local_date(start, tz) + dt.timedelta(days=n)
    return next_workday(cal, day) if roll_forward else day


def due_date(
    cal: Calendar, start: dt.datetime | dt.date, n: int, *, tz: dt.tzinfo = SHANGHAI
) -> dt.date:
    """The last day of a period of ``n`` working days that starts at ``start``.

    Same as :func:`add_workdays`; named for what callers store on an assignment.
    """
    return add_workdays(cal, start, n, tz=tz)


def due_at(
    cal: Calendar,
    start_dt: dt.datetime | dt.date,
    n: int,
    tz: dt.tzinfo = SHANGHAI,
    close_of_day: dt.time = CLOSE_OF_DAY,
) -> dt.datetime:
    """The aware moment (in ``tz``) at which a period of ``n`` working days ends.

    That is ``close_of_day`` on :func:`add_workdays` (23:59:59 by default: art. 203 ends a
    period at 24:00). Judge lateness with :func:`is_late`, which compares dates and so has no
    gap between 23:59:59 and midnight.
    """
    day = add_workdays(cal, start_dt, n, tz=tz)
    return dt.datetime.combine(day, close_of_day, tzinfo=tz)


def is_late(done: dt.datetime | dt.date, due: dt.date, *, tz: dt.tzinfo = SHANGHAI) -> bool:
    """Whether something done at ``done`` missed a deadline ending on the date ``due``.

    Anything on the due date itself (local time in ``tz``, up to 24:00) is on time.
    """
    return local_date(done, tz) > due


def remaining_workdays(
    cal: Calendar, now: dt.datetime | dt.date, due: dt.date, *, tz: dt.tzinfo = SHANGHAI
) -> int:
    """Working days left after today up to and including ``due`` (today never counts).

    0 means the deadline ends today (or today is past it), 1 means one more working day
    after today, and so on. Past the due date the value is minus the working days since it,
    which is 0 on a weekend right after a Friday deadline: test overdue with
    :func:`is_late`, not with the sign. A due-soon flag is
    ``not is_late(now, due) and remaining_workdays(cal, now, due) <= 1``.
    """
    return workdays_between(cal, local_date(now, tz), due)


def missing_year_ahead(cal: Calendar, today: dt.date, days: int = 45) -> int | None:
    """The first year within ``days`` calendar days after ``today`` that the calendar lacks.

    For an admin warning such as "2027年节假日安排尚未录入" some weeks before deadlines start
    to show "期限待定" (45 days covers a 5 + 5 working-day deadline over any golden week).
    None when every year up to ``today + days`` is known.
    """
    last = today + dt.timedelta(days=days)
    for year in range(today.year, last.year + 1):
        if year not in cal.known_years:
            return year
    return None
