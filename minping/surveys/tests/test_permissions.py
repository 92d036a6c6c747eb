"""Who reaches which surveys page (role × view)."""

from __future__ import annotations

from typing import Any

import pytest

from minping.accounts.actions import do_create_user
from minping.accounts.models import Role
from minping.surveys import actions
from minping.surveys.models import CallContact

pytestmark = pytest.mark.django_db

MANAGERS = {"office", "statistics"}
EVERYONE = {
    "office", "reviewer", "dept_a", "dept_b", "statistics", "district", "tallier",
    "supervisor", "representative", "citizen", "outsider",
}  # fmt: skip


def test_design_pages_are_for_the_office_and_the_bureau(access_matrix: Any, survey: Any) -> None:
    s = survey.pk
    question = survey.questions.first().pk
    access_matrix("/surveys/", allowed=MANAGERS)
    for url in ["", "edit/", "questions/new/", f"questions/{question}/", "preview/", "codes/",
                "paper/", "calls/", "results/", "texts/", "responses.xlsx", "summary.xlsx"]:  # fmt: skip
        access_matrix(f"/surveys/{s}/{url}", allowed=MANAGERS)
    access_matrix(f"/surveys/{s}/state/", allowed=MANAGERS, method="post", data={"to_state": "x"})
    access_matrix(f"/surveys/{s}/questions/{question}/delete/", allowed=MANAGERS, method="post")
    access_matrix(f"/surveys/{s}/template/", allowed=MANAGERS, method="post")


def test_batches_paper_resolve_and_export(
    access_matrix: Any, personas: Any, open_survey: Any
) -> None:
    survey = open_survey.survey
    batch = survey.batches.get().pk
    access_matrix(f"/surveys/{survey.pk}/codes/{batch}/slips/", allowed=MANAGERS)
    access_matrix(f"/surveys/{survey.pk}/export.zip", allowed=MANAGERS)
    second = do_create_user(None, username="stat2", password="x-Passw0rd!", role=Role.STATISTICS)
    code = open_survey.codes[0]
    actions.do_enter_paper(personas.statistics, survey, code, {"overall": "satisfied"})
    actions.do_enter_paper(second, survey, code, {"overall": "fairly"})
    access_matrix(f"/surveys/{survey.pk}/paper/{code}/", allowed=MANAGERS)
    access_matrix(f"/surveys/{survey.pk}/paper/{open_survey.codes[1]}/", allowed=set())
    access_matrix(f"/surveys/{survey.pk}/publish/", allowed={"office"}, method="post")


def test_callback_pages_are_for_the_bureau_and_the_office(
    access_matrix: Any, personas: Any, open_survey: Any
) -> None:
    call_list = actions.do_create_call_list(
        personas.statistics, open_survey.survey, name="l", source="upload",
        people=[("甲", "19900000001", None), ("乙", "19900000002", None)],
    )  # fmt: skip
    actions.do_draw_sample(personas.statistics, call_list, 1, "seed")
    contact = CallContact.objects.get(sample_rank=1)
    access_matrix(f"/surveys/calls/{call_list.pk}/", allowed=MANAGERS)
    access_matrix(f"/surveys/calls/{call_list.pk}/next/", allowed=MANAGERS)
    access_matrix(f"/surveys/contact/{contact.pk}/", allowed=MANAGERS)
    access_matrix(f"/surveys/contact/{contact.pk}/answers/", allowed=MANAGERS)
    access_matrix(f"/surveys/contact/{contact.pk}/reveal/", allowed=MANAGERS, method="post")
    access_matrix(f"/surveys/calls/{call_list.pk}/draw/", allowed=MANAGERS, method="post")
    unsampled = CallContact.objects.get(sample_rank__isnull=True)
    access_matrix(f"/surveys/contact/{unsampled.pk}/", allowed=set())


def test_scores_are_for_managers_and_after_publication_departments(
    access_matrix: Any, personas: Any, open_survey: Any
) -> None:
    survey = open_survey.survey
    access_matrix(f"/surveys/{survey.pk}/scores/", allowed=MANAGERS)
    actions.do_transition(personas.statistics, survey, "closed")
    actions.do_publish(personas.office, survey, "0" * 64)
    access_matrix(f"/surveys/{survey.pk}/scores/", allowed=MANAGERS | {"dept_a", "dept_b"})


def test_the_questionnaire_and_the_receipt_check_are_public(
    access_matrix: Any, open_survey: Any
) -> None:
    survey = open_survey.survey
    access_matrix("/surveys/a/", allowed=EVERYONE, anonymous_allowed=True)
    access_matrix(f"/surveys/a/{open_survey.codes[0]}/", allowed=EVERYONE, anonymous_allowed=True)
    access_matrix(f"/surveys/s/{survey.pk}/", allowed=EVERYONE, anonymous_allowed=True)
    access_matrix("/surveys/check/", allowed=EVERYONE, anonymous_allowed=True)
    receipt = actions.submit_with_code(open_survey.codes[1], {"overall": "satisfied"}).receipt
    access_matrix(f"/surveys/receipt/{receipt}/", allowed=EVERYONE, anonymous_allowed=True)
    access_matrix(f"/surveys/s/{survey.pk}/pilot/", allowed=set())  # not in pilot: 404


def test_the_pilot_link_is_open_while_piloting(
    access_matrix: Any, personas: Any, survey: Any
) -> None:
    actions.do_transition(personas.statistics, survey, "pilot")
    access_matrix(f"/surveys/s/{survey.pk}/pilot/", allowed=EVERYONE, anonymous_allowed=True)
