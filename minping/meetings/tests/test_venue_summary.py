"""The printable venue summary at the end of a session: counts by category and the notes."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from minping.meetings import actions
from minping.meetings.models import Attendance

pytestmark = pytest.mark.django_db


def test_the_district_officer_prints_expected_present_late_absent_and_the_notes(
    client: Any, day: Any, credentials: Any, personas: Any
) -> None:
    first, second = day.categories
    for rep in day.seated[:4]:  # categories alternate: 2 of each checked in
        actions.do_check_in(personas.district, day.session, day.branch, credentials[rep.name].code)
    # The fixture's session lies in the past, so every scan counted as late: make one late.
    Attendance.objects.update(is_late=False)
    Attendance.objects.filter(representative=day.seated[0]).update(is_late=True)
    actions.do_log_discipline(
        personas.supervisor, day.session, day.branch, timezone.now(), "第三排有人接打电话"
    )
    actions.do_log_discipline(
        personas.supervisor, day.session, day.main, timezone.now(), "主会场的记录"
    )

    client.force_login(personas.district)
    response = client.get(f"/meetings/session/{day.session.pk}/venue/{day.branch.pk}/summary/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "东胜区分会场" in html
    assert "<strong data-expected>6</strong>" in html
    assert "<strong data-present>4</strong>" in html
    assert "<strong data-late>1</strong>" in html
    assert "<strong data-absent>2</strong>" in html
    row = html.split(f'data-line="{first.pk}"')[1].split("</tr>")[0]
    assert [c.split("<")[0] for c in row.split("<td>")[2:]] == ["3", "2", "1", "1", "66.7%"]
    assert "第三排有人接打电话" in html and "主会场的记录" not in html
    assert "window.print()" in html
    for rep in day.seated:  # counts only, no names
        assert rep.name not in html


def test_who_reads_the_venue_summary(access_matrix: Any, day: Any) -> None:
    s = day.session.pk
    readers = {"office", "statistics", "supervisor", "district"}
    access_matrix(f"/meetings/session/{s}/venue/{day.branch.pk}/summary/", allowed=readers)
    # Another district's venue: not for this district officer.
    access_matrix(
        f"/meetings/session/{s}/venue/{day.far.pk}/summary/",
        allowed={"office", "statistics", "supervisor"},
    )
