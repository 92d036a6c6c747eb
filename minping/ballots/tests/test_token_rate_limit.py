"""Codes that were never issued are limited per client; a valid code always gets through."""

from __future__ import annotations

from typing import Any

import pytest

from minping.ballots.models import new_token_code

pytestmark = pytest.mark.django_db


def test_thirty_unknown_codes_then_the_next_unknown_one_gets_429_but_a_valid_one_votes(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    for _ in range(30):
        assert client.get(f"/ballots/v/{new_token_code()}/").status_code == 404
    blocked = client.get(f"/ballots/v/{new_token_code()}/")
    assert blocked.status_code == 429
    assert "尝试次数过多，请稍后再试" in blocked.content.decode()
    typed = client.post("/ballots/v/", {"code": new_token_code()})
    assert typed.status_code == 429
    # The valid voter on the same (venue) address is not held up at all.
    assert client.get(f"/ballots/v/{open_box.codes[0]}/").status_code == 200
    entry = client.post("/ballots/v/", {"code": open_box.codes[1]})
    assert entry.status_code == 302


def test_typos_in_the_code_are_not_counted_as_guesses(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    for _ in range(40):
        response = client.post("/ballots/v/", {"code": "ABCD-EFGH"})
        assert response.status_code == 200
        assert "凭证码格式不正确" in response.content.decode()


def test_a_valid_voter_never_touches_the_rate_limit_counters(
    client: Any, evaluation: Any, open_box: Any, monkeypatch: Any
) -> None:
    from minping.lib import ratelimit

    def untouchable(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the rate limiter was consulted for a valid code")

    for name in ("fail", "record_failure", "is_blocked", "failures"):
        monkeypatch.setattr(ratelimit, name, untouchable)
    assert client.get(f"/ballots/v/{open_box.codes[0]}/").status_code == 200
    assert client.post("/ballots/v/", {"code": open_box.codes[1]}).status_code == 302
