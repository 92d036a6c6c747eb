"""Fixtures for the hotline tests: SMS outbox, a fixed clock, duty people and a rota.

The rota runs 2025-09-26 to 2025-10-14: it spans National Day (10-01 to 10-08 off) with the
调休 working Sunday 09-28 and Saturday 10-11, so its working days are 09-26, 09-28, 09-29,
09-30, 10-09, 10-10, 10-11, 10-13 and 10-14.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minping.lib import sms

SHANGHAI = ZoneInfo("Asia/Shanghai")
BEFORE = dt.datetime(2025, 9, 22, 10, 0, tzinfo=SHANGHAI)  # Monday, before the rota starts
WORKING_DAYS = [
    dt.date(2025, 9, 26), dt.date(2025, 9, 28), dt.date(2025, 9, 29), dt.date(2025, 9, 30),
    dt.date(2025, 10, 9), dt.date(2025, 10, 10), dt.date(2025, 10, 11), dt.date(2025, 10, 13),
    dt.date(2025, 10, 14),
]  # fmt: skip


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def outbox(settings: Any) -> Iterator[list[sms.Message]]:
    settings.MINPING_SMS_BACKEND = "minping.lib.sms.LocmemBackend"
    sms.LocmemBackend.outbox.clear()
    yield sms.LocmemBackend.outbox
    sms.LocmemBackend.outbox.clear()


@pytest.fixture
def clock() -> Iterator[Any]:
    """Time frozen at BEFORE; ``clock.move_to(...)`` moves it."""
    with time_machine.travel(BEFORE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def people(personas: Any) -> dict[str, Any]:
    """Three synthetic city leaders and the heads of dept_a, dept_b and one more department."""
    from minping.campaigns.models import Department
    from minping.hotline.actions import PersonData, do_save_person
    from minping.hotline.models import DutyPerson

    leader = DutyPerson.Kind.LEADER
    head = DutyPerson.Kind.HEAD
    third = Department.objects.get(name="市财政局")
    rows = {
        "l1": PersonData(leader, "赵文华", "副市长", None, "19900000101", order=1),
        "l2": PersonData(leader, "钱志强", "副市长", None, "19900000102", order=2),
        "l3": PersonData(leader, "孙建平", "秘书长", None, "", order=3),
        "ha": PersonData(head, "周立新", "主任", personas.dept_a.department, "19900000201", 1),
        "hb": PersonData(head, "吴海燕", "局长", personas.dept_b.department, "19900000202", 2),
        "hc": PersonData(head, "郑国庆", "局长", third, "19900000203", 3),
    }
    return {k: do_save_person(personas.office, None, v) for k, v in rows.items()}


@pytest.fixture
def make_rota(campaign: Any, personas: Any, people: Any) -> Any:
    from minping.hotline.actions import RotaData, do_create_rota

    def make(
        start: dt.date = dt.date(2025, 9, 26),
        end: dt.date = dt.date(2025, 10, 14),
        slots: str = "09:00-11:00",
        **kw: Any,
    ) -> Any:
        return do_create_rota(
            personas.office, campaign, RotaData("国庆前后值班表", start, end, slots, **kw)
        )

    return make


@pytest.fixture
def published(clock: Any, make_rota: Any, personas: Any) -> Any:
    """The conftest rota, published on BEFORE."""
    from minping.hotline.actions import do_publish

    return do_publish(personas.office, make_rota())


def member(rota: Any, day: dt.date, pool: str = "head", position: int = 0) -> Any:
    from minping.hotline.models import DutyMember

    return DutyMember.objects.select_related("person", "duty").get(
        duty__rota=rota, duty__date=day, pool=pool, position=position
    )


def call_data(**overrides: Any) -> Any:
    from minping.hotline.actions import CallData
    from minping.suggestions.models import Area

    values: dict[str, Any] = {
        "received_at": at(dt.date(2025, 9, 26), 9, 20),
        "caller_name": "来电人甲",
        "caller_phone": "19900003333",
        "district": None,
        "area": Area.objects.order_by("order")[0],
        "subject": "小区供暖不热",
        "summary": "东胜区某小区去年冬天室温不足十六度，希望今年供暖前检修管网。",
        "answer": "已记录，转住建部门核实并答复。",
        "needs_follow_up": True,
    }
    values.update(overrides)
    return CallData(**values)
