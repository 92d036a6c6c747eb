"""Calls on duty: recorded by the duty staff, filed as suggestions when they need follow-up."""

from __future__ import annotations

import datetime as dt

import pytest

from minping.accounts.models import AuditEntry, PiiAccess
from minping.hotline import actions
from minping.hotline.models import Call
from minping.suggestions.models import Suggestion

from .conftest import WORKING_DAYS, at, call_data, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def duty(published, clock):
    """The first duty, with the clock at 09:30 on its day."""
    clock.move_to(at(WORKING_DAYS[0], 9, 30))
    return member(published, WORKING_DAYS[0]).duty


def test_a_call_needing_follow_up_becomes_a_phone_suggestion_linked_by_its_number(
    duty, personas, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call, new = actions.do_record_call(personas.office, duty, call_data(), idempotency_key="k1")
    assert new and call.suggestion_id
    suggestion = Suggestion.objects.get(number=call.suggestion_id)
    assert suggestion.channel == Suggestion.Channel.PHONE
    assert suggestion.entered_by == personas.office
    assert suggestion.title == "小区供暖不热"
    assert "去年冬天室温不足十六度" in suggestion.text and "【现场答复】" in suggestion.text
    assert suggestion.campaign == duty.rota.campaign
    assert [m.phone for m in outbox if suggestion.number in m.text] == ["19900003333"]
    assert AuditEntry.objects.filter(verb="hotline.record_call").count() == 1
    assert AuditEntry.objects.filter(verb="suggestions.submit").count() == 1


def test_a_call_answered_on_the_spot_files_no_suggestion(duty, personas):
    call, _new = actions.do_record_call(
        personas.office, duty, call_data(needs_follow_up=False), idempotency_key="k2"
    )
    assert call.suggestion is None and not Suggestion.objects.exists()


def test_the_same_form_submitted_twice_records_one_call_and_one_suggestion(duty, personas):
    first, _ = actions.do_record_call(personas.office, duty, call_data(), idempotency_key="same")
    again, new = actions.do_record_call(personas.office, duty, call_data(), idempotency_key="same")
    assert not new and again.pk == first.pk
    assert Call.objects.count() == 1 and Suggestion.objects.count() == 1


def test_the_callers_name_and_phone_are_stored_encrypted_and_masked(duty, personas):
    call, _ = actions.do_record_call(personas.office, duty, call_data(), idempotency_key="k3")
    call = Call.objects.get(pk=call.pk)
    assert str(call.caller_phone) == "199****3333"
    raw = Call.objects.filter(pk=call.pk).values_list("caller_phone", flat=True)[0]
    assert "19900003333" not in raw.token


def test_staff_of_the_department_whose_head_is_on_duty_may_record(duty, personas, people):
    assert member(duty.rota, WORKING_DAYS[0]).person == people["ha"]
    call, _ = actions.do_record_call(
        personas.dept_a, duty, call_data(needs_follow_up=False), idempotency_key="k4"
    )
    assert call.recorded_by == personas.dept_a


def test_calls_cannot_be_recorded_before_the_duty_starts(published, clock, personas):
    clock.move_to(at(WORKING_DAYS[0], 8, 30))
    duty = member(published, WORKING_DAYS[0]).duty
    with pytest.raises(actions.Refused, match="来电登记时间"):
        actions.do_record_call(personas.office, duty, call_data(), idempotency_key="k5")


def test_department_staff_may_record_until_the_next_working_day_only(
    published, clock, personas, people
):
    seat = member(published, WORKING_DAYS[3])  # Tuesday 09-30; next working day is 10-09
    assert seat.person == people["ha"]  # heads rotate in order: ha, hb, hc, ha, ...
    clock.move_to(at(dt.date(2025, 10, 9), 17))
    assert actions.recording_open(seat.duty, personas.dept_a)
    clock.move_to(at(dt.date(2025, 10, 10), 9))
    assert not actions.recording_open(seat.duty, personas.dept_a)
    assert actions.recording_open(seat.duty, personas.office)  # the office may still correct


def test_a_call_can_be_filed_as_a_suggestion_afterwards_and_the_reveal_is_logged(duty, personas):
    call, _ = actions.do_record_call(
        personas.office, duty, call_data(needs_follow_up=False), idempotency_key="k6"
    )
    suggestion = actions.do_follow_up(personas.office, call)
    call.refresh_from_db()
    assert call.suggestion_id == suggestion.number and call.needs_follow_up
    assert PiiAccess.objects.filter(object_type="hotline.Call", field="caller_phone").exists()
    with pytest.raises(actions.Refused, match="已转为意见建议"):
        actions.do_follow_up(personas.office, call)


def test_the_duty_summary_is_saved_and_audited(duty, personas):
    actions.do_save_summary(personas.office, duty, "接听来电3个，现场答复2个，转办1个。")
    duty.refresh_from_db()
    assert duty.summary.startswith("接听来电3个") and duty.summary_by == personas.office
    assert AuditEntry.objects.filter(verb="hotline.summary").count() == 1


def test_a_summary_before_the_duty_starts_is_refused(published, personas):
    with pytest.raises(actions.Refused, match="值班开始后"):
        actions.do_save_summary(personas.office, member(published, WORKING_DAYS[0]).duty, "x" * 12)


def test_every_write_action_leaves_an_audit_entry(duty, personas, people, outbox):
    from minping.hotline.models import Unavailability

    verbs_before = set(AuditEntry.objects.values_list("verb", flat=True))
    call, _ = actions.do_record_call(
        personas.office, duty, call_data(needs_follow_up=False), idempotency_key="a1"
    )
    actions.do_follow_up(personas.office, call)
    actions.do_save_summary(personas.office, duty, "接听来电1个，已转办。值班顺利。")
    period = actions.do_add_unavailability(
        personas.office, people["l2"], start=dt.date(2025, 12, 1), end=dt.date(2025, 12, 1),
        reason="会议",
    )  # fmt: skip
    actions.do_remove_unavailability(personas.office, Unavailability.objects.get(pk=period.pk))
    actions.do_import_people(personas.office, [])
    actions.do_send_reminders(now=at(WORKING_DAYS[0], 16))
    verbs = set(AuditEntry.objects.values_list("verb", flat=True)) - verbs_before
    assert {
        "hotline.record_call", "hotline.follow_up", "hotline.summary",
        "hotline.add_unavailability", "hotline.remove_unavailability",
        "hotline.import_people", "hotline.remind",
    } <= verbs  # fmt: skip
    assert {"hotline.save_person", "hotline.create_rota", "hotline.publish_rota"} <= verbs_before
