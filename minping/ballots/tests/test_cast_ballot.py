"""do_cast_ballot: one token, one ballot, in one transaction; retries get the same receipt."""

from __future__ import annotations

from typing import Any

import pytest

from minping.ballots import actions
from minping.ballots.models import Ballot, BallotToken, Receipt
from minping.ballots.tests.conftest import answers_for

pytestmark = pytest.mark.django_db


def test_a_ballot_is_stored_and_its_token_used(evaluation: Any, open_box: Any) -> None:
    result = actions.do_cast_ballot(open_box.codes[0], answers_for(evaluation.design))
    assert not result.repeated
    assert Ballot.objects.filter(box=open_box).count() == 1
    assert BallotToken.objects.get(code=open_box.codes[0]).used
    assert Receipt.objects.get(code=result.receipt).box == open_box


def test_a_retry_with_the_same_token_gets_the_same_receipt(evaluation: Any, open_box: Any) -> None:
    first = actions.do_cast_ballot(open_box.codes[0], answers_for(evaluation.design))
    again = actions.do_cast_ballot(
        open_box.codes[0], answers_for(evaluation.design, "dissatisfied")
    )
    assert again.repeated and again.receipt == first.receipt
    assert Ballot.objects.count() == 1
    assert Ballot.objects.get().answers == answers_for(evaluation.design)["answers"]


def test_a_ballot_missing_a_department_is_refused_and_nothing_is_stored(
    evaluation: Any, open_box: Any
) -> None:
    content = answers_for(evaluation.design)
    content["answers"].pop(next(iter(content["answers"])))
    with pytest.raises(actions.ActionError, match="此部门尚未评价"):
        actions.do_cast_ballot(open_box.codes[0], content)
    assert not Ballot.objects.exists()
    assert not BallotToken.objects.get(code=open_box.codes[0]).used


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("", "empty"),
        ("ABC", "malformed"),
        ("22222222222A", "malformed"),
    ],
)
def test_bad_codes_are_refused_with_a_reason(
    evaluation: Any, open_box: Any, code: str, problem: str
) -> None:
    with pytest.raises(actions.TokenProblem) as info:
        actions.do_cast_ballot(code, answers_for(evaluation.design))
    assert info.value.code == problem
    assert not Ballot.objects.exists()


def test_a_well_formed_code_that_was_never_issued_is_forged(evaluation: Any, open_box: Any) -> None:
    from minping.ballots.models import new_token_code

    code = new_token_code()
    with pytest.raises(actions.TokenProblem) as info:
        actions.do_cast_ballot(code, answers_for(evaluation.design))
    assert info.value.code == "forged"
    assert "没有发放过" in info.value.message


def test_a_token_of_another_venue_is_refused_at_this_venue(evaluation: Any, open_box: Any) -> None:
    with pytest.raises(actions.TokenProblem) as info:
        actions.token_for_voting(open_box.codes[0], box_id=evaluation.branch.pk)
    assert info.value.code == "other_venue"
    assert "主会场" in info.value.message or open_box.venue.name in info.value.message


def test_nothing_is_accepted_after_the_box_closed(evaluation: Any, open_box: Any) -> None:
    actions.do_close_box(evaluation.office, open_box)
    with pytest.raises(actions.TokenProblem) as info:
        actions.do_cast_ballot(open_box.codes[0], answers_for(evaluation.design))
    assert info.value.code == "closed"
    assert "已结束" in info.value.message
    assert not Ballot.objects.exists()


def test_a_box_not_yet_open_refuses_ballots(evaluation: Any) -> None:
    codes = evaluation.tokens(evaluation.branch, 2)
    with pytest.raises(actions.TokenProblem) as info:
        actions.do_cast_ballot(codes[0], answers_for(evaluation.design))
    assert info.value.code == "not_open"


def test_a_token_of_a_sealed_box_has_expired(evaluation: Any, open_box: Any) -> None:
    actions.do_close_box(evaluation.office, open_box)
    actions.do_seal_box(evaluation.office, open_box, "演示：无人投票")
    with pytest.raises(actions.TokenProblem) as info:
        actions.do_cast_ballot(open_box.codes[0], answers_for(evaluation.design))
    assert info.value.code == "expired"


def test_a_failure_after_the_ballot_insert_stores_nothing(
    evaluation: Any, open_box: Any, monkeypatch: Any
) -> None:
    """Token, ballot and receipt commit together or not at all (no half-stored ballot)."""

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Receipt.objects, "create", broken)
    with pytest.raises(RuntimeError):
        actions.do_cast_ballot(open_box.codes[0], answers_for(evaluation.design))
    assert not Ballot.objects.exists()
    assert not BallotToken.objects.get(code=open_box.codes[0]).used
