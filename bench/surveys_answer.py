"""Questionnaire answering throughput and the analysis page with 10,000 responses.

    .venv/bin/python bench/surveys_answer.py [--answers 2000] [--workers 4] [--clients 16]
                                             [--port 8812] [--deadline 120] [--analysis 10000]

Builds a throwaway SQLite database (migrate + the standard campaign, no full demo), creates
the standard questionnaire with ``--answers`` one-time codes and opens it, serves the app
with gunicorn on 127.0.0.1 (DEBUG off, the product's settings), and posts one complete
questionnaire per code from a bounded pool of client threads (a new connection each, no
retries, a deadline). A 302 to the receipt counts as success; afterwards the responses
stored are counted and must equal the 302s. Then it bulk-inserts ``--analysis`` responses
into a second survey and times the bureau's results page (charts, scores, distributions)
in-process, five times. Figures go to docs/benchmarks/surveys.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def setup(count: int) -> dict[str, Any]:
    """Inside the throwaway environment: campaign, survey, codes; what the clients need."""
    _django()
    import datetime as dt

    from minping.accounts.actions import do_create_user
    from minping.accounts.models import Role
    from minping.campaigns.actions import do_build_standard_campaign
    from minping.campaigns.models import Campaign
    from minping.surveys import actions
    from minping.surveys.tests.conftest import full_answers

    do_build_standard_campaign(None, year=2026, first_day=dt.date(2027, 1, 12))
    user = do_create_user(None, username="bench", password="Bench-pass-1", role=Role.STATISTICS)  # noqa: S106 - a throwaway bench account
    survey = actions.do_create_survey(user, Campaign.objects.get(), {"title": "bench"})
    actions.do_use_standard_template(user, survey)
    batch = actions.do_issue_codes(user, survey, label="bench", count=count, district=None)
    actions.do_transition(user, survey, "open")
    fields = full_answers(survey)
    fields["improve"] = ["i1", "i3"]
    fields["suggestion"] = "希望增加公交班次。"
    return {
        "survey": survey.pk,
        "codes": list(batch.codes.values_list("code", flat=True)),
        "fields": fields,
    }


def analysis(n: int) -> dict[str, Any]:
    """Bulk-inserts n responses into a new survey and times its results page."""
    _django()
    import random

    from django.test import Client

    from minping.accounts.models import User
    from minping.campaigns.models import Campaign, District
    from minping.surveys import actions
    from minping.surveys.models import Response

    user = User.objects.get(username="bench")
    survey = actions.do_create_survey(user, Campaign.objects.get(), {"title": "analysis"})
    actions.do_use_standard_template(user, survey)
    actions.do_transition(user, survey, "open")
    rng = random.Random(7)  # noqa: S311 - synthetic data
    questions = list(survey.questions.all())
    districts = list(District.objects.values_list("pk", flat=True))
    rows = []
    for _i in range(n):
        answers: dict[str, Any] = {}
        for q in questions:
            keys = [o["key"] for o in q.options]
            if q.kind in ("single", "rating"):
                answers[q.key] = rng.choice(keys)
            elif q.kind == "multiple":
                answers[q.key] = rng.sample(keys, 3)
            elif rng.random() < 0.2:
                answers[q.key] = "希望多建口袋公园，方便老人孩子活动。"
        rows.append(
            Response(
                survey=survey, channel="code", district_id=rng.choice(districts), answers=answers
            )
        )
    Response.objects.bulk_create(rows, batch_size=2000)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    timings = []
    for _i in range(5):
        t0 = time.perf_counter()
        response = client.get(f"/surveys/{survey.pk}/results/")
        timings.append(time.perf_counter() - t0)
        assert response.status_code == 200
    t0 = time.perf_counter()
    xlsx = client.get(f"/surveys/{survey.pk}/responses.xlsx")
    xlsx_seconds = time.perf_counter() - t0
    actions.do_transition(user, survey, "closed")
    t0 = time.perf_counter()
    export = client.get(f"/surveys/{survey.pk}/export.zip")
    export_seconds = time.perf_counter() - t0
    return {
        "responses": n,
        "results_page_ms": [round(t * 1000) for t in timings],
        "results_page_median_ms": round(statistics.median(timings) * 1000),
        "responses_xlsx_ms": round(xlsx_seconds * 1000),
        "responses_xlsx_bytes": len(xlsx.content),
        "export_zip_ms": round(export_seconds * 1000),
        "export_zip_bytes": len(export.content),
    }


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603 - our own commands
    if done.returncode:
        raise SystemExit(done.stdout + done.stderr)
    return done.stdout


def fire(port: int, paths: list[str], body: bytes, clients: int, deadline: float) -> dict[str, Any]:
    work: queue.Queue[str] = queue.Queue()
    for path in paths:
        work.put(path)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + deadline

    def client() -> None:
        while time.monotonic() < stop:
            try:
                path = work.get_nowait()
            except queue.Empty:
                return
            t0 = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request(
                    "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
                )
                status = conn.getresponse().status
                conn.close()
                kind = "" if status == 302 else str(status)
            except OSError as exc:
                kind = type(exc).__name__
            with lock:
                if kind:
                    errors[kind] = errors.get(kind, 0) + 1
                else:
                    latencies.append(time.perf_counter() - t0)

    t0 = time.monotonic()
    threads = [threading.Thread(target=client) for _i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - t0
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 1) if lat else float("nan")

    return {
        "requests": len(paths),
        "ok": len(lat),
        "errors": errors,
        "seconds": round(seconds, 2),
        "per_second": round(len(lat) / seconds, 1) if seconds else 0.0,
        "p50_ms": pct(0.5),
        "p99_ms": pct(0.99),
        "load": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--port", type=int, default=8812)
    parser.add_argument("--deadline", type=float, default=120)
    parser.add_argument("--analysis", type=int, default=10000)
    parser.add_argument("--setup", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--analyse", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        print(json.dumps(setup(args.setup), ensure_ascii=False))
        return
    if args.analyse:
        print(json.dumps(analysis(args.analyse)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="minping-survey-bench-"))
    env = {
        **os.environ,
        "SQLITE_PATH": str(tmp / "bench.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "DJANGO_SETTINGS_MODULE": "minping.settings",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("DATABASE_URL", None)
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    data = json.loads(run([PY, str(Path(__file__).resolve()), "--setup", str(args.answers)], env))
    server = subprocess.Popen(  # noqa: S603 - our own server with fixed arguments
        [str(Path(PY).parent / "gunicorn"), "minping.wsgi", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.workers), "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        for _i in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        body = urllib.parse.urlencode(data["fields"], doseq=True).encode()
        paths = [f"/surveys/a/{c}/" for c in data["codes"]]
        burst = fire(args.port, paths, body, args.clients, args.deadline)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = run(
        [PY, "manage.py", "shell", "-c",
         "from minping.surveys.models import Response; print(Response.objects.filter(survey_id="
         + str(data["survey"]) + ").count())"],
        env,
    ).split()[-1]  # fmt: skip
    burst["stored"] = int(stored)
    burst["stored_equals_acknowledged"] = int(stored) == burst["ok"]
    print("answering:", json.dumps(burst, ensure_ascii=False))
    result = json.loads(
        run([PY, str(Path(__file__).resolve()), "--analyse", str(args.analysis)], env)
    )
    print("analysis:", json.dumps(result))
    print(
        f"machine: {os.cpu_count()} CPUs, gunicorn {args.workers} sync workers, "
        f"{args.clients} client threads"
    )


if __name__ == "__main__":
    main()
