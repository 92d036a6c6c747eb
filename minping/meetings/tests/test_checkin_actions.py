"""Check-in at the door: one lookup, one insert, the same answer for a second scan."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine

from minping.meetings import actions
from minping.meetings.models import Attendance, Credential

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_a_valid_code_checks_in_with_the_name_masked(
    day: Any, credentials: Any, personas: Any
) -> None:
    rep = day.seated[2]  # 赵一鸣
    code = credentials[rep.name].code
    answer = actions.do_check_in(personas.district, day.session, day.branch, code.lower())
    assert answer.outcome == "ok" and answer.name == "赵*鸣"
    assert answer.category == rep.category.name
    assert Attendance.objects.filter(representative=rep, venue=day.branch).count() == 1


def test_a_second_scan_answers_already_checked_in_at_the_first_time(
    day: Any, credentials: Any, personas: Any
) -> None:
    code = credentials[day.seated[0].name].pretty_code()
    with time_machine.travel(dt.datetime(2026, 1, 10, 8, 31, tzinfo=SHANGHAI), tick=False):
        actions.do_check_in(personas.district, day.session, day.branch, code)
    with time_machine.travel(dt.datetime(2026, 1, 10, 8, 33, tzinfo=SHANGHAI), tick=False):
        again = actions.do_check_in(personas.district, day.session, day.branch, code)
    assert again.outcome == "again"
    assert again.at is not None and again.at.astimezone(SHANGHAI).strftime("%H:%M") == "08:31"
    assert Attendance.objects.count() == 1


def test_a_representative_of_another_venue_is_sent_to_the_right_one(
    day: Any, credentials: Any, personas: Any
) -> None:
    code = credentials[day.main_seated[0].name].code
    answer = actions.do_check_in(personas.district, day.session, day.branch, code)
    assert answer.outcome == "wrong_venue" and answer.venue == day.main.name
    assert not Attendance.objects.exists()


def test_a_representative_of_another_session_is_refused(
    day: Any, credentials: Any, personas: Any
) -> None:
    answer = actions.do_check_in(
        personas.district, day.session, day.branch, credentials["别场次"].code
    )
    assert answer.outcome == "wrong_session"


def test_a_lost_card_stops_working_once_reissued(day: Any, credentials: Any, personas: Any) -> None:
    old = credentials[day.seated[1].name]
    fresh = actions.do_reissue_credential(personas.office, old)
    assert fresh.code != old.code
    refused = actions.do_check_in(personas.district, day.session, day.branch, old.code)
    assert refused.outcome == "revoked"
    assert actions.do_check_in(personas.district, day.session, day.branch, fresh.code).is_ok


def test_an_unknown_code_is_not_found(day: Any, credentials: Any, personas: Any) -> None:
    answer = actions.do_check_in(personas.district, day.session, day.branch, "ZZZZZZZZZZ")
    assert answer.outcome == "not_found"


def test_a_staff_card_is_checked_against_its_venues_and_not_counted(
    day: Any, personas: Any
) -> None:
    staff = actions.do_add_credential(
        personas.office,
        day.session.campaign,
        kind=Credential.Kind.STAFF,
        name="工作人员甲",
        unit="市政府办公室",
        venues=[day.branch],
    )
    here = actions.do_check_in(personas.district, day.session, day.branch, staff.code)
    assert (here.outcome, here.kind, here.category) == ("card_valid", "工作证", "市政府办公室")
    elsewhere = actions.do_check_in(personas.office, day.session, day.main, staff.code)
    assert elsewhere.outcome == "card_wrong_venue"
    assert not Attendance.objects.exists()


def test_arriving_later_than_twenty_minutes_before_the_start_is_flagged_late(
    day: Any, credentials: Any, personas: Any
) -> None:
    early, late = credentials[day.seated[0].name], credentials[day.seated[1].name]
    with time_machine.travel(dt.datetime(2026, 1, 10, 8, 40, tzinfo=SHANGHAI), tick=False):
        assert not actions.do_check_in(personas.district, day.session, day.branch, early.code).late
    with time_machine.travel(dt.datetime(2026, 1, 10, 8, 41, tzinfo=SHANGHAI), tick=False):
        assert actions.do_check_in(personas.district, day.session, day.branch, late.code).late


def test_manual_check_in_is_idempotent_too(day: Any, personas: Any) -> None:
    rep = day.seated[3]
    assert actions.do_manual_check_in(personas.district, day.session, day.branch, rep).is_ok
    assert (
        actions.do_manual_check_in(personas.district, day.session, day.branch, rep).outcome
        == "again"
    )
    assert Attendance.objects.get().method == "manual"
    with pytest.raises(actions.MeetingError):
        actions.do_manual_check_in(personas.district, day.session, day.main, rep)
