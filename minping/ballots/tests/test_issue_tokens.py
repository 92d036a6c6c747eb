"""Issuing tokens per venue: counted as 发放数, printable slips with QR codes and short codes."""

from __future__ import annotations

from typing import Any

import pytest

from minping.ballots.models import BallotBox, BallotToken, is_well_formed

pytestmark = pytest.mark.django_db


def test_issuing_counts_tokens_and_prints_slips(
    client: Any, personas: Any, evaluation: Any
) -> None:
    client.force_login(personas.office)
    response = client.post(f"/ballots/box/{evaluation.main.pk}/issue/", {"count": "5"})
    assert response.status_code == 302
    assert BallotBox.objects.get(pk=evaluation.main.pk).issued == 5
    page = client.get(f"/ballots/box/{evaluation.main.pk}/").content.decode()
    assert "已生成5张评议凭证" in page and "<span data-issued>5</span>" in page
    slips = client.get(f"/ballots/box/{evaluation.main.pk}/slips/").content.decode()
    assert slips.count("<svg") == 5
    for token in BallotToken.objects.filter(box=evaluation.main):
        assert is_well_formed(token.code)
        assert token.pretty in slips
    assert "请勿登记领取人" in slips


def test_a_second_batch_adds_to_the_count(client: Any, personas: Any, evaluation: Any) -> None:
    client.force_login(personas.statistics)
    client.post(f"/ballots/box/{evaluation.main.pk}/issue/", {"count": "2"})
    client.post(f"/ballots/box/{evaluation.main.pk}/issue/", {"count": "3"})
    box = BallotBox.objects.get(pk=evaluation.main.pk)
    assert box.issued == 5
    assert sorted(set(box.tokens.values_list("batch", flat=True))) == [1, 2]


def test_an_absurd_count_is_refused_with_a_message(
    client: Any, personas: Any, evaluation: Any
) -> None:
    client.force_login(personas.office)
    response = client.post(f"/ballots/box/{evaluation.main.pk}/issue/", {"count": "0"})
    assert response.status_code == 400
    assert "至少发放1份。" in response.content.decode()
    assert not BallotToken.objects.exists()


def test_voting_cannot_open_before_tokens_are_issued(
    client: Any, personas: Any, evaluation: Any
) -> None:
    client.force_login(personas.office)
    response = client.post(
        f"/ballots/box/{evaluation.main.pk}/state/", {"to_state": "open"}, follow=True
    )
    assert "尚未发放评议凭证，不能开始投票。" in response.content.decode()
    assert BallotBox.objects.get(pk=evaluation.main.pk).state == "ready"


def test_a_batch_of_slips_downloads_as_pdf(client: Any, personas: Any, evaluation: Any) -> None:
    client.force_login(personas.office)
    client.post(f"/ballots/box/{evaluation.main.pk}/issue/", {"count": "3"})
    response = client.get(f"/ballots/box/{evaluation.main.pk}/slips/?batch=1&format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
