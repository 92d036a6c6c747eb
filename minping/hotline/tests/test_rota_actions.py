"""Building, changing and publishing a rota: working days with 调休, fairness, the rules."""

from __future__ import annotations

import datetime as dt

import pytest

from minping.accounts.models import AuditEntry
from minping.hotline import actions
from minping.hotline.actions import RotaData
from minping.hotline.models import Duty, DutyMember, RotaLog

from .conftest import WORKING_DAYS, at, member

pytestmark = pytest.mark.django_db


def test_duties_fall_on_working_days_only_including_the_tiaoxiu_weekends(clock, make_rota):
    rota = make_rota()
    days = sorted(set(rota.duties.values_list("date", flat=True)))
    assert days == WORKING_DAYS
    assert dt.date(2025, 9, 28) in days  # a Sunday worked before National Day
    assert dt.date(2025, 10, 11) in days  # a Saturday worked after it
    assert not [d for d in days if dt.date(2025, 10, 1) <= d <= dt.date(2025, 10, 8)]


def test_each_duty_has_one_leader_and_one_head_and_counts_differ_by_at_most_one(
    clock, make_rota, people
):
    rota = make_rota()
    for duty in rota.duties.all():
        assert sorted(duty.members.values_list("pool", flat=True)) == ["head", "leader"]
    for kind in ("leader", "head"):
        counts = [
            DutyMember.objects.filter(duty__rota=rota, person=p).count()
            for p in people.values()
            if p.kind == kind
        ]
        assert sum(counts) == 9 and max(counts) - min(counts) <= 1


def test_two_slots_a_day_give_two_duties_a_day_without_the_same_person_twice(clock, make_rota):
    rota = make_rota(slots="09:00-11:00, 15:00-17:00")
    assert rota.duties.count() == 18
    for day in WORKING_DAYS:
        heads = list(
            DutyMember.objects.filter(duty__rota=rota, duty__date=day, pool="head").values_list(
                "person_id", flat=True
            )
        )
        assert len(heads) == len(set(heads)) == 2


def test_a_persons_unavailable_dates_are_respected(clock, make_rota, people, personas):
    actions.do_add_unavailability(
        personas.office, people["ha"], start=dt.date(2025, 9, 26), end=dt.date(2025, 10, 10),
        reason="外出学习",
    )  # fmt: skip
    rota = make_rota()
    days = set(
        DutyMember.objects.filter(duty__rota=rota, person=people["ha"]).values_list(
            "duty__date", flat=True
        )
    )
    assert days and all(d > dt.date(2025, 10, 10) for d in days)


def test_a_year_without_an_official_calendar_is_refused(clock, make_rota):
    with pytest.raises(actions.Refused, match="2099年的节假日安排尚未录入"):
        make_rota(start=dt.date(2099, 1, 5), end=dt.date(2099, 1, 9))


def test_slots_are_parsed_and_overlaps_refused():
    assert actions.parse_slots("15:00-17:00，9:00-11:00") == [
        (dt.time(9), dt.time(11)),
        (dt.time(15), dt.time(17)),
    ]
    with pytest.raises(ValueError, match="重叠"):
        actions.parse_slots("09:00-11:00,10:00-12:00")
    with pytest.raises(ValueError, match="结束时间"):
        actions.parse_slots("11:00-09:00")


def test_a_rota_with_an_empty_seat_cannot_be_published(clock, campaign, personas, people):
    rota = actions.do_create_rota(
        personas.office, campaign,
        RotaData("两位领导", dt.date(2025, 9, 26), dt.date(2025, 9, 29), "09:00-11:00",
                 leaders_per_duty=4),
    )  # fmt: skip
    assert DutyMember.objects.filter(duty__rota=rota, person__isnull=True).exists()
    with pytest.raises(actions.Refused, match="空缺"):
        actions.do_publish(personas.office, rota)


def test_a_rota_must_be_published_before_its_first_duty(clock, make_rota, personas):
    clock.move_to(at(dt.date(2025, 9, 26), 8))
    with pytest.raises(actions.Refused, match="提前向社会公布"):
        actions.do_publish(personas.office, make_rota())


def test_publishing_is_logged_and_happens_once(published, personas):
    assert published.is_published and published.published_at is not None
    assert published.log.filter(kind=RotaLog.Kind.PUBLISH).count() == 1
    assert AuditEntry.objects.filter(verb="hotline.publish_rota").count() == 1
    with pytest.raises(actions.Refused):
        actions.do_publish(personas.office, published)


