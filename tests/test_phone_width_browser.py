"""Pages with charts fit a phone: the charts' hidden data tables must not widen the page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_published_scores_with_charts_fit_a_phone_without_scrolling_sideways(
    page: Any, personas: Any, monkeypatch: Any
) -> None:
    from minping.ballots import demo as ballots_demo
    from minping.campaigns.models import Campaign
    from minping.demo import DemoContext

    monkeypatch.setattr(ballots_demo, "BRANCH_BALLOTS", 2)
    ctx = DemoContext(campaign=Campaign.objects.get())
    ctx.users = {"office": personas.office}
    ballots_demo.load(ctx)  # session 1 voted, sealed and published
    session = ctx.campaign.sessions.get(number=1)

    page.goto(f"/ballots/session/{session.pk}/results/")
    expect(page.locator("figure.chart svg").first).to_be_visible()
    # The hidden tables hold the departments' full names: wider than a phone if unclipped.
    assert page.locator("table.visually-hidden").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_english_home_page_fits_a_phone_without_scrolling_sideways(
    page: Any, campaign: Any
) -> None:
    page.goto("/")
    page.locator("summary").click()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("link", name="Department reports")).to_be_visible()
    # Long English words in the two-column tiles must wrap inside their column.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
