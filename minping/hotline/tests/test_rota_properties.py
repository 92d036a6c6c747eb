"""The rota algorithm on its own: fair, deterministic, and it respects unavailable dates."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from minping.hotline.rota import Person, Pool, Seat, plan_rota, working_days

START = dt.date(2025, 3, 3)


@st.composite
def scenarios(draw: st.DrawFn, with_unavailable: bool = True) -> tuple[list[dt.date], int, Pool]:
    n_days = draw(st.integers(min_value=1, max_value=30))
    days = [START + dt.timedelta(days=i) for i in range(n_days)]
    slots = draw(st.integers(min_value=1, max_value=3))
    n_people = draw(st.integers(min_value=1, max_value=9))
    people = []
    for key in range(1, n_people + 1):
        off: frozenset[dt.date] = frozenset()
        if with_unavailable:
            off = frozenset(draw(st.sets(st.sampled_from(days), max_size=n_days)))
        people.append(Person(key * 10, off))
    per_duty = draw(st.integers(min_value=1, max_value=2))
    return days, slots, Pool("head", tuple(people), per_duty)


def _busy_days(plan, key):
    return [seat.day for seat, k in plan.seats if k == key]


@settings(max_examples=80, deadline=None)
@given(scenarios(with_unavailable=False))
def test_without_unavailable_dates_each_persons_count_differs_by_at_most_one(scenario):
    days, slots, pool = scenario
    plan = plan_rota(days, slots, [pool])
    counts = [plan.counts("head").get(p.key, 0) for p in pool.people]
    assert max(counts) - min(counts) <= 1


@settings(max_examples=80, deadline=None)
@given(scenarios())
def test_nobody_is_put_on_a_day_they_are_unavailable_or_twice_on_one_day(scenario):
    days, slots, pool = scenario
    plan = plan_rota(days, slots, [pool])
    off = {p.key: p.unavailable for p in pool.people}
    for person in pool.people:
        busy = _busy_days(plan, person.key)
        assert not set(busy) & off[person.key]
        assert len(busy) == len(set(busy))
    assert len(plan.seats) == len(days) * slots * pool.per_duty


@settings(max_examples=80, deadline=None)
@given(scenarios())
def test_a_seat_is_left_empty_only_when_nobody_could_take_it(scenario):
    days, slots, pool = scenario
    plan = plan_rota(days, slots, [pool])
    for gap in plan.gaps:
        busy = {k for s, k in plan.seats if s.day == gap.day and k is not None}
        assert all(gap.day in p.unavailable or p.key in busy for p in pool.people)


@settings(max_examples=80, deadline=None)
@given(scenarios())
def test_a_person_two_duties_behind_another_could_not_take_any_of_their_duties(scenario):
    days, slots, pool = scenario
    plan = plan_rota(days, slots, [pool])
    counts = {p.key: plan.counts("head").get(p.key, 0) for p in pool.people}
    for p in pool.people:
        for q in pool.people:
            if counts[p.key] - counts[q.key] >= 2:
                q_days = set(_busy_days(plan, q.key))
                for day in _busy_days(plan, p.key):
                    assert day in q.unavailable or day in q_days


@settings(max_examples=50, deadline=None)
@given(scenarios())
def test_the_same_input_always_gives_the_same_rota(scenario):
    days, slots, pool = scenario
    assert plan_rota(days, slots, [pool]) == plan_rota(list(reversed(days)), slots, [pool])


def test_leaders_and_heads_are_separate_pools_and_rotate_in_the_offices_order():
    days = [START + dt.timedelta(days=i) for i in range(4)]
    leaders = Pool("leader", (Person(1), Person(2)), 1)
    heads = Pool("head", (Person(7), Person(8), Person(9)), 1)
    plan = plan_rota(days, 1, [leaders, heads])
    assert [plan.person_at(Seat(d, 0, "leader", 0)) for d in days] == [1, 2, 1, 2]
    assert [plan.person_at(Seat(d, 0, "head", 0)) for d in days] == [7, 8, 9, 7]


def test_an_empty_pool_leaves_every_seat_empty():
    plan = plan_rota([START], 2, [Pool("leader", (), 1)])
    assert len(plan.gaps) == 2


def test_working_days_keeps_only_the_days_the_calendar_says_are_worked():
    saturday = dt.date(2025, 3, 8)
    days = working_days(START, START + dt.timedelta(days=6), lambda d: d != saturday)
    assert saturday not in days and len(days) == 6
