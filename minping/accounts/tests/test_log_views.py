from __future__ import annotations

from django.db import connection
from django.urls import reverse

from minping.accounts.models import AuditEntry, PiiAccess
from minping.accounts.pii import reveal


def test_audit_log_lists_entries_newest_first_and_filters_by_verb(personas, login):
    client = login(personas.supervisor)
    page = client.get(reverse("accounts:audit_log"), {"verb": "create_venue"})
    entries = list(page.context["page"].object_list)
    assert entries and all(e.verb == "campaigns.create_venue" for e in entries)
    assert entries[0].seq > entries[-1].seq


def test_audit_log_filters_by_actor_and_date(personas, login):
    from minping.accounts.actions import do_set_active

    do_set_active(personas.office, personas.citizen, False)
    client = login(personas.office)
    page = client.get(reverse("accounts:audit_log"), {"actor": "office"})
    assert [e.verb for e in page.context["page"].object_list] == ["accounts.set_active"]
    page = client.get(reverse("accounts:audit_log"), {"since": "2000-01-01", "until": "2000-01-02"})
    assert list(page.context["page"].object_list) == []


def test_audit_log_is_paginated(personas, login):
    from minping.accounts import audit

    for n in range(40):
        audit.record(personas.office, "test.filler", None, after={"n": n})
    client = login(personas.office)
    total = AuditEntry.objects.count()
    assert total > 50
    page2 = client.get(reverse("accounts:audit_log"), {"page": 2}).context["page"]
    assert len(page2.object_list) == min(50, total - 50)


def test_audit_log_verification_shows_a_tampered_entry(personas, login):
    entry = AuditEntry.objects.order_by("seq")[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_auditentry SET verb = %s WHERE seq = %s", ["forged", entry.seq]
        )
    html = login(personas.supervisor).get(reverse("accounts:audit_log"), {"verify": 1})
    assert "日志链已被破坏" in html.content.decode()
    assert f"序号 {entry.seq}" in html.content.decode()


def test_pii_log_shows_who_revealed_what(personas, login):
    reveal(personas.representative, "phone", personas.district, "电话通知参会")
    html = login(personas.supervisor).get(reverse("accounts:pii_log")).content.decode()
    assert "电话通知参会" in html and "district" in html
    assert PiiAccess.objects.count() == 1
