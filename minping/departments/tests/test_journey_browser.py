"""At phone width: a department goes from empty to published through every review step,
and the public page and the compiled handbook PDF show it."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from minping.departments.tests.conftest import report_text
from minping.departments.tests.files import png_bytes, signed_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MATERIAL_URL = re.compile(r"/departments/m/\d+/$")
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def as_user(page, browser_login, username: str):
    page.context.clear_cookies()
    return browser_login(username)


def move(page, css: str, fields: dict[str, str] | None = None) -> None:
    form = page.locator(f"form.move-{css}")
    for label, value in (fields or {}).items():
        form.get_by_label(label).fill(value)
    form.locator("button[type=submit]").click()


def state_is(page, text: str) -> None:
    expect(page.locator("[data-state]")).to_have_text(text)


def test_department_material_goes_from_empty_to_published_and_into_the_handbook(
    page, browser_login, scoped, publicist, campaign, settings, live_server
) -> None:
    settings.TASKS = IMMEDIATE
    pdf = signed_pdf()

    # The department fills its report and infographic.
    as_user(page, browser_login, "dept_a")
    page.goto("/departments/my/")
    page.locator("li", has_text="述职报告").get_by_role("link", name="填写").click()
    page.wait_for_load_state()
    page.get_by_label("述职报告正文").fill("一、2025年度职能目标完成情况\n完成了目标。")
    parts = page.locator("#parts-check li")
    expect(parts.nth(0)).to_have_class("ok")
    expect(parts.nth(4)).not_to_have_class("ok")
    page.get_by_label("述职报告正文").fill("尊敬的市民代表：\n" + report_text(380))
    expect(page.locator("#parts-check li.ok")).to_have_count(5)
    page.get_by_label("主要负责人签字页（PDF或照片）").set_input_files(
        files=[{"name": "签字页.pdf", "mimeType": "application/pdf", "buffer": pdf.read()}]
    )
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(MATERIAL_URL)
    expect(page.locator(".messages")).to_contain_text("已保存为第1版")
    expect(page.locator(".messages")).to_contain_text("寒暄")
    report_url = page.url
    page.get_by_role("button", name="提交审核").click()
    state_is(page, "已提交，待政务科室审核")

    page.goto("/departments/my/infographic/")
    page.get_by_label("图说政府工作（图片，不超过5MB）").set_input_files(
        files=[{"name": "一张图.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_label("导语").fill("一张图看懂发改委的一年。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(MATERIAL_URL)
    infographic_url = page.url
    page.get_by_role("button", name="提交审核").click()

    # The desk reviewer reviews and records the 分管领导 signature.
    as_user(page, browser_login, "reviewer")
    for url, signed_page in [(report_url, True), (infographic_url, False)]:
        page.goto(url)
        move(page, "reviewed", {"审核意见（可选）": "内容属实。"})
        state_is(page, "政务科室已审核，待分管领导签字")
        form = page.locator("form.move-signed")
        form.get_by_label("签字的分管领导").fill("分管副市长")
        if signed_page:
            form.get_by_label("分管领导签字页（PDF或照片）").set_input_files(
                files=[
                    {"name": "签字.pdf", "mimeType": "application/pdf", "buffer": pdf.open().read()}
                ]
            )
        form.locator("button[type=submit]").click()
        state_is(page, "分管领导已签字，待公开性审核")

    # The publicity review sends the report back once with a comment.
    as_user(page, browser_login, "publicist")
    page.goto(report_url)
    move(page, "returned", {"修改意见": "请删去开头的寒暄语。"})
    state_is(page, "退回修改")
    page.goto(infographic_url)
    move(page, "cleared")
    state_is(page, "公开性审核通过，待发布")

    as_user(page, browser_login, "dept_a")
    page.goto(report_url)
    assert "请删去开头的寒暄语。" in page.content()
    page.get_by_role("link", name="修改").click()
    expect(page.locator(".returned")).to_contain_text("请删去开头的寒暄语。")
    page.get_by_label("述职报告正文").fill(report_text(380))
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(MATERIAL_URL)
    page.get_by_role("link", name="与上一版比较").click()
    assert "尊敬的市民代表" in page.locator(".diff-del").first.inner_text()
    page.goto(report_url)
    page.get_by_role("button", name="提交审核").click()

    as_user(page, browser_login, "reviewer")
    page.goto(report_url)
    move(page, "reviewed")
    form = page.locator("form.move-signed")
    form.get_by_label("签字的分管领导").fill("分管副市长")
    form.get_by_label("分管领导签字页（PDF或照片）").set_input_files(
        files=[{"name": "签字.pdf", "mimeType": "application/pdf", "buffer": pdf.open().read()}]
    )
    form.locator("button[type=submit]").click()

    as_user(page, browser_login, "publicist")
    page.goto(report_url)
    move(page, "cleared")

    # The office publishes both items and builds the handbook.
    as_user(page, browser_login, "office")
    for url in (report_url, infographic_url):
        page.goto(url)
        move(page, "published")
        state_is(page, "已发布")
    page.goto("/departments/office/")
    expect(page.locator("tr", has_text="市发展和改革委员会").locator("a.tag.ok")).to_have_count(2)
    page.goto("/departments/office/handbook/")
    page.get_by_role("button", name="生成汇编PDF").click()
    expect(page.locator("#handbook-status")).to_have_text("已完成")
    href = page.get_by_role("link", name="下载PDF").get_attribute("href")
    response = page.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    pdf_bytes = response.body()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages)
    assert "市发展和改革委员会" in text and "五、存在问题和2026年主要工作打算" in text

    # Anyone, without logging in, reads it on the phone.
    page.context.clear_cookies()
    page.goto("/departments/")
    page.get_by_role("link", name="市发展和改革委员会").click()
    assert "一、2025年度职能目标完成情况" in page.locator("#report").inner_text()
    assert "一张图看懂发改委的一年。" in page.locator("#infographic").inner_text()
    image = page.locator("#infographic img")
    image.scroll_into_view_if_needed()
    # Wait for the picture itself: a lazy image may still be loading when the text is there.
    width = image.evaluate(
        "img => img.complete && img.naturalWidth ? img.naturalWidth"
        " : new Promise(done => img.addEventListener('load', () => done(img.naturalWidth)))"
    )
    assert width == 120
    assert "尊敬的" not in page.locator("#report").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
