from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from minping.suggestions import actions
from minping.suggestions.models import Reminder

from .conftest import SHANGHAI

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(campaign, personas):
    return actions.do_register_handler(
        personas.dept_a,
        campaign,
        personas.dept_a.department,
        name="办理员甲",
        title="科员",
        landline="04771234567",
        mobile="19900008888",
    )


def test_due_soon_and_overdue_reminders_go_to_the_units_handlers_once(
    clock, handler, make_suggestion, dispatch, outbox
):
    soon = dispatch(make_suggestion(title="即将到期的建议"))
    clock.move_to(dt.datetime(2025, 10, 11, 8, tzinfo=SHANGHAI))  # a worked Saturday: 1 day left
    late = dispatch(make_suggestion(title="后交办的建议"))
    outbox.clear()
    call_command("sendreminders")
    texts = [m.text for m in outbox if m.phone == "19900008888"]
    assert (
        len(texts) == 1 and soon.suggestion.number in texts[0] and "将于2025-10-13到期" in texts[0]
    )
    call_command("sendreminders")
    assert len([m for m in outbox if m.phone == "19900008888"]) == 1  # safe to run twice

    clock.move_to(dt.datetime(2025, 10, 14, 8, tzinfo=SHANGHAI))
    call_command("sendreminders")
    call_command("sendreminders")
    overdue = [m.text for m in outbox if "已超过答复期限" in m.text]
    assert len(overdue) == 1 and soon.suggestion.number in overdue[0]
    assert late.suggestion.number not in " ".join(overdue)
    assert Reminder.objects.filter(kind="overdue").count() == 1


def test_the_wednesday_reminder_moves_to_the_next_working_day_after_a_holiday(
    clock, handler, make_suggestion, dispatch, outbox
):
    dispatch(make_suggestion())
    clock.move_to(dt.datetime(2025, 10, 8, 9, tzinfo=SHANGHAI))  # Wednesday in the holiday
    call_command("sendreminders")
    assert not [m for m in outbox if "典型案例" in m.text]
    clock.move_to(dt.datetime(2025, 10, 9, 9, tzinfo=SHANGHAI))  # next working day
    call_command("sendreminders")
    call_command("sendreminders")
    assert len([m for m in outbox if "典型案例" in m.text]) == 1


def test_replied_items_get_no_reminder(clock, handler, personas, make_suggestion, dispatch, outbox):
    a = dispatch(make_suggestion())
    actions.do_reply(
        personas.dept_a, a, actions.ReplyData(text="已经办理完毕并答复建议人。", theme="x")
    )
    clock.move_to(dt.datetime(2025, 10, 14, 8, tzinfo=SHANGHAI))
    outbox.clear()
    call_command("sendreminders")
    assert not [m for m in outbox if a.suggestion.number in m.text]


def test_the_units_handlers_hear_of_a_new_dispatch_and_the_proposer_of_a_refusal(
    clock, handler, personas, make_suggestion, dispatch, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a = dispatch(make_suggestion())
    assert any(
        m.phone == "19900008888" and a.suggestion.number in m.text and "2025-10-13" in m.text
        for m in outbox
    )
    other = make_suggestion(phone="19900004321")
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_screen_out(personas.office, other, reason="petition", note="请向信访部门反映")
    assert any(m.phone == "19900004321" and "请向信访部门反映" in m.text for m in outbox)


def test_the_reminder_task_does_what_the_command_does(clock, handler, make_suggestion, dispatch):
    from minping.suggestions.tasks import send_reminders

    dispatch(make_suggestion())
    clock.move_to(dt.datetime(2025, 10, 14, 8, tzinfo=SHANGHAI))
    assert send_reminders.call() == {"due_soon": 0, "overdue": 1, "weekly": 0}
    assert send_reminders.call() == {"due_soon": 0, "overdue": 0, "weekly": 0}


def test_the_office_chases_an_open_item_once_a_day(
    client, clock, handler, personas, make_suggestion, dispatch, outbox
):
    a = dispatch(make_suggestion())
    url = reverse("suggestions:chase", args=[a.pk])
    client.force_login(personas.dept_a)
    assert client.post(url).status_code == 403
    client.force_login(personas.office)
    outbox.clear()
    client.post(url)
    response = client.post(url, follow=True)
    assert "今天已催办过该件" in response.content.decode()
    assert len([m for m in outbox if "催办" in m.text and m.phone == "19900008888"]) == 1
