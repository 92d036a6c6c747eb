"""Check-in at the door against the served app: 1,500 representatives in a burst, with 200
double scans among them (the same card at two doors at nearly the same moment).

    .venv/bin/python bench/meetings_checkin.py [--reps 1500] [--doubles 200] [--clients 8]
                                               [--workers 4] [--port 8797] [--deadline 180]
                                               [--postgres]

Builds a throwaway database (migrate + load_demo), adds ``--reps`` synthetic representatives
to one session's main venue with a 市民代表证 each, serves the app with gunicorn on
127.0.0.1 (DEBUG off, the product's database settings), and fires the check-ins from a
bounded pool of ``--clients`` threads — each thread is one door officer's phone with its own
login — one request per scan (``POST …/checkin/`` with ``Accept: application/json``, as the
check-in page's script sends it), a new connection each, no retries, a deadline. Each code is
scanned once; ``--doubles`` of them are queued twice back to back, so two doors race on the
same card. Afterwards the attendance rows are counted: they must equal the distinct codes,
every first scan must answer 已签到 and every second 已签到过.

The database, server and client pool come from ``bench/ballot_burst.py`` (imported, not
copied). Figures go to docs/benchmarks/meetings.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import queue
import random
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ballot_burst import (  # noqa: E402
    PY,
    ROOT,
    Phase,
    PostgresCluster,
    prepare_database,
    run,
    start_gunicorn,
)

CSRF = "benchcsrfbenchcsrfbenchcsrfbench"  # a 32-character CSRF secret (cookie == header)


def setup_database() -> None:
    """Run inside the throwaway environment: representatives, cards and the officers' logins."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from minping.accounts.models import User
    from minping.campaigns.models import Category, Session, Venue
    from minping.meetings import actions
    from minping.meetings.models import Attendance, Credential
    from minping.selection.models import Draw, Representative

    count, clients = int(os.environ["BENCH_REPS"]), int(os.environ["BENCH_CLIENTS"])
    office = User.objects.get(username="office")
    held = set(Attendance.objects.values_list("session_id", flat=True))
    session = Session.objects.exclude(pk__in=held).order_by("number").first()
    assert session is not None, "every demo session already has attendance"
    venue = Venue.objects.get(campaign=session.campaign, kind="main")
    categories = list(Category.objects.filter(campaign=session.campaign).order_by("order"))
    draw = Draw.objects.filter(campaign=session.campaign).first()
    assert draw is not None
    reps = Representative.objects.bulk_create(
        Representative(
            draw=draw,
            session=session,
            venue=venue,
            category=categories[i % len(categories)],
            person_key=f"bench-{i}",
            name=f"测试代表{i:04d}",  # synthetic
            employer="测试单位",
            rank=100_000 + i,
            status=Representative.Status.SELECTED,
        )
        for i in range(count)
    )
    actions.ensure_agenda(session)
    actions.do_issue_representative_credentials(office, session.campaign)
    codes = list(
        Credential.objects.filter(
            representative_id__in=[r.pk for r in reps], is_revoked=False
        ).values_list("code", flat=True)
    )
    cookies = []
    for _i in range(clients):
        client = Client()
        client.force_login(office)
        cookies.append(client.cookies["sessionid"].value)
    json.dump(
        {"session": session.pk, "venue": venue.pk, "codes": codes, "sessions": cookies},
        sys.stdout,
    )


