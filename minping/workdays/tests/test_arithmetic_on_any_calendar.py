"""The arithmetic agrees with a day-by-day count on made-up calendars, not only the official one."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minping.workdays import Calendar, UnknownYear, add_workdays, is_workday, workdays_between

YEARS = (2030, 2031, 2032)
FIRST, LAST = dt.date(2030, 1, 1), dt.date(2032, 12, 31)
days = st.dates(min_value=FIRST, max_value=LAST)


@st.composite
def calendars(draw):
    # Up to 200 holidays: enough to empty a whole winter, so counts can run out of the years.
    holidays = draw(st.sets(days.filter(lambda d: d.weekday() < 5), max_size=200))
    workdays = draw(st.sets(days.filter(lambda d: d.weekday() >= 5), max_size=30))
    return Calendar(holidays, workdays, YEARS)


def count_between(cal, a, b):
    low, high = sorted((a, b))
    total = sum(
        is_workday(cal, low + dt.timedelta(days=i)) for i in range(1, (high - low).days + 1)
    )
    return total if b >= a else -total


def walk(cal, start, n):
    day, seen = start, 0
    step = dt.timedelta(days=1 if n >= 0 else -1)
    while seen < abs(n):
        day += step
        if is_workday(cal, day):
            seen += 1
    return day


@settings(max_examples=60, deadline=None)
@given(
    cal=calendars(),
    start=days,
    n=st.integers(-25, 25),
)
def test_adding_working_days_matches_walking(cal, start, n):
    try:
        expected = walk(cal, start, n)
    except UnknownYear:
        # Walking ran out of the known years: the arithmetic must refuse too.
        with pytest.raises(UnknownYear):
            add_workdays(cal, start, n)
    else:
        assert add_workdays(cal, start, n) == expected


@settings(max_examples=60, deadline=None)
@given(cal=calendars(), a=days, b=days)
def test_counting_working_days_matches_walking(cal, a, b):
    assert workdays_between(cal, a, b) == count_between(cal, a, b)
