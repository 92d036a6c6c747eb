"""The office opens, closes and seals the unused boxes of a whole session at once."""

from __future__ import annotations

from typing import Any

import pytest

from minping.ballots.models import BallotBox

pytestmark = pytest.mark.django_db


def test_the_office_opens_and_closes_every_venue_with_tokens(
    client: Any, personas: Any, evaluation: Any
) -> None:
    evaluation.tokens(evaluation.main, 2)
    evaluation.tokens(evaluation.branch, 2)
    client.force_login(personas.office)
    url = f"/ballots/session/{evaluation.session.pk}/boxes/"
    page = client.post(url, {"move": "open"}, follow=True).content.decode()
    assert "2个会场" in page
    states = dict(
        BallotBox.objects.filter(session=evaluation.session).values_list("venue__name", "state")
    )
    assert states["东胜区分会场"] == "open" and states[evaluation.main.venue.name] == "open"
    assert sorted(states.values()).count("ready") == 8
    client.post(url, {"move": "closed"})
    client.post(url, {"move": "seal_unused"})
    states = dict(
        BallotBox.objects.filter(session=evaluation.session).values_list("venue__name", "state")
    )
    assert states["东胜区分会场"] == "closed"
    assert sorted(states.values()).count("sealed") == 8


def test_a_move_with_nothing_to_do_says_so(client: Any, personas: Any, evaluation: Any) -> None:
    client.force_login(personas.office)
    url = f"/ballots/session/{evaluation.session.pk}/boxes/"
    page = client.post(url, {"move": "closed"}, follow=True).content.decode()
    assert "没有可以执行此操作的会场。" in page


def test_only_the_office_moves_a_session(access_matrix: Any, evaluation: Any) -> None:
    access_matrix(
        f"/ballots/session/{evaluation.session.pk}/boxes/",
        allowed={"office"},
        method="post",
        data={"move": "seal_unused"},
    )
