"""A year without official data is never guessed: every question about it raises UnknownYear."""

from __future__ import annotations

import datetime as dt

import pytest

from minping.workdays import (
    Calendar,
    CalendarDay,
    UnknownYear,
    add_workdays,
    due_at,
    is_workday,
    missing_year_ahead,
    official_days,
    remaining_workdays,
    workdays_between,
)

D = dt.date.fromisoformat


def test_a_deadline_running_into_2027_raises_unknown_year(official):
    with pytest.raises(UnknownYear) as raised:
        add_workdays(official, D("2026-12-28"), 5)
    assert raised.value.year == 2027


def test_a_dispatch_in_an_unknown_year_raises_unknown_year(official):
    with pytest.raises(UnknownYear) as raised:
        add_workdays(official, D("2027-03-01"), 1)
    assert raised.value.year == 2027


def test_asking_about_a_day_of_an_unknown_year_raises(official):
    with pytest.raises(UnknownYear):
        is_workday(official, D("2027-01-04"))
    with pytest.raises(UnknownYear):
        is_workday(official, D("2020-06-01"))


def test_a_gap_year_in_the_middle_is_not_skipped():
    cal = Calendar.from_days(official_days([2021, 2023]), [2021, 2023])
    with pytest.raises(UnknownYear) as raised:
        add_workdays(cal, D("2021-12-30"), 5)
    assert raised.value.year == 2022
    with pytest.raises(UnknownYear):
        workdays_between(cal, D("2021-12-01"), D("2023-01-10"))


def test_counting_back_past_the_first_known_year_raises(official):
    with pytest.raises(UnknownYear) as raised:
        add_workdays(official, D("2021-01-05"), -5)
    assert raised.value.year == 2020


def test_due_moment_and_remaining_days_raise_too(official):
    with pytest.raises(UnknownYear):
        due_at(official, D("2026-12-30"), 5)
    with pytest.raises(UnknownYear):
        remaining_workdays(official, D("2026-12-30"), D("2027-01-05"))


def test_the_package_cannot_seed_a_year_it_does_not_cover():
    with pytest.raises(UnknownYear) as raised:
        Calendar.from_chinesecalendar([2026, 2027])
    assert raised.value.year == 2027


def test_a_year_entered_by_hand_becomes_usable():
    # The 2027 notice typed in by an admin (made-up data: New Year on Fri 1 Jan only).
    rows = [*official_days([2026]), CalendarDay(D("2027-01-01"), False, "元旦")]
    cal = Calendar.from_days(rows, [2026, 2027])
    assert add_workdays(cal, D("2026-12-28"), 5) == D("2027-01-05")


def test_the_admin_is_warned_weeks_before_a_missing_year_is_needed(official):
    assert missing_year_ahead(official, D("2026-10-01")) is None
    assert missing_year_ahead(official, D("2026-11-20")) == 2027
    assert missing_year_ahead(official, D("2026-11-20"), days=30) is None
