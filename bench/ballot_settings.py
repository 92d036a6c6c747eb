"""Settings for bench/ballot_burst.py only: the product's settings, with SQLite's
``synchronous`` taken from BENCH_SQLITE_SYNC (FULL, the product's value, by default).

``--synchronous NORMAL`` exists to show how much of a run's time is the disk flush per
commit; NORMAL can lose acknowledged ballots on a power cut and is never for production.
"""

from __future__ import annotations

import os

from minping.settings import *  # noqa: F403
from minping.settings import DATABASES

_sync = os.environ.get("BENCH_SQLITE_SYNC", "FULL").upper()
if _sync not in {"FULL", "NORMAL", "EXTRA"}:
    raise SystemExit(f"BENCH_SQLITE_SYNC: {_sync}?")
_db = DATABASES["default"]
if _db["ENGINE"].endswith("sqlite3"):
    _db["OPTIONS"]["init_command"] = _db["OPTIONS"]["init_command"].replace(
        "PRAGMA synchronous=FULL;", f"PRAGMA synchronous={_sync};"
    )
    if _sync != "FULL":
        # The product refuses anything but FULL (minping.E005); this comparison run only.
        SILENCED_SYSTEM_CHECKS = ["minping.E005"]
    # The product opens a SQLite connection per request (~1 ms of setup in Django); a
    # comparison run can keep them, as PostgreSQL does (--sqlite-conn-max-age).
    _db["CONN_MAX_AGE"] = int(os.environ.get("BENCH_SQLITE_CONN_MAX_AGE", "0"))
