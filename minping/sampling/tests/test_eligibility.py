"""Volunteers are placed only where their reassignment choice (是否服从调剂) allows."""

from __future__ import annotations

import pytest

from minping.sampling import Person, Quota, eligible

CHOICE = {"venue_pref": "main", "session_pref": 1}
STRATA = {
    "chosen": Quota(1, "main", None, "volunteer", 1),
    "other venue": Quota(1, "branch", "东胜区", "volunteer", 1),
    "other session": Quota(2, "main", None, "volunteer", 1),
    "both changed": Quota(2, "branch", "东胜区", "volunteer", 1),
    "other district": Quota(1, "branch", "乌审旗", "volunteer", 1),
}


@pytest.mark.parametrize(
    ("flexibility", "allowed"),
    [
        ("any", {"chosen", "other venue", "other session", "both changed"}),
        ("venue", {"chosen", "other venue"}),
        ("session", {"chosen", "other session"}),
        ("none", {"chosen"}),
    ],
)
def test_each_reassignment_choice_allows_exactly_its_moves(
    flexibility: str, allowed: set[str]
) -> None:
    volunteer = Person(
        "v", "volunteer", "东胜区", is_volunteer=True, flexibility=flexibility, **CHOICE
    )  # type: ignore[arg-type]
    assert {name for name, q in STRATA.items() if eligible(volunteer, q)} == allowed


def test_frame_rows_go_to_any_session_but_only_their_district_branch() -> None:
    person = Person("p", "volunteer", "东胜区")
    assert {name for name, q in STRATA.items() if eligible(person, q)} == {
        "chosen",
        "other venue",
        "other session",
        "both changed",
    }


def test_a_row_without_district_can_only_sit_at_the_main_venue() -> None:
    person = Person("p", "volunteer", None)
    assert {name for name, q in STRATA.items() if eligible(person, q)} == {
        "chosen",
        "other session",
    }


def test_another_category_never_fits() -> None:
    assert not eligible(Person("p", "npc", "东胜区"), STRATA["chosen"])
