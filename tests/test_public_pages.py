"""Role x view matrix for the project's own views: all public."""

from __future__ import annotations

from django.urls import reverse

EVERYONE = {
    "office", "reviewer", "dept_a", "dept_b", "statistics", "district", "tallier",
    "supervisor", "representative", "citizen", "outsider",
}  # fmt: skip


def test_home_page_is_public(access_matrix):
    access_matrix("/", allowed=EVERYONE, anonymous_allowed=True)


def test_campaign_page_is_public(access_matrix):
    access_matrix(
        reverse("campaigns:detail", args=[2025]), allowed=EVERYONE, anonymous_allowed=True
    )


def test_health_check_answers_ok(client, db):
    response = client.get(reverse("healthz"))
    assert response.json() == {"status": "ok"}


def test_home_page_without_a_campaign_says_so(client, db):
    assert "本年度活动尚未开始" in client.get("/").content.decode()


def test_unknown_year_is_404(client, campaign):
    assert client.get(reverse("campaigns:detail", args=[1999])).status_code == 404
