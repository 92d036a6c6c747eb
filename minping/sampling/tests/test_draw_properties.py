"""Property tests on random frames: quotas, no repeats, eligibility, reproducibility."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minping.sampling import DrawSpec, Person, Quota, check_feasibility, draw, eligible

from .strategies import frames, quotas, scenarios, seeds

METHODS = st.sampled_from(["systematic", "maximin", "leximin"])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def filled(result_seats: tuple, q: Quota) -> int:
    return sum(
        1
        for s in result_seats
        if (s.session, s.venue, s.district, s.category)
        == (q.session, q.venue, q.district, q.category)
    )


@SETTINGS
@given(scenario=scenarios(), seed=seeds, method=METHODS)
def test_every_quota_is_filled_exactly_or_its_shortfall_is_reported(
    scenario: tuple[list[Person], tuple[Quota, ...]], seed: str, method: str
) -> None:
    people, quota_list = scenario
    spec = DrawSpec(seed, quota_list, method=method)  # type: ignore[arg-type]
    result = draw(people, spec)
    short_seats = {s.quota for s in result.shortfalls if s.kind == "seats" and s.quota}
    short_reserves = {s.quota for s in result.shortfalls if s.kind == "reserves" and s.quota}
    if any(s.kind == "seats" and s.stage == "check" for s in result.shortfalls):
        assert result.selected == () and result.reserves == ()
        return
    for q in quota_list:
        if q in short_seats:
            assert filled(result.selected, q) < q.seats
        else:
            assert filled(result.selected, q) == q.seats
        reserves = filled(result.reserves, q)
        assert reserves <= q.reserves
        if reserves < q.reserves:
            assert (
                q in short_reserves
                or q in short_seats
                or any(s.quota is None for s in result.shortfalls)
            )
    if method != "systematic":
        # The lottery always fills every seat once the pre-draw check passes.
        assert result.ok


@SETTINGS
@given(scenario=scenarios(), seed=seeds, method=METHODS)
def test_nobody_is_drawn_twice_and_every_seat_fits_its_person(
    scenario: tuple[list[Person], tuple[Quota, ...]], seed: str, method: str
) -> None:
    people, quota_list = scenario
    result = draw(people, DrawSpec(seed, quota_list, method=method))  # type: ignore[arg-type]
    seats = [*result.selected, *result.reserves]
    pids = Counter(s.pid for s in seats)
    assert all(n == 1 for n in pids.values())
    rows = {(p.pid, p.category): p for p in people}
    for s in seats:
        person = rows[(s.pid, s.category)]
        q = Quota(s.session, s.venue, s.district, s.category, 1)
        # Category, district and a volunteer's venue/session choice are respected.
        assert eligible(person, q)
        if person.is_volunteer and person.flexibility == "none":
            assert person.session_pref in (None, s.session)
            assert person.venue_pref in (None, s.venue)
    # Ranks are 1..n inside each stratum and kind.
    by_stratum: dict[tuple, list[int]] = {}
    for s in seats:
        by_stratum.setdefault((s.kind, s.session, s.venue, s.district, s.category), []).append(
            s.rank
        )
    for ranks in by_stratum.values():
        assert ranks == list(range(1, len(ranks) + 1))


@SETTINGS
@given(
    scenario=scenarios(),
    seed=seeds,
    method=METHODS,
    shuffle=st.randoms(use_true_random=False),
)
def test_the_same_seed_and_frame_in_any_order_give_the_same_result(
    scenario: tuple[list[Person], tuple[Quota, ...]],
    seed: str,
    method: str,
    shuffle: random.Random,
) -> None:
    people, quota_list = scenario
    spec = DrawSpec(seed, quota_list, method=method)  # type: ignore[arg-type]
    first = draw(people, spec)
    reordered = list(people)
    shuffle.shuffle(reordered)
    quotas_reordered = list(quota_list)
    shuffle.shuffle(quotas_reordered)
    second = draw(reordered, DrawSpec(seed, tuple(quotas_reordered), method=method))  # type: ignore[arg-type]
    assert second.frame_hash == first.frame_hash
    assert second.selected == first.selected
    assert second.reserves == first.reserves
    assert second.probabilities == first.probabilities


@settings(max_examples=60, deadline=None)
@given(people=frames, quota_list=quotas)
def test_a_stratum_with_too_few_people_is_reported_before_the_draw(
    people: list[Person], quota_list: tuple[Quota, ...]
) -> None:
    shortfalls = check_feasibility(people, DrawSpec("s", quota_list))
    for q in quota_list:
        pool = {p.pid for p in people if eligible(p, q)}
        named = [s for s in shortfalls if s.quota == q]
        if len(pool) < q.seats:
            assert [s.kind for s in named] == ["seats"]
            assert named[0].available == len(pool)
        elif len(pool) < q.seats + q.reserves:
            assert [s.kind for s in named] == ["reserves"]
        else:
            assert named == []


def test_different_seeds_draw_different_people() -> None:
    people = [Person(f"p{i:03d}", "npc", "东胜区", (str(i % 5),)) for i in range(300)]
    quota_list = (Quota(1, "branch", "东胜区", "npc", 20, 5),)
    draws = {
        tuple(s.pid for s in draw(people, DrawSpec(seed, quota_list)).selected)
        for seed in ("a", "b", "c", "d")
    }
    assert len(draws) == 4
