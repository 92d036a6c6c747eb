"""第二十二条: the department drafts the meeting delegates, the office confirms at least 3."""

from __future__ import annotations

import datetime as dt

import pytest

from minping.consultations import actions

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db


def test_the_office_confirms_the_delegates_only_when_there_are_three(clock, personas, make_open):
    c = make_open()
    with pytest.raises(actions.Refused, match="征求意见结束后"):
        actions.do_add_delegate(
            personas.dept_a, c, name="代表甲", category="stakeholder", took_part=True
        )
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=31)))
    actions.do_apply_clock(c)
    for name, category in [("代表甲", "stakeholder"), ("代表乙", "npc")]:
        actions.do_add_delegate(personas.dept_a, c, name=name, category=category, took_part=True)
    with pytest.raises(actions.Refused, match="不少于3人.*目前2人"):
        actions.do_approve_delegates(personas.office, c)
    actions.do_add_delegate(personas.dept_a, c, name="代表丙", category="expert", took_part=False)
    with pytest.raises(actions.Refused):
        actions.do_approve_delegates(personas.dept_a, c)
    actions.do_approve_delegates(personas.office, c)
    c.refresh_from_db()
    assert c.delegates_approved_at is not None
    with pytest.raises(actions.Refused, match="已经办公室审核确定"):
        actions.do_add_delegate(personas.dept_a, c, name="代表丁", category="media", took_part=True)
