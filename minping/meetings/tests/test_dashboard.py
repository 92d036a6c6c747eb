"""The meetings app's navigation and dashboard cards per role."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine

from minping.meetings import actions

pytestmark = pytest.mark.django_db
MEETING_DAY = dt.datetime(2026, 1, 10, 8, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def test_on_the_meeting_day_office_and_district_see_check_in_progress(
    login: Any, day: Any, personas: Any
) -> None:
    actions.do_manual_check_in(personas.district, day.session, day.branch, day.seated[0])
    with time_machine.travel(MEETING_DAY):
        office = login(personas.office).get("/accounts/").content.decode()
        assert "今日述职报告会" in office and "已签到1/8人" in office
        assert "待制作的市民代表证" in office
        district = login(personas.district).get("/accounts/").content.decode()
        assert "本会场签到" in district and "已签到1/6人" in district


def test_the_supervisor_sees_the_discipline_log(login: Any, day: Any, personas: Any) -> None:
    actions.do_log_discipline(personas.supervisor, day.session, day.branch, MEETING_DAY, "秩序良好")
    page = login(personas.supervisor).get("/accounts/").content.decode()
    assert "现场纪律检查记录" in page and "述职报告会" in page


def test_a_representative_sees_the_own_meeting_card_with_the_seat(
    login: Any, day: Any, personas: Any
) -> None:
    rep = day.seated[0]
    rep.user = personas.representative
    rep.save()
    actions.do_save_layout(personas.office, day.branch, rows=2, seats_per_row=5)
    actions.do_auto_assign_seats(personas.office, day.session, day.branch)
    page = login(personas.representative).get("/accounts/").content.decode()
    assert "我的参会证" in page and "东胜区分会场" in page and "1排" in page
    assert "/meetings/my/" in page
