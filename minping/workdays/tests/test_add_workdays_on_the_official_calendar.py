"""Deadlines counted on the official calendar, checked by hand against the State Council notices.

Convention (docs/workdays.md): the dispatch day never counts; "within n working days" ends
with the n-th working day after it; 调休 weekends are working days.
"""

from __future__ import annotations

import datetime as dt

import pytest

from minping.workdays import add_workdays, workdays_between

D = dt.date.fromisoformat

CASES = [
    # start, n, due, why
    ("2021-12-24", 5, "2021-12-31", "seed 000 campaign week, no holiday in the way"),
    ("2021-12-27", 5, "2022-01-04", "crosses New Year 2022 (1-3 Jan off)"),
    ("2021-12-31", 1, "2022-01-04", "objection window over New Year"),
    ("2021-12-31", 5, "2022-01-10", "extension across the year end"),
    (
        "2022-01-28",
        5,
        "2022-02-09",
        "Spring Festival 2022: Sat 29 and Sun 30 Jan are 调休 workdays",
    ),
    ("2022-12-29", 5, "2023-01-06", "New Year 2023 starts on Sat 31 Dec 2022"),
    ("2023-09-28", 5, "2023-10-11", "Mid-autumn + National Day 2023: Sat 7 and Sun 8 Oct worked"),
    ("2023-12-28", 5, "2024-01-05", "New Year 2024 starts on Sat 30 Dec 2023"),
    ("2024-02-07", 5, "2024-02-20", "Spring Festival 2024: Sun 18 Feb is a workday"),
    ("2024-09-30", 1, "2024-10-08", "objection window over National Day 2024"),
    ("2024-09-30", 5, "2024-10-12", "National Day 2024: due on the 调休 Saturday"),
    ("2025-01-24", 5, "2025-02-07", "Spring Festival 2025: Sun 26 Jan is working day 1"),
    ("2025-01-25", 5, "2025-02-07", "dispatch on a Saturday: the start day never counts"),
    ("2025-01-27", 1, "2025-02-05", "objection window over Spring Festival 2025"),
    ("2025-01-29", 1, "2025-02-05", "dispatch on the Spring Festival holiday itself"),
    ("2025-01-29", 5, "2025-02-10", "... 5 days later, Sat 8 Feb counted"),
    ("2025-02-07", 5, "2025-02-13", "extension counted from the old due date"),
    ("2025-09-26", 5, "2025-10-10", "National Day 2025: Sun 28 Sep worked, 1-8 Oct off"),
    ("2025-09-30", 3, "2025-10-11", "... and Sat 11 Oct worked"),
    ("2026-02-13", 5, "2026-02-27", "Spring Festival 2026: Sat 14 Feb worked, 15-23 Feb off"),
    ("2026-02-13", 6, "2026-02-28", "... and Sat 28 Feb worked"),
    ("2026-09-30", 5, "2026-10-13", "National Day 2026: Sat 10 Oct worked"),
    ("2026-12-24", 5, "2026-12-31", "the last start the 2026 data can answer for 5 days"),
    ("2025-03-03", 0, "2025-03-03", "zero days is the start date"),
    ("2025-01-29", 0, "2025-01-29", "zero days is the start date, even on a holiday"),
]


@pytest.mark.parametrize(("start", "n", "due", "why"), CASES, ids=[c[3] for c in CASES])
def test_due_date_matches_the_hand_count(official, start, n, due, why):
    assert add_workdays(official, D(start), n) == D(due)


@pytest.mark.parametrize(("start", "n", "due", "why"), CASES, ids=[c[3] for c in CASES])
def test_working_days_between_start_and_due_date_is_n(official, start, n, due, why):
    assert workdays_between(official, D(start), D(due)) == n


@pytest.mark.parametrize(
    ("start", "n", "earlier"),
    [
        ("2025-02-07", -1, "2025-02-06"),
        ("2025-02-10", -1, "2025-02-08"),  # the 调休 Saturday before
        ("2025-02-05", -1, "2025-01-27"),  # back over the Spring Festival
        ("2025-01-29", -1, "2025-01-27"),  # from a holiday
        ("2025-02-07", -5, "2025-01-24"),
    ],
)
def test_negative_count_goes_back_to_earlier_working_days(official, start, n, earlier):
    assert add_workdays(official, D(start), n) == D(earlier)


def test_a_golden_week_holds_no_working_day(official):
    assert workdays_between(official, D("2025-09-30"), D("2025-10-08")) == 0
    assert workdays_between(official, D("2025-09-30"), D("2025-10-09")) == 1


def test_working_days_between_is_negative_when_the_dates_are_reversed(official):
    assert workdays_between(official, D("2025-02-07"), D("2025-01-24")) == -5
