"""Raw commit capacity of this disk: the ceiling under any ballot server on one machine.

    .venv/bin/python bench/ballot_fsync.py [--seconds 5] [--dir /tmp]

Commits one small row per transaction in a loop on a fresh SQLite file (WAL mode), once
with ``synchronous=FULL`` (what minping runs: every commit waits for the disk to flush)
and once with ``synchronous=NORMAL`` (WAL flushed only at checkpoints: a power cut can lose
the last commits), single-threaded, and prints commits per second for each. Also runs
PostgreSQL's ``pg_test_fsync`` if it is installed (one flush per write vs. the sync
methods), on the same directory. Figures go to docs/benchmarks/ballots.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path


def sqlite_commits(path: Path, synchronous: str, seconds: float) -> float:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={synchronous}")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, token TEXT UNIQUE, body TEXT)")
    body = "x" * 300  # about one ballot's JSON
    n = 0
    stop = time.monotonic() + seconds
    began = time.monotonic()
    while time.monotonic() < stop:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t (token, body) VALUES (?, ?)", (os.urandom(8).hex(), body))
        db.execute("COMMIT")
        n += 1
    elapsed = time.monotonic() - began
    db.close()
    return n / elapsed


def pg_test_fsync(directory: Path, seconds: int) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_test_fsync"))
    tool = str(found[-1]) if found else shutil.which("pg_test_fsync")
    if not tool:
        return "pg_test_fsync not installed"
    done = subprocess.run(  # noqa: S603 - a fixed tool
        [tool, "-s", str(seconds), "-f", str(directory / "pg_test_fsync.out")],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout + done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--dir", default=None, help="a directory on the disk to test")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="minping-fsync-", dir=args.dir))
    try:
        print(f"load average: {os.getloadavg()}")
        for mode in ("FULL", "NORMAL"):
            rate = sqlite_commits(directory / "t.sqlite3", mode, args.seconds)
            print(f"SQLite WAL synchronous={mode}: {rate:,.0f} commits/s (one writer)")
        print(pg_test_fsync(directory, max(1, int(args.seconds))))
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
