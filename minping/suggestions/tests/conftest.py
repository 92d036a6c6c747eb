"""Fixtures for the suggestions tests: SMS outbox, a fixed clock, suggestions in each state."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minping.lib import sms

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Monday 2025-09-29, 10:00: 5 working days later is Saturday 2025-10-11 (调休 after National Day).
MONDAY = dt.datetime(2025, 9, 29, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def outbox(settings: Any, tmp_path: Any) -> Iterator[list[sms.Message]]:
    settings.MINPING_SMS_BACKEND = "minping.lib.sms.LocmemBackend"
    # The personas' passwords: a fast hasher keeps the suite quick (no security role here).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    sms.LocmemBackend.outbox.clear()
    yield sms.LocmemBackend.outbox
    sms.LocmemBackend.outbox.clear()


@pytest.fixture
def clock() -> Iterator[Any]:
    """Time frozen at MONDAY; ``clock.move_to(...)`` moves it."""
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def make_suggestion(campaign: Any) -> Any:
    from minping.suggestions.actions import Intake, do_submit
    from minping.suggestions.models import Area, Suggestion

    def make(
        text: str = "建议在东胜区老旧小区增设电动车充电桩，解决充电难和飞线充电的安全隐患。",
        *,
        title: str = "关于增设充电桩的建议",
        area: str = "",
        phone: str = "19900001111",
        name: str = "测试建议人",
        representative: bool = False,
        district: Any = None,
        now: dt.datetime | None = None,
    ) -> Suggestion:
        area_obj = Area.objects.get(code=area) if area else Area.objects.order_by("order")[11]
        suggestion, _new = do_submit(
            campaign,
            Intake(
                area=area_obj,
                title=title,
                text=text,
                name=name,
                phone=phone,
                age=40,
                is_representative=representative,
                district=district,
            ),
            idempotency_key=secrets.token_hex(8),
            channel=Suggestion.Channel.REPRESENTATIVE if representative else Suggestion.Channel.WEB,
            now=now,
        )
        return suggestion

    return make


@pytest.fixture
def dispatch(personas: Any) -> Any:
    from minping.suggestions.actions import do_dispatch
    from minping.suggestions.models import Assignment

    def run(suggestion: Any, unit: Any = None, *, kind: str = "transfer", co: Any = ()) -> Any:
        lead = unit or personas.dept_a.department
        created = do_dispatch(personas.office, suggestion, kind=kind, lead=lead, co_units=co)
        return Assignment.objects.get(pk=created[0].pk)

    return run
