"""Fixtures for the departments tests: reviewer scopes, deadlines, report texts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

REPORT_PARTS = [
    "一、2025年度职能目标完成情况",
    "二、深化“放管服”改革、优化营商环境取得的成效",
    "三、人大代表建议、政协委员提案办理情况",
    "四、政务服务热线、媒体监督曝光问题办理情况",
    "五、存在问题和2026年主要工作打算",
]


def report_text(paragraph_chars: int = 380, *, extra: str = "") -> str:
    """A plain-text report with the five headings, each followed by one paragraph."""
    unit = "我们围绕市民关心的事项推进重点工作，办成了一批实事。"
    lines = []
    for heading in REPORT_PARTS:
        lines.append(heading)
        body = (unit * (paragraph_chars // len(unit) + 1))[:paragraph_chars]
        lines.append(body)
    if extra:
        lines.append(extra)
    return "\n".join(lines)


@pytest.fixture
def publicist(personas: Any) -> Any:
    from conftest import PASSWORD
    from minping.accounts.actions import do_create_user
    from minping.accounts.models import Role

    return do_create_user(
        None, username="publicist", password=PASSWORD, role=Role.REVIEWER, full_name="宣传审核员"
    )


@pytest.fixture
def scoped(personas: Any, campaign: Any, publicist: Any) -> Any:
    """personas.reviewer reviews dept_a (not dept_b); ``publicist`` does the publicity review."""
    from minping.departments.actions import do_set_scopes
    from minping.departments.models import ReviewerScope

    do_set_scopes(
        personas.office,
        campaign,
        personas.reviewer,
        ReviewerScope.Kind.DESK,
        [personas.dept_a.department],
    )
    do_set_scopes(personas.office, campaign, publicist, ReviewerScope.Kind.PUBLICITY, [])
    return personas


@pytest.fixture
def deadlines(campaign: Any) -> dict[str, Any]:
    from minping.campaigns.models import Deadline

    base = dt.datetime(2025, 12, 10, 18, 0, tzinfo=dt.UTC)
    stages = [
        Deadline.Stage.MATERIALS_SUBMITTED,
        Deadline.Stage.MATERIALS_REVIEWED,
        Deadline.Stage.MATERIALS_SIGNED,
        Deadline.Stage.PUBLICITY_REVIEWED,
        Deadline.Stage.MATERIALS_PUBLISHED,
    ]
    # update_or_create: the standard campaign may come with a calendar of its own.
    return {
        stage: Deadline.objects.update_or_create(
            campaign=campaign, stage=stage, defaults={"due": base + dt.timedelta(days=3 * i)}
        )[0]
        for i, stage in enumerate(stages)
    }


def save_report(staff: Any, campaign: Any, *, signed: bool = True, text: str = "") -> Any:
    """Saves a valid report version through the real action, as the department would."""
    from minping.departments.actions import do_save_version
    from minping.departments.forms import ReportForm
    from minping.departments.tests.files import signed_pdf

    form = ReportForm({"body": text or report_text(380)})
    assert form.is_valid(), form.errors
    cd = form.cleaned_data
    return do_save_version(
        staff,
        campaign,
        staff.department,
        "report",
        html=cd["html"],
        text=cd["text"],
        char_count=cd["char_count"],
        signed_page=signed_pdf() if signed else None,
        warnings=form.warnings,
    )


def walk(material: Any, people: Any, publicist: Any, *, to: str = "published") -> Any:
    """Moves a material through the chain up to ``to`` with the right person at each step."""
    from minping.departments.actions import do_transition
    from minping.departments.tests.files import signed_pdf

    steps = [
        (
            "submitted",
            people.dept_a if material.department == people.dept_a.department else people.dept_b,
            {},
        ),
        ("reviewed", people.reviewer, {"comment": "同意"}),
        ("signed", people.reviewer, {"signer": "分管副市长（测试）", "signed_page": signed_pdf()}),
        ("cleared", publicist, {}),
        ("published", people.office, {}),
    ]
    for state, actor, extra in steps:
        do_transition(actor, material, state, **extra)
        material.refresh_from_db()
        if state == to:
            break
    return material


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    # The personas are built with real passwords; a fast hasher keeps this suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
