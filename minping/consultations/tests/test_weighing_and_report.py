"""第二十条: every opinion weighed, reasons for not adopting, the report the office approves."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from minping.consultations import actions
from minping.consultations.models import Comment, Consultation, Opinion

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db
S = Consultation.State
AFTER = at(MONDAY.date() + dt.timedelta(days=31))


@pytest.fixture
def closed(clock, personas, make_open, comment_on):
    c = make_open()
    second = c.sections.get(number=2)
    for text in [
        "车位标准太低，建议1.5个。",
        "建议1.5个车位。",
        "车位至少1.5个。",
        "希望增加充电桩。",
    ]:
        comment_on(c, text, section=second)
    comment_on(c, "骂人的话")
    clock.move_to(AFTER)
    actions.do_apply_clock(c)
    return c


def test_the_report_cannot_be_submitted_until_every_comment_is_weighed(closed, personas):
    dept = personas.dept_a
    abusive = Comment.objects.get(text="骂人的话")
    actions.do_moderate(dept, abusive, show=False, reason="人身攻击")
    actions.do_save_report(dept, closed, overview="概述")
    with pytest.raises(actions.Refused, match="4条意见未归入"):
        actions.do_submit_report(dept, closed)
    standard = Comment.objects.filter(text__contains="1.5")
    opinion = actions.do_group(dept, closed, comments=standard, summary="提高车位配建标准")
    other = actions.do_group(
        dept, closed, comments=Comment.objects.filter(text__contains="充电桩"), summary="增加充电桩"
    )
    with pytest.raises(actions.Refused, match="2条归纳意见未研判"):
        actions.do_submit_report(dept, closed)
    with pytest.raises(actions.Refused, match="须说明理由"):
        actions.do_decide(dept, opinion, decision=Opinion.Decision.NOT_ADOPTED, reply="")
    actions.do_decide(
        dept, opinion, decision=Opinion.Decision.NOT_ADOPTED, reply="用地条件不允许，维持1.2个"
    )
    actions.do_decide(dept, other, decision=Opinion.Decision.ADOPTED, reply="")
    actions.do_submit_report(dept, closed)
    assert closed.state == S.REPORT_SUBMITTED


def test_the_generated_report_states_numbers_adoption_and_reasons(closed, personas, client):
    dept = personas.dept_a
    actions.do_moderate(dept, Comment.objects.get(text="骂人的话"), show=False, reason="人身攻击")
    opinion = actions.do_group(
        dept,
        closed,
        comments=Comment.objects.filter(text__contains="1.5"),
        summary="提高车位配建标准",
    )
    actions.do_decide(dept, opinion, decision="not_adopted", reply="用地条件不允许，维持1.2个")
    partly = actions.do_group(
        dept, closed, comments=Comment.objects.filter(text__contains="充电桩"), summary="增加充电桩"
    )
    actions.do_decide(dept, partly, decision="partly", reply="在实施细则中明确")
    actions.do_save_report(dept, closed, overview="本次征求意见共30日。")
    actions.do_submit_report(dept, closed)
    assert client.get(reverse("consultations:report", args=[closed.pk])).status_code == 404
    with pytest.raises(actions.Refused):
        actions.do_approve_report(dept, closed)
    actions.do_approve_report(personas.office, closed)
    page = client.get(reverse("consultations:report", args=[closed.pk])).content.decode()
    assert "2025年9月1日至2025年9月30日" in page and "共30日" in page
    assert "共收到意见5条" in page
    assert "提高车位配建标准" in page and "相对集中" in page
    assert "用地条件不允许，维持1.2个" in page
    assert "未采纳1条" in page and "部分采纳1条" in page


def test_the_office_can_send_the_report_back_with_a_reason(closed, personas):
    dept = personas.dept_a
    for comment in Comment.objects.all():
        actions.do_moderate(dept, comment, show=False, reason="测试")
    actions.do_save_report(dept, closed, overview="概述")
    actions.do_submit_report(dept, closed)
    actions.do_return_report(personas.office, closed, reason="请补充听证情况")
    closed.refresh_from_db()
    assert closed.state == S.CLOSED and closed.report.return_reason == "请补充听证情况"


def test_the_export_lists_every_comment_with_its_handling(closed, personas, login):
    dept = personas.dept_a
    opinion = actions.do_group(
        dept,
        closed,
        comments=Comment.objects.filter(text__contains="1.5"),
        summary="提高车位配建标准",
    )
    actions.do_decide(dept, opinion, decision="adopted", reply="采纳")
    response = login(personas.office).get(reverse("consultations:export", args=[closed.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "编号" and len(rows) == 6
    adopted = [r for r in rows[1:] if r[9] == "采纳"]
    assert len(adopted) == 3 and all(r[8] == "提高车位配建标准" for r in adopted)


def test_a_comment_that_looks_like_a_formula_is_exported_as_text(
    clock, personas, make_open, comment_on, login
):
    c = make_open()
    comment_on(c, '=HYPERLINK("http://evil.example","点我")')
    response = login(personas.dept_a).get(reverse("consultations:export", args=[c.pk]))
    cell = openpyxl.load_workbook(io.BytesIO(response.content)).active["F2"]
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")
