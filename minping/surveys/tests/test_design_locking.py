"""Designing the questionnaire: the standard template, pilot answers kept apart and wiped,
and the design locked once the survey opens."""

from __future__ import annotations

from typing import Any

import pytest

from minping.surveys import actions
from minping.surveys.models import Question, Response, Survey
from minping.surveys.tests.conftest import full_answers

pytestmark = pytest.mark.django_db


def test_the_standard_template_rates_each_area_against_its_department(survey: Survey) -> None:
    questions = list(survey.questions.select_related("department"))
    kinds = {q.kind for q in questions}
    assert kinds == {"single", "rating", "multiple", "text"}
    education = next(q for q in questions if q.area == "教育")
    assert education.department is not None and education.department.name == "市教育体育局"
    assert [o["label"] for o in education.options] == ["满意", "基本满意", "不满意", "不了解"]
    improve = next(q for q in questions if q.kind == "multiple")
    assert improve.max_picks == 3


def test_the_template_button_replaces_the_questions(
    login: Any, personas: Any, survey: Survey
) -> None:
    Question.objects.create(survey=survey, key="extra", text="多余的题", kind="text", order=99)
    response = login(personas.statistics).post(f"/surveys/{survey.pk}/template/")
    assert response.status_code == 302
    assert not survey.questions.filter(key="extra").exists()
    assert survey.questions.count() == 15


def test_a_question_is_added_through_the_form(login: Any, personas: Any, survey: Survey) -> None:
    client = login(personas.statistics)
    response = client.post(
        f"/surveys/{survey.pk}/questions/new/",
        {
            "order": 20,
            "key": "q20",
            "section": "附加",
            "kind": "rating",
            "text": "您对供暖是否满意？",
            "max_picks": 0,
            "options_text": "满意|100|+\n基本满意|80|+\n不满意|0\n不了解",
            "area": "供暖",
        },
    )
    assert response.status_code == 302
    q = survey.questions.get(key="q20")
    assert q.options[3] == {"key": "o4", "label": "不了解", "weight": None, "satisfied": False}
    assert q.options[0]["satisfied"] is True


def test_a_rating_question_without_any_weight_is_refused(
    login: Any, personas: Any, survey: Survey
) -> None:
    response = login(personas.statistics).post(
        f"/surveys/{survey.pk}/questions/new/",
        {"order": 1, "key": "bad", "kind": "rating", "text": "题", "max_picks": 0,
         "options_text": "好\n不好"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "满意度评价题至少一个选项要有分值" in response.content.decode()


def test_pilot_answers_are_kept_apart_and_wiped_before_going_live(
    client: Any, personas: Any, survey: Survey
) -> None:
    actions.do_transition(personas.statistics, survey, "pilot")
    data = full_answers(survey)
    response = client.post(f"/surveys/s/{survey.pk}/pilot/", data)
    assert response.status_code == 302
    assert Response.objects.filter(survey=survey, pilot=True).count() == 1
    actions.do_transition(personas.statistics, survey, "open")
    assert not Response.objects.filter(survey=survey).exists()


def test_the_design_locks_when_the_survey_opens(login: Any, personas: Any, survey: Survey) -> None:
    actions.do_transition(personas.statistics, survey, "open")
    question = survey.questions.first()
    assert question is not None
    with pytest.raises(actions.ActionError, match="设计已锁定"):
        actions.do_save_question(personas.statistics, survey, question, {"text": "改过的题目"})
    with pytest.raises(actions.ActionError, match="设计已锁定"):
        actions.do_use_standard_template(personas.statistics, survey)
    client = login(personas.statistics)
    response = client.post(f"/surveys/{survey.pk}/questions/{question.pk}/delete/", follow=True)
    assert "问卷已开始调查，设计已锁定，不能再修改。" in response.content.decode()
    assert survey.questions.filter(pk=question.pk).exists()
    form = {"title": "新标题", "min_answers": 2}
    response = client.post(f"/surveys/{survey.pk}/edit/", form)
    assert response.status_code == 400
    assert "设计已锁定" in response.content.decode()


def test_only_the_closing_time_moves_after_the_lock(personas: Any, survey: Survey) -> None:
    import datetime as dt

    from django.utils import timezone

    actions.do_transition(personas.statistics, survey, "open")
    later = timezone.now() + dt.timedelta(days=3)
    values = {f: getattr(survey, f) for f in actions.SURVEY_FIELDS}
    actions.do_save_survey(personas.statistics, survey, {**values, "closes_at": later})
    survey.refresh_from_db()
    assert survey.closes_at == later


def test_a_closed_survey_can_reopen_but_not_after_publication(
    personas: Any, open_survey: Any
) -> None:
    survey = open_survey.survey
    actions.do_transition(personas.statistics, survey, "closed")
    actions.do_transition(personas.statistics, survey, "open")
    actions.do_transition(personas.statistics, survey, "closed")
    actions.do_publish(personas.office, survey, "0" * 64)
    with pytest.raises(actions.ActionError, match="结果已发布"):
        actions.do_transition(personas.statistics, survey, "open")


def test_every_staff_action_leaves_an_audit_entry(personas: Any, open_survey: Any) -> None:
    from minping.accounts.models import AuditEntry

    survey = open_survey.survey
    call_list = actions.do_create_call_list(
        personas.statistics, survey, name="l", source="upload",
        people=[("甲", "19900000001", None)],
    )  # fmt: skip
    actions.do_draw_sample(personas.statistics, call_list, 1, "s")
    contact = call_list.contacts.get()
    actions.do_reveal_phone(personas.statistics, contact)
    actions.do_record_call(personas.statistics, contact, "reached")
    actions.do_enter_phone_response(personas.statistics, contact, {"overall": "fairly"})
    actions.do_transition(personas.statistics, survey, "closed")
    actions.do_publish(personas.office, survey, "0" * 64)
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {
        "surveys.create", "surveys.use_standard_template", "surveys.issue_codes",
        "surveys.open", "surveys.create_call_list", "surveys.draw_sample",
        "surveys.reveal_phone", "surveys.record_call", "surveys.phone_response",
        "surveys.closed", "surveys.publish",
    } <= verbs  # fmt: skip
    assert not any("submit" in v for v in verbs)
