"""Phone callbacks (电话回访): a reproducible seeded sample, the number revealed only through
the logged path, outcomes, and phone answers stored with no link to the person."""

from __future__ import annotations

from typing import Any

import pytest

from minping.accounts.models import PiiAccess
from minping.surveys import actions, reports
from minping.surveys.models import CallAttempt, CallContact, CallList, Response
from minping.surveys.tests.conftest import full_answers

pytestmark = pytest.mark.django_db


def _people(n: int) -> list[tuple[str, Any, Any]]:
    return [(f"受访人{i}", f"1990000{i:04d}", None) for i in range(n)]


@pytest.fixture
def call_list(personas: Any, open_survey: Any) -> CallList:
    return actions.do_create_call_list(
        personas.statistics, open_survey.survey, name="回访", source="upload", people=_people(40)
    )


def test_the_sample_is_reproducible_from_the_recorded_seed(
    personas: Any, open_survey: Any, call_list: CallList
) -> None:
    drawn = actions.do_draw_sample(personas.statistics, call_list, 10, "published-seed-42")
    call_list.refresh_from_db()
    assert call_list.seed == "published-seed-42" and call_list.sample_size == 10
    assert drawn == actions.sample_positions(list(range(1, 41)), 10, "published-seed-42")
    import random

    assert drawn == random.Random("published-seed-42").sample(list(range(1, 41)), 10)  # noqa: S311
    ranked = list(
        call_list.contacts.filter(sample_rank__isnull=False)
        .order_by("sample_rank")
        .values_list("position", flat=True)
    )
    assert ranked == drawn
    with pytest.raises(actions.ActionError, match="已经抽取过"):
        actions.do_draw_sample(personas.statistics, call_list, 10, "another")


def test_the_interviewer_reveals_the_number_through_the_logged_path(
    login: Any, personas: Any, call_list: CallList
) -> None:
    actions.do_draw_sample(personas.statistics, call_list, 5, "s")
    contact = call_list.contacts.filter(sample_rank=1).get()
    client = login(personas.statistics)
    page = client.get(f"/surveys/contact/{contact.pk}/").content.decode()
    plain = f"1990000{contact.position - 1:04d}"
    assert plain not in page and "****" in page
    revealed = client.post(f"/surveys/contact/{contact.pk}/reveal/").content.decode()
    assert f"tel:{plain}" in revealed
    access = PiiAccess.objects.get(object_type="surveys.CallContact")
    assert access.object_id == str(contact.pk) and access.actor == personas.statistics


def test_outcomes_then_answers_as_an_anonymous_phone_response(
    login: Any, personas: Any, open_survey: Any, call_list: CallList
) -> None:
    actions.do_draw_sample(personas.statistics, call_list, 3, "s")
    client = login(personas.statistics)
    first = client.get(f"/surveys/calls/{call_list.pk}/next/")
    contact = CallContact.objects.get(pk=int(first["Location"].rstrip("/").rsplit("/", 1)[1]))
    assert contact.sample_rank == 1
    client.post(f"/surveys/contact/{contact.pk}/", {"outcome": "no_answer"})
    nxt = client.get(f"/surveys/calls/{call_list.pk}/next/")
    assert nxt["Location"] != first["Location"]  # the one not yet called comes first
    reached = client.post(f"/surveys/contact/{contact.pk}/", {"outcome": "reached"})
    assert reached["Location"].endswith(f"/contact/{contact.pk}/answers/")
    answers = full_answers(open_survey.survey, "fairly")
    done = client.post(f"/surveys/contact/{contact.pk}/answers/", answers)
    assert done.status_code == 302
    row = Response.objects.get()
    assert row.channel == "phone" and row.hour is None
    contact.refresh_from_db()
    assert contact.answered and contact.attempts == 2
    assert CallAttempt.objects.filter(contact=contact).count() == 2
    with pytest.raises(actions.ActionError, match="已经录入"):
        actions.do_enter_phone_response(personas.statistics, contact, answers)
    columns = {f.column for f in CallContact._meta.concrete_fields}
    assert not any("response" in c for c in columns)
    progress = reports.callback_progress(call_list)
    assert progress["answered"] == 1 and progress["total"] == 3


def test_a_call_list_from_an_uploaded_sheet(login: Any, personas: Any, open_survey: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = "姓名,电话,旗区\n张三,19900000001,东胜区\n李四,19900000002,\n".encode()
    upload = SimpleUploadedFile("list.csv", data, content_type="text/csv")
    client = login(personas.statistics)
    response = client.post(
        f"/surveys/{open_survey.survey.pk}/calls/",
        {"name": "社区名单", "source": "upload", "upload": upload},
    )
    assert response.status_code == 302
    call_list = CallList.objects.get(name="社区名单")
    assert call_list.contacts.count() == 2
    assert call_list.contacts.get(position=1).district.name == "东胜区"
    bad = SimpleUploadedFile("bad.csv", "姓名,电话\n王五,123\n".encode(), content_type="text/csv")
    response = client.post(
        f"/surveys/{open_survey.survey.pk}/calls/",
        {"name": "坏名单", "source": "upload", "upload": bad},
    )
    assert response.status_code == 400 and "第2行" in response.content.decode()
