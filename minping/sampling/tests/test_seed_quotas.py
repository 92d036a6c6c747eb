"""The seeds' quota table drawn from a synthetic frame of 20,000 rows plus volunteers.

Seed 000: per session 100 at the main venue and 400/80/230/250/175/110/75/115/65 at the
nine branches; volunteers 5 (main) and 18/4/11/12/8/5/4/5/3 (branches) per session,
inside those numbers.  (The seed calls the branch total 1,400, but its own figures add
up to 1,500, so a session has 1,600 seats; the table is used as written.)
"""

from __future__ import annotations

from collections import Counter

import pytest

from minping.sampling import DrawResult, DrawSpec, draw

from .frames import BRANCH_SEATS, VOLUNTEER, VOLUNTEER_SEATS, seed_quotas, synthetic_frame

PEOPLE = synthetic_frame(20_000, volunteers=600)
QUOTAS = tuple(seed_quotas())


@pytest.fixture(scope="module", params=["systematic", "leximin"])
def result(request: pytest.FixtureRequest) -> DrawResult:
    return draw(PEOPLE, DrawSpec("2025-demo-seed", QUOTAS, method=request.param))


def test_the_seed_table_is_feasible_and_fully_drawn(result: DrawResult) -> None:
    assert result.ok
    assert result.shortfalls == ()


def test_every_session_has_100_at_the_main_venue_and_the_table_at_each_branch(
    result: DrawResult,
) -> None:
    per_venue = Counter((s.session, s.venue, s.district) for s in result.selected)
    for session in (1, 2, 3):
        assert per_venue[(session, "main", None)] == 100
        for district, seats in BRANCH_SEATS.items():
            assert per_venue[(session, "branch", district)] == seats
    assert sum(per_venue.values()) == 3 * (100 + sum(BRANCH_SEATS.values()))


def test_volunteers_fill_their_own_seats_per_session(result: DrawResult) -> None:
    volunteers = Counter(
        (s.session, s.district) for s in result.selected if s.category == VOLUNTEER
    )
    for session in (1, 2, 3):
        assert volunteers[(session, None)] == 5
        for district, seats in VOLUNTEER_SEATS.items():
            assert volunteers[(session, district)] == seats


def test_each_stratum_is_filled_exactly_with_its_reserves(result: DrawResult) -> None:
    selected = Counter((s.session, s.venue, s.district, s.category) for s in result.selected)
    reserves = Counter((s.session, s.venue, s.district, s.category) for s in result.reserves)
    for q in QUOTAS:
        key = (q.session, q.venue, q.district, q.category)
        assert selected[key] == q.seats
        assert reserves[key] == q.reserves


def test_nobody_is_drawn_twice_across_sessions_categories_and_reserves(
    result: DrawResult,
) -> None:
    pids = [s.pid for s in (*result.selected, *result.reserves)]
    assert len(pids) == len(set(pids))


def test_main_venue_strata_are_drawn_from_the_whole_frame_first() -> None:
    people = synthetic_frame(5_000, volunteers=0)
    quotas = tuple(q for q in seed_quotas(sessions=1, reserve_rate=0) if q.category != VOLUNTEER)
    first = draw(people, DrawSpec("s", quotas, main_first=True))
    later = draw(people, DrawSpec("s", quotas, main_first=False))
    category = quotas[0].category
    whole = len({p.pid for p in people if p.category == category})
    main_pool = next(
        s.pool for s in first.strata if s.quota.venue == "main" and s.quota.category == category
    )
    assert first.strata[0].quota.venue == "main"
    assert main_pool == whole
    # Without the priority, session 1's branches go first and shrink the main pool.
    later_pool = next(
        s.pool for s in later.strata if s.quota.venue == "main" and s.quota.category == category
    )
    assert later_pool < whole