def scan(port: int, path: str, code: str, sessionid: str) -> tuple[int, str]:
    """One scan on a new connection: (status, outcome)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "POST",
            path,
            body=urllib.parse.urlencode({"code": code}).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                "Cookie": f"sessionid={sessionid}; csrftoken={CSRF}",
                "X-CSRFToken": CSRF,
            },
        )
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            return response.status, ""
        return 200, str(json.loads(body)["outcome"])
    finally:
        conn.close()


def fire_scans(
    port: int, path: str, codes: list[str], sessions: list[str], deadline: float
) -> tuple[Phase, dict[str, int]]:
    """ballot_burst.fire's bounded pool, with a logged-in officer per client thread."""
    phase = Phase(f"check-in {len(codes)} scans")
    outcomes: dict[str, int] = {}
    work: queue.Queue[str] = queue.Queue()
    for code in codes:
        work.put(code)
    lock = threading.Lock()
    stop_at = time.monotonic() + deadline

    def client(sessionid: str) -> None:
        while time.monotonic() < stop_at:
            try:
                code = work.get_nowait()
            except queue.Empty:
                return
            started = time.monotonic()
            try:
                status, outcome = scan(port, path, code, sessionid)
                error = "" if status == 200 else f"HTTP {status}"
            except OSError as exc:
                error, outcome = type(exc).__name__, ""
            elapsed = time.monotonic() - started
            with lock:
                phase.sent += 1
                if error:
                    phase.errors[error] = phase.errors.get(error, 0) + 1
                else:
                    phase.latencies.append(elapsed)
                    outcomes[outcome] = outcomes.get(outcome, 0) + 1

    threads = [threading.Thread(target=client, args=(s,)) for s in sessions]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.monotonic() - began
    phase.load = os.getloadavg()[0]
    if work.qsize():
        phase.errors["not sent before deadline"] = work.qsize()
    return phase, outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=1500)
    parser.add_argument("--doubles", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--deadline", type=float, default=180.0)
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL cluster")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway directory")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="minping-checkin-bench-"))
    env = {
        **os.environ,
        "SQLITE_PATH": str(tmp / "bench.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "DJANGO_SETTINGS_MODULE": "bench.ballot_settings",  # the product's settings
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "BENCH_REPS": str(args.reps),
        "BENCH_CLIENTS": str(args.clients),
    }
    env.pop("DATABASE_URL", None)
    server = None
    pg: PostgresCluster | None = None
    try:
        t0 = time.monotonic()
        data, pg = prepare_database(
            env, tmp, postgres=args.postgres, port=args.port, script=str(Path(__file__).resolve())
        )
        print(f"database ready in {time.monotonic() - t0:.0f} s: {len(data['codes'])} cards")
        server = start_gunicorn(env, args.port, args.workers)
        codes: list[str] = data["codes"]
        doubled = set(random.Random(2026).sample(codes, min(args.doubles, len(codes))))
        queued: list[str] = []
        for code in codes:  # a double scan right behind the first: two doors, one card
            queued += [code, code] if code in doubled else [code]
        path = f"/meetings/session/{data['session']}/venue/{data['venue']}/checkin/"
        print(f"load average before the burst: {os.getloadavg()}")
        phase, outcomes = fire_scans(args.port, path, queued, data["sessions"], args.deadline)
        summary = phase.summary()
        rows = run(
            [
                PY,
                "manage.py",
                "shell",
                "-c",
                "from minping.meetings.models import Attendance; print(Attendance.objects.filter("
                f"session_id={data['session']}, venue_id={data['venue']}).count())",
            ],
            env,
        ).split()[-1]
        report = {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}",
            "server": f"gunicorn {args.workers} sync workers, "
            + ("PostgreSQL (fsync on)" if args.postgres else "SQLite WAL synchronous=FULL"),
            "clients": args.clients,
            "phase": summary,
            "outcomes": outcomes,
            "distinct_codes": len(codes),
            "attendance_rows": int(rows),
            "rows_equal_distinct_codes": int(rows) == len(codes),
            "doubles_answered_again": outcomes.get("again", 0) == len(doubled),
        }
        print(json.dumps(report, ensure_ascii=False, indent=1))
        print("| scans | ok | errors | seconds | req/s | p50 ms | p99 ms | max ms | load |")
        print("|---|---|---|---|---|---|---|---|---|")
        s = summary
        print(
            f"| {s['requests']} | {s['ok']} | {s['errors']} | {s['seconds']} | {s['per_second']} "
            f"| {s['p50_ms']} | {s['p99_ms']} | {s['max_ms']} | {s['load']} |"
        )
        if not report["rows_equal_distinct_codes"] or not report["doubles_answered_again"]:
            raise SystemExit("attendance does not match the scans")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if pg is not None:
            pg.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--setup"]:
        setup_database()
    else:
        main()
