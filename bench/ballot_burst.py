"""Ballot bursts against the served app: 1,500 then 15,000 phone submits, and /healthz.

    .venv/bin/python bench/ballot_burst.py [--workers 4] [--clients 16] [--small 1500]
                                           [--large 15000] [--port 8799] [--deadline 180]
                                           [--postgres] [--threads N] [--synchronous NORMAL]
                                           [--journey]

Builds a throwaway SQLite database (migrate + load_demo), issues tokens in the demo's open
session, serves the app with gunicorn on 127.0.0.1 (DEBUG off), and fires each burst from a
bounded pool of client threads (one request per ballot, no retries, a deadline per phase).
Then measures /healthz with the same server and clients and prints the ratio. Every figure
is also checked against the database afterwards (ballots stored == 302 answers).
``--journey``: each ballot is a whole phone visit (GET the page, POST, GET the receipt).
``--threads N``: gunicorn gthread workers with N threads each instead of sync workers.
``--synchronous NORMAL``: SQLite without a flush per commit, only to show the disk's share.
The load average of the (shared) machine is printed beside each phase.
Figures go to docs/benchmarks/ballots.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    sent: int = 0
    load: float = 0.0  # 1-minute load average of the machine when the phase ended

    def summary(self) -> dict[str, object]:
        lat = sorted(self.latencies)
        ok = len(lat)

        def pct(p: float) -> float:
            return round(lat[min(ok - 1, int(p * ok))] * 1000, 1) if ok else float("nan")

        return {
            "phase": self.name,
            "requests": self.sent,
            "ok": ok,
            "errors": sum(self.errors.values()),
            "error_kinds": self.errors,
            "seconds": round(self.seconds, 2),
            "per_second": round(ok / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
            "max_ms": round(lat[-1] * 1000, 1) if ok else float("nan"),
            "mean_ms": round(statistics.fmean(lat) * 1000, 1) if ok else float("nan"),
            "load": round(self.load, 1),
        }


def setup_database() -> None:
    """Run inside the throwaway environment: issue tokens and print what the client needs."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from minping.accounts.models import User
    from minping.ballots import actions
    from minping.ballots.models import BallotBox

    small, large = int(os.environ["BENCH_SMALL"]), int(os.environ["BENCH_LARGE"])
    office = User.objects.get(username="office")
    boxes = list(BallotBox.objects.filter(state="open").select_related("venue", "session"))
    box = boxes[0]
    design = actions.get_or_create_design(box.session)
    codes: list[str] = []
    for count in (small, large):
        left = count
        while left:
            n = min(left, actions.MAX_TOKENS_PER_ISSUE)
            codes += [t.code for t in actions.do_issue_tokens(office, box, n)]
            left -= n
    fields = {f"d_{d['id']}": "satisfied" for d in design.department_list()}
    fields.update({f"q_{q['id']}": "no" for q in design.questionnaire})
    json.dump({"box": box.pk, "codes": codes, "fields": fields}, sys.stdout)


