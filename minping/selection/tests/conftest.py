"""Helpers for the selection tests: synthetic frames as files, small quotas, a drawn campaign."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from typing import Any

import pytest
from openpyxl import Workbook

from minping.lib import idnumber

HEADERS = ["姓名", "工作单位", "职务", "民族", "政治面貌", "身份证号", "联系电话", "旗区"]
_serial = itertools.count(1)


def new_id(age: int = 40, region: str = "150602") -> str:
    """A valid, unique synthetic ID number."""
    n = next(_serial)
    birth = dt.date(dt.date.today().year - age, 1 + n % 12, 1 + n % 28)
    return idnumber.make(region, birth, n)


def new_phone() -> str:
    return f"1990{next(_serial):07d}"


def person_row(district: str = "东胜区", **over: str) -> list[str]:
    row = {
        "姓名": "测试人" + str(next(_serial)),
        "工作单位": "某某公司",
        "职务": "职员",
        "民族": "汉族",
        "政治面貌": "群众",
        "身份证号": new_id(),
        "联系电话": new_phone(),
        "旗区": district,
    }
    row.update(over)
    return [row[h] for h in HEADERS]


def xlsx_bytes(rows: list[list[Any]], headers: list[str] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers or HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any, tmp_path: Any) -> None:
    """Background imports run at once in tests; uploads go to a temporary folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MINPING_SMS_BACKEND = "minping.lib.sms.LocmemBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import cache

    cache.clear()  # the feasibility check is cached by its inputs' signature


@pytest.fixture
def seeded(campaign: Any) -> Any:
    """The standard campaign with the seeds' quotas and one frame per category."""
    from minping.selection.actions import do_seed_quotas

    do_seed_quotas(None, campaign)
    return campaign


SMALL = {
    # (session, district or None for main, category code): seats
    (1, None, "npc"): 2,
    (1, "东胜区", "npc"): 3,
    (1, "康巴什区", "npc"): 1,
    (2, "东胜区", "npc"): 2,
    (1, "东胜区", "volunteer"): 1,
    (1, None, "volunteer"): 1,
}


@pytest.fixture
def small(seeded: Any) -> Any:
    """Seeded quotas cut down to a handful of strata (see ``SMALL``)."""
    from minping.selection.models import Quota

    Quota.objects.filter(campaign=seeded).update(count=0, seed_count=0)
    for (session, district, code), seats in SMALL.items():
        quota = Quota.objects.get(
            campaign=seeded,
            session__number=session,
            category__code=code,
            **(
                {"venue__kind": "main"} if district is None else {"venue__district__name": district}
            ),
        )
        quota.count = quota.seed_count = seats
        quota.save()
    return seeded


def fill_frame(campaign: Any, code: str, per_district: dict[str, int], main_only: int = 0) -> Any:
    """Imports a synthetic frame for ``code`` through the real import path."""
    from minping.campaigns.models import District
    from minping.lib.fields import blind_index
    from minping.selection.actions import do_replace_frame_entries
    from minping.selection.frames import CleanRow
    from minping.selection.models import ImportJob, SampleFrame

    frame = SampleFrame.objects.get(campaign=campaign, category__code=code)
    rows = []
    number = 1
    plan = [(name, n) for name, n in per_district.items()] + [(None, main_only)]
    for district_name, count in plan:
        district = District.objects.get(name=district_name) if district_name else None
        for _ in range(count):
            number += 1
            id_number = new_id()
            rows.append(
                CleanRow(
                    number=number,
                    name=f"{code}{number}",
                    employer="单位" + str(number % 5),
                    title="",
                    ethnicity="汉族",
                    political_status="群众",
                    id_number=id_number,
                    id_index=blind_index(id_number, "id_number"),
                    phone=new_phone(),
                    district_id=district.pk if district else None,
                )
            )
    job = ImportJob.objects.create(frame=frame, filename="t.xlsx", status="done")
    return do_replace_frame_entries(None, job, rows)


def add_volunteers(campaign: Any, district: str, count: int, **over: Any) -> list[Any]:
    from minping.campaigns.models import District
    from minping.selection.actions import do_review_volunteer, do_signup_volunteer

    made = []
    for _ in range(count):
        id_number = new_id(age=30)
        data = {
            "name": "志愿者" + str(next(_serial)),
            "sex": "M" if int(id_number[16]) % 2 else "F",
            "political_status": "masses",
            "education": "bachelor",
            "id_number": id_number,
            "ethnicity": "汉族",
            "province": "内蒙古自治区",
            "city": "鄂尔多斯市",
            "district": District.objects.get(name=district),
            "street": "某街道",
            "address": "某小区1号楼",
            "employer": "",
            "phone": new_phone(),
            "is_migrant": False,
            "arrived_on": None,
            "venue_choice": "branch",
            "session_choice": 1,
            "flexibility": "any",
        }
        data.update(over)
        volunteer = do_signup_volunteer(campaign, data)
        made.append(do_review_volunteer(_statistics(), volunteer, "confirmed"))
    return made


def _statistics() -> Any:
    from minping.accounts.models import User

    return User.objects.filter(role="statistics").first()


@pytest.fixture
def ready(small: Any, personas: Any) -> Any:
    """Small quotas with frames and volunteers enough to draw them, reserves included."""
    fill_frame(small, "npc", {"东胜区": 12, "康巴什区": 3}, main_only=4)
    add_volunteers(small, "东胜区", 5)
    return small


@pytest.fixture
def drawn(ready: Any, personas: Any) -> Any:
    """``ready`` after the whole commit → reveal → run sequence."""
    from minping.selection import actions

    draw = actions.do_commit_draw(personas.statistics, ready, mode="systematic", seed="test-seed")
    actions.do_reveal_seed(personas.statistics, draw)
    return actions.do_run_draw(personas.statistics, draw)
