from __future__ import annotations

import itertools

from django.db import connection

from minping.accounts import audit
from minping.accounts.models import AuditEntry

TABLE = "accounts_auditentry"


def test_every_setup_action_writes_a_linked_audit_entry(personas):
    entries = list(AuditEntry.objects.order_by("seq"))
    assert entries, "building the campaign and the personas must be audited"
    assert entries[0].prev_hash == audit.GENESIS
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.entry_hash
    assert list(audit.verify_chain()) == []


def test_changed_entry_is_detected(personas):
    entry = AuditEntry.objects.order_by("seq")[3]
    # Tamper behind the model's back, as someone with database access would.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE " + TABLE + " SET verb = %s WHERE seq = %s",
            ["tampered", entry.seq],
        )
    problems = list(audit.verify_chain())
    assert [p.seq for p in problems] == [entry.seq]
    assert "changed" in problems[0].reason


def test_removed_entry_is_detected(personas):
    entry = AuditEntry.objects.order_by("seq")[5]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM " + TABLE + " WHERE seq = %s", [entry.seq])
    problems = list(audit.verify_chain())
    assert any("missing" in p.reason for p in problems)


def test_removed_newest_entry_is_detected(personas):
    last = AuditEntry.objects.order_by("-seq").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM " + TABLE + " WHERE seq = %s", [last.seq])
    assert any("newest" in p.reason for p in audit.verify_chain())


def test_entries_refuse_update_and_delete_through_the_orm(personas):
    entry = AuditEntry.objects.first()
    entry.verb = "x"
    try:
        entry.save()
    except ValueError:
        pass
    else:
        raise AssertionError("an audit entry was updated")
    try:
        entry.delete()
    except ValueError:
        pass
    else:
        raise AssertionError("an audit entry was deleted")
