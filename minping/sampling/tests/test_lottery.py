"""The fair lottery maximises the minimum selection probability and draws with it."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from scipy.optimize import linprog

from minping.sampling import DrawSpec, Person, Quota, draw, eligible
from minping.sampling.lottery import dependent_round

from .strategies import tiny_scenarios

# One person lives in 东胜区 and is the only one who can take its branch seat; three
# others can only go to the main venue.
SQUEEZE_PEOPLE = [Person("a", "npc", "东胜区")] + [
    Person(f"b{i}", "npc", "乌审旗") for i in range(3)
]
SQUEEZE_QUOTAS = (Quota(1, "main", None, "npc", 1), Quota(1, "branch", "东胜区", "npc", 1))

# Volunteers with every kind of reassignment choice competing for three strata.
VOLUNTEERS = [
    Person(
        f"v{i}",
        "volunteer",
        "东胜区",
        is_volunteer=True,
        venue_pref=venue,  # type: ignore[arg-type]
        session_pref=session,
        flexibility=flex,  # type: ignore[arg-type]
    )
    for i, (venue, session, flex) in enumerate(
        [
            ("main", 1, "none"),
            ("main", 1, "none"),
            ("main", 1, "none"),
            ("branch", 2, "none"),
            ("branch", 1, "venue"),
            ("main", 2, "session"),
            ("branch", 1, "any"),
        ]
    )
]
VOLUNTEER_QUOTAS = (
    Quota(1, "main", None, "volunteer", 2),
    Quota(2, "main", None, "volunteer", 1),
    Quota(2, "branch", "东胜区", "volunteer", 1),
)


def panel_maximin(people: list[Person], quotas: tuple[Quota, ...]) -> float:
    """Brute force: the best minimum probability over lotteries of whole panels."""
    pids = sorted({p.pid for p in people})
    fits = {qi: sorted({p.pid for p in people if eligible(p, q)}) for qi, q in enumerate(quotas)}
    panels: list[frozenset[str]] = []

    def fill(qi: int, used: frozenset[str]) -> None:
        if qi == len(quotas):
            panels.append(used)
            return
        free = [p for p in fits[qi] if p not in used]
        for chosen in itertools.combinations(free, quotas[qi].seats):
            fill(qi + 1, used | frozenset(chosen))

    fill(0, frozenset())
    candidates = [p for p in pids if any(p in fits[qi] for qi in fits)]
    # Variables: one weight per panel, then z. Maximise z.
    n = len(panels)
    cost = np.zeros(n + 1)
    cost[-1] = -1.0
    a_ub = [[-(1.0 if p in panel else 0.0) for panel in panels] + [1.0] for p in candidates]
    res = linprog(
        cost,
        A_ub=np.array(a_ub),
        b_ub=np.zeros(len(candidates)),
        A_eq=np.array([[1.0] * n + [0.0]]),
        b_eq=np.array([1.0]),
        bounds=[(0, None)] * (n + 1),
        method="highs",
    )
    return float(-res.fun)


def test_the_only_person_for_a_branch_seat_gets_it_and_the_rest_share_fairly() -> None:
    result = draw(SQUEEZE_PEOPLE, DrawSpec("s", SQUEEZE_QUOTAS, method="maximin"))
    assert result.ok
    assert result.probabilities["a"] == pytest.approx(1.0)
    assert [result.probabilities[f"b{i}"] for i in range(3)] == pytest.approx([1 / 3] * 3)
    assert result.min_probability == pytest.approx(1 / 3)
    assert [(s.pid, s.venue) for s in result.selected if s.venue == "branch"] == [("a", "branch")]


def test_systematic_main_first_can_run_short_and_says_so() -> None:
    outcomes = Counter()
    for seed in map(str, range(40)):
        result = draw(SQUEEZE_PEOPLE, DrawSpec(seed, SQUEEZE_QUOTAS))
        if result.ok:
            outcomes["filled"] += 1
        else:
            (short,) = result.shortfalls
            assert (short.stage, short.kind, short.quota) == ("draw", "seats", SQUEEZE_QUOTAS[1])
            outcomes["short"] += 1
    # The main venue takes 东胜区's only person in about a quarter of the draws.
    assert outcomes["short"] > 0
    assert outcomes["filled"] > outcomes["short"]


@pytest.mark.parametrize(
    ("people", "quotas"),
    [
        (SQUEEZE_PEOPLE, SQUEEZE_QUOTAS),
        (VOLUNTEERS, VOLUNTEER_QUOTAS),
        (
            [Person(f"p{i}", "npc", ["东胜区", "乌审旗"][i % 2]) for i in range(7)]
            + [Person("p1", "cppcc", "乌审旗"), Person("p2", "cppcc", "东胜区")],
            (
                Quota(1, "main", None, "npc", 2),
                Quota(1, "branch", "乌审旗", "npc", 1),
                Quota(1, "branch", "东胜区", "cppcc", 1),
            ),
        ),
    ],
)
def test_the_minimum_probability_matches_the_best_lottery_over_whole_panels(
    people: list[Person], quotas: tuple[Quota, ...]
) -> None:
    for method in ("maximin", "leximin"):
        result = draw(people, DrawSpec("s", quotas, method=method))  # type: ignore[arg-type]
        assert result.min_probability == pytest.approx(panel_maximin(people, quotas), abs=1e-5)


def test_one_stratum_gives_everyone_seats_over_pool() -> None:
    people = [Person(f"p{i:02d}", "npc", "东胜区") for i in range(40)]
    result = draw(
        people, DrawSpec("s", (Quota(1, "branch", "东胜区", "npc", 10),), method="leximin")
    )
    assert set(result.probabilities.values()) == {0.25}


def test_leximin_raises_the_second_lowest_above_maximin_where_it_can() -> None:
    maximin = draw(VOLUNTEERS, DrawSpec("s", VOLUNTEER_QUOTAS, method="maximin"))
    leximin = draw(VOLUNTEERS, DrawSpec("s", VOLUNTEER_QUOTAS, method="leximin"))
    low = sorted(maximin.probabilities.values())
    lex = sorted(leximin.probabilities.values())
    assert lex[0] == pytest.approx(low[0], rel=1e-5)
    assert [round(x, 4) for x in lex] >= [round(x, 4) for x in low]
    # Everyone whose only stratum is session 1's main venue gets the same chance.
    assert len({leximin.probabilities[f"v{i}"] for i in range(3)}) == 1


def test_the_drawn_panels_follow_the_reported_probabilities() -> None:
    counts: Counter[str] = Counter()
    runs = 200
    for seed in range(runs):
        result = draw(VOLUNTEERS, DrawSpec(f"seed-{seed}", VOLUNTEER_QUOTAS, method="leximin"))
        assert result.ok
        counts.update(s.pid for s in result.selected)
    for pid, probability in result.probabilities.items():
        assert counts[pid] / runs == pytest.approx(probability, abs=0.1)


def test_dependent_rounding_keeps_stratum_totals_and_expectations() -> None:
    y = {(0, 0): 0.5, (1, 0): 1.5, (1, 1): 0.25, (2, 1): 1.75, (2, 0): 1.0}
    totals = Counter()
    rng = random.Random(5)
    for _ in range(2000):
        rounded = dependent_round(y, rng)
        assert rounded[(0, 0)] + rounded[(1, 0)] + rounded[(2, 0)] == 3
        assert rounded[(1, 1)] + rounded[(2, 1)] == 2
        for edge, value in y.items():
            assert int(value) <= rounded[edge] <= int(value) + 1
        totals.update(rounded)
    for edge, value in y.items():
        assert totals[edge] / 2000 == pytest.approx(value, abs=0.05)


@settings(max_examples=60, deadline=None)
@given(scenario=tiny_scenarios())
def test_on_small_random_frames_the_optimum_equals_the_brute_force_over_panels(
    scenario: tuple[list[Person], tuple[Quota, ...]],
) -> None:
    people, quotas = scenario
    maximin = draw(people, DrawSpec("s", quotas, method="maximin"))
    if not maximin.ok or not any(q.seats for q in quotas):
        return
    best = panel_maximin(people, quotas)
    assert maximin.min_probability == pytest.approx(best, abs=1e-5)
    leximin = draw(people, DrawSpec("s", quotas, method="leximin"))
    assert leximin.min_probability == pytest.approx(best, abs=1e-5)
