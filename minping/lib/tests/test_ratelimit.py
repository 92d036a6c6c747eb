"""Fixed-window failure counters per client, and the 429 page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from minping.lib import ratelimit

LIMIT = ratelimit.Limit("test.scope", attempts=3, window=600)


def test_a_client_is_blocked_after_the_allowed_failures_within_one_window() -> None:
    for n in range(1, 4):
        assert not ratelimit.is_blocked(LIMIT, "10.0.0.1", now=1_000.0)
        assert ratelimit.record_failure(LIMIT, "10.0.0.1", now=1_000.0 + n) == n
    assert ratelimit.is_blocked(LIMIT, "10.0.0.1", now=1_100.0)
    assert not ratelimit.is_blocked(LIMIT, "10.0.0.2", now=1_100.0)


def test_the_next_window_starts_from_zero() -> None:
    for _ in range(3):
        ratelimit.record_failure(LIMIT, "10.0.0.1", now=1_000.0)
    assert ratelimit.is_blocked(LIMIT, "10.0.0.1", now=1_199.0)
    assert not ratelimit.is_blocked(LIMIT, "10.0.0.1", now=1_200.0)  # 1200 = 2 × 600


def test_scopes_count_separately() -> None:
    other = ratelimit.Limit("test.other", attempts=3)
    for _ in range(3):
        ratelimit.record_failure(LIMIT, "10.0.0.1", now=0.0)
    assert not ratelimit.is_blocked(other, "10.0.0.1", now=0.0)


def test_the_client_address_is_remote_addr_unless_a_proxy_header_is_trusted(
    settings: Any,
) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert ratelimit.client_ip(request) == "127.0.0.1"
    settings.MINPING_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    # The last entry is the one the trusted proxy appended; the first may be forged.
    assert ratelimit.client_ip(request) == "203.0.113.9"
    settings.MINPING_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert ratelimit.client_ip(request) == "127.0.0.1"  # header missing: the socket address


@pytest.mark.django_db
def test_a_guarded_lookup_counts_404s_then_answers_429_in_chinese() -> None:
    found = {"key": False}

    @ratelimit.guard_lookup(LIMIT)
    def view(request: Any) -> HttpResponse:
        if not found["key"]:
            raise Http404
        return HttpResponse("ok")

    for _ in range(3):
        with pytest.raises(Http404):
            view(_anonymous_get())
    found["key"] = True
    response = view(_anonymous_get())
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "尝试次数过多，请稍后再试" in response.content.decode()
    other_client = view(_anonymous_get(REMOTE_ADDR="192.0.2.7"))
    assert other_client.status_code == 200


def _anonymous_get(**meta: Any) -> Any:
    request = RequestFactory().get("/", **meta)
    request.user = AnonymousUser()  # base.html reads it, as after the auth middleware
    return request


@pytest.mark.django_db
def test_the_429_page_reads_in_english_for_an_english_visitor() -> None:
    from django.utils import translation

    with translation.override("en"):
        page = ratelimit.too_many(_anonymous_get(), LIMIT).content.decode()
    assert "Too many attempts, please try again later" in page
