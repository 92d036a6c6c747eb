from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings

from minping.checks import production_refuses_demo_secrets, sqlite_is_durable

GOOD_SECRET = "s" * 60
GOOD_PII = "b3RoZXIta2V5LW5vdC10aGUtZGVtby1rZXktMzIhISE="


# The DATABASES overrides below only feed the check function; no connection is opened.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def ids(errors):
    return sorted(e.id for e in errors)


@override_settings(MINPING_ENV="demo")
def test_demo_mode_accepts_demo_secrets():
    assert production_refuses_demo_secrets() == []


@override_settings(
    MINPING_ENV="production", SECRET_KEY=GOOD_SECRET, MINPING_PII_KEY=GOOD_PII, DEBUG=False
)
def test_production_with_real_secrets_passes():
    assert production_refuses_demo_secrets() == []


@override_settings(MINPING_ENV="production", MINPING_PII_KEY=GOOD_PII, DEBUG=False)
def test_e001_production_refuses_the_demo_secret_key():
    with override_settings(SECRET_KEY=settings.DEMO_SECRET_KEY):
        assert ids(production_refuses_demo_secrets()) == ["minping.E001"]
    with override_settings(SECRET_KEY="short"):
        assert ids(production_refuses_demo_secrets()) == ["minping.E001"]


@override_settings(MINPING_ENV="production", SECRET_KEY=GOOD_SECRET, DEBUG=False)
def test_e002_production_refuses_the_demo_pii_key():
    with override_settings(MINPING_PII_KEY=settings.DEMO_PII_KEY):
        assert ids(production_refuses_demo_secrets()) == ["minping.E002"]


@override_settings(
    MINPING_ENV="production", SECRET_KEY=GOOD_SECRET, MINPING_PII_KEY=GOOD_PII, DEBUG=True
)
def test_e003_production_refuses_debug():
    assert ids(production_refuses_demo_secrets()) == ["minping.E003"]


def _sqlite(**options):
    return {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:", "OPTIONS": options}
    }


DURABLE = "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;"


def test_durable_sqlite_passes():
    with override_settings(DATABASES=_sqlite(transaction_mode="IMMEDIATE", init_command=DURABLE)):
        assert sqlite_is_durable() == []


def test_e004_sqlite_needs_immediate_transactions():
    with override_settings(DATABASES=_sqlite(init_command=DURABLE)):
        assert ids(sqlite_is_durable()) == ["minping.E004"]


def test_e005_sqlite_needs_wal_and_synchronous_full():
    with override_settings(
        DATABASES=_sqlite(
            transaction_mode="IMMEDIATE",
            init_command="PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
        )
    ):
        assert ids(sqlite_is_durable()) == ["minping.E005"]


def test_postgresql_is_not_checked_for_sqlite_pragmas():
    with override_settings(
        DATABASES={"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}}
    ):
        assert sqlite_is_durable() == []


def test_e006_a_malformed_pii_key_is_refused():
    from minping.checks import pii_key_is_usable

    assert pii_key_is_usable() == []
    with override_settings(MINPING_PII_KEY="c2hvcnQ="):
        assert ids(pii_key_is_usable()) == ["minping.E006"]
    with override_settings(MINPING_PII_KEY=""):
        assert ids(pii_key_is_usable()) == ["minping.E006"]
    with override_settings(MINPING_PII_KEY=f"{GOOD_PII},{settings.DEMO_PII_KEY}"):
        assert pii_key_is_usable() == []


def test_e007_production_refuses_a_wildcard_host():
    from minping.checks import production_hosts_are_named

    with override_settings(MINPING_ENV="production", ALLOWED_HOSTS=["*"]):
        assert ids(production_hosts_are_named()) == ["minping.E007"]
    with override_settings(MINPING_ENV="production", ALLOWED_HOSTS=["minping.example.gov.cn"]):
        assert production_hosts_are_named() == []
    with override_settings(MINPING_ENV="demo", ALLOWED_HOSTS=["*"]):
        assert production_hosts_are_named() == []


def test_production_refuses_the_demo_sms_console_and_warns_of_a_per_process_cache():
    from minping.checks import production_sms_and_cache

    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    shared = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}}
    demo_sms = "minping.lib.sms.DemoConsoleBackend"
    with override_settings(MINPING_ENV="production", MINPING_SMS_BACKEND=demo_sms, CACHES=locmem):
        assert ids(production_sms_and_cache()) == ["minping.E008", "minping.W001"]
    gateway = "minping.lib.sms.ConsoleBackend"
    with override_settings(MINPING_ENV="production", MINPING_SMS_BACKEND=gateway, CACHES=shared):
        assert production_sms_and_cache() == []
    with override_settings(MINPING_ENV="demo", MINPING_SMS_BACKEND=demo_sms, CACHES=locmem):
        assert production_sms_and_cache() == []
