"""An absent representative is replaced through selection's action, before the start only."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine

from minping.meetings import actions
from minping.meetings.models import Credential, SeatAssignment

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
BEFORE = dt.datetime(2026, 1, 10, 8, 45, tzinfo=SHANGHAI)
AFTER = dt.datetime(2026, 1, 10, 9, 1, tzinfo=SHANGHAI)


def test_before_the_start_the_next_reserve_takes_the_card_and_the_seat(
    day: Any, credentials: Any, personas: Any
) -> None:
    absent = day.seated[0]  # first category, like the reserves
    actions.do_save_layout(personas.office, day.branch, rows=2, seats_per_row=5)
    actions.do_auto_assign_seats(personas.office, day.session, day.branch)
    seat = SeatAssignment.objects.get(representative=absent).label()
    with time_machine.travel(BEFORE, tick=False):
        reserve = actions.do_replace_absent(personas.district, absent, "联系不上")
    absent.refresh_from_db()
    assert absent.status == "dropped"
    assert reserve.name == "钱备一" and reserve.status == "promoted"
    assert Credential.objects.get(representative=absent).is_revoked
    new_card = Credential.objects.get(representative=reserve)
    assert not new_card.is_revoked
    assert SeatAssignment.objects.get(representative=reserve).label() == seat
    with time_machine.travel(BEFORE, tick=False):
        old = credentials[absent.name].code
        assert (
            actions.do_check_in(personas.district, day.session, day.branch, old).outcome
            == "revoked"
        )
        assert actions.do_check_in(personas.district, day.session, day.branch, new_card.code).is_ok


def test_after_the_start_nobody_is_replaced(day: Any, personas: Any) -> None:
    with time_machine.travel(AFTER, tick=False), pytest.raises(actions.MeetingError):
        actions.do_replace_absent(personas.district, day.seated[0], "迟到")
    day.seated[0].refresh_from_db()
    assert day.seated[0].is_seated


def test_someone_who_checked_in_cannot_be_replaced(day: Any, personas: Any) -> None:
    with time_machine.travel(BEFORE, tick=False):
        actions.do_manual_check_in(personas.district, day.session, day.branch, day.seated[0])
        with pytest.raises(actions.MeetingError):
            actions.do_replace_absent(personas.district, day.seated[0], "误操作")


def test_without_a_reserve_in_the_stratum_the_office_is_told(day: Any, personas: Any) -> None:
    second_category = day.seated[1]
    with time_machine.travel(BEFORE, tick=False), pytest.raises(actions.MeetingError, match="备选"):
        actions.do_replace_absent(personas.district, second_category, "联系不上")
