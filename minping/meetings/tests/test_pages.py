"""The agenda, timer, credential, seat, representative and discipline pages."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from minping.meetings import actions
from minping.meetings.models import Credential, DisciplineNote, SeatAssignment

pytestmark = pytest.mark.django_db


def xlsx(rows: list[list[str]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["证件类型", "姓名", "单位", "会场"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "cards.xlsx"
    return out


def test_the_office_reorders_marks_the_press_lane_and_runs_the_clock(
    login: Any, day: Any, personas: Any
) -> None:
    client = login(personas.office)
    s = day.session.pk
    agenda = actions.ensure_agenda(day.session)
    first, second = agenda.slots.order_by("order")[:2]
    client.post(f"/meetings/slot/{second.pk}/move/", {"direction": "up"})
    client.post(f"/meetings/slot/{second.pk}/press/", {"on": "1"})
    client.post(
        f"/meetings/session/{s}/agenda/",
        {"starts_at": "2026-01-10T09:30", "slot_minutes": "8", "all_sessions": "on"},
    )
    agenda.refresh_from_db()
    assert agenda.slot_seconds == 480 and agenda.slots.order_by("order").first() == second
    assert actions.ensure_agenda(day.other_session).slot_seconds == 480  # every session
    client.post(f"/meetings/session/{s}/timer/", {"command": "start"})
    state = client.get(f"/meetings/session/{s}/timer.json").json()
    assert state["slot"]["department"] == second.department.name
    assert state["slot"]["state"] == "running" and state["limit"] == 480
    client.post(f"/meetings/session/{s}/timer/", {"command": "next"})
    state = client.get(f"/meetings/session/{s}/timer.json").json()
    assert state["press_lane"] == second.department.name
    control = client.get(f"/meetings/session/{s}/control/").content.decode()
    assert "开始计时" in control
    summary = client.get(f"/meetings/session/{s}/summary/").content.decode()
    assert second.department.name in summary


def test_representative_cards_are_generated_once_and_printed_with_a_qr_code(
    login: Any, day: Any, personas: Any
) -> None:
    client = login(personas.office)
    client.post("/meetings/credentials/generate/")
    client.post("/meetings/credentials/generate/")
    assert Credential.objects.filter(kind="representative").count() == 9  # 8 + other session
    page = client.get(
        "/meetings/credentials/print/", {"session": day.session.pk, "venue": day.branch.pk}
    )
    body = page.content.decode()
    assert body.count('class="badge"') == 6 and "<svg" in body and "王小明" in body


def test_a_district_officer_prints_only_the_own_venues_cards(
    login: Any, day: Any, credentials: Any, personas: Any
) -> None:
    body = login(personas.district).get("/meetings/credentials/print/").content.decode()
    assert body.count('class="badge"') == 7  # six in session 1, one in session 2
    assert "赵一鸣" in body and "郑浩然" not in body


def test_the_card_sheet_downloads_as_a_pdf(
    login: Any, day: Any, credentials: Any, personas: Any
) -> None:
    response = login(personas.office).get(
        "/meetings/credentials/print/", {"venue": day.main.pk, "format": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf" and response.content[:4] == b"%PDF"


def test_staff_cards_are_added_by_hand_or_imported_all_or_nothing(
    login: Any, day: Any, personas: Any
) -> None:
    client = login(personas.office)
    client.post(
        "/meetings/credentials/add/",
        {"kind": "press", "name": "记者甲", "unit": "市广播电视台", "venues": [day.main.pk]},
    )
    assert Credential.objects.get(kind="press").venues.get() == day.main
    bad = client.post(
        "/meetings/credentials/import/",
        {
            "file": xlsx(
                [
                    ["工作证", "工作人员乙", "市政府办公室", "全部"],
                    ["通行证", "某人", "", "火星分会场"],
                ]
            )
        },
    )
    problems = [(p.row, p.column) for p in bad.context["problems"]]
    assert (3, "证件类型") in problems and (3, "会场") in problems
    assert Credential.objects.count() == 1
    client.post(
        "/meetings/credentials/import/",
        {
            "file": xlsx(
                [
                    ["工作证", "工作人员乙", "市政府办公室", "全部"],
                    ["述职报告证", "述职人丙", "市公安局", day.main.name],
                ]
            )
        },
    )
    staff = Credential.objects.get(kind="staff")
    assert staff.venues.count() == 10
    assert Credential.objects.get(kind="speaker").venues.get() == day.main


def test_the_seat_chart_is_an_svg_with_full_names_for_the_venue_and_masked_for_readers(
    login: Any, day: Any, personas: Any
) -> None:
    client = login(personas.district)
    client.post(
        f"/meetings/venue/{day.branch.pk}/layout/",
        {"rows": 3, "seats_per_row": 4, "aisles_after": "2", "leader_rows": "1"},
    )
    client.post(f"/meetings/session/{day.session.pk}/venue/{day.branch.pk}/seats/assign/")
    assert SeatAssignment.objects.count() == 6
    page = client.get(f"/meetings/session/{day.session.pk}/venue/{day.branch.pk}/seats/")
    body = page.content.decode()
    assert "<svg" in body and "王小明" in body and "领导席" in body
    masked = login(personas.supervisor).get(
        f"/meetings/session/{day.session.pk}/venue/{day.branch.pk}/seats/"
    )
    assert "王*明" in masked.content.decode() and "王小明" not in masked.content.decode()


def test_a_representative_finds_the_seat_and_the_check_in_code_on_the_own_page(
    login: Any, day: Any, credentials: Any, personas: Any
) -> None:
    rep = day.seated[4]
    rep.user = personas.representative
    rep.save()
    actions.do_save_layout(personas.office, day.branch, rows=2, seats_per_row=5)
    actions.do_auto_assign_seats(personas.office, day.session, day.branch)
    body = login(personas.representative).get("/meetings/my/").content.decode()
    assert rep.seat.label() in body
    assert credentials[rep.name].pretty_code() in body
    assert "请按照座次安排就座" in body and body.count("<svg") >= 2


def test_the_supervisor_logs_what_was_seen_at_a_venue(login: Any, day: Any, personas: Any) -> None:
    client = login(personas.supervisor)
    url = f"/meetings/session/{day.session.pk}/discipline/"
    empty = client.post(
        url, {"venue": day.branch.pk, "observed_at": "2026-01-10T09:20", "text": ""}
    )
    assert empty.status_code == 200 and DisciplineNote.objects.count() == 0
    client.post(
        url, {"venue": day.branch.pk, "observed_at": "2026-01-10T09:20", "text": "两名代表接打手机"}
    )
    note = DisciplineNote.objects.get()
    assert note.author == personas.supervisor and note.venue == day.branch
    assert "两名代表接打手机" in login(personas.office).get(url).content.decode()
    assert (
        login(personas.office).post(url, {"venue": day.branch.pk, "text": "x"}).status_code == 403
    )


def test_the_summary_shows_who_ran_over_and_by_how_much(
    login: Any, day: Any, personas: Any
) -> None:
    import datetime as dt
    import zoneinfo

    import time_machine

    agenda = actions.ensure_agenda(day.session)
    t0 = dt.datetime(2026, 1, 10, 9, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(t0, tick=False):
        actions.do_timer(personas.office, agenda, "start")
    with time_machine.travel(t0 + dt.timedelta(seconds=642), tick=False):
        actions.do_timer(personas.office, agenda, "next")
        actions.do_timer(personas.office, agenda, "start")
    with time_machine.travel(t0 + dt.timedelta(seconds=642 + 500), tick=False):
        actions.do_timer(personas.office, agenda, "finish")
    page = login(personas.supervisor).get(f"/meetings/session/{day.session.pk}/summary/")
    rows = page.context["rows"]
    assert (rows[0]["spoken"], rows[0]["over"]) == ("10:42", "0:42")
    assert (rows[1]["spoken"], rows[1]["over"]) == ("8:20", "")
    assert page.context["over_count"] == 1 and "+0:42" in page.content.decode()


def test_the_card_list_filters_by_kind_and_venue(
    login: Any, day: Any, credentials: Any, personas: Any
) -> None:
    actions.do_add_credential(
        personas.office,
        day.session.campaign,
        kind="press",
        name="记者乙",
        unit="日报",
        venues=[day.main],
    )
    client = login(personas.office)
    press = client.get("/meetings/credentials/", {"kind": "press"})
    assert press.context["total"] == 1 and "记者乙" in press.content.decode()
    branch = client.get("/meetings/credentials/", {"venue": day.branch.pk})
    assert branch.context["total"] == 7 and "记者乙" not in branch.content.decode()
