"""The control page's buttons posted with fetch: JSON state and buttons back, refusals inline."""

from __future__ import annotations

from typing import Any

import pytest

from minping.meetings import actions
from minping.meetings.models import TimerLog

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def test_a_command_answers_with_the_new_state_and_the_buttons_for_it(
    client: Any, day: Any, personas: Any
) -> None:
    client.force_login(personas.office)
    url = f"/meetings/session/{day.session.pk}/timer/"
    body = client.post(url, {"command": "start"}, **JSON).json()
    assert body["ok"] is True
    assert body["state"]["slot"]["state"] == "running"
    assert body["state"]["slot"]["started_at"] is not None
    assert 'value="pause"' in body["pad"] and 'value="start"' not in body["pad"]


def test_a_second_start_is_refused_with_the_servers_message_and_changes_nothing(
    client: Any, day: Any, personas: Any
) -> None:
    client.force_login(personas.office)
    url = f"/meetings/session/{day.session.pk}/timer/"
    client.post(url, {"command": "start"}, **JSON)
    started = actions.ensure_agenda(day.session).slots.order_by("order").first().started_at
    again = client.post(url, {"command": "start"}, **JSON)
    assert again.status_code == 409
    body = again.json()
    assert body["ok"] is False and "述职中" in body["error"]
    assert body["state"]["slot"]["state"] == "running"
    assert TimerLog.objects.filter(to_state="running").count() == 1
    slot = actions.ensure_agenda(day.session).slots.order_by("order").first()
    assert slot.started_at == started


def test_without_javascript_the_form_post_still_redirects_to_the_control_page(
    client: Any, day: Any, personas: Any
) -> None:
    client.force_login(personas.office)
    url = f"/meetings/session/{day.session.pk}/timer/"
    response = client.post(url, {"command": "start"})
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/session/{day.session.pk}/control/"
    page = client.post(url, {"command": "start"}, follow=True).content.decode()
    assert "状态下不能执行此操作" in page


def test_only_the_office_gets_an_answer(client: Any, day: Any, personas: Any) -> None:
    url = f"/meetings/session/{day.session.pk}/timer/"
    for persona in (personas.district, personas.supervisor):
        client.force_login(persona)
        assert client.post(url, {"command": "start"}, **JSON).status_code == 403
    assert TimerLog.objects.count() == 0
