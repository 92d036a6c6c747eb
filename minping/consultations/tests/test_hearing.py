"""听证会: notice 30 days before, ≥10 participants with half stakeholders, the list 7 days
before, a reproducible draw, sign-in and minutes confirmed by the participants."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from minping.consultations import actions
from minping.consultations.models import Hearing, Participant

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db
HELD = MONDAY.date() + dt.timedelta(days=40)
CLOSES = MONDAY.date() + dt.timedelta(days=20)


@pytest.fixture
def hearing(clock, personas, make_open):
    c = make_open()
    return actions.do_plan_hearing(
        personas.dept_a, c, held_on=HELD, held_time=dt.time(9), place="听证室", seats=10,
        registration_closes_on=CLOSES, selection_method="利害关系人代表公开抽签产生。",
    )  # fmt: skip


def register(hearing, n, *, stakeholder=True, start=0):
    return [
        actions.do_register(
            hearing,
            actions.RegistrationData(
                name=f"报名人{start + i}",
                phone=f"1990000{start + i:04d}",
                side="for",
                interest="周边居民",
                is_stakeholder=stakeholder,
            ),  # fmt: skip
        )
        for i in range(n)
    ]


def invite(hearing, user, n, category="expert"):
    for i in range(n):
        actions.do_invite(user, hearing, name=f"受邀人{i}", category=category)


def test_the_notice_must_come_30_days_before_the_hearing(clock, personas, hearing):
    clock.move_to(at(HELD - dt.timedelta(days=29)))
    with pytest.raises(actions.Refused, match="30日前"):
        actions.do_announce_hearing(personas.dept_a, hearing)
    clock.move_to(at(HELD - dt.timedelta(days=30)))
    actions.do_announce_hearing(personas.dept_a, hearing)
    assert Hearing.objects.get(pk=hearing.pk).stage == Hearing.Stage.ANNOUNCED


def test_a_stakeholder_draw_is_recorded_and_anyone_can_rerun_it(clock, personas, hearing):
    actions.do_announce_hearing(personas.dept_a, hearing)
    registrations = register(hearing, 9)
    register(hearing, 2, stakeholder=False, start=50)
    with pytest.raises(actions.Refused, match="报名截止后"):
        actions.do_draw(personas.dept_a, hearing, seats=5, seed="42")
    clock.move_to(at(CLOSES + dt.timedelta(days=1)))
    drawn = actions.do_draw(personas.dept_a, hearing, seats=5, seed="42")
    hearing.refresh_from_db()
    assert hearing.draw_seed == "42" and hearing.draw_pool == sorted(r.code for r in registrations)
    expected = random.Random("42").sample(sorted(r.code for r in registrations), 5)
    assert [p.registration.code for p in drawn] == expected
    assert all(p.category == Participant.Category.STAKEHOLDER for p in drawn)
    with pytest.raises(actions.Refused, match="不能重抽"):
        actions.do_draw(personas.dept_a, hearing, seats=5, seed="43")


def test_no_draw_when_there_are_no_more_stakeholders_than_seats(clock, personas, hearing):
    actions.do_announce_hearing(personas.dept_a, hearing)
    register(hearing, 3)
    clock.move_to(at(CLOSES + dt.timedelta(days=1)))
    with pytest.raises(actions.Refused, match="无需抽签"):
        actions.do_draw(personas.dept_a, hearing, seats=5)


def test_the_list_is_refused_below_ten_or_with_too_few_stakeholders(clock, personas, hearing):
    actions.do_announce_hearing(personas.dept_a, hearing)
    invite(hearing, personas.dept_a, 6)
    invite(hearing, personas.dept_a, 3, category="stakeholder")
    with pytest.raises(actions.Refused, match="不少于10人.*只有9人"):
        actions.do_publish_participants(personas.dept_a, hearing)
    invite(hearing, personas.dept_a, 1, category="stakeholder")
    with pytest.raises(actions.Refused, match="至少需要5人，目前4人"):
        actions.do_publish_participants(personas.dept_a, hearing)
    invite(hearing, personas.dept_a, 1, category="stakeholder")  # 11 people, 5 stakeholders
    with pytest.raises(actions.Refused, match="至少需要6人"):
        actions.do_publish_participants(personas.dept_a, hearing)
    actions.do_remove_participant(
        personas.dept_a, Participant.objects.filter(category="expert").first()
    )
    actions.do_publish_participants(personas.dept_a, hearing)  # 10 people, 5 stakeholders
    assert Hearing.objects.get(pk=hearing.pk).stage == Hearing.Stage.LIST_PUBLISHED


def test_the_list_must_be_published_7_days_before(clock, personas, hearing):
    actions.do_announce_hearing(personas.dept_a, hearing)
    invite(hearing, personas.dept_a, 5)
    invite(hearing, personas.dept_a, 5, category="stakeholder")
    clock.move_to(at(HELD - dt.timedelta(days=6)))
    with pytest.raises(actions.Refused, match="7日前"):
        actions.do_publish_participants(personas.dept_a, hearing)
    clock.move_to(at(HELD - dt.timedelta(days=7)))
    actions.do_publish_participants(personas.dept_a, hearing)


def test_sign_in_on_the_day_and_only_those_present_confirm_the_minutes(clock, personas, hearing):
    actions.do_announce_hearing(personas.dept_a, hearing)
    invite(hearing, personas.dept_a, 5)
    invite(hearing, personas.dept_a, 5, category="stakeholder")
    actions.do_publish_participants(personas.dept_a, hearing)
    people = list(hearing.participants.all())
    with pytest.raises(actions.Refused, match="当天"):
        actions.do_sign_in(personas.dept_a, people[0])
    clock.move_to(at(HELD, 8))
    for p in people[:9]:
        actions.do_sign_in(personas.dept_a, p)
    with pytest.raises(actions.Refused, match="未签到"):
        actions.do_record_hearing_minutes(
            personas.dept_a, hearing, minutes="记录", scan=None, confirmed=people, opinions=[]
        )
    with pytest.raises(actions.Refused, match="请先录入"):
        actions.do_write_hearing_report(personas.dept_a, hearing, report="报告")
    actions.do_record_hearing_minutes(
        personas.dept_a, hearing, minutes="记录", scan=None, confirmed=people[:8],
        opinions=["建议分步实施。"],
    )  # fmt: skip
    confirmed = Participant.objects.filter(hearing=hearing).exclude(confirmed_minutes_at=None)
    assert confirmed.count() == 8
    actions.do_write_hearing_report(personas.dept_a, hearing, report="听证报告正文")
    assert Hearing.objects.get(pk=hearing.pk).stage == Hearing.Stage.REPORTED
    assert hearing.opinions.get().channel == "hearing"


def test_one_registration_per_phone_and_none_after_the_closing_day(clock, personas, hearing):
    actions.do_announce_hearing(personas.dept_a, hearing)
    register(hearing, 1)
    with pytest.raises(actions.Refused, match="已经报过名"):
        register(hearing, 1)
    clock.move_to(at(CLOSES + dt.timedelta(days=1)))
    with pytest.raises(actions.Refused, match="已截止"):
        register(hearing, 1, start=7)
