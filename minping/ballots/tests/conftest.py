"""Fixtures for the ballots tests: a session with ballot boxes, tokens and an open box."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class Evaluation:
    session: Any
    main: Any  # the main venue's box
    branch: Any  # 东胜区分会场's box
    design: Any

    def tokens(self, box: Any, n: int) -> list[str]:
        from minping.ballots.actions import do_issue_tokens

        return [t.code for t in do_issue_tokens(self.office, box, n)]

    office: Any = None


def answers_for(design: Any, choice: str = "satisfied") -> dict[str, Any]:
    """A complete phone ballot content: every department, every questionnaire item."""
    return {
        "status": "valid",
        "answers": {str(d["id"]): choice for d in design.department_list()},
        "opinions": {},
        "questionnaire": {q["id"]: "no" for q in design.questionnaire},
    }


def post_data(design: Any, choice: str = "satisfied") -> dict[str, str]:
    """The same content as the phone form posts it."""
    data = {f"d_{d['id']}": choice for d in design.department_list()}
    data.update({f"q_{q['id']}": "no" for q in design.questionnaire})
    return data


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """The personas' password hashing dominates set-up time; these tests are not about it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def evaluation(personas: Any) -> Evaluation:
    from minping.ballots.actions import do_prepare_boxes, get_or_create_design
    from minping.campaigns.models import Session

    session = Session.objects.get(number=1)
    boxes = do_prepare_boxes(personas.office, session)
    main = next(b for b in boxes if b.venue.is_main)
    branch = next(b for b in boxes if b.venue.name == "东胜区分会场")
    return Evaluation(
        session=session,
        main=main,
        branch=branch,
        design=get_or_create_design(session),
        office=personas.office,
    )


@pytest.fixture
def open_box(evaluation: Evaluation) -> Any:
    """The main venue's box with 30 tokens, open for voting; ``open_box.codes`` lists them."""
    from minping.ballots.actions import do_open_box

    codes = evaluation.tokens(evaluation.main, 30)
    box = do_open_box(evaluation.office, evaluation.main)
    box.codes = codes
    evaluation.design.refresh_from_db()
    return box


def vote_and_seal(evaluation: Evaluation, votes: dict[Any, list[str]]) -> None:
    """Issue, open, vote (choice per ballot), close and seal the given boxes; seal the
    others empty. ``votes`` maps a box to the choices of its ballots."""
    from minping.ballots.actions import (
        do_cast_ballot,
        do_close_box,
        do_open_box,
        do_seal_box,
    )
    from minping.ballots.models import BallotBox

    for box, choices in votes.items():
        codes = evaluation.tokens(box, len(choices))
        do_open_box(evaluation.office, box)
        evaluation.design.refresh_from_db()
        for code, choice in zip(codes, choices, strict=True):
            do_cast_ballot(code, answers_for(evaluation.design, choice))
        do_close_box(evaluation.office, box)
        do_seal_box(evaluation.office, box)
    for box in BallotBox.objects.filter(session=evaluation.session).exclude(state="sealed"):
        do_seal_box(evaluation.office, box)
