from __future__ import annotations

from django.db import connection

from minping.accounts.actions import do_create_user
from minping.accounts.models import PiiAccess, User
from minping.accounts.pii import reveal
from minping.lib.fields import Sealed, blind_index

PHONE = "13912345678"


def _raw_phone(username: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT phone, phone_index FROM accounts_user WHERE username = %s", [username]
        )
        phone, index = cursor.fetchone()
    return phone + " " + (index or "")


def test_the_database_holds_no_plain_phone(db):
    do_create_user(None, username="p1", password=None, role="citizen", phone=PHONE)
    raw = _raw_phone("p1")
    assert PHONE not in raw
    assert "5678" not in raw.split(" ")[1]


def test_reading_gives_a_sealed_value_that_prints_masked(db):
    do_create_user(None, username="p2", password=None, role="citizen", phone=PHONE)
    user = User.objects.get(username="p2")
    assert isinstance(user.phone, Sealed)
    assert str(user.phone) == "139****5678"
    assert PHONE not in repr(user.phone)


def test_lookup_by_blind_index(db):
    do_create_user(None, username="p3", password=None, role="citizen", phone=PHONE)
    assert User.objects.get(phone_index=blind_index("139-1234-5678", "phone")).username == "p3"


def test_reveal_returns_the_plain_value_and_logs_who_and_why(db):
    viewer = do_create_user(None, username="viewer", password=None, role="supervisor")
    user = do_create_user(None, username="p4", password=None, role="citizen", phone=PHONE)
    user = User.objects.get(pk=user.pk)
    assert reveal(user, "phone", viewer, "通知参会") == PHONE
    access = PiiAccess.objects.get()
    assert (access.actor, access.field, access.purpose) == (viewer, "phone", "通知参会")
    assert access.object_type == "accounts.User" and access.object_id == str(user.pk)


def test_saving_an_unchanged_sealed_value_keeps_it(db):
    do_create_user(None, username="p5", password=None, role="citizen", phone=PHONE)
    user = User.objects.get(username="p5")
    user.full_name = "改名"
    user.save()
    user = User.objects.get(username="p5")
    assert str(user.phone) == "139****5678"
    assert user.phone_index == blind_index(PHONE, "phone")
