"""Paper questionnaires: two different operators key each one; a third resolves mismatches."""

from __future__ import annotations

from typing import Any

import pytest

from minping.accounts.actions import do_create_user
from minping.accounts.models import Role
from minping.surveys import actions
from minping.surveys.models import PaperEntry, Response, ResponseCode
from minping.surveys.tests.conftest import full_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(personas: Any) -> Any:
    return do_create_user(None, username="stat2", password="x-Passw0rd!", role=Role.STATISTICS)


def test_two_agreeing_keyings_count_the_paper_once(
    personas: Any, second: Any, open_survey: Any
) -> None:
    survey, code = open_survey.survey, open_survey.codes[0]
    answers = full_answers(survey)
    assert actions.do_enter_paper(personas.statistics, survey, code, answers).state == "waiting"
    assert not Response.objects.exists()
    with pytest.raises(actions.ActionError, match="另一名录入员"):
        actions.do_enter_paper(personas.statistics, survey, code, answers)
    assert actions.do_enter_paper(second, survey, code, answers).state == "counted"
    row = Response.objects.get()
    assert row.channel == "paper" and row.hour is None and row.district is not None
    assert not PaperEntry.objects.exists()
    assert ResponseCode.objects.get(code=code).used
    with pytest.raises(actions.CodeProblem):
        actions.submit_with_code(code, answers)


def test_a_mismatch_waits_for_a_third_person(
    client: Any, login: Any, personas: Any, second: Any, open_survey: Any
) -> None:
    survey, code = open_survey.survey, open_survey.codes[1]
    actions.do_enter_paper(personas.statistics, survey, code, full_answers(survey))
    outcome = actions.do_enter_paper(second, survey, code, full_answers(survey, "dissatisfied"))
    assert outcome.state == "mismatch"
    with pytest.raises(actions.ActionError, match="第三人"):
        actions.do_resolve_paper(second, survey, code, full_answers(survey))
    page = login(personas.office).get(f"/surveys/{survey.pk}/paper/").content.decode()
    assert "待复核" in page
    data = {**full_answers(survey, "fairly")}
    response = client.post(f"/surveys/{survey.pk}/paper/{code}/", data)
    assert response.status_code == 302
    assert Response.objects.get().answers["overall"] == "fairly"
    assert not PaperEntry.objects.exists()


def test_closing_waits_for_unfinished_paper(personas: Any, open_survey: Any) -> None:
    survey = open_survey.survey
    actions.do_enter_paper(personas.statistics, survey, open_survey.codes[2], {})
    with pytest.raises(actions.ActionError, match="纸质问卷"):
        actions.do_transition(personas.statistics, survey, "closed")
