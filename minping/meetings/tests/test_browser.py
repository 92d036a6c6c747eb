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


def test_the_timer_display_counts_down_warns_and_turns_red_at_zero(
    page: Any, browser_login: Any, day: Any, personas: Any
) -> None:
    agenda = actions.ensure_agenda(day.session)
    agenda.slot_seconds, agenda.warning_seconds = 4, 3  # a short slot instead of 10 minutes
    agenda.save()
    actions.do_set_press_lane(personas.office, agenda.slots.order_by("order").first(), True)

    browser_login("supervisor")
    page.goto(f"/meetings/session/{day.session.pk}/display/")
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
