"""The slips page fits a phone's screen and still prints four slips a row on A4."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_slips_page_fits_a_phone_and_prints_four_a_row(
    browser_login: Any, personas: Any, evaluation: Any
) -> None:
    evaluation.tokens(evaluation.main, 6)
    page = browser_login(personas.office.username)
    page.goto(f"/ballots/box/{evaluation.main.pk}/slips/")
    assert page.locator(".slip").count() == 6
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.emulate_media(media="print")
    columns = page.evaluate(
        "getComputedStyle(document.querySelector('.slips')).gridTemplateColumns.split(' ').length"
    )
    assert columns == 4
