from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from minping.accounts.models import AuditEntry

TABLE = "accounts_auditentry"


def test_intact_log_passes(personas, capsys):
    call_command("verify_audit")
    assert "audit log intact" in capsys.readouterr().out


def test_changed_entry_fails_and_names_its_seq(personas, capsys):
    entry = AuditEntry.objects.order_by("seq")[2]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE " + TABLE + " SET object_repr = %s WHERE seq = %s", ["x", entry.seq])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert f"seq {entry.seq}: content was changed" in capsys.readouterr().err


def test_removed_entry_fails_and_names_the_gap(personas, capsys):
    entry = AuditEntry.objects.order_by("seq")[4]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM " + TABLE + " WHERE seq = %s", [entry.seq])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert (
        f"seq {entry.seq}: entries {entry.seq}..{entry.seq} are missing" in capsys.readouterr().err
    )


def test_the_command_exits_non_zero_from_the_shell(personas):
    # call_command raises; manage.py turns CommandError into exit status 1.
    with pytest.raises(CommandError) as info:
        AuditEntry.objects.filter(seq=1).update(verb="x")  # QuerySet.update bypasses save()
        call_command("verify_audit")
    assert "NOT intact" in str(info.value)