def test_swapping_two_draft_duties_exchanges_the_people_and_is_logged(clock, make_rota, personas):
    rota = make_rota()
    a, b = member(rota, WORKING_DAYS[0]), member(rota, WORKING_DAYS[1])
    pa, pb = a.person, b.person
    actions.do_swap(personas.office, a, b)
    assert member(rota, WORKING_DAYS[0]).person == pb
    assert member(rota, WORKING_DAYS[1]).person == pa
    log = rota.log.get(kind=RotaLog.Kind.SWAP)
    assert not log.after_publication and pa.name in log.description
    assert AuditEntry.objects.filter(verb="hotline.swap").count() == 1


def test_a_leader_cannot_be_swapped_with_a_department_head(clock, make_rota, personas):
    rota = make_rota()
    with pytest.raises(actions.Refused, match="市政府领导只能与市政府领导对调"):
        actions.do_swap(
            personas.office, member(rota, WORKING_DAYS[0], "leader"), member(rota, WORKING_DAYS[1])
        )


def test_a_swap_onto_a_day_the_person_is_unavailable_is_refused(clock, make_rota, personas, people):
    rota = make_rota()
    a = member(rota, WORKING_DAYS[0])
    b = next(member(rota, d) for d in WORKING_DAYS[1:] if member(rota, d).person_id != a.person_id)
    actions.do_add_unavailability(
        personas.office, a.person, start=b.duty.date, end=b.duty.date, reason="会议"
    )
    with pytest.raises(actions.Refused, match="不能值班"):
        actions.do_swap(personas.office, a, b)


def test_after_publication_a_change_needs_a_reason_and_shows_as_adjusted(
    published, personas, client
):
    a, b = member(published, WORKING_DAYS[2]), member(published, WORKING_DAYS[3])
    with pytest.raises(actions.Refused, match="须说明原因"):
        actions.do_swap(personas.office, a, b)
    actions.do_swap(personas.office, a, b, reason="因工作安排对调")
    log = published.log.get(kind=RotaLog.Kind.SWAP)
    assert log.after_publication and log.reason == "因工作安排对调"
    page = client.get("/hotline/").content.decode()
    assert "调整" in page and "因工作安排对调" in page


def test_a_duty_that_has_begun_cannot_be_changed_after_publication(published, personas, clock):
    clock.move_to(at(WORKING_DAYS[1], 8))
    with pytest.raises(actions.Refused, match="已开始或已过去"):
        actions.do_swap(
            personas.office, member(published, WORKING_DAYS[0]), member(published, WORKING_DAYS[4]),
            reason="调整",
        )  # fmt: skip


def test_replacing_a_head_with_another_head_is_logged_with_the_reason(published, personas, people):
    seat = member(published, WORKING_DAYS[4])
    other = next(p for k, p in people.items() if k.startswith("h") and p != seat.person)
    busy = DutyMember.objects.filter(duty__date=seat.duty.date, person=other).exists()
    assert not busy
    actions.do_replace(personas.office, seat, other, reason="原值班人员出差")
    assert member(published, WORKING_DAYS[4]).person == other
    assert published.log.get(kind=RotaLog.Kind.REPLACE).after_publication


def test_a_leader_cannot_replace_a_department_head(published, personas, people):
    with pytest.raises(actions.Refused, match="同一类别"):
        actions.do_replace(
            personas.office, member(published, WORKING_DAYS[4]), people["l1"], reason="x"
        )


def test_regenerating_is_for_drafts_only(clock, make_rota, published, personas, people):
    draft = make_rota(start=dt.date(2025, 11, 3), end=dt.date(2025, 11, 7))
    actions.do_add_unavailability(
        personas.office, people["l1"], start=dt.date(2025, 11, 3), end=dt.date(2025, 11, 7),
        reason="休假",
    )  # fmt: skip
    actions.do_regenerate(personas.office, draft)
    assert not DutyMember.objects.filter(duty__rota=draft, person=people["l1"]).exists()
    assert Duty.objects.filter(rota=draft).count() == 5
    with pytest.raises(actions.Refused, match="已公布"):
        actions.do_regenerate(personas.office, published)


def test_a_rota_overlapping_a_published_one_cannot_be_published(published, make_rota, personas):
    second = make_rota(start=dt.date(2025, 10, 13), end=dt.date(2025, 10, 20))
    with pytest.raises(actions.Refused, match="日期重叠"):
        actions.do_publish(personas.office, second)
