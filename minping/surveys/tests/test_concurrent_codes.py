"""One code submitted from several phones at once stores exactly one response (real threads,
real transactions)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from minping.surveys import actions
from minping.surveys.models import Receipt, Response
from minping.surveys.tests.conftest import full_answers

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6


def test_the_same_code_submitted_at_once_counts_once(open_survey: Any) -> None:
    code = open_survey.codes[0]
    answers = full_answers(open_survey.survey)
    barrier = threading.Barrier(THREADS)
    outcomes: list[Any] = []
    lock = threading.Lock()

    def submit() -> None:
        try:
            barrier.wait()
            result: Any = actions.submit_with_code(code, answers)
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

    assert Response.objects.count() == 1
    assert Receipt.objects.count() == 1
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert not errors, f"{connection.vendor}: {errors}"
    assert sorted(o.repeated for o in outcomes) == [False] + [True] * (THREADS - 1)
    assert {o.receipt for o in outcomes} == {Receipt.objects.get().code}
