"""One-time response codes: single use, a retry is answered as success, and nothing joins
a response to its code, its person or its exact time."""

from __future__ import annotations

from typing import Any

import pytest

from minping.surveys import actions
from minping.surveys.models import Receipt, Response, ResponseCode
from minping.surveys.tests.conftest import full_answers

pytestmark = pytest.mark.django_db


def test_a_code_answers_once_and_a_retry_gets_the_same_receipt(open_survey: Any) -> None:
    survey, code = open_survey.survey, open_survey.codes[0]
    first = actions.submit_with_code(code, full_answers(survey))
    again = actions.submit_with_code(code.lower(), full_answers(survey, "dissatisfied"))
    assert not first.repeated and again.repeated
    assert again.receipt == first.receipt
    assert Response.objects.filter(survey=survey).count() == 1
    assert Response.objects.get().answers["overall"] == "satisfied"
    assert ResponseCode.objects.get(code=code).used


def test_the_response_row_has_no_column_that_could_join_it_to_a_code_or_person(
    open_survey: Any,
) -> None:
    columns = {f.column for f in Response._meta.concrete_fields}
    assert columns == {"id", "survey_id", "channel", "district_id", "hour", "pilot", "answers"}
    code_columns = {f.column for f in ResponseCode._meta.concrete_fields}
    assert code_columns == {"code", "survey_id", "batch_id", "used"}
    receipt_columns = {f.column for f in Receipt._meta.concrete_fields}
    assert receipt_columns == {"secret_digest", "survey_id", "code"}
    actions.submit_with_code(open_survey.codes[0], full_answers(open_survey.survey))
    row = Response.objects.get()
    assert row.hour is not None and (row.hour.minute, row.hour.second) == (0, 0)
    assert open_survey.codes[0] not in str(row.answers)
    receipt = Receipt.objects.get()
    assert receipt.secret_digest != open_survey.codes[0]


def test_the_answering_page_keeps_what_was_typed_when_a_required_answer_is_missing(
    client: Any, open_survey: Any
) -> None:
    data = full_answers(open_survey.survey)
    del data["overall"]
    data["suggestion"] = "希望多建公园"
    response = client.post(f"/surveys/a/{open_survey.codes[0]}/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "这道题必须回答。" in page
    assert "希望多建公园" in page
    assert not Response.objects.exists()
    assert not ResponseCode.objects.get(code=open_survey.codes[0]).used


def test_answering_by_phone_shows_a_receipt_and_a_second_visit_shows_it_again(
    client: Any, open_survey: Any
) -> None:
    url = f"/surveys/a/{open_survey.codes[1]}/"
    response = client.post(url, full_answers(open_survey.survey), follow=True)
    page = response.content.decode()
    assert "提交成功" in page
    receipt = Receipt.objects.get().code
    assert receipt in page
    again = client.get(url, follow=True).content.decode()
    assert "这份问卷已提交过" in again and receipt in again
    check = client.get("/surveys/check/", {"q": receipt}).content.decode()
    assert 'data-found="yes"' in check


def test_wrong_codes_are_explained(client: Any, open_survey: Any) -> None:
    response = client.post("/surveys/a/", {"code": "ABCDE-FGHJK"})
    assert "调查码" in response.content.decode()
    assert client.get("/surveys/a/23456789AB/").status_code == 404
    start = client.post("/surveys/a/", {"code": open_survey.codes[2].lower()})
    assert start.status_code == 302 and start["Location"].endswith(f"/a/{open_survey.codes[2]}/")


def test_a_code_cannot_answer_before_the_survey_opens(personas: Any, survey: Any) -> None:
    batch = actions.do_issue_codes(personas.statistics, survey, label="x", count=1, district=None)
    code = batch.codes.get().code
    with pytest.raises(actions.CodeProblem, match="调查尚未开始"):
        actions.submit_with_code(code, full_answers(survey))


def test_the_open_link_takes_one_response_per_browser(client: Any, open_survey: Any) -> None:
    url = f"/surveys/s/{open_survey.survey.pk}/"
    assert client.get(url).status_code == 200
    first = client.post(url, full_answers(open_survey.survey))
    assert first.status_code == 302
    again = client.post(url, full_answers(open_survey.survey), follow=True)
    assert "这份问卷已提交过" in again.content.decode()
    assert Response.objects.filter(channel="link").count() == 1
    client.cookies.clear()
    client.post(url, full_answers(open_survey.survey))
    assert Response.objects.filter(channel="link").count() == 2


def test_the_questionnaire_speaks_english_too(client: Any, open_survey: Any) -> None:
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    start = client.get("/surveys/a/").content.decode()
    assert "Answer the public-opinion questionnaire" in start
    data = full_answers(open_survey.survey)
    del data["overall"]
    page = client.post(f"/surveys/a/{open_survey.codes[3]}/", data).content.decode()
    assert "This question must be answered." in page and "Submit" in page


def test_the_cached_empty_questionnaire_follows_the_language(client: Any, open_survey: Any) -> None:
    from django.conf import settings

    chinese = client.get(f"/surveys/a/{open_survey.codes[4]}/").content.decode()
    assert "这道题" not in chinese and "您常住的旗区" in chinese and 'name="overall"' in chinese
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/surveys/a/{open_survey.codes[4]}/").content.decode()
    assert "Submit" in english and 'title="Required"' in english
    assert 'title="必答"' in chinese


def test_the_open_link_is_rate_limited_per_address(
    client: Any, open_survey: Any, monkeypatch: Any
) -> None:
    from minping.surveys import views

    monkeypatch.setattr(views, "OPEN_LINK_PER_HOUR", 1)
    url = f"/surveys/s/{open_survey.survey.pk}/"
    assert client.post(url, full_answers(open_survey.survey)).status_code == 302
    client.cookies.clear()
    again = client.post(url, full_answers(open_survey.survey))
    assert again.status_code == 400 and "提交过于频繁" in again.content.decode()
    assert Response.objects.filter(channel="link").count() == 1


def test_a_closed_survey_refuses_codes_and_the_open_link(
    client: Any, personas: Any, open_survey: Any
) -> None:
    actions.do_transition(personas.statistics, open_survey.survey, "closed")
    page = client.get(f"/surveys/a/{open_survey.codes[0]}/")
    assert page.status_code == 409 and "调查已结束" in page.content.decode()
    link = client.get(f"/surveys/s/{open_survey.survey.pk}/")
    assert link.status_code == 409 and "调查已结束" in link.content.decode()
