from __future__ import annotations

import pytest
from playwright.sync_api import expect

from minping.campaigns.actions import do_create_district

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_creates_a_session_and_a_venue_and_sees_them_on_the_public_page(
    page, personas, browser_login
):
    do_create_district(None, name="空港新区", code="150699", order=10)
    browser_login("office")

    page.goto("/campaign/setup/")
    page.get_by_role("link", name="场次").first.click()
    page.get_by_role("link", name="新增场次").click()
    page.get_by_label("场次").fill("4")
    page.get_by_label("日期").fill("2026-01-11")
    page.get_by_label("时段").select_option(label="下午")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存")).to_be_visible()

    page.goto("/campaign/setup/2025/venues/")
    page.get_by_role("link", name="新增会场").click()
    # The district field only appears for a branch venue.
    page.get_by_label("类型").select_option(label="主会场")
    expect(page.get_by_label("旗区")).to_be_hidden()
    page.get_by_label("类型").select_option(label="分会场")
    expect(page.get_by_label("旗区")).to_be_visible()
    page.get_by_label("会场名称").fill("空港新区分会场")
    page.get_by_label("旗区").select_option(label="空港新区")
    page.get_by_label("容量（座位数）").fill("200")
    page.get_by_label("地址").fill("空港大道1号")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存")).to_be_visible()

    page.goto("/")
    expect(page.get_by_text("第4场（2026-01-11 下午）")).to_be_visible()
    expect(page.get_by_text("空港新区分会场")).to_be_visible()
    expect(page.get_by_text("空港大道1号")).to_be_visible()
