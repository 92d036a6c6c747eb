from __future__ import annotations

import pytest

from minping.tally import Ballot, BallotStatus, check_ballot, design_problems
from minping.tally.tests.factories import criteria_scale, design, score_scale

ALL = {"D01": "satisfied", "D02": "fairly_satisfied", "D03": "dissatisfied"}
ID = "c" * 32


def codes(problems):
    return [(p.code, p.field) for p in problems]


def test_a_complete_ballot_fits():
    assert check_ballot(design(), Ballot(ID, "V0", answers=ALL), complete=True) == []


def test_the_phone_form_needs_every_department():
    ballot = Ballot(ID, "V0", answers={"D01": "satisfied", "D02": "satisfied"})
    problems = check_ballot(design(), ballot, complete=True)
    assert codes(problems) == [("missing_department", "answers.D03")]
    assert problems[0].message == "此部门尚未评价。"
    assert check_ballot(design(), ballot) == []  # a paper ballot may leave one blank


def test_a_choice_not_on_the_ballot_is_refused():
    ballot = Ballot(ID, "V0", answers={**ALL, "D02": "very_satisfied"})
    assert codes(check_ballot(design(), ballot)) == [("unknown_choice", "answers.D02")]


@pytest.mark.parametrize("value", [-1, 101])
def test_a_score_out_of_range_is_refused(value):
    ballot = Ballot(ID, "V0", answers={"D01": value, "D02": 50, "D03": 0})
    problems = check_ballot(design(score_scale()), ballot)
    assert codes(problems) == [("out_of_range", "answers.D01")]
    assert problems[0].message == "分数须在0到100之间。"


def test_every_criterion_must_be_scored_within_range():
    answers = {
        "D01": {"work": 11},
        "D02": {"work": 5, "service": 5},
        "D03": {"work": 1, "service": 1},
    }
    problems = check_ballot(design(criteria_scale()), Ballot(ID, "V0", answers=answers))
    assert codes(problems) == [
        ("out_of_range", "answers.D01.work"),
        ("missing_criterion", "answers.D01.service"),
    ]


def test_unknown_department_venue_item_and_option_are_named():
    ballot = Ballot(
        "not-hex",
        "V9",
        answers={**ALL, "D99": "satisfied"},
        questionnaire={"Q1": "maybe", "Q9": "yes"},
    )
    assert codes(check_ballot(design(), ballot)) == [
        ("bad_ballot_id", "ballot_id"),
        ("unknown_venue", "venue"),
        ("unknown_department", "answers.D99"),
        ("unknown_option", "questionnaire.Q1"),
        ("unknown_item", "questionnaire.Q9"),
    ]


def test_a_blank_ballot_carries_nothing():
    assert check_ballot(design(), Ballot(ID, "V0", status=BallotStatus.BLANK)) == []
    ballot = Ballot(ID, "V0", status=BallotStatus.BLANK, answers={"D01": "satisfied"})
    assert codes(check_ballot(design(), ballot)) == [("blank_with_content", "status")]


def test_a_valid_ballot_with_nothing_on_it_must_be_recorded_as_blank():
    assert codes(check_ballot(design(), Ballot(ID, "V0"))) == [("empty_valid", "status")]


def test_the_content_of_an_invalid_ballot_is_not_checked():
    ballot = Ballot(ID, "V0", status=BallotStatus.INVALID, answers={"D01": "scribbled"})
    assert check_ballot(design(), ballot) == []


def test_the_default_design_has_no_problems_and_a_broken_one_says_why():
    assert design_problems(design()) == []
    broken = design(venues=(), departments=())
    assert "评议票没有部门。" in design_problems(broken)
    assert "会场编号为空或重复。" in design_problems(broken)


def test_the_batch_checker_agrees_with_check_ballot_on_random_ballots():
    import random

    from minping.tally.design import BallotChecker
    from minping.tally.tests.factories import random_ballots

    d = design()
    checker = BallotChecker(d)
    odd = [
        Ballot(ID, "V0", answers={"D01": "very"}),
        Ballot(ID, "V9", answers=ALL),
        Ballot("x" * 32, "V0", answers=ALL),
        Ballot(ID, "V0", answers=ALL, questionnaire={"Q1": "maybe"}),
        Ballot(ID, "V0", answers=ALL, questionnaire={"Q7": "yes"}),
        Ballot(ID, "V0", answers=ALL, opinions={"D99": "x"}),
        Ballot(ID, "V0", answers={**ALL, "D01": 3}),
    ]
    for ballot in [*random_ballots(random.Random(9), 200, d), *odd]:
        assert checker.check(ballot) == check_ballot(d, ballot)
        assert checker.check(ballot, complete=True) == check_ballot(d, ballot, complete=True)


def test_a_ballot_id_that_is_not_text_is_a_problem_not_a_crash():
    import uuid

    ballot = Ballot(uuid.uuid4(), "V0", answers=ALL)  # type: ignore[arg-type]
    assert codes(check_ballot(design(), ballot)) == [("bad_ballot_id", "ballot_id")]
