"""Quotas that cannot be met are reported per stratum before anything is drawn."""

from __future__ import annotations

import pytest

from minping.sampling import DrawSpec, Person, Quota, check_feasibility, draw

PEOPLE = [Person(f"n{i}", "npc", "东胜区") for i in range(6)] + [
    Person(f"c{i}", "cppcc", "乌审旗") for i in range(3)
]


def test_a_stratum_with_too_few_people_is_named_with_its_numbers() -> None:
    quotas = (Quota(1, "branch", "乌审旗", "cppcc", 5, 1), Quota(1, "branch", "东胜区", "npc", 2))
    (short,) = check_feasibility(PEOPLE, DrawSpec("s", quotas))
    assert (short.scope, short.needed, short.available, short.kind) == (
        "session 1 · branch 乌审旗 · cppcc",
        5,
        3,
        "seats",
    )
    assert short.quota == quotas[0]


def test_the_draw_refuses_to_under_fill_and_draws_nothing() -> None:
    quotas = (Quota(1, "branch", "乌审旗", "cppcc", 5), Quota(1, "branch", "东胜区", "npc", 2))
    result = draw(PEOPLE, DrawSpec("s", quotas))
    assert not result.ok
    assert result.selected == () and result.reserves == ()
    assert [s.scope for s in result.shortfalls] == ["session 1 · branch 乌审旗 · cppcc"]


def test_missing_reserves_are_a_warning_and_the_draw_goes_on() -> None:
    quotas = (Quota(1, "branch", "乌审旗", "cppcc", 2, 3),)
    result = draw(PEOPLE, DrawSpec("s", quotas))
    assert result.ok
    assert [(s.kind, s.stage) for s in result.shortfalls] == [
        ("reserves", "check"),
        ("reserves", "draw"),
    ]
    assert len(result.selected) == 2 and len(result.reserves) == 1


def test_strata_competing_for_the_same_people_are_reported_together() -> None:
    # Each session alone has enough 东胜区 npc people (6), the three together do not.
    quotas = tuple(Quota(s, "branch", "东胜区", "npc", 3) for s in (1, 2, 3))
    (short,) = check_feasibility(PEOPLE, DrawSpec("s", quotas))
    assert short.quota is None
    assert (short.needed, short.available, short.kind) == (9, 6, "seats")
    assert short.scope.count("branch 东胜区 · npc") == 3


def test_a_person_in_two_frames_counts_once() -> None:
    twice = [Person("x", "npc", "东胜区"), Person("x", "cppcc", "东胜区")]
    quotas = (Quota(1, "branch", "东胜区", "npc", 1), Quota(1, "branch", "东胜区", "cppcc", 1))
    (short,) = check_feasibility(twice, DrawSpec("s", quotas))
    assert (short.needed, short.available) == (2, 1)


def test_a_volunteer_who_accepts_no_change_only_counts_for_their_choice() -> None:
    volunteer = Person(
        "v",
        "volunteer",
        "东胜区",
        is_volunteer=True,
        venue_pref="main",
        session_pref=2,
        flexibility="none",
    )
    quotas = (Quota(1, "main", None, "volunteer", 1),)
    assert [s.kind for s in check_feasibility([volunteer], DrawSpec("s", quotas))] == ["seats"]
    quotas = (Quota(2, "main", None, "volunteer", 1),)
    assert check_feasibility([volunteer], DrawSpec("s", quotas)) == []


@pytest.mark.parametrize(
    "quotas",
    [
        (Quota(1, "main", "东胜区", "npc", 1),),
        (Quota(1, "branch", None, "npc", 1),),
        (Quota(1, "main", None, "npc", -1),),
        (Quota(1, "main", None, "npc", 1), Quota(1, "main", None, "npc", 2)),
    ],
)
def test_malformed_quotas_are_refused(quotas: tuple[Quota, ...]) -> None:
    with pytest.raises(ValueError):
        check_feasibility(PEOPLE, DrawSpec("s", quotas))


def test_a_repeated_frame_row_is_refused() -> None:
    with pytest.raises(ValueError, match="row repeated"):
        draw([*PEOPLE, PEOPLE[0]], DrawSpec("s", (Quota(1, "main", None, "npc", 1),)))
