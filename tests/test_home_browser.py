from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_home_shows_sessions_and_venues_on_a_phone(page, personas):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("2025年")
    expect(page.get_by_text("第1场（2026-01-10 上午）")).to_be_visible()
    expect(page.get_by_text("东胜区分会场")).to_be_visible()


def test_office_admin_logs_in_and_sees_the_dashboard(page, personas, browser_login):
    browser_login("office")
    expect(page.get_by_role("heading", name="我的工作台")).to_be_visible()
    expect(page.locator("main").get_by_text("办公室管理员")).to_be_visible()


def test_a_visitor_switches_the_phone_page_to_english_and_back(page, campaign):
    page.goto("/")
    page.locator("details.menu summary").click()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Reporting sessions")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("details.menu summary").click()
    page.get_by_role("button", name="简体中文").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="述职报告会场次")).to_be_visible()
