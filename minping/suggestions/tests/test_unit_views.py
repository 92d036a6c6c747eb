from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from minping.suggestions import actions
from minping.suggestions.models import Handler, Meeting, TransitionLog, WeeklyCase

from .conftest import SHANGHAI

pytestmark = pytest.mark.django_db
REPLY = {
    "reply-text": "已实地查看，年内增设充电桩二十个，并加强巡查。",
    "reply-public": "on",
    "reply-validity": "valid",
    "reply-publishable": "on",
    "reply-theme": "充电桩",
}


@pytest.fixture
def item(clock, make_suggestion, dispatch):
    return dispatch(make_suggestion())


def test_a_reply_after_the_deadline_is_accepted_and_marked_late(client, clock, personas, item):
    clock.move_to(dt.datetime(2025, 10, 15, 9, tzinfo=SHANGHAI))
    client.force_login(personas.dept_a)
    response = client.post(reverse("suggestions:reply", args=[item.pk]), REPLY, follow=True)
    assert "将记为逾期答复" in response.content.decode()
    item.refresh_from_db()
    assert item.replied_late is True
    client.force_login(personas.office)
    page = client.get(reverse("suggestions:review_reply", args=[item.pk])).content.decode()
    assert "逾期答复" in page


def test_a_double_click_on_reply_answers_once(client, personas, item):
    client.force_login(personas.dept_a)
    url = reverse("suggestions:reply", args=[item.pk])
    client.post(url, REPLY)
    response = client.post(url, REPLY, follow=True)
    assert "不能进行此操作" in response.content.decode()
    assert TransitionLog.objects.filter(assignment=item, to_state="replied").count() == 1


def test_an_extension_asked_after_the_due_date_is_refused_with_a_message(
    client, clock, personas, item
):
    actions.do_accept(personas.dept_a, item)
    clock.move_to(dt.datetime(2025, 10, 14, 9, tzinfo=SHANGHAI))
    client.force_login(personas.dept_a)
    response = client.post(
        reverse("suggestions:extend", args=[item.pk]),
        {"extension-days": "2", "extension-progress": "正在协调相关单位，方案尚未确定。"},
        follow=True,
    )
    assert "之前申请" in response.content.decode()
    item.refresh_from_db()
    assert item.state == "in_progress"


def test_extension_form_errors_are_shown_in_chinese(client, personas, item):
    actions.do_accept(personas.dept_a, item)
    client.force_login(personas.dept_a)
    response = client.post(
        reverse("suggestions:extend", args=[item.pk]),
        {"extension-days": "9", "extension-progress": ""},
    )
    page = response.content.decode()
    assert "延期时长一般在5个工作日内" in page and "延期理由须说明阶段性工作进展" in page


def test_an_objection_needs_a_reason(client, personas, item):
    client.force_login(personas.dept_a)
    response = client.post(reverse("suggestions:object", args=[item.pk]), {"objection-reason": ""})
    assert "请说明不属于本单位职责的理由" in response.content.decode()
    item.refresh_from_db()
    assert item.state == "dispatched"


def test_units_register_handlers_and_the_office_sees_who_has_not(client, campaign, personas):
    url = reverse("suggestions:handlers")
    client.force_login(personas.dept_a)
    bad = client.post(
        url, {"idempotency_key": "k1", "name": "甲", "title": "科员", "mobile": "12345"}
    )
    assert "请输入11位手机号码" in bad.content.decode()
    good = {
        "idempotency_key": "k2",
        "name": "办理员乙",
        "title": "科长",
        "landline": "0477-8888888",
        "mobile": "19900009999",
    }
    client.post(url, good)
    client.post(url, good)  # a double click registers nobody twice
    handler = Handler.objects.get()
    assert handler.landline == "04778888888" and handler.mobile.unseal() == "19900009999"
    client.force_login(personas.office)
    page = client.get(url).content.decode()
    missing = page.split("尚未登记办理人员的单位")[1].split("</section>")[0]
    assert "市公安局" in missing and "市发展和改革委员会" not in missing
    remove = reverse("suggestions:remove_handler", args=[handler.pk])
    client.force_login(personas.dept_b)
    assert client.post(remove).status_code == 404
    client.force_login(personas.dept_a)
    client.post(remove)
    handler.refresh_from_db()
    assert not handler.is_active


def test_weekly_cases_and_meetings_are_recorded_by_the_unit(client, clock, campaign, personas):
    dept = personas.dept_a.department_id
    client.force_login(personas.dept_a)
    client.post(
        reverse("suggestions:weekly", args=[dept]),
        {"title": "充电桩增设", "progress": "本周完成三个小区的充电桩选址和安装。"},
    )
    case = WeeklyCase.objects.get()
    # Wednesday 2025-10-01 is National Day: the report is due the next working day.
    assert case.week_of == dt.date(2025, 10, 9)
    client.post(
        reverse("suggestions:meetings", args=[dept]),
        {
            "theme": "老旧小区充电难",
            "held_on": "2025-09-28",
            "place": "东胜区某社区",
            "participants": "12",
            "summary": "与居民代表面对面交流，集中答复充电桩建设进度。",
        },
    )
    assert Meeting.objects.get().participants == 12
    page = client.get(reverse("suggestions:handling_report", args=[dept])).content.decode()
    assert "开展恳谈1次" in page


def test_the_office_dashboard_counts_what_waits(client, personas, item, make_suggestion):
    make_suggestion(title="还没交办的")
    client.force_login(personas.office)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "待交办的意见建议" in page
    client.force_login(personas.dept_a)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "交办的意见建议（未办结）" in page


def test_a_double_click_on_the_sms_relay_sends_one_message(
    client, personas, item, outbox, django_capture_on_commit_callbacks
):
    client.force_login(personas.dept_a)
    url = reverse("suggestions:message", args=[item.pk])
    data = {"message-idempotency_key": "once", "message-text": "您好，明天上午上门查看。"}
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
        client.post(url, data)
    assert len([m for m in outbox if "上门查看" in m.text]) == 1
    assert item.contacts.count() == 1


def test_a_weekly_case_links_the_units_own_items_only(
    client, personas, item, make_suggestion, dispatch
):
    other = dispatch(make_suggestion(title="公安局的件"), unit=personas.dept_b.department)
    dept = personas.dept_a.department_id
    client.force_login(personas.dept_a)
    url = reverse("suggestions:weekly", args=[dept])
    data = {"title": "充电桩增设", "progress": "本周完成三个小区的充电桩选址和安装。"}
    response = client.post(url, {**data, "assignments": [other.pk]})
    assert "只能选择交办给本单位的意见建议" in response.content.decode()
    client.post(url, {**data, "assignments": [item.pk]})
    assert list(WeeklyCase.objects.get().assignments.all()) == [item]


def test_the_office_takes_an_item_off_the_public_board(client, personas, item):
    actions.do_reply(
        personas.dept_a, item, actions.ReplyData(text="已经答复并落实相关措施。", theme="t")
    )
    actions.do_approve_reply(personas.office, item, publish=True, public_text="公开的内容")
    client.force_login(personas.office)
    url = reverse("suggestions:unpublish", args=[item.suggestion_id])
    client.post(url, {"reason": "含有他人隐私"})
    client.logout()
    assert "公开的内容" not in client.get(reverse("suggestions:board")).content.decode()
