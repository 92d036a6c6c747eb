"""Sealing: reconcile, rewrite the rows in hash order, record an order-independent root."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.db import connection

from minping import tally
from minping.ballots import actions, tallying
from minping.ballots.models import Ballot, BallotBox
from minping.ballots.tests.conftest import answers_for

pytestmark = pytest.mark.django_db


def _vote(evaluation: Any, box: Any, codes: list[str]) -> None:
    choices = ["satisfied", "fairly_satisfied", "dissatisfied"]
    for i, code in enumerate(codes):
        actions.do_cast_ballot(code, answers_for(evaluation.design, choices[i % 3]))


def _physical_order(box: BallotBox) -> list[str]:
    column = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM ballots_ballot WHERE box_id = %s ORDER BY {column}",  # noqa: S608 - fixed column name
            [box.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def test_sealing_rewrites_ballots_in_hash_order_and_records_the_root(
    evaluation: Any, open_box: Any
) -> None:
    _vote(evaluation, open_box, open_box.codes)
    arrival = _physical_order(open_box)
    actions.do_close_box(evaluation.office, open_box)
    box = actions.do_seal_box(evaluation.office, open_box)

    rows = list(Ballot.objects.filter(box=box))
    hashes = {r.pk: tally.ballot_hash(tallying.from_row(r, tallying.venue_id(box))) for r in rows}
    by_hash = sorted(hashes, key=lambda pk: hashes[pk])
    assert _physical_order(box) == by_hash
    assert sorted(arrival) == sorted(by_hash)
    assert box.state == "sealed" and box.returned == 30 and box.issued == 30
    shuffled = list(hashes.values())
    random.shuffle(shuffled)
    assert box.seal_root == tally.seal_root(shuffled)


@pytest.mark.django_db(transaction=True)
def test_sealed_rows_keep_no_order_or_transaction_of_their_arrival(
    evaluation: Any, open_box: Any
) -> None:
    """Rows come back in hash order; on PostgreSQL no sealed row shares its xmin with the
    token update of its submit transaction."""
    _vote(evaluation, open_box, open_box.codes[:12])
    actions.do_close_box(evaluation.office, open_box)
    box = actions.do_seal_box(evaluation.office, open_box, "18人未投票")
    venue = tallying.venue_id(box)
    rows = {r.pk: tally.ballot_hash(tallying.from_row(r, venue)) for r in Ballot.objects.all()}
    assert _physical_order(box) == sorted(rows, key=lambda pk: rows[pk])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT xmin::text FROM ballots_ballot")
            ballot_xmins = {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT DISTINCT xmin::text FROM ballots_ballottoken WHERE used")
            token_xmins = {row[0] for row in cursor.fetchall()}
        assert len(ballot_xmins) == 1
        assert len(token_xmins) == 12
        assert not ballot_xmins & token_xmins


def test_a_box_with_unreturned_tokens_needs_a_note_to_be_sealed(
    evaluation: Any, open_box: Any
) -> None:
    _vote(evaluation, open_box, open_box.codes[:10])
    actions.do_close_box(evaluation.office, open_box)
    with pytest.raises(actions.ActionError, match="发放数（30）与回收数（10）不一致"):
        actions.do_seal_box(evaluation.office, open_box)
    box = actions.do_seal_box(evaluation.office, open_box, "20名代表提前离场")
    assert (box.issued, box.returned, box.seal_note) == (30, 10, "20名代表提前离场")


def test_an_open_box_cannot_be_sealed(evaluation: Any, open_box: Any) -> None:
    with pytest.raises(actions.ActionError, match="投票中"):
        actions.do_seal_box(evaluation.office, open_box, "x")
    assert BallotBox.objects.get(pk=open_box.pk).state == "open"


def test_a_sealed_box_accepts_no_more_tokens(evaluation: Any, open_box: Any) -> None:
    actions.do_close_box(evaluation.office, open_box)
    actions.do_seal_box(evaluation.office, open_box, "演示")
    with pytest.raises(actions.ActionError, match="已封存"):
        actions.do_issue_tokens(evaluation.office, open_box, 5)
