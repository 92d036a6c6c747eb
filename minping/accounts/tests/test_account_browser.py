from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_opens_an_account_and_the_person_must_set_a_password_first(
    page, personas, browser_login
):
    browser_login("office")
    page.goto("/accounts/users/new/")
    page.get_by_label("用户名", exact=True).fill("dsq_new")
    page.get_by_label("姓名").fill("新联络员")
    page.get_by_label("角色").select_option(label="旗区工作人员")
    page.get_by_role("button", name="保存").click()
    # The district is missing: the form says so in Chinese and keeps what was typed.
    expect(page.get_by_text("旗区工作人员必须选择所属旗区")).to_be_visible()
    assert page.get_by_label("用户名", exact=True).input_value() == "dsq_new"
    page.get_by_label("所属旗区").select_option(label="东胜区")
    page.get_by_role("button", name="保存").click()
    password = page.locator(".one-time-password code").inner_text()
    assert len(password) == 14

    page.locator("details.menu summary").click()
    page.get_by_role("button", name="退出（办公室管理员）").click()
    page.goto("/accounts/login/")
    page.get_by_label("用户名或手机号").fill("dsq_new")
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/accounts/password/")
    expect(page.get_by_text("您正在使用办公室发放的初始密码")).to_be_visible()
    page.get_by_label("旧密码").fill(password)
    page.get_by_label("新密码", exact=True).fill("Dongsheng-new-2026")
    page.get_by_label("新密码确认").fill("Dongsheng-new-2026")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/accounts/")
    expect(page.get_by_text("密码已修改")).to_be_visible()
    expect(page.locator("main").get_by_text("旗区工作人员 · 东胜区")).to_be_visible()
