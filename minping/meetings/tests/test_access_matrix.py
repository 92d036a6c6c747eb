"""Who reaches which meetings page (role × view)."""

from __future__ import annotations

from typing import Any

import pytest

from minping.meetings import actions

pytestmark = pytest.mark.django_db

STAFF = {"office", "statistics", "supervisor", "district"}
OVERSEERS = {"office", "statistics", "supervisor"}
EVERYONE = {
    "office", "reviewer", "dept_a", "dept_b", "statistics", "district", "tallier",
    "supervisor", "representative", "citizen", "outsider",
}  # fmt: skip


def test_session_pages(access_matrix: Any, day: Any) -> None:
    s = day.session.pk
    access_matrix("/meetings/", allowed=STAFF)
    access_matrix(f"/meetings/session/{s}/", allowed=STAFF)
    access_matrix(f"/meetings/session/{s}/display/", allowed=STAFF)
    access_matrix(f"/meetings/session/{s}/timer.json", allowed=STAFF)
    access_matrix(f"/meetings/session/{s}/control/", allowed={"office"})
    access_matrix(f"/meetings/session/{s}/summary/", allowed=OVERSEERS)
    access_matrix(f"/meetings/session/{s}/attendance/", allowed=STAFF)
    access_matrix(f"/meetings/session/{s}/attendance.xlsx", allowed=STAFF)
    access_matrix(f"/meetings/session/{s}/discipline/", allowed={"office", "supervisor"})


def test_agenda_and_timer_writes_are_for_the_office(access_matrix: Any, day: Any) -> None:
    s = day.session.pk
    slot = actions.ensure_agenda(day.session).slots.first()
    data = {"starts_at": "2026-01-10T09:00", "slot_minutes": "10"}
    access_matrix(f"/meetings/session/{s}/agenda/", allowed={"office"}, method="post", data=data)
    access_matrix(
        f"/meetings/slot/{slot.pk}/move/",
        allowed={"office"},
        method="post",
        data={"direction": "down"},
    )
    access_matrix(
        f"/meetings/slot/{slot.pk}/press/", allowed={"office"}, method="post", data={"on": "1"}
    )
    access_matrix(
        f"/meetings/session/{s}/timer/",
        allowed={"office"},
        method="post",
        data={"command": "start"},
    )


def test_a_district_officer_runs_only_the_own_branch_venue(
    access_matrix: Any, day: Any, credentials: Any
) -> None:
    s = day.session.pk
    for venue, runners in [(day.branch, {"office", "district"}), (day.main, {"office"})]:
        v = venue.pk
        access_matrix(f"/meetings/session/{s}/venue/{v}/checkin/", allowed=runners)
        access_matrix(
            f"/meetings/session/{s}/venue/{v}/checkin/",
            allowed=runners,
            method="post",
            data={"code": "X"},
        )
        access_matrix(f"/meetings/session/{s}/venue/{v}/checkin/list/", allowed=runners)
        access_matrix(f"/meetings/venue/{v}/layout/", allowed=runners)
        access_matrix(
            f"/meetings/session/{s}/venue/{v}/seats/assign/", allowed=runners, method="post"
        )
        access_matrix(
            f"/meetings/session/{s}/venue/{v}/seats/move/", allowed=runners, method="post", data={}
        )
        access_matrix(f"/meetings/session/{s}/venue/{v}/seats/", allowed=runners | OVERSEERS)
        access_matrix(f"/meetings/session/{s}/venue/{v}/absent/", allowed=runners | OVERSEERS)
    access_matrix(
        f"/meetings/representative/{day.main_seated[0].pk}/replace/",
        allowed={"office"},
        method="post",
        data={"reason": "x"},
    )


def test_credentials_are_the_offices(access_matrix: Any, day: Any, credentials: Any) -> None:
    card = next(iter(credentials.values()))
    access_matrix("/meetings/credentials/", allowed={"office"})
    access_matrix("/meetings/credentials/import/", allowed={"office"})
    access_matrix("/meetings/credentials/import/problems.xlsx", allowed={"office"})
    access_matrix("/meetings/credentials/generate/", allowed={"office"}, method="post")
    access_matrix("/meetings/credentials/add/", allowed={"office"}, method="post", data={})
    access_matrix(f"/meetings/credentials/{card.pk}/reissue/", allowed={"office"}, method="post")
    access_matrix("/meetings/credentials/print/", allowed={"office", "district"})


def test_the_representatives_own_page_and_the_public_notice(access_matrix: Any, day: Any) -> None:
    access_matrix("/meetings/my/", allowed={"representative"})
    access_matrix("/meetings/notice/", allowed=EVERYONE, anonymous_allowed=True)
