"""Tracking numbers are the key to a proposer's page: guessing them is limited per client."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_ten_unknown_numbers_then_even_a_real_one_is_refused_for_a_while(client, make_suggestion):
    suggestion = make_suggestion()
    assert client.get(suggestion.get_absolute_url()).status_code == 200
    for n in range(10):
        response = client.get(reverse("suggestions:track", args=[f"NOPE{n:04d}"]))
        assert response.status_code == 404
    blocked = client.get(suggestion.get_absolute_url())
    assert blocked.status_code == 429
    assert "尝试次数过多，请稍后再试" in blocked.content.decode()
    rating = client.post(reverse("suggestions:rate", args=[suggestion.number]), {"rating": "3"})
    assert rating.status_code == 429
    reopening = client.post(reverse("suggestions:reopen", args=[suggestion.number]), {})
    assert reopening.status_code == 429
    elsewhere = client.get(suggestion.get_absolute_url(), REMOTE_ADDR="192.0.2.9")
    assert elsewhere.status_code == 200


def test_unknown_numbers_on_the_rate_and_reopen_forms_count_as_failures(client, make_suggestion):
    suggestion = make_suggestion()
    for n in range(5):
        client.post(reverse("suggestions:rate", args=[f"NOPE{n:04d}"]), {"rating": "3"})
        client.post(reverse("suggestions:reopen", args=[f"NOPE{n:04d}"]), {"reason": "x"})
    assert client.get(suggestion.get_absolute_url()).status_code == 429
