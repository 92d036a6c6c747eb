"""Periods counted in calendar days (the 30-day consultation), moved off holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from minping.workdays import UnknownYear, add_calendar_days

D = dt.date.fromisoformat


def test_thirty_days_ending_on_a_working_day_stay_put(official):
    assert add_calendar_days(official, D("2025-09-15"), 30) == D("2025-10-15")


def test_thirty_days_ending_in_the_national_day_holiday_move_past_it(official):
    assert add_calendar_days(official, D("2025-09-01"), 30) == D("2025-10-09")


def test_thirty_days_ending_on_a_make_up_saturday_stay_put(official):
    assert add_calendar_days(official, D("2025-09-11"), 30) == D("2025-10-11")


def test_thirty_days_ending_on_a_sunday_move_to_monday(official):
    assert add_calendar_days(official, D("2025-03-02"), 28) == D("2025-03-31")


def test_without_rolling_the_plain_date_is_returned_even_for_an_unknown_year(official):
    assert add_calendar_days(official, D("2026-12-20"), 30, roll_forward=False) == D("2027-01-19")
    with pytest.raises(UnknownYear):
        add_calendar_days(official, D("2026-12-20"), 30)
