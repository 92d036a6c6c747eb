"""The phone ballot's cost: one query for the page, one short transaction for the ballot."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from minping.accounts.models import AuditEntry
from minping.ballots import actions
from minping.ballots.models import Ballot
from minping.ballots.tests.conftest import post_data
from minping.campaigns.models import Session

pytestmark = pytest.mark.django_db

MARKERS = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")


def test_a_phone_ballot_is_stored_by_five_statements_in_one_transaction(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    audit_before = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/ballots/v/{open_box.codes[0]}/", post_data(evaluation.design))
    assert response.status_code == 302
    sql = [q["sql"] for q in queries.captured_queries]
    statements = [s for s in sql if not s.startswith(MARKERS)]
    # token + box + session + design (one SELECT), then in the transaction: the box's
    # state, the conditional UPDATE of the token, the ballot and the receipt INSERTs.
    assert len(statements) == 5, statements
    assert statements[0].startswith("SELECT") and "ballots_ballotdesign" in statements[0]
    assert [s.split()[0] for s in statements[2:]] == ["UPDATE", "INSERT", "INSERT"]
    opened = [i for i, s in enumerate(sql) if s.startswith("SAVEPOINT")]
    closed = [i for i, s in enumerate(sql) if s.startswith("RELEASE SAVEPOINT")]
    writes = [i for i, s in enumerate(sql) if s.startswith(("UPDATE", "INSERT"))]
    assert len(opened) == 1 and len(closed) == 1
    assert opened[0] < writes[0] and writes[-1] < closed[0]
    assert Ballot.objects.filter(box=open_box).count() == 1
    assert AuditEntry.objects.count() == audit_before  # no audit row per ballot


def test_the_ballot_page_reads_token_box_session_and_design_in_one_query(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/ballots/v/{open_box.codes[0]}/")
    assert response.status_code == 200
    ours = [q["sql"] for q in queries.captured_queries if "ballots_" in q["sql"]]
    assert len(ours) == 1, ours


def test_each_sessions_ballot_page_shows_its_own_design_and_language(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    # A second session scored 0-100, with its own group of departments.
    other = Session.objects.exclude(pk=evaluation.session.pk).exclude(group=None).first()
    assert other is not None
    box = actions.do_prepare_boxes(evaluation.office, other)[0]
    design = actions.get_or_create_design(other)
    actions.do_save_design(evaluation.office, design, {"scale": "score"})
    code = actions.do_issue_tokens(evaluation.office, box, 1)[0].code
    actions.do_open_box(evaluation.office, box)
    design.refresh_from_db()

    first = client.get(f"/ballots/v/{open_box.codes[0]}/").content.decode()
    second = client.get(f"/ballots/v/{code}/").content.decode()
    again = client.get(f"/ballots/v/{open_box.codes[1]}/").content.decode()
    assert 'type="radio"' in first and 'inputmode="numeric"' not in first
    assert 'inputmode="numeric"' in second and 'type="radio" name="d_' not in second
    for dept in design.department_list():
        assert dept["name"] in second
    assert 'type="radio"' in again and 'inputmode="numeric"' not in again

    client.cookies["django_language"] = "en"
    english = client.get(f"/ballots/v/{open_box.codes[0]}/").content.decode()
    assert "Departments" in english and "部门评价" not in english
