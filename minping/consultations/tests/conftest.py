"""Fixtures for the consultations tests: a fixed clock and consultations in each stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Monday 2025-09-01, 10:00. National Day 2025: Oct 1–8 off, Sunday Sep 28 and Saturday Oct 11 worked.
MONDAY = dt.datetime(2025, 9, 1, 10, 0, tzinfo=SHANGHAI)

TEXT = """第一条 为规范中心城区停车管理，制定本办法。
第二条 新建住宅小区按照每户不少于1.2个的标准配建停车位。
第三条 本办法自2026年1月1日起施行。"""


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _media_and_cache(settings: Any, tmp_path: Any) -> Iterator[None]:
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock() -> Iterator[Any]:
    """Time frozen at MONDAY; ``clock.move_to(...)`` moves it."""
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def draft_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "中心城区停车管理办法（征求意见稿）",
        "summary": "规范停车设施建设和管理。",
        "basis": "依据有关法律法规；影响中心城区居民。",
        "feedback_channels": "本页面在线提交。",
        "contact": "市发展和改革委员会 0477-0000000",
        "drafting_notes": "起草说明。",
        "text": TEXT,
        "opens_on": MONDAY.date(),
        "closes_on": MONDAY.date() + dt.timedelta(days=29),
        "shortened_reason": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_draft(campaign: Any, personas: Any) -> Any:
    from minping.consultations.actions import do_save_draft

    def make(user: Any = None, **overrides: Any) -> Any:
        return do_save_draft(user or personas.dept_a, draft_data(**overrides), campaign=campaign)

    return make


@pytest.fixture
def make_open(make_draft: Any, personas: Any) -> Any:
    """A consultation the office has published, open from MONDAY for 30 days."""
    from minping.consultations.actions import do_publish, do_submit

    def make(**overrides: Any) -> Any:
        c = make_draft(**overrides)
        do_submit(personas.dept_a, c)
        do_publish(personas.office, c, accept_shortened=True)
        return c

    return make


@pytest.fixture
def comment_on(db: Any) -> Any:
    from minping.consultations.actions import CommentData, do_comment

    def make(c: Any, text: str = "建议提高车位配建标准到1.5个。", **kw: Any) -> Any:
        return do_comment(c, CommentData(text=text, **kw))

    return make
