"""Dashboard cards and navigation of the surveys app."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from minping.surveys import actions, dashboard
from minping.surveys.tests.conftest import full_answers

pytestmark = pytest.mark.django_db


def _request(user: Any) -> Any:
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_bureau_sees_the_survey_and_callback_progress(personas: Any, open_survey: Any) -> None:
    actions.submit_with_code(open_survey.codes[0], full_answers(open_survey.survey))
    call_list = actions.do_create_call_list(
        personas.statistics, open_survey.survey, name="代表回访", source="upload",
        people=[("甲", "19900000001", None)],
    )  # fmt: skip
    actions.do_draw_sample(personas.statistics, call_list, 1, "s")
    cards = dashboard.cards(_request(personas.statistics))
    assert cards[0].count == 1
    assert "代表回访" in cards[0].body and "0/1" in cards[0].body
    assert dashboard.nav(_request(personas.statistics))
    assert dashboard.cards(_request(personas.office))[0].url.endswith("/results/")
    assert dashboard.nav(_request(personas.citizen)) == []


def test_a_department_gets_a_card_only_once_scores_are_published(
    personas: Any, open_survey: Any
) -> None:
    assert dashboard.cards(_request(personas.dept_a)) == []
    actions.do_transition(personas.statistics, open_survey.survey, "closed")
    actions.do_publish(personas.office, open_survey.survey, "0" * 64)
    cards = dashboard.cards(_request(personas.dept_a))
    assert len(cards) == 1 and cards[0].url.endswith("/scores/")


def test_the_public_home_links_the_open_survey(personas: Any, open_survey: Any) -> None:
    links = dashboard.public_links(open_survey.survey.campaign)
    assert any(link.url.endswith(f"/s/{open_survey.survey.pk}/") for link in links)
