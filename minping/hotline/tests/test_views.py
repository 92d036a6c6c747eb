"""Pages as people use them: the public rota, the office's forms, the call form, oversight."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from minping.hotline import actions
from minping.hotline.models import Call, DutyPerson, Rota
from minping.suggestions.models import Area, Suggestion

from .conftest import WORKING_DAYS, at, call_data, member

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_the_published_rota_by_date_but_never_a_draft(
    client, published, make_rota, people
):
    make_rota(start=dt.date(2025, 11, 3), end=dt.date(2025, 11, 7))  # a draft
    body = client.get(reverse("hotline:index")).content.decode()
    assert "2025-09-26" in body and "赵文华" in body and "市发展和改革委员会主任" in body
    assert "2025-11-03" not in body
    assert "12345" in body


def test_past_duties_show_their_call_and_follow_up_counts_without_personal_data(
    client, published, clock, personas
):
    clock.move_to(at(WORKING_DAYS[0], 9, 30))
    duty = member(published, WORKING_DAYS[0]).duty
    actions.do_record_call(personas.office, duty, call_data(), idempotency_key="p1")
    actions.do_record_call(
        personas.office, duty, call_data(needs_follow_up=False, subject="咨询政策"),
        idempotency_key="p2",
    )  # fmt: skip
    clock.move_to(at(WORKING_DAYS[1], 8))
    body = client.get(reverse("hotline:index")).content.decode()
    assert "值班公示" in body
    row = body.split("值班公示")[1]
    assert '<td class="num">2</td><td class="num">1</td>' in row
    assert "小区供暖不热" not in body and "来电人甲" not in body


def test_the_month_table_lists_every_duty_of_the_month_for_printing(client, published):
    body = client.get(reverse("hotline:month", args=[2025, 10])).content.decode()
    assert body.count("09:00–11:00") == 5  # 10-09, 10-10, 10-11, 10-13, 10-14
    assert "window.print()" in body


def test_the_office_creates_a_rota_from_the_form_and_sees_it_as_a_draft(
    login, clock, people, personas
):
    client = login(personas.office)
    response = client.post(
        reverse("hotline:rota_new"),
        {"title": "十月值班表", "start": "2025-10-09", "end": "2025-10-14",
         "slots": "9:00-11:00", "leaders_per_duty": 1, "heads_per_duty": 1,
         "hotline_number": "12345"},
    )  # fmt: skip
    rota = Rota.objects.get(title="十月值班表")
    assert response.status_code == 302 and response["Location"] == rota.get_absolute_url()
    assert rota.duties.count() == 5 and rota.slots == "09:00-11:00"
    page = client.get(rota.get_absolute_url()).content.decode()
    assert "草稿" in page and "向社会公布" in page


def test_a_rota_form_with_bad_slots_keeps_the_input_and_says_why(login, clock, people, personas):
    client = login(personas.office)
    response = client.post(
        reverse("hotline:rota_new"),
        {"title": "错误值班表", "start": "2025-10-09", "end": "2025-10-14",
         "slots": "11:00-09:00", "leaders_per_duty": 1, "heads_per_duty": 1,
         "hotline_number": "12345"},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200 and "结束时间须晚于开始时间" in body
    assert 'value="错误值班表"' in body


def test_the_call_form_keeps_what_was_typed_on_error(login, published, clock, personas):
    clock.move_to(at(WORKING_DAYS[0], 9, 30))
    duty = member(published, WORKING_DAYS[0]).duty
    client = login(personas.dept_a)
    response = client.post(
        reverse("hotline:call_new", args=[duty.pk]),
        {"idempotency_key": "x1", "received_at": "2025-09-26T09:25", "caller_name": "来电人乙",
         "caller_phone": "123", "area": Area.objects.first().pk, "subject": "路灯不亮",
         "summary": "短", "answer": "已记录", "needs_follow_up": "on"},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200 and not Call.objects.exists()
    assert "电话号码格式不正确" in body and 'value="路灯不亮"' in body and "来电人乙" in body


def test_a_call_marked_for_follow_up_shows_its_tracking_number(login, published, clock, personas):
    clock.move_to(at(WORKING_DAYS[0], 9, 30))
    duty = member(published, WORKING_DAYS[0]).duty
    client = login(personas.dept_a)
    response = client.post(
        reverse("hotline:call_new", args=[duty.pk]),
        {"idempotency_key": "x2", "received_at": "2025-09-26T09:25", "caller_phone": "",
         "area": Area.objects.first().pk, "subject": "路灯不亮",
         "summary": "康巴什区某路段路灯连续一周不亮，夜间出行不安全。",
         "answer": "已记录，转城管部门处理。", "needs_follow_up": "on"},
        follow=True,
    )  # fmt: skip
    suggestion = Suggestion.objects.get()
    body = response.content.decode()
    assert suggestion.number in body and "查询编号" in body
    assert suggestion.channel == "phone" and suggestion.entered_by == personas.dept_a


def test_a_department_not_on_duty_gets_404_for_that_duty(login, published, clock, personas):
    clock.move_to(at(WORKING_DAYS[0], 9, 30))
    duty = member(published, WORKING_DAYS[0]).duty
    assert login(personas.dept_b).get(reverse("hotline:duty", args=[duty.pk])).status_code == 404


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = ["类别", "姓名", "职务", "所在部门", "手机", "排班顺序"]


def test_an_import_with_one_bad_row_imports_nothing_and_reports_row_and_column(
    login, personas, campaign
):
    data = _xlsx([
        HEADER,
        ["市政府领导", "冯晓东", "副市长", "", "19900000301", 1],
        ["部门主要负责人", "陈立军", "局长", "不存在的局", "19900000302", 2],
        ["部门主要负责人", "褚红梅", "局长", "", "123", 3],
    ])  # fmt: skip
    client = login(personas.office)
    upload = io.BytesIO(data)
    upload.name = "people.xlsx"
    body = client.post(reverse("hotline:people_import"), {"file": upload}).content.decode()
    assert not DutyPerson.objects.exists()
    assert "没有导入任何人员" in body and "没有名为“不存在的局”的部门" in body
    assert "部门主要负责人须填写所在部门" in body and "请输入11位手机号码" in body
    report = client.get(reverse("hotline:people_import_problems"))
    sheet = load_workbook(io.BytesIO(report.content)).active
    cells = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert any(r[0] == 3 and r[1] == "所在部门" for r in cells[1:])


def test_a_clean_import_adds_everyone_with_phones_encrypted(login, personas, campaign):
    data = _xlsx([
        HEADER,
        ["市政府领导", "冯晓东", "副市长", "", "19900000301", 1],
        ["部门主要负责人", "陈立军", "局长", "市公安局", "19900000302", 2],
    ])  # fmt: skip
    upload = io.BytesIO(data)
    upload.name = "people.xlsx"
    response = login(personas.office).post(reverse("hotline:people_import"), {"file": upload})
    assert response.status_code == 302
    head = DutyPerson.objects.get(name="陈立军")
    assert head.department.name == "市公安局" and str(head.phone) == "199****0302"


def test_the_office_adds_a_head_and_a_head_without_department_is_refused(login, personas, campaign):
    client = login(personas.office)
    response = client.post(
        reverse("hotline:person_new"),
        {"kind": "head", "name": "卫国栋", "title": "局长", "phone": "", "order": 1,
         "is_active": "on"},
    )  # fmt: skip
    assert "部门主要负责人须选择所在部门" in response.content.decode()
    assert not DutyPerson.objects.exists()


def test_oversight_flags_a_duty_without_summary_after_the_next_working_day(
    login, published, clock, personas
):
    clock.move_to(at(WORKING_DAYS[0], 9, 30))
    first = member(published, WORKING_DAYS[0]).duty
    actions.do_record_call(personas.office, first, call_data(), idempotency_key="o1")
    clock.move_to(at(WORKING_DAYS[1], 10))
    actions.do_save_summary(
        personas.office, member(published, WORKING_DAYS[1]).duty, "接听来电0个，无需交办事项。"
    )
    clock.move_to(at(WORKING_DAYS[2], 10))  # 09-29: the 09-26 summary was due on 09-28
    client = login(personas.supervisor)
    body = client.get(reverse("hotline:oversight")).content.decode()
    assert "小结逾期" in body and '<span class="tag danger">小结逾期</span>' in body
    assert '<span class="tag ok">已完成</span>' in body
    assert "<svg" in body and "每周来电数" in body
    export = client.get(reverse("hotline:export"))
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "值班日期" and rows[1][6] == "小区供暖不热"
    assert "19900003333" not in str(rows) and "来电人甲" not in str(rows)


def test_the_office_dashboard_shows_drafts_missing_summaries_and_the_next_duty(
    login, published, make_rota, clock, personas
):
    make_rota(start=dt.date(2025, 11, 3), end=dt.date(2025, 11, 7))
    clock.move_to(at(dt.date(2025, 9, 25), 10))
    body = login(personas.office).get(reverse("accounts:dashboard")).content.decode()
    assert "热线排班表未公布" in body and "下一工作日热线值班" in body and "赵文华" in body


def test_the_department_dashboard_shows_its_heads_next_duties(login, published, personas):
    body = login(personas.dept_a).get(reverse("accounts:dashboard")).content.decode()
    assert "本部门负责人热线值班" in body and "2025-09-26" in body


def test_the_public_rota_reads_in_english_with_one_tap(client, published):
    # The middleware leaves English active in this thread: restore the default afterwards.
    with translation.override(None):
        client.post(reverse("set_language"), {"language": "en", "next": "/hotline/"})
        body = client.get(reverse("hotline:index")).content.decode()
    assert "Mayor hotline rota" in body and "Coming duties" in body


def test_the_rota_form_proposes_the_period_up_to_the_suggestions_deadline(
    login, clock, personas, campaign
):
    from minping.campaigns.actions import do_set_deadline

    do_set_deadline(
        personas.office, campaign, stage="suggestions_answered", due=at(dt.date(2026, 1, 30), 18)
    )
    body = login(personas.office).get(reverse("hotline:rota_new")).content.decode()
    assert 'value="2025-09-29"' in body  # a week after today (2025-09-22)
    assert 'value="2026-01-30"' in body
