"""At phone width: a citizen reads the published rota; the staff of the department whose head
was on duty record a call that becomes a suggestion, and the caller can track it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from minping.hotline import actions
from minping.suggestions.models import CalendarYear, Suggestion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_rota(campaign, personas):
    """A rota published ahead of its start, running from two weeks ago to two weeks ahead,
    with one leader and the head of dept_a (so dept_a's head is on every duty)."""
    today = timezone.localdate()
    for year in {today.year - 1, today.year, today.year + 1}:
        # A year the installed calendar does not know yet counts Monday to Friday only.
        CalendarYear.objects.get_or_create(year=year)
    office = personas.office
    actions.do_save_person(office, None, actions.PersonData("leader", "林振华", "副市长", None))
    actions.do_save_person(
        office, None, actions.PersonData("head", "何志远", "主任", personas.dept_a.department)
    )
    start, end = today - dt.timedelta(days=14), today + dt.timedelta(days=14)
    rota = actions.do_create_rota(
        office, campaign, actions.RotaData("市长热线值班表", start, end, "09:00-11:00")
    )
    before = timezone.make_aware(dt.datetime.combine(start - dt.timedelta(days=1), dt.time(9)))
    return actions.do_publish(office, rota, now=before)


def test_a_citizen_sees_the_rota_and_duty_staff_turn_a_call_into_a_suggestion(
    page, live_rota, browser_login
):
    today = timezone.localdate()
    last_duty = live_rota.duties.filter(date__lt=today).order_by("-date").first()
    next_duty = live_rota.duties.filter(date__gt=today).order_by("date").first()

    # A citizen on the phone, not logged in.
    page.goto("/hotline/")
    assert page.get_by_role("heading", name="市长热线值班安排").is_visible()
    assert page.get_by_text(next_duty.date.isoformat()).first.is_visible()
    assert page.get_by_text("何志远").first.is_visible()
    assert page.get_by_text("市发展和改革委员会主任").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # The commission's staff open their head's last duty and record a call.
    browser_login("dept_a")
    page.goto("/hotline/mine/")
    page.get_by_role("link", name=str(last_duty)).click()
    page.get_by_role("link", name="登记来电").click()
    page.get_by_label("来电人姓名（可选）").fill("热线市民")
    page.get_by_label("来电号码（可选，加密保存）").fill("19900005555")
    page.get_by_label("问题类别").select_option(label="城市精细化治理")
    page.get_by_label("事项").fill("小区路灯不亮")
    page.get_by_label("来电内容").fill("康巴什区某小区门口路灯坏了一周，晚上出行很不安全。")
    page.get_by_label("现场答复").fill("已记录，转城市管理部门尽快维修。")
    page.get_by_label("需要后续办理（转为意见建议，交有关部门办理）").check()
    page.get_by_role("button", name="保存来电记录").click()
    assert page.get_by_text("已转为意见建议").first.is_visible()

    suggestion = Suggestion.objects.get()
    assert suggestion.channel == "phone" and suggestion.title == "小区路灯不亮"
    assert page.get_by_text(suggestion.number).first.is_visible()
    assert "19900005555" not in page.content()

    # The caller, told the number on the phone, tracks it.
    page.goto(suggestion.get_absolute_url())
    assert page.get_by_text("小区路灯不亮").first.is_visible()
