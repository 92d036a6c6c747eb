"""At phone width: checking in at the door, and the timer display counting down to red."""

from __future__ import annotations

from typing import Any

import pytest

from minping.meetings import actions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_district_officer_checks_in_a_representative_by_typing_the_code(
    page: Any, browser_login: Any, day: Any, credentials: Any, personas: Any
) -> None:
    actions.do_save_layout(personas.office, day.branch, rows=3, seats_per_row=4, leader_rows="1")
    actions.do_auto_assign_seats(personas.office, day.session, day.branch)
    rep = day.seated[2]
    rep.refresh_from_db()
    code = credentials[rep.name].pretty_code()

    browser_login("district")
    page.goto("/meetings/")
    page.get_by_role("link", name=str(day.session)).click()
    page.get_by_role("row", name="东胜区分会场").get_by_role(
        "link", name="签到", exact=True
    ).click()
    page.get_by_label("证件码").fill(code.lower())
    page.get_by_role("button", name="签到", exact=True).click()
    answer = page.locator("[data-answer]")
    answer.get_by_text("已签到", exact=True).wait_for()
    assert "赵*鸣" in answer.inner_text()
    assert rep.seat.label() in answer.inner_text()
    assert page.locator("[data-present]").inner_text() == "1"
    assert page.get_by_label("证件码").input_value() == ""

    # A double scan: the same answer, no second row.
    page.get_by_label("证件码").fill(code)
    page.get_by_label("证件码").press("Enter")
    answer.get_by_text("已签到过").wait_for()
    page.get_by_label("证件码").fill(credentials[day.main_seated[0].name].code)
    page.get_by_label("证件码").press("Enter")
    answer.get_by_text("不是本会场").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_screen_link_counts_down_warns_turns_red_at_zero_and_dies_when_rotated(
    page: Any, day: Any, personas: Any
) -> None:
    agenda = actions.ensure_agenda(day.session)
    agenda.slot_seconds, agenda.warning_seconds = 4, 3  # a short slot instead of 10 minutes
    agenda.save()
    actions.do_set_press_lane(personas.office, agenda.slots.order_by("order").first(), True)

    # The branch venue's projector PC: the screen link, no login.
    page.goto(f"/meetings/screen/{actions.screen_key(agenda)}/")
    first_department = agenda.slots.order_by("order").first().department.name
    page.wait_for_function("document.querySelector('[data-clock]').textContent === '00:04'")
    assert page.locator("[data-timer]").get_attribute("data-phase") == "idle"
    assert first_department in page.locator("[data-department]").inner_text()

    actions.do_timer(personas.office, agenda, "start")
    page.wait_for_function(
        "['running','warning'].includes(document.querySelector('[data-timer]').dataset.phase)"
    )
    page.wait_for_function("document.querySelector('[data-timer]').dataset.phase === 'warning'")
    assert page.get_by_text("剩余3秒").is_visible()
    page.wait_for_function("document.querySelector('[data-timer]').dataset.phase === 'over'")
    assert page.get_by_text("时间到，请结束述职").is_visible()
    page.wait_for_function("document.querySelector('[data-clock]').textContent.startsWith('+')")
    page.wait_for_function(  # red, once the colour transition has run
        "getComputedStyle(document.querySelector('[data-timer]')).backgroundColor"
        " === 'rgb(185, 28, 28)'"
    )

    # A reload (or a screen that lost the network) resumes from the server's clock.
    page.reload()
    page.wait_for_function("document.querySelector('[data-clock]').textContent.startsWith('+')")
    assert page.locator("[data-timer]").get_attribute("data-phase") == "over"

    # The operator calls up the next department: the display follows, 局长通道 shows the first.
    actions.do_timer(personas.office, agenda, "next")
    page.wait_for_function("document.querySelector('[data-timer]').dataset.phase === 'idle'")
    assert page.locator("[data-lane]").inner_text() == first_department

    # The office rotates the link: the open screen says so at its next poll.
    actions.do_rotate_screen_key(personas.office, agenda)
    page.get_by_text("此大屏链接已失效").wait_for()


def test_the_operator_starts_and_pauses_from_the_phone_without_a_page_load(
    page: Any, browser_login: Any, day: Any, personas: Any
) -> None:
    agenda = actions.ensure_agenda(day.session)
    browser_login("office")
    page.goto(f"/meetings/session/{day.session.pk}/control/")
    page.evaluate("window.stillTheSamePage = true")
    timer = page.locator("[data-timer]")

    page.get_by_role("button", name="开始计时").dblclick()  # a nervous double tap
    page.get_by_role("button", name="暂停").wait_for()
    assert timer.get_attribute("data-phase") in ("running", "warning")
    assert page.evaluate("window.stillTheSamePage") is True
    slot = agenda.slots.order_by("order").first()
    assert slot.log.filter(to_state="running").count() == 1

    page.get_by_role("button", name="暂停").click()  # waits until the pad has settled
    page.get_by_role("button", name="继续计时").wait_for()
    assert timer.get_attribute("data-phase").startswith("paused")
    assert page.get_by_text("已暂停").is_visible()
    assert page.evaluate("window.stillTheSamePage") is True
    slot.refresh_from_db()
    assert slot.state == "paused"

    # A refusal from the server (another operator finished the speech meanwhile) shows inline.
    actions.do_timer(personas.office, agenda, "finish")
    page.get_by_role("button", name="继续计时").click()
    page.locator("[data-control-error]").get_by_text("计时没有暂停").wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
