"""Configuration invariants as Django system checks (ids minping.E001..., W001)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=False)
def production_refuses_demo_secrets(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors: list[Error] = []
    if settings.MINPING_ENV != "production":
        return errors
    if settings.SECRET_KEY == settings.DEMO_SECRET_KEY or len(settings.SECRET_KEY) < 40:
        errors.append(
            Error(
                "SECRET_KEY is the demo key or too short.",
                hint="Set SECRET_KEY to a random string of 50 characters or more.",
                id="minping.E001",
            )
        )
    if settings.MINPING_PII_KEY == settings.DEMO_PII_KEY:
        errors.append(
            Error(
                "MINPING_PII_KEY is the demo key: ID numbers and phones would be readable.",
                hint="Generate one with `python -m minping.lib.pii genkey`.",
                id="minping.E002",
            )
        )
    if settings.DEBUG:
        errors.append(Error("DEBUG is on in production.", id="minping.E003"))
    return errors


@register(Tags.database)
def sqlite_is_durable(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    db = settings.DATABASES["default"]
    if "sqlite3" not in db["ENGINE"]:
        return []
    options = db.get("OPTIONS", {})
    init = options.get("init_command", "")
    errors: list[Error] = []
    if options.get("transaction_mode") != "IMMEDIATE":
        errors.append(
            Error(
                "SQLite must use transaction_mode IMMEDIATE (DEFERRED fails under load).",
                id="minping.E004",
            )
        )
    if "journal_mode=WAL" not in init or "synchronous=FULL" not in init:
        errors.append(
            Error(
                "SQLite must run in WAL mode with synchronous=FULL so acknowledged ballots survive.",
                id="minping.E005",
            )
        )
    return errors


@register(Tags.security)
def pii_key_is_usable(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """A malformed vault key would only fail at the first ID number: refuse it up front."""
    from minping.lib.pii import Vault

    keys = [k.strip() for k in str(settings.MINPING_PII_KEY).split(",") if k.strip()]
    try:
        Vault(keys)
    except (ValueError, TypeError) as exc:
        return [
            Error(
                f"MINPING_PII_KEY cannot be used: {exc}.",
                hint="Each key is 32 random bytes, urlsafe-base64 encoded: "
                "`python -m minping.lib.pii genkey`.",
                id="minping.E006",
            )
        ]
    return []


@register(Tags.security, deploy=False)
def production_hosts_are_named(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if settings.MINPING_ENV != "production" or "*" not in settings.ALLOWED_HOSTS:
        return []
    return [
        Error(
            "ALLOWED_HOSTS contains '*' in production.",
            hint="List the public host names, comma-separated, in ALLOWED_HOSTS.",
            id="minping.E007",
        )
    ]


@register(Tags.security, deploy=False)
def production_sms_and_cache(app_configs: Any = None, **kwargs: Any) -> list[Error | Warning]:
    """The demo's SMS console prints message bodies (one-time passwords, codes); rate-limit
    counters in a per-process memory cache multiply the limits by the number of workers."""
    if settings.MINPING_ENV != "production":
        return []
    problems: list[Error | Warning] = []
    if str(settings.MINPING_SMS_BACKEND).endswith("DemoConsoleBackend"):
        problems.append(
            Error(
                "MINPING_SMS_BACKEND is the demo console, which logs message bodies.",
                hint="Set MINPING_SMS_BACKEND to the SMS gateway's backend class.",
                id="minping.E008",
            )
        )
    if "LocMemCache" in settings.CACHES["default"]["BACKEND"]:
        problems.append(
            Warning(
                "The cache is per process: every worker counts rate limits on its own.",
                hint="Set MINPING_CACHE=database and run `manage.py createcachetable`.",
                id="minping.W001",
            )
        )
    return problems
