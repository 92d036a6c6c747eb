"""Concurrent reuse of one token stores exactly one ballot (real threads, real transactions)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from minping.ballots import actions
from minping.ballots.models import Ballot, Receipt
from minping.ballots.tests.conftest import answers_for

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6


def test_the_same_token_submitted_from_several_phones_at_once_stores_one_ballot(
    evaluation: Any, open_box: Any
) -> None:
    code = open_box.codes[0]
    content = answers_for(evaluation.design)
    barrier = threading.Barrier(THREADS)
    outcomes: list[Any] = []
    lock = threading.Lock()

    def submit() -> None:
        try:
            barrier.wait()
            result: Any = actions.do_cast_ballot(code, content)
        except Exception as exc:  # noqa: BLE001 - every outcome is recorded and checked below
            result = exc
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=submit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Ballot.objects.count() == 1
    assert Receipt.objects.count() == 1
    receipt = Receipt.objects.get().code
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert not errors, f"{connection.vendor}: {errors}"
    assert sorted(o.repeated for o in outcomes) == [False] + [True] * (THREADS - 1)
    assert {o.receipt for o in outcomes} == {receipt}
