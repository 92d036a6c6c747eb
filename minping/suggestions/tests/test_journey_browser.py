"""A suggestion from a citizen's phone through dispatch, objection, reassignment, extension,
reply, office review, rating and the public board, in Chromium at phone width."""

from __future__ import annotations

import re

import pytest

from minping.lib import sms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "关于图书馆周边增设停车位的建议"
TEXT = "康巴什区图书馆周边周末停车非常困难，车辆乱停影响通行，建议增设公共停车位。我的电话19900006666。"


def open_item(page, title=TITLE):
    page.goto("/suggestions/unit/")
    page.get_by_role("link", name=title).click()


def test_a_suggestion_goes_from_a_phone_to_the_public_board(page, personas, browser_login):
    # The citizen, without logging in.
    page.goto("/suggestions/new/")
    page.get_by_label("参考范围").select_option(label="城市精细化治理")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("意见建议内容").fill(TEXT)
    page.get_by_label("姓名（实名）").fill("手机市民")
    page.get_by_label("年龄").fill("41")
    page.get_by_label("手机号码").fill("19900006666")
    page.get_by_role("button", name="获取短信验证码").click()
    assert page.get_by_text("验证码已发送到您的手机").is_visible()
    code = re.search(r"验证码是(\d{6})", sms.LocmemBackend.outbox[-1].text).group(1)
    page.get_by_label("短信验证码").fill(code)
    page.get_by_role("button", name="提交", exact=True).click()
    assert page.get_by_text("提交成功").is_visible()
    number = page.locator(".number").first.inner_text()
    track_url = page.url

    # The office confirms the area and dispatches to the development commission.
    browser_login("office")
    page.goto("/suggestions/office/")
    page.get_by_role("link", name=TITLE).click()
    assert page.get_by_text("智能分办建议").is_visible()
    page.get_by_label("主办单位").select_option(label="市发展和改革委员会")
    page.get_by_role("button", name="确认交办").click()
    assert page.get_by_text("已交办。").is_visible()

    # The commission objects within one working day, proposing the police.
    browser_login("dept_a")
    open_item(page)
    assert "19900006666" not in page.content()
    page.get_by_label("异议理由").fill("停车设施规划和交通秩序不属于本单位职责。")
    page.get_by_label("建议改派单位（可选）").select_option(label="市公安局")
    page.get_by_role("button", name="提出异议").click()
    assert page.get_by_text("异议已提交").is_visible()

    # The office agrees and the item is reassigned to the police.
    browser_login("office")
    page.goto("/suggestions/office/")
    page.locator("section", has_text="异议待定").get_by_role("link", name=TITLE).click()
    page.get_by_label("同意改派").check()
    page.get_by_role("button", name="确定").click()

    # The police sign for it and ask for 3 more working days.
    browser_login("dept_b")
    open_item(page)
    page.get_by_role("button", name="签收").click()
    page.get_by_label("延期工作日数（1至5）").fill("3")
    page.get_by_label("延期理由及阶段性工作进展").fill(
        "已会同城管部门现场勘察，正在确定停车位选址。"
    )
    page.get_by_role("button", name="申请延期").click()
    assert page.get_by_text("延期申请已提交").is_visible()

    browser_login("office")
    page.goto("/suggestions/office/")
    page.locator("section", has_text="延期待批").get_by_role("link", name=TITLE).click()
    page.get_by_label("同意延期", exact=True).check()
    page.get_by_role("button", name="确定").click()

    # The police reply.
    browser_login("dept_b")
    open_item(page)
    page.get_by_label("答复内容").fill(
        "已在图书馆东侧规划临时停车位80个，本月底投入使用，并加强周末疏导。"
    )
    page.get_by_label("意见建议主题").fill("停车难")
    page.get_by_role("button", name="提交答复").click()
    assert page.get_by_text("已答复，等待联席会议办公室审核").is_visible()

    # The office approves and publishes it, with the phone in the text masked.
    browser_login("office")
    page.goto("/suggestions/office/")
    page.locator("section", has_text="答复待审核").get_by_role("link", name=TITLE).click()
    public = page.get_by_label("公开内容（已去除个人信息，可修改）")
    assert "19900006666" not in public.input_value()
    assert page.get_by_label("在意见建议公开栏发布").is_checked()
    page.get_by_role("button", name="确定").click()
    assert page.get_by_text("已审核通过").is_visible()

    # The citizen reads the answer and rates it.
    page.context.clear_cookies()
    page.goto(track_url)
    assert page.get_by_text(number).first.is_visible()
    assert page.get_by_text("临时停车位80个").is_visible()
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    assert page.get_by_text("感谢您的评价").is_visible()
    assert page.locator("main").get_by_text("满意", exact=True).first.is_visible()

    # The public board shows the item and the reply, never the phone or the name.
    page.goto("/suggestions/board/")
    assert page.get_by_role("heading", name=TITLE).is_visible()
    assert page.get_by_text("临时停车位80个").is_visible()
    content = page.content()
    assert "19900006666" not in content and "手机市民" not in content
