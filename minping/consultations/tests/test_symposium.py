"""座谈会 (第十三条): materials reach the participants 5 working days before, on the holiday calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from minping.consultations import actions
from minping.consultations.models import Comment

from .conftest import at

pytestmark = pytest.mark.django_db
HELD = dt.date(2025, 10, 9)  # the Thursday after the National Day holiday


@pytest.fixture
def symposium(clock, personas, make_open):
    c = make_open()
    s = actions.do_schedule_symposium(
        personas.dept_a,
        c,
        kind="grassroots",
        held_on=HELD,
        held_time=dt.time(9),
        place="三楼会议室",
    )
    actions.do_add_symposium_participant(
        personas.dept_a, s, name="参会代表甲", category="grassroots"
    )
    return s


def test_the_last_day_for_materials_skips_the_golden_week_and_counts_the_worked_sunday(symposium):
    # Working days before 10-09: 09-30, 09-29, 09-28 (调休 Sunday), 09-26, 09-25.
    assert actions.latest_materials_date(HELD) == dt.date(2025, 9, 25)


def test_materials_sent_one_day_too_late_are_refused_with_the_deadline(symposium, personas):
    with pytest.raises(actions.Refused, match="最迟2025-09-25"):
        actions.do_record_materials_sent(personas.dept_a, symposium, sent_on=dt.date(2025, 9, 26))
    actions.do_record_materials_sent(personas.dept_a, symposium, sent_on=dt.date(2025, 9, 25))
    symposium.refresh_from_db()
    assert symposium.materials_sent_on == dt.date(2025, 9, 25)


def test_a_symposium_too_soon_to_send_materials_in_time_cannot_be_scheduled(
    clock, personas, make_open
):
    c = make_open()
    clock.move_to(at(dt.date(2025, 9, 26)))
    with pytest.raises(actions.Refused, match="已来不及"):
        actions.do_schedule_symposium(
            personas.dept_a, c, kind="general", held_on=HELD, held_time=dt.time(9), place="会议室"
        )


def test_minutes_need_the_signed_scan_and_the_opinions_said_go_to_weighing(
    symposium, personas, clock
):
    with pytest.raises(actions.Refused, match="召开后"):
        actions.do_record_symposium_minutes(
            personas.dept_a, symposium, minutes="记录", signed=False, scan=None, opinions=[]
        )
    clock.move_to(at(HELD, 15))
    with pytest.raises(actions.Refused, match="扫描件"):
        actions.do_record_symposium_minutes(
            personas.dept_a, symposium, minutes="记录", signed=True, scan=None, opinions=[]
        )
    actions.do_record_symposium_minutes(
        personas.dept_a, symposium, minutes="记录", signed=False, scan=None,
        opinions=["建议增加校车。", "建议公布学位数。"],
    )  # fmt: skip
    said = Comment.objects.filter(symposium=symposium)
    assert [x.channel for x in said] == ["symposium", "symposium"]
    assert all(
        x.status == Comment.Status.HIDDEN for x in said
    )  # reported in the report, not one by one
