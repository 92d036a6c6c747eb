"""The speaking timer's state machine, computed from server times."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine

from minping.meetings import actions
from minping.meetings.models import Slot, TimerLog

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
T0 = dt.datetime(2026, 1, 10, 9, 0, tzinfo=SHANGHAI)


def at(seconds: float) -> Any:
    return time_machine.travel(T0 + dt.timedelta(seconds=seconds), tick=False)


@pytest.fixture
def agenda(personas: Any) -> Any:
    from minping.campaigns.models import Session

    return actions.ensure_agenda(Session.objects.get(number=1))


def first(agenda: Any) -> Slot:
    return agenda.slots.order_by("order").first()


def test_the_agenda_lists_the_groups_eleven_departments_in_order_with_ten_minutes_each(
    agenda: Any,
) -> None:
    names = [s.department.name for s in agenda.slots.order_by("order")]
    expected = [d.name for d in agenda.session.group.ordered_departments()]
    assert names == expected and len(names) == 11
    assert agenda.slot_seconds == 600 and agenda.warning_seconds == 60


def test_pauses_do_not_count_and_overtime_comes_from_server_times(
    agenda: Any, personas: Any
) -> None:
    office = personas.office
    with at(0):
        actions.do_timer(office, agenda, "start")
    with at(300):
        actions.do_timer(office, agenda, "pause")
    with at(420):  # two minutes paused
        assert first(agenda).elapsed() == 300
        actions.do_timer(office, agenda, "resume")
    with at(420 + 330):
        actions.do_timer(office, agenda, "finish")
    slot = first(agenda)
    assert slot.state == Slot.State.FINISHED
    assert slot.spoken_seconds == 630
    assert slot.overtime(agenda.slot_seconds) == 30
    assert [(log.from_state, log.to_state) for log in TimerLog.objects.filter(slot=slot)] == [
        ("waiting", "running"),
        ("running", "paused"),
        ("paused", "running"),
        ("running", "finished"),
    ]


def test_next_finishes_the_current_speech_and_calls_up_the_next_department(
    agenda: Any, personas: Any
) -> None:
    with at(0):
        actions.do_timer(personas.office, agenda, "start")
    with at(590):
        actions.do_timer(personas.office, agenda, "next")
        state = actions.timer_state(agenda)
    slots = list(agenda.slots.order_by("order"))
    assert slots[0].state == "finished" and slots[0].spoken_seconds == 590
    assert state["slot"]["id"] == slots[1].pk and state["slot"]["state"] == "waiting"


def test_a_finished_speech_cannot_be_paused_or_restarted(agenda: Any, personas: Any) -> None:
    with at(0):
        actions.do_timer(personas.office, agenda, "start")
        actions.do_timer(personas.office, agenda, "finish")
    for command in ("pause", "start", "resume"):
        with pytest.raises(actions.MeetingError):
            actions.do_timer(personas.office, agenda, command)


def test_the_state_every_screen_polls_lets_it_compute_the_same_remaining_time(
    agenda: Any, personas: Any
) -> None:
    with at(0):
        actions.do_timer(personas.office, agenda, "start")
    with at(545.5):
        state = actions.timer_state(agenda)
    assert state["now"] - state["slot"]["started_at"] == 545_500
    assert state["slot"]["elapsed"] == 545.5
    assert state["limit"] - state["slot"]["elapsed"] < state["warning"]


def test_the_press_lane_shows_the_department_that_just_spoke(agenda: Any, personas: Any) -> None:
    slots = list(agenda.slots.order_by("order"))
    actions.do_set_press_lane(personas.office, slots[0], True)
    with at(0):
        actions.do_timer(personas.office, agenda, "start")
        assert actions.timer_state(agenda)["press_lane"] is None
    with at(600):
        actions.do_timer(personas.office, agenda, "next")
        state = actions.timer_state(agenda)
    assert state["press_lane"] == slots[0].department.name
    assert state["slot"]["department"] == slots[1].department.name


def test_the_order_can_be_changed_only_before_anyone_spoke(agenda: Any, personas: Any) -> None:
    slots = list(agenda.slots.order_by("order"))
    actions.do_move_slot(personas.office, slots[1], "up")
    assert [s.pk for s in agenda.slots.order_by("order")][:2] == [slots[1].pk, slots[0].pk]
    with at(0):
        actions.do_timer(personas.office, agenda, "start")
    with pytest.raises(actions.MeetingError):
        actions.do_move_slot(personas.office, slots[2], "up")
