"""The calendar built from chinesecalendar: 调休 weekends, statutory holidays, table rows."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from minping.workdays import (
    Calendar,
    CalendarDay,
    CalendarError,
    chinesecalendar_years,
    is_workday,
    official_days,
)

D = dt.date.fromisoformat

MAKE_UP_WEEKENDS = [
    "2021-02-07", "2021-02-20", "2021-09-26", "2021-10-09",
    "2022-01-29", "2022-01-30", "2022-10-08", "2022-10-09",
    "2023-01-28", "2023-01-29", "2023-10-07", "2023-10-08",
    "2024-02-04", "2024-02-18", "2024-09-29", "2024-10-12",
    "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
    "2026-01-04", "2026-02-14", "2026-02-28", "2026-09-20", "2026-10-10",
]  # fmt: skip

HOLIDAY_WEEKDAYS = [
    "2021-02-11", "2021-10-07", "2022-01-03", "2022-02-04", "2022-10-07",
    "2023-01-02", "2023-01-27", "2023-09-29", "2023-10-06",
    "2024-02-16", "2024-10-01", "2024-10-07",
    "2025-01-01", "2025-01-28", "2025-02-04", "2025-05-05", "2025-10-08",
    "2026-01-02", "2026-02-23", "2026-10-07",
]  # fmt: skip


@pytest.mark.parametrize("day", MAKE_UP_WEEKENDS)
def test_a_make_up_weekend_is_a_working_day(official, day):
    assert D(day).weekday() >= 5
    assert is_workday(official, D(day))


@pytest.mark.parametrize("day", HOLIDAY_WEEKDAYS)
def test_a_statutory_holiday_on_a_weekday_is_not_a_working_day(official, day):
    assert D(day).weekday() < 5
    assert not is_workday(official, D(day))


def test_ordinary_weekdays_work_and_weekends_rest(official):
    assert is_workday(official, D("2025-03-05"))  # Wednesday
    assert not is_workday(official, D("2025-03-08"))  # Saturday
    assert not is_workday(official, D("2025-03-09"))  # Sunday


def test_every_day_of_every_covered_year_agrees_with_the_package():
    years = chinesecalendar_years()
    assert years[0] <= 2021 and years[-1] >= 2026
    everything = Calendar.from_chinesecalendar()
    day = dt.date(years[0], 1, 1)
    while day.year <= years[-1]:
        assert is_workday(everything, day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def test_2025_has_248_working_days(official):
    # 261 weekdays - 18 statutory days off on weekdays + 5 make-up weekends.
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=i) for i in range(365)]
    assert sum(is_workday(official, d) for d in days) == 248


def test_table_rows_rebuild_the_same_calendar(official):
    rows = official_days(range(2021, 2027))
    assert Calendar.from_days(rows, range(2021, 2027)) == official


def test_table_rows_name_the_holiday_in_chinese():
    rows = {row.date: row for row in official_days([2025])}
    assert rows[D("2025-01-26")] == CalendarDay(D("2025-01-26"), True, "春节")
    assert rows[D("2025-10-08")] == CalendarDay(D("2025-10-08"), False, "国庆节")
    assert rows[D("2025-05-31")].name == "端午节"


def test_an_admin_edit_moves_a_day_off_without_touching_the_rest():
    rows = official_days([2025]) + [CalendarDay(D("2025-03-07"), False, "本地调整")]
    edited = Calendar.from_days(rows, [2025])
    assert not is_workday(edited, D("2025-03-07"))
    assert is_workday(edited, D("2025-03-06"))


def test_a_day_cannot_be_both_holiday_and_working_day():
    with pytest.raises(CalendarError):
        Calendar([D("2025-03-03")], [D("2025-03-03")], [2025])


def test_a_row_outside_the_known_years_is_refused():
    with pytest.raises(CalendarError):
        Calendar([D("2024-10-01")], [], [2025])


def test_a_calendar_prints_as_a_short_summary(official):
    assert repr(official) == "Calendar(years=2021-2026 (6), holidays=180, workdays=40)"
