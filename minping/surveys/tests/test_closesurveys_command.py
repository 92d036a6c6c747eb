"""`manage.py closesurveys`: closes and seals surveys past their closing time; twice is safe."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from minping.surveys import actions
from minping.surveys.models import Survey
from minping.surveys.tests.conftest import full_answers

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_survey_past_its_closing_time_is_closed_and_sealed(open_survey: Any) -> None:
    survey = open_survey.survey
    actions.submit_with_code(open_survey.codes[0], full_answers(survey))
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    out = io.StringIO()
    call_command("closesurveys", stdout=out)
    survey.refresh_from_db()
    assert survey.state == "closed" and len(survey.sealed_root) == 64
    assert "closed and sealed: 1" in out.getvalue()
    call_command("closesurveys", stdout=out)
    assert "closed and sealed: 0" in out.getvalue()


def test_a_survey_still_running_is_left_open(open_survey: Any) -> None:
    survey = open_survey.survey
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + dt.timedelta(days=1))
    call_command("closesurveys", stdout=io.StringIO())
    survey.refresh_from_db()
    assert survey.state == "open"
