"""The review form and the handling report against hand-counted data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from minping.suggestions import actions, reports
from minping.suggestions.models import Assignment, ExcellentSuggestion

from .conftest import SHANGHAI

pytestmark = pytest.mark.django_db


def reply(personas, a, theme, **kw):
    actions.do_reply(
        personas.dept_a,
        a,
        actions.ReplyData(text=f"关于{theme}的答复：已研究并落实相关措施。", theme=theme, **kw),
    )


@pytest.fixture
def unit_data(clock, personas, make_suggestion, dispatch):
    """dept_a receives 11 items; one is moved to dept_b. Counted by hand in the tests below."""
    for i in range(3):
        reply(personas, dispatch(make_suggestion(title=f"供暖{i}")), "集中供暖")
    reply(personas, dispatch(make_suggestion(title="停车一")), "停车")
    reply(
        personas,
        dispatch(make_suggestion(title="停车二")),
        "停车",
        publishable=False,
        not_public_reason="涉及具体小区住户信息",
    )
    reply(personas, dispatch(make_suggestion(title="养老")), "养老服务", plan="gov_report")
    reply(personas, dispatch(make_suggestion(title="信访件")), "", validity="petition")
    reply(personas, dispatch(make_suggestion(title="涉诉件")), "", validity="legal")
    open_item = dispatch(make_suggestion(title="未答复"))
    dispatch(make_suggestion(title="转阅件"), kind="reference")
    moved = dispatch(make_suggestion(title="改派件"))
    objection = actions.do_object(personas.dept_a, moved, reason="不属于本单位")
    actions.do_decide_objection(
        personas.office, objection, accept=True, new_department=personas.dept_b.department
    )
    return open_item


def test_review_form_counts_match_the_hand_count(unit_data, campaign, personas):
    form = reports.review_form(campaign, personas.dept_a.department)
    assert (form.total, form.valid, form.valid_public, form.valid_not_public) == (10, 6, 5, 1)
    assert (form.invalid, form.legal, form.petition, form.discipline, form.other) == (
        2, 1, 1, 0, 0,
    )  # fmt: skip
    assert form.unreviewed == 2
    assert form.sentence() == (
        "本次活动市人民政府工作部门述职会场，我单位共计接收市民意见建议10条。其中，有效建议6条"
        "（公开发布的5条，不予公开发布的1条）；无效建议2条（涉法类问题1条，信访类问题1条，"
        "纪检投诉类问题0条，其他问题0条）。"
    )
    assert [a.not_public_reason for a in form.not_public_rows] == ["涉及具体小区住户信息"]


def test_handling_report_uses_the_seeds_template_sentences(unit_data, campaign, personas, clock):
    clock.move_to(dt.datetime(2025, 10, 20, 9, tzinfo=SHANGHAI))
    report = reports.handling_report(campaign, personas.dept_a.department)
    assert [(s.theme, len(s.items)) for s in report.common] == [("集中供暖", 3), ("停车", 2)]
    assert [a.theme for a in report.others] == ["养老服务"]
    assert [a.theme for a in report.gov_report] == ["养老服务"]
    assert report.references == 1
    assert report.opening() == (
        "本次会场征集，我单位共收到市民意见建议10条，有效建议6条，市民反映比较集中的建议主要集中在"
        "以下2个方面：一是集中供暖（共3条）；二是停车（共2条）。除此之外，市民还提出其他建议1条。"
        "截至2025年10月20日，已办复8条，其中按期办复8条、逾期办复0条，尚有1条正在办理。情况如下："
    )


def test_all_replied_on_time_reads_as_the_seeds_sentence(
    clock, campaign, personas, make_suggestion, dispatch
):
    reply(personas, dispatch(make_suggestion()), "充电桩")
    reply(personas, dispatch(make_suggestion()), "充电桩")
    clock.move_to(dt.datetime(2025, 10, 20, 9, tzinfo=SHANGHAI))
    text = reports.handling_report(campaign, personas.dept_a.department).opening()
    assert text.endswith("截至2025年10月20日，已全部按期办复。情况如下：")
    assert "以下1个方面：一是充电桩（共2条）。" in text


def test_a_late_reply_is_counted_as_late_never_silently_on_time(
    clock, campaign, personas, make_suggestion, dispatch
):
    a = dispatch(make_suggestion())
    clock.move_to(dt.datetime(2025, 10, 15, 9, tzinfo=SHANGHAI))
    reply(personas, a, "充电桩")
    report = reports.handling_report(campaign, personas.dept_a.department)
    assert (report.on_time, report.late) == (0, 1)
    assert "逾期办复1条" in report.opening()
    data = reports.stats(campaign)
    assert data.on_time_rate == 0.0


def test_excellent_suggestions_need_five_to_ten(
    clock, campaign, personas, make_suggestion, dispatch
):
    done = []
    for i in range(6):
        a = dispatch(make_suggestion(title=f"优秀建议{i}"))
        reply(personas, a, "主题")
        actions.do_approve_reply(personas.office, a)
        done.append(a)
    with pytest.raises(actions.Refused, match="5至10条"):
        actions.do_recommend_excellent(
            personas.dept_a, campaign, personas.dept_a.department, [(a, "t") for a in done[:4]]
        )
    rows = actions.do_recommend_excellent(
        personas.dept_a, campaign, personas.dept_a.department, [(a, "t") for a in done[:5]]
    )
    assert len(rows) == 5


def test_the_office_exports_excellent_suggestions_with_logged_contact_details(
    client, clock, campaign, personas, make_suggestion, dispatch
):
    import io

    import openpyxl

    from minping.accounts.models import PiiAccess

    a = dispatch(make_suggestion(title="优秀建议", phone="19900001234", name="优秀建议人"))
    reply(personas, a, "主题")
    actions.do_approve_reply(personas.office, a)
    actions.do_recommend_excellent(
        personas.dept_a, campaign, personas.dept_a.department, [(a, "优秀建议")]
    )
    item = ExcellentSuggestion.objects.get()
    details = reverse("suggestions:excellent_details", args=[item.department_id, item.pk])
    form = {
        f"e{item.pk}-title": "关于优秀建议",
        f"e{item.pk}-position": "教师",
        f"e{item.pk}-party": "群众",
    }
    client.force_login(personas.dept_b)
    assert client.post(details, form).status_code == 403
    client.force_login(personas.dept_a)
    client.post(details, form)
    url = reverse("suggestions:excellent_export")
    assert client.get(url).status_code == 403
    client.force_login(personas.office)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url).content)).active
    row = [c.value for c in sheet[2]]
    assert row[:5] == ["市发展和改革委员会", 1, "关于优秀建议", "优秀建议人", "19900001234"]
    assert row[6:8] == ["教师", "群众"]
    assert PiiAccess.objects.filter(actor=personas.office, field="phone").count() == 1


def test_the_unit_signs_its_review_form_and_the_office_reads_it(
    client, unit_data, campaign, personas
):
    url = reverse("suggestions:review_form", args=[personas.dept_a.department_id])
    client.force_login(personas.dept_a)
    client.post(url, {"opinion": "经审核，情况属实。"})
    client.force_login(personas.office)
    page = client.get(url).content.decode()
    assert "经审核，情况属实。" in page and "共计接收市民意见建议10条" in page
    response = client.post(url, {"opinion": "办公室改写"})
    assert response.status_code == 403


def test_stats_count_by_area_department_state_and_export_without_personal_data(
    client, unit_data, campaign, personas
):
    data = reports.stats(campaign)
    assert data.total == 11
    assert dict(data.by_department)["市发展和改革委员会"] == 9  # transfers only, none moved
    assert dict(data.by_department)["市公安局"] == 1
    client.force_login(personas.office)
    response = client.get(reverse("suggestions:export", args=["csv"]))
    body = response.content.decode("utf-8-sig")
    assert body.count("\n") == 1 + Assignment.objects.count()
    assert "19900001111" not in body and "测试建议人" not in body
    page = client.get(reverse("suggestions:stats")).content.decode()
    assert "<svg" in page and "按期答复率" in page


def test_the_office_overview_shows_which_units_confirmed_and_reported(
    client, unit_data, campaign, personas
):
    dept = personas.dept_a.department_id
    client.force_login(personas.dept_a)
    client.post(reverse("suggestions:review_form", args=[dept]), {"opinion": "情况属实。"})
    client.force_login(personas.office)
    page = client.get(reverse("suggestions:reports")).content.decode()
    row_a = page.split("市发展和改革委员会")[1].split("</tr>")[0]
    row_b = page.split("市公安局")[1].split("</tr>")[0]
    assert "已确认" in row_a and "未报送" in row_a
    assert "未确认" in row_b  # dept_b received the reassigned item


def test_a_units_public_on_time_rate_needs_five_judged_replies(unit_data, campaign):
    rows = {r["department__name"]: r for r in reports.stats(campaign).department_rows}
    assert rows["市发展和改革委员会"]["rate"] == 100.0  # 8 replies judged
    assert rows["市公安局"]["rate"] is None  # nothing judged yet