class PostgresCluster:
    """A throwaway cluster on a loopback port with the default durability settings."""

    def __init__(self, directory: Path, port: int) -> None:
        self.directory = directory
        self.port = port
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        self.bindir = found[-1] if found else Path(shutil.which("initdb") or "initdb").parent
        self.runas = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *cmd: str) -> None:
        subprocess.run([*self.runas, *cmd], check=True, capture_output=True)  # noqa: S603 - fixed tools

    def start(self) -> str:
        self.directory.mkdir(parents=True)
        if self.runas:
            shutil.chown(self.directory, "postgres")
        data = str(self.directory / "data")
        self._run(
            str(self.bindir / "initdb"), "-D", data, "-U", "minping", "--auth=trust", "-E", "UTF8"
        )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory} -c max_connections=200"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            data,
            "-l",
            str(self.directory / "log"),
            "-w",
            "-o",
            options,
            "start",
        )
        self._run(
            str(self.bindir / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "minping",
            "minping",
        )
        return f"postgres://minping@127.0.0.1:{self.port}/minping"

    def stop(self) -> None:
        data = str(self.directory / "data")
        subprocess.run(  # noqa: S603 - fixed tools
            [*self.runas, str(self.bindir / "pg_ctl"), "-D", data, "-m", "fast", "stop"],
            check=False,
            capture_output=True,
        )


def run(cmd: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def one(
    port: int, method: str, path: str, body: bytes | None, headers: dict[str, str]
) -> tuple[int, str]:
    """One request on a new connection: (status, Location)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers if body else {})
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        conn.close()


def fire(
    port: int,
    name: str,
    requests: list[tuple[str, str, bytes | None]],
    clients: int,
    deadline: float,
) -> Phase:
    phase = Phase(name)
    work: queue.Queue[tuple[str, str, bytes | None]] = queue.Queue()
    for item in requests:
        work.put(item)
    lock = threading.Lock()
    stop_at = time.monotonic() + deadline
    headers = {"Content-Type": "application/x-www-form-urlencoded"}

    def client() -> None:
        while time.monotonic() < stop_at:
            try:
                method, path, body = work.get_nowait()
            except queue.Empty:
                return
            started = time.monotonic()
            try:
                if method == "JOURNEY":  # a phone: the page, the submit, the receipt
                    status, _ = one(port, "GET", path, None, headers)
                    if status == 200:
                        status, location = one(port, "POST", path, body, headers)
                        if status == 302:
                            status, _ = one(port, "GET", location, None, headers)
                            status = 302 if status == 200 else status
                else:
                    status, _ = one(port, method, path, body, headers)
                error = "" if status in (200, 302) else f"HTTP {status}"
            except OSError as exc:
                error = type(exc).__name__
            elapsed = time.monotonic() - started
            with lock:
                phase.sent += 1
                if error:
                    phase.errors[error] = phase.errors.get(error, 0) + 1
                else:
                    phase.latencies.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.monotonic() - began
    phase.load = os.getloadavg()[0]
    unsent = work.qsize()
    if unsent:
        phase.errors["not sent before deadline"] = unsent
    return phase


def prepare_database(
    env: dict[str, str], tmp: Path, *, postgres: bool, port: int, script: str
) -> tuple[dict[str, Any], PostgresCluster | None]:
    """Migrates a throwaway database (SQLite in ``tmp``, or a PostgreSQL cluster on
    ``port + 1``), loads the demo and runs ``script --setup``, whose JSON it returns."""
    pg: PostgresCluster | None = None
    if postgres:
        tmp.chmod(0o755)  # the cluster runs as the postgres user
        pg = PostgresCluster(tmp / "pg", port + 1)
        env["DATABASE_URL"] = pg.start()
        env["CONN_MAX_AGE"] = "60"
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PY, "manage.py", "load_demo"], env)
    return json.loads(run([PY, script, "--setup"], env)), pg


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, extra: list[str] | None = None
) -> subprocess.Popen[bytes]:
    """Serves the app on 127.0.0.1:``port`` and waits until ``/healthz`` answers."""
    server = subprocess.Popen(  # noqa: S603 - our own server with fixed arguments
        [
            str(Path(PY).parent / "gunicorn"),
            "minping.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            *(extra or []),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.2)
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--small", type=int, default=1500)
    parser.add_argument("--large", type=int, default=15000)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--deadline", type=float, default=180.0)
    parser.add_argument("--keep", action="store_true", help="keep the throwaway directory")
    parser.add_argument("--threads", type=int, default=0, help="gthread workers with N threads")
    parser.add_argument(
        "--synchronous",
        default="FULL",
        choices=["FULL", "NORMAL"],
        help="SQLite's synchronous (FULL: the product; NORMAL only to show the flush's share)",
    )
    parser.add_argument(
        "--sqlite-conn-max-age",
        type=int,
        default=0,
        help="keep SQLite connections for N seconds (the product: 0, one per request)",
    )
    parser.add_argument(
        "--journey", action="store_true", help="each ballot: GET page, POST, GET receipt"
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="a throwaway PostgreSQL cluster (fsync and synchronous_commit on) instead of SQLite",
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="minping-ballot-bench-"))
    env = {
        **os.environ,
        "SQLITE_PATH": str(tmp / "bench.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "DJANGO_SETTINGS_MODULE": "bench.ballot_settings",
        "BENCH_SQLITE_SYNC": args.synchronous,
        "BENCH_SQLITE_CONN_MAX_AGE": str(args.sqlite_conn_max_age),
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BENCH_SMALL": str(args.small),
        "BENCH_LARGE": str(args.large),
    }
    env.pop("DATABASE_URL", None)
    server = None
    pg: PostgresCluster | None = None
    try:
        t0 = time.monotonic()
        data, pg = prepare_database(
            env, tmp, postgres=args.postgres, port=args.port, script=str(Path(__file__).resolve())
        )
        print(f"database ready in {time.monotonic() - t0:.0f} s: {len(data['codes'])} tokens")
        threads = ["--worker-class", "gthread", "--threads", str(args.threads)]
        server = start_gunicorn(env, args.port, args.workers, threads if args.threads else None)
        body = urllib.parse.urlencode(data["fields"]).encode()
        codes: list[str] = data["codes"]
        method = "JOURNEY" if args.journey else "POST"
        small = [(method, f"/ballots/v/{c}/", body) for c in codes[: args.small]]
        large = [(method, f"/ballots/v/{c}/", body) for c in codes[args.small :]]
        print(f"load average before the bursts: {os.getloadavg()}")
        results = [fire(args.port, f"burst {len(small)}", small, args.clients, args.deadline)]
        results.append(fire(args.port, f"burst {len(large)}", large, args.clients, args.deadline))
        hello = [("GET", "/healthz", None)] * args.large
        results.append(
            fire(args.port, f"/healthz {len(hello)}", hello, args.clients, args.deadline)
        )
        summaries = [r.summary() for r in results]
        stored = run(
            [
                PY,
                "manage.py",
                "shell",
                "-c",
                "from minping.ballots.models import Ballot; print(Ballot.objects.filter(box_id="
                + repr(data["box"])
                + ").count())",
            ],
            env,
        ).split()[-1]
        ballots_ok = summaries[0]["ok"] + summaries[1]["ok"]  # type: ignore[operator]
        ratio = summaries[1]["per_second"] / summaries[2]["per_second"]  # type: ignore[operator]
        report = {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "server": f"gunicorn {args.workers} "
            + (f"gthread workers × {args.threads} threads, " if args.threads else "sync workers, ")
            + (
                "PostgreSQL (fsync on, synchronous_commit on)"
                if args.postgres
                else f"SQLite WAL synchronous={args.synchronous}, IMMEDIATE, "
                f"CONN_MAX_AGE={args.sqlite_conn_max_age}"
            ),
            "journey": args.journey,
            "clients": args.clients,
            "phases": summaries,
            "ballots_stored": int(stored),
            "ballots_acknowledged": ballots_ok,
            "ratio_ballot_to_healthz": round(ratio, 3),
        }
        print(json.dumps(report, ensure_ascii=False, indent=1))
        print("| phase | sent | ok | errors | seconds | req/s | p50 ms | p99 ms | max ms | load |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for s in summaries:
            print(
                f"| {s['phase']} | {s['requests']} | {s['ok']} | {s['errors']} | {s['seconds']} "
                f"| {s['per_second']} | {s['p50_ms']} | {s['p99_ms']} | {s['max_ms']} "
                f"| {s['load']} |"
            )
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
