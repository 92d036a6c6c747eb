"""The check-in page, the manual list and the attendance board."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from minping.meetings import actions
from minping.meetings.models import Attendance

pytestmark = pytest.mark.django_db


def url(day: Any, venue: Any, suffix: str = "checkin/") -> str:
    return f"/meetings/session/{day.session.pk}/venue/{venue.pk}/{suffix}"


def test_the_scanner_gets_a_json_answer_with_the_seat(
    login: Any, day: Any, credentials: Any, personas: Any
) -> None:
    actions.do_save_layout(personas.office, day.branch, rows=2, seats_per_row=5)
    actions.do_auto_assign_seats(personas.office, day.session, day.branch)
    rep = day.seated[0]
    client = login(personas.district)
    response = client.post(
        url(day, day.branch), {"code": credentials[rep.name].code}, HTTP_ACCEPT="application/json"
    )
    answer = response.json()
    assert answer["outcome"] == "ok" and answer["headline"] == "已签到"
    assert answer["name"] == "王*明" and answer["seat"] == rep.seat.label()
    again = client.post(
        url(day, day.branch), {"code": credentials[rep.name].code}, HTTP_ACCEPT="application/json"
    ).json()
    assert again["outcome"] == "again" and again["headline"].startswith("已签到过")


def test_without_javascript_the_page_shows_the_answer(
    login: Any, day: Any, credentials: Any, personas: Any
) -> None:
    client = login(personas.district)
    page = client.post(url(day, day.branch), {"code": credentials[day.main_seated[0].name].code})
    assert "不是本会场：请到" in page.content.decode()


def test_a_forgotten_card_is_checked_in_from_the_searchable_list(
    login: Any, day: Any, personas: Any
) -> None:
    client = login(personas.district)
    page = client.get(url(day, day.branch, "checkin/list/"), {"q": "孙"})
    body = page.content.decode()
    assert "孙丽娟" in body and "王小明" not in body
    client.post(url(day, day.branch, "checkin/list/"), {"representative": day.seated[3].pk})
    assert Attendance.objects.get().representative == day.seated[3]


def test_the_board_counts_expected_present_and_absent_per_venue_and_category(
    login: Any, day: Any, personas: Any
) -> None:
    for rep in day.seated[:4]:
        actions.do_manual_check_in(personas.district, day.session, day.branch, rep)
    client = login(personas.supervisor)
    page = client.get(f"/meetings/session/{day.session.pk}/attendance/")
    rows = {r["venue"].name: r for r in page.context["rows"]}
    branch = rows[day.branch.name]
    assert (branch["expected"], branch["present"], branch["absent"]) == (6, 4, 2)
    assert rows[day.main.name]["present"] == 0 and rows[day.main.name]["expected"] == 2
    assert [line["present"] for line in branch["lines"]] == [2, 2]
    assert page.context["rate"] == 50.0
    assert "<svg" in page.content.decode()


def test_a_district_officer_sees_only_the_own_venue_on_the_board(
    login: Any, day: Any, personas: Any
) -> None:
    page = login(personas.district).get(f"/meetings/session/{day.session.pk}/attendance/")
    assert [r["venue"] for r in page.context["rows"]] == [day.branch]


def test_the_export_lists_everyone_with_the_check_in_time(
    login: Any, day: Any, personas: Any
) -> None:
    actions.do_manual_check_in(personas.district, day.session, day.branch, day.seated[0])
    response = login(personas.office).get(f"/meetings/session/{day.session.pk}/attendance.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    people = list(book.worksheets[1].iter_rows(values_only=True))
    assert len(people) == 1 + 8
    row = next(r for r in people if r[2] == "王小明")
    assert row[3] and row[4] in ("按时", "迟到")
    assert sum(1 for r in people if r[4] == "未到") == 7


def test_the_absent_list_offers_the_reserves_and_replaces_before_the_start(
    login: Any, day: Any, personas: Any, settings: Any
) -> None:
    agenda = actions.ensure_agenda(day.session)
    agenda.starts_at = agenda.starts_at.replace(year=2099)
    agenda.save()
    client = login(personas.district)
    page = client.get(url(day, day.branch, "absent/"))
    body = page.content.decode()
    assert "钱备一" in body and "由备选递补" in body
    client.post(f"/meetings/representative/{day.seated[0].pk}/replace/", {"reason": "未到"})
    day.seated[0].refresh_from_db()
    assert day.seated[0].status == "dropped"
