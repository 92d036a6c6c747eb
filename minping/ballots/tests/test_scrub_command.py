"""scrubballots: after sealing, no copy of a ballot row in arrival order stays in the table."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from minping.ballots.tests.conftest import vote_and_seal

pytestmark = pytest.mark.django_db(transaction=True)


def test_scrubbing_after_sealing_leaves_only_the_sealed_rows(evaluation: Any) -> None:
    vote_and_seal(evaluation, {evaluation.main: ["satisfied"] * 12})
    before = _filenode()
    out = StringIO()
    call_command("scrubballots", stdout=out)
    text = out.getvalue()
    if connection.vendor == "postgresql":
        assert "vacuumed" in text
        assert _filenode() != before  # rewritten into a new file: the dead originals are gone
    else:
        assert "checkpointed" in text or "nothing to do" in text
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM ballots_ballot")
        assert cursor.fetchone()[0] == 12


def _filenode() -> Any:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_filenode('ballots_ballot')")
        return cursor.fetchone()[0]
