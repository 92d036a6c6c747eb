"""A citizen answers the questionnaire on a phone: types the code from the slip, misses a
required question, keeps what was typed, finishes, gets a receipt and checks it."""

from __future__ import annotations

from typing import Any

import pytest

from minping.surveys.models import Response, pretty_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_answers_with_a_code_and_checks_the_receipt(page: Any, open_survey: Any) -> None:
    code = open_survey.codes[0]
    page.goto("/surveys/a/")
    page.get_by_label("调查码").fill(pretty_code(code).lower())
    page.get_by_role("button", name="开始填写").click()
    page.get_by_role("heading", name="测试问卷").wait_for()

    # Everything but the overall satisfaction question, plus a suggestion.
    page.get_by_role("group", name="您常住的旗区").get_by_label("东胜区").check()
    for fieldset in page.locator("fieldset.q").all():
        legend = fieldset.locator("legend").inner_text()
        if "是否满意" in legend and "总体上" not in legend:
            fieldset.get_by_label("基本满意").check()
    page.get_by_label("您对市政府工作还有哪些意见和建议？").fill("希望多建口袋公园")
    page.get_by_role("button", name="提交问卷").click()

    page.get_by_text("还有必答题没有回答").wait_for()
    overall = page.locator(".q.has-error")
    assert overall.count() == 1 and "总体上" in overall.inner_text()
    assert (
        page.get_by_label("您对市政府工作还有哪些意见和建议？").input_value() == "希望多建口袋公园"
    )
    assert page.get_by_role("group", name="您常住的旗区").get_by_label("东胜区").is_checked()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the questionnaire must fit a phone without sideways scrolling"

    overall.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交问卷").click()
    page.get_by_role("heading", name="提交成功，感谢您的参与！").wait_for()
    receipt = page.locator("[data-receipt]").get_attribute("data-receipt")
    assert receipt and len(receipt) == 10

    page.get_by_role("link", name="回执查询").click()
    page.get_by_text(f"回执码 {receipt} 对应的答卷已计入").wait_for()
    row = Response.objects.get()
    assert row.answers["overall"] == "satisfied" and row.answers["suggestion"] == "希望多建口袋公园"
