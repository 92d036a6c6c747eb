"""Paper ballots: keyed twice by two operators, mismatches go to a third look."""

from __future__ import annotations

from typing import Any

import pytest

from minping.accounts.actions import do_create_user
from minping.accounts.models import Role
from minping.ballots import actions
from minping.ballots.models import Ballot, BallotToken, PaperEntry, Receipt
from minping.ballots.tests.conftest import answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def operators(personas: Any) -> tuple[Any, Any, Any]:
    second = do_create_user(None, username="stat2", password="x-Pass-12345", role=Role.STATISTICS)
    return personas.statistics, second, personas.office


def test_two_matching_keyings_count_the_ballot_once(
    evaluation: Any, open_box: Any, operators: Any
) -> None:
    first, second, _third = operators
    code = open_box.codes[0]
    content = answers_for(evaluation.design, "fairly_satisfied")
    assert actions.do_enter_paper(first, open_box, code, content).state == "waiting"
    assert not Ballot.objects.exists()
    assert actions.do_enter_paper(second, open_box, code, content).state == "counted"
    assert Ballot.objects.get().answers == content["answers"]
    assert BallotToken.objects.get(code=code).used
    assert not PaperEntry.objects.exists()  # the token-to-content pairing is gone
    assert not Receipt.objects.exists()


def test_the_same_operator_cannot_key_a_paper_twice(
    evaluation: Any, open_box: Any, operators: Any
) -> None:
    first, _second, _third = operators
    content = answers_for(evaluation.design)
    actions.do_enter_paper(first, open_box, open_box.codes[0], content)
    with pytest.raises(actions.ActionError, match="另一名录入员"):
        actions.do_enter_paper(first, open_box, open_box.codes[0], content)


def test_a_mismatch_waits_for_a_third_person_who_decides(
    evaluation: Any, open_box: Any, operators: Any
) -> None:
    first, second, third = operators
    code = open_box.codes[1]
    actions.do_enter_paper(first, open_box, code, answers_for(evaluation.design, "satisfied"))
    outcome = actions.do_enter_paper(
        second, open_box, code, answers_for(evaluation.design, "dissatisfied")
    )
    assert outcome.state == "mismatch"
    assert not Ballot.objects.exists()
    with pytest.raises(actions.ActionError, match="第三人"):
        actions.do_resolve_paper(first, open_box, code, answers_for(evaluation.design))
    actions.do_resolve_paper(third, open_box, code, answers_for(evaluation.design, "satisfied"))
    assert Ballot.objects.get().answers == answers_for(evaluation.design)["answers"]
    assert not PaperEntry.objects.exists()


def test_a_blank_paper_ballot_is_counted_as_blank(
    evaluation: Any, open_box: Any, operators: Any
) -> None:
    first, second, _third = operators
    blank = {"status": "blank", "answers": {}, "opinions": {}, "questionnaire": {}}
    actions.do_enter_paper(first, open_box, open_box.codes[2], blank)
    actions.do_enter_paper(second, open_box, open_box.codes[2], blank)
    assert Ballot.objects.get().status == "blank"


def test_a_paper_with_a_token_of_another_venue_is_refused(
    evaluation: Any, open_box: Any, operators: Any
) -> None:
    first, _second, _third = operators
    other = evaluation.tokens(evaluation.branch, 1)[0]
    with pytest.raises(actions.TokenProblem, match="其他会场"):
        actions.do_enter_paper(first, open_box, other, answers_for(evaluation.design))
    assert not PaperEntry.objects.exists()


def test_a_paper_whose_token_already_voted_by_phone_is_refused(
    evaluation: Any, open_box: Any, operators: Any
) -> None:
    first, _second, _third = operators
    actions.do_cast_ballot(open_box.codes[3], answers_for(evaluation.design))
    with pytest.raises(actions.TokenProblem, match="已计票"):
        actions.do_enter_paper(first, open_box, open_box.codes[3], answers_for(evaluation.design))


def test_paper_may_be_keyed_after_close_but_not_after_seal(
    evaluation: Any, open_box: Any, operators: Any
) -> None:
    first, second, _third = operators
    actions.do_close_box(evaluation.office, open_box)
    content = answers_for(evaluation.design)
    actions.do_enter_paper(first, open_box, open_box.codes[4], content)
    with pytest.raises(actions.ActionError, match="纸质票"):
        actions.do_seal_box(evaluation.office, open_box, "待录入")
    actions.do_enter_paper(second, open_box, open_box.codes[4], content)
    actions.do_seal_box(evaluation.office, open_box, "29人未交票")
    with pytest.raises(actions.ActionError, match="未封存"):
        actions.do_enter_paper(first, open_box, open_box.codes[5], content)


def test_an_out_of_range_score_is_refused(evaluation: Any, personas: Any, operators: Any) -> None:
    from minping.ballots.forms import PaperBallotForm

    design = evaluation.design
    actions.do_save_design(personas.statistics, design, {"scale": "score"})
    design.refresh_from_db()
    dept = design.department_list()[0]["id"]
    form = PaperBallotForm(
        {"token_code": "2222-2222-2222", "status": "valid", f"d_{dept}": "120"}, design=design
    )
    assert not form.is_valid()
    assert form.errors[f"d_{dept}"] == ["分数须在0到100之间。"]
