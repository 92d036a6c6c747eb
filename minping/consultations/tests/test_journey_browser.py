"""A citizen comments on one article from a phone; the department moderates it and sees it
on its weighing page; the comment then shows under that article, without personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_comments_on_an_article_and_the_department_sees_it(
    page, personas, make_open, browser_login
):
    today = timezone.localdate()
    c = make_open(opens_on=today, closes_on=today + dt.timedelta(days=29))

    page.goto("/consultations/")
    page.get_by_role("link", name="中心城区停车管理办法").click()
    assert page.get_by_text("还剩").is_visible()
    page.locator("#s2").get_by_role("link", name="对本条提意见").click()
    assert page.get_by_label("针对的条文").input_value() == str(c.sections.get(number=2).pk)
    page.get_by_label("您的意见和建议").fill(
        "第二条的1.2个车位太少，建议提高到1.5个。我的电话19900007777。"
    )
    page.get_by_label("手机号（选填，便于反馈）").fill("19900007777")
    page.get_by_label("我已阅读个人信息说明").check()
    page.get_by_role("button", name="提交意见").click()
    assert page.get_by_text("经承办单位审核后公开").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    browser_login("dept_a")
    page.goto(f"/consultations/manage/{c.pk}/comments/")
    card = page.locator("article.card", has_text="建议提高到1.5个")
    assert card.get_by_text("199****7777").first.is_visible()
    card.get_by_label("公开", exact=True).check()
    card.get_by_role("button", name="保存审核结果").click()
    assert page.get_by_text("已审核").is_visible()

    page.goto(f"/consultations/manage/{c.pk}/weigh/")
    page.get_by_text("建议提高到1.5个").click()  # ticks the comment's box
    page.get_by_label("新归纳意见的概要").fill("提高新建小区车位配建标准")
    page.get_by_role("button", name="归入所选意见").click()
    assert page.get_by_role("heading", name="提高新建小区车位配建标准").is_visible()

    page.context.clear_cookies()
    page.goto(f"/consultations/{c.pk}/#s2")
    page.locator("#s2").get_by_text("查看公开的1条意见").click()
    shown = page.locator("#s2 .comment")
    assert "建议提高到1.5个" in shown.inner_text()
    assert "19900007777" not in page.content() and "199****7777" not in page.content()
