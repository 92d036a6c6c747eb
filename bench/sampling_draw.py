"""Benchmark: draw the seeds' full quota table from a 1,000,000-row synthetic frame.

    .venv/bin/python bench/sampling_draw.py [--rows 1000000] [--method systematic]

Prints the wall-clock and CPU time of each step (hash, feasibility check, draw, export
+ verify), the load average and the peak memory; figures go to
docs/benchmarks/sampling.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from minping.sampling import (  # noqa: E402
    DrawSpec,
    check_feasibility,
    draw,
    export_frame,
    frame_hash,
    verify,
)
from minping.sampling.tests.frames import seed_quotas, synthetic_frame  # noqa: E402


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Run and print wall-clock and CPU time (CPU time is what a shared machine distorts least)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = fn(*args, **kwargs)
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<28} wall {wall:8.2f} s   cpu {used:8.2f} s", flush=True)
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--method", default="systematic")
    parser.add_argument("--verify", action="store_true", help="also export and verify")
    args = parser.parse_args()

    people = timed("build synthetic frame", synthetic_frame, args.rows)
    quotas = tuple(seed_quotas())
    spec = DrawSpec("bench-seed-2025", quotas, method=args.method)
    seats = sum(q.seats for q in quotas)
    reserves = sum(q.reserves for q in quotas)
    print(f"rows {len(people):,}  strata {len(quotas)}  seats {seats:,}  reserves {reserves:,}")
    timed("frame_hash", frame_hash, people)
    shortfalls = timed("check_feasibility", check_feasibility, people, spec)
    assert not shortfalls, shortfalls
    result = timed(f"draw ({args.method})", draw, people, spec)
    assert result.ok and len(result.selected) == seats
    print(
        f"selected {len(result.selected):,}  reserves {len(result.reserves):,}  "
        f"min probability {result.min_probability:.5f}"
    )
    if args.verify:
        with tempfile.TemporaryDirectory() as tmp:
            timed("export_frame", export_frame, people, spec, result, tmp)
            verdict = timed("verify (re-run from files)", verify, tmp)
            print(verdict.message)
    print(f"load average at the end: {os.getloadavg()}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
