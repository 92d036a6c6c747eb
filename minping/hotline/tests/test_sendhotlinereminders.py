"""``sendhotlinereminders``: an SMS the day before a duty, once, and Friday covers Monday."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from minping.hotline import actions
from minping.hotline.models import Reminder

from .conftest import WORKING_DAYS, at, member

pytestmark = pytest.mark.django_db


def test_the_people_on_tomorrows_duty_get_one_sms_even_if_the_command_runs_twice(
    published, clock, outbox, people
):
    clock.move_to(at(dt.date(2025, 9, 25), 16))  # Thursday; the first duty is Friday 09-26
    call_command("sendhotlinereminders")
    call_command("sendhotlinereminders")
    texts = {m.phone: m.text for m in outbox}
    assert set(texts) == {"19900000101", "19900000201"}  # l1 and ha, in the office's order
    assert "2025-09-26 09:00-11:00" in texts["19900000101"] and "12345" in texts["19900000101"]
    assert len(outbox) == 2 and Reminder.objects.count() == 2


def test_a_run_before_a_holiday_reminds_the_next_working_day(published, clock, outbox):
    clock.move_to(at(dt.date(2025, 9, 30), 16))  # before National Day: next duty is 10-09
    call_command("sendhotlinereminders")
    days = {m.text.split("您于")[1][:10] for m in outbox}
    assert days == {"2025-10-09"}


def test_a_person_without_a_phone_is_counted_not_texted(published, clock, outbox, people):
    clock.move_to(at(dt.date(2025, 9, 28), 16))  # 09-29: the third leader, who has no phone
    assert member(published, WORKING_DAYS[2], "leader").person == people["l3"]
    run = actions.do_send_reminders()
    assert run.no_phone == 1 and run.sent == 1


def test_a_replacement_after_the_reminder_gets_its_own_reminder(
    published, clock, outbox, personas, people
):
    clock.move_to(at(dt.date(2025, 10, 10), 16))  # Friday 10-10: tomorrow 10-11 is worked
    call_command("sendhotlinereminders")
    seat = member(published, dt.date(2025, 10, 11))
    other = next(
        p for k, p in people.items()
        if k.startswith("h") and p != seat.person
        and not p.duties.filter(duty__date=dt.date(2025, 10, 11)).exists()
    )  # fmt: skip
    actions.do_replace(personas.office, seat, other, reason="临时公务")
    outbox.clear()
    call_command("sendhotlinereminders")
    assert len(outbox) == 1 and other.name in outbox[0].text


def test_a_draft_rota_sends_no_reminders(clock, make_rota, outbox):
    make_rota()
    clock.move_to(at(dt.date(2025, 9, 25), 16))
    call_command("sendhotlinereminders")
    assert outbox == []
