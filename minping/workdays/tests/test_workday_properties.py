"""Properties of the working-day arithmetic over every start date the data can answer for."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from minping.workdays import add_workdays, is_workday, workdays_between

# No Hypothesis deadline: tests never assert speed, and a loaded CI machine must not fail.
untimed = settings(deadline=None)
starts = st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2026, 11, 30))
counts = st.integers(min_value=0, max_value=20)
backwards = st.dates(min_value=dt.date(2021, 3, 1), max_value=dt.date(2026, 12, 31))


def count_by_walking(cal, start, n):
    day, seen = start, 0
    while seen < n:
        day += dt.timedelta(days=1)
        if is_workday(cal, day):
            seen += 1
    return day


@settings(max_examples=300, deadline=None)
@given(start=starts, n=counts)
def test_add_workdays_agrees_with_walking_day_by_day(official, start, n):
    assert add_workdays(official, start, n) == count_by_walking(official, start, n)


@untimed
@given(start=starts, n=st.integers(min_value=1, max_value=20))
def test_the_result_is_a_working_day_after_the_start(official, start, n):
    due = add_workdays(official, start, n)
    assert due > start
    assert is_workday(official, due)


@untimed
@given(start=starts, n=counts)
def test_working_days_between_start_and_result_is_n(official, start, n):
    assert workdays_between(official, start, add_workdays(official, start, n)) == n


@untimed
@given(start=starts, n=st.integers(0, 10), m=st.integers(0, 10))
def test_adding_n_then_m_equals_adding_n_plus_m(official, start, n, m):
    once = add_workdays(official, start, n + m)
    assert add_workdays(official, add_workdays(official, start, n), m) == once


@untimed
@given(a=starts, b=starts, n=counts)
def test_a_later_start_never_gives_an_earlier_due_date(official, a, b, n):
    first, second = sorted((a, b))
    assert add_workdays(official, first, n) <= add_workdays(official, second, n)


@untimed
@given(start=starts, n=counts, m=counts)
def test_more_days_never_give_an_earlier_due_date(official, start, n, m):
    fewer, more = sorted((n, m))
    assert add_workdays(official, start, fewer) <= add_workdays(official, start, more)


@untimed
@given(start=backwards, n=st.integers(1, 20))
def test_going_back_n_then_forward_n_from_a_working_day_returns_to_it(official, start, n):
    day = start if is_workday(official, start) else add_workdays(official, start, -1)
    assert add_workdays(official, add_workdays(official, day, -n), n) == day


@untimed
@given(a=starts, b=starts, c=starts)
def test_working_days_between_adds_up_along_the_way(official, a, b, c):
    total = workdays_between(official, a, b) + workdays_between(official, b, c)
    assert workdays_between(official, a, c) == total
    assert workdays_between(official, b, a) == -workdays_between(official, a, b)
