"""Working days on the official Chinese calendar (法定节假日 and 调休), with no Django import.

The suggestions app keeps the editable holiday table and builds a :class:`Calendar` from it
(:meth:`Calendar.from_days`); :func:`official_days` seeds that table from the
``chinesecalendar`` package. Every function raises :class:`UnknownYear` rather than guess a
year the calendar does not know; the UI then shows "期限待定". Conventions: docs/workdays.md.
"""

from __future__ import annotations

from .arithmetic import (
    CLOSE_OF_DAY,
    SHANGHAI,
    add_calendar_days,
    add_workdays,
    due_at,
    due_date,
    is_late,
    is_workday,
    local_date,
    missing_year_ahead,
    next_workday,
    remaining_workdays,
    workdays_between,
)
from .calendar import (
    HOLIDAY_NAMES_ZH,
    Calendar,
    CalendarDay,
    CalendarError,
    UnknownYear,
    chinesecalendar_years,
    holiday_name_zh,
    official_days,
)

__all__ = [
    "CLOSE_OF_DAY",
    "HOLIDAY_NAMES_ZH",
    "SHANGHAI",
    "Calendar",
    "CalendarDay",
    "CalendarError",
    "UnknownYear",
    "add_calendar_days",
    "add_workdays",
    "chinesecalendar_years",
    "due_at",
    "due_date",
    "holiday_name_zh",
    "is_late",
    "is_workday",
    "local_date",
    "missing_year_ahead",
    "next_workday",
    "official_days",
    "remaining_workdays",
    "workdays_between",
]
