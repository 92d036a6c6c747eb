"""Fixtures of the surveys app: a standard questionnaire, open, with a batch of codes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from minping.campaigns.models import District
from minping.surveys import actions
from minping.surveys.models import Survey


@dataclass
class OpenSurvey:
    survey: Survey
    codes: list[str]


def full_answers(survey: Survey, choice: str = "satisfied") -> dict[str, Any]:
    """Answers every required question: the first option, ``choice`` on every rating."""
    out: dict[str, Any] = {}
    for q in survey.questions.all():
        if q.kind == "rating":
            out[q.key] = choice
        elif q.kind == "single":
            out[q.key] = q.options[0]["key"]
    return out


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    """Actions' messages are read in Chinese: a request in English earlier in the same
    thread (the English UI test) leaves English active otherwise."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


@pytest.fixture
def survey(personas: Any) -> Survey:
    made = actions.do_create_survey(
        personas.statistics,
        _campaign(),
        {"title": "测试问卷", "intro": "问卷说明", "min_answers": 2, "open_link": True},
    )
    actions.do_use_standard_template(personas.statistics, made)
    return made


def _campaign() -> Any:
    from minping.campaigns.models import Campaign

    return Campaign.objects.current()


@pytest.fixture
def open_survey(personas: Any, survey: Survey) -> OpenSurvey:
    district = District.objects.get(name="东胜区")
    batch = actions.do_issue_codes(
        personas.statistics, survey, label="东胜区入户", count=6, district=district
    )
    actions.do_transition(personas.statistics, survey, "open")
    survey.refresh_from_db()
    return OpenSurvey(survey, sorted(batch.codes.values_list("code", flat=True)))
