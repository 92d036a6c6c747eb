"""Benchmark: the fair-lottery modes at N=1,000 (k=100) and N=5,000 (k=400).

    .venv/bin/python bench/sampling_lottery.py
    SORTITION_PYTHON=/tmp/sa-venv/bin/python .venv/bin/python bench/sampling_lottery.py

Two inputs per size, both built from the seeds' proportions (branch seats by district,
frame categories by weight):

- "cells": one session, every seat in a district × category cell.  This is the problem
  sortition-algorithms can take as it is (one feature "cell" with min = max = seats),
  so with SORTITION_PYTHON set it is solved by both, on the same people.
- "venues": the shape minping draws: a main venue filled from every district (k/16 of
  the seats, by category), the branches by district × category, 2 % volunteers with
  their venue/session choice over 3 sessions (k seats per session), and 1 % of people
  in two frames.  sortition-algorithms has no notion of a person fitting several
  strata, so only minping's figures are given.

Prints one line per run: input, N, k, method, seconds, minimum probability (for
systematic: the smallest stratum rate n/N, and the lowest selection rate of a type
estimated over 100 seeded draws, which is what compares with the lottery's minimum).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from minping.sampling import DrawSpec, Person, Quota, canonical_quotas, draw  # noqa: E402
from minping.sampling.feasibility import group_types  # noqa: E402
from minping.sampling.tests.frames import (  # noqa: E402
    BRANCH_SEATS,
    CATEGORIES,
    DISTRICTS,
    split,
)

SORTITION_TIMEOUT = 1800
CELL_CATEGORIES = {"community": 4, "enterprise": 3, "npc": 2, "cppcc": 1}


def cells_instance(n: int, k: int, seed: int = 11) -> tuple[list[Person], list[Quota]]:
    rng = random.Random(seed)
    weights = {
        f"{d}|{c}": BRANCH_SEATS[d] * w for d in DISTRICTS for c, w in CELL_CATEGORIES.items()
    }
    names = list(weights)
    people = []
    for i in range(n):
        cell = rng.choices(names, [weights[c] for c in names])[0]
        district, category = cell.split("|")
        people.append(Person(f"p{i:05d}", category, district, (cell,)))
    seats = split(k, weights)
    quotas = [
        Quota(1, "branch", cell.split("|")[0], cell.split("|")[1], n_seats)  # type: ignore[arg-type]
        for cell, n_seats in seats.items()
        if n_seats
    ]
    return people, quotas


def venues_instance(n: int, k: int, seed: int = 13) -> tuple[list[Person], list[Quota]]:
    rng = random.Random(seed)
    categories = list(CATEGORIES)
    people: list[Person] = []
    for i in range(n):
        district = rng.choices(DISTRICTS, [BRANCH_SEATS[d] for d in DISTRICTS])[0]
        category = rng.choices(categories, [CATEGORIES[c] for c in categories])[0]
        people.append(Person(f"p{i:05d}", category, district, (district,)))
        if i % 100 == 0:
            other = categories[(categories.index(category) + 1) % len(categories)]
            people.append(Person(f"p{i:05d}", other, district, (district,)))
    for i in range(n // 50):
        district = rng.choices(DISTRICTS, [BRANCH_SEATS[d] for d in DISTRICTS])[0]
        people.append(
            Person(
                f"v{i:04d}",
                "volunteer",
                district,
                is_volunteer=True,
                venue_pref=rng.choice(["main", "branch", "branch"]),  # type: ignore[arg-type]
                session_pref=rng.randint(1, 3),
                flexibility=rng.choice(["any", "venue", "session", "none"]),  # type: ignore[arg-type]
            )
        )
    quotas: list[Quota] = []
    per_session = k // 3
    main = max(per_session // 16, 1)
    for s in (1, 2, 3):
        for c, seats in split(main, {**CATEGORIES, "volunteer": 1}).items():
            if seats:
                quotas.append(Quota(s, "main", None, c, seats))
        branch = split(per_session - main, BRANCH_SEATS)
        for d, total in branch.items():
            for c, seats in split(total, {**CATEGORIES, "volunteer": 1}).items():
                if seats:
                    quotas.append(Quota(s, "branch", d, c, seats))
    return people, quotas


def systematic_type_floor(people: list[Person], quotas: list[Quota], runs: int) -> float:
    """Systematic sampling's lowest selection rate of a type (people with the same
    eligible strata), estimated over ``runs`` seeds: comparable with the lottery's
    minimum probability, which is also equal within a type."""
    types = group_types(people, canonical_quotas(quotas))
    type_of = {pid: key for key, pids in types.members.items() for pid in pids}
    hits: Counter[frozenset[int]] = Counter()
    for r in range(runs):
        result = draw(people, DrawSpec(f"bench-{r}", tuple(quotas)))
        hits.update(type_of[s.pid] for s in result.selected)
    return min(hits[key] / (len(pids) * runs) for key, pids in types.members.items())


def run_minping(label: str, people: list[Person], quotas: list[Quota], n: int, k: int) -> None:
    runs = 100
    floor = systematic_type_floor(people, quotas, runs)
    print(
        f"{label:<7} N={n:<5} k={sum(q.seats for q in quotas):<4} minping systematic "
        f"lowest type rate over {runs} draws {floor:.4f}",
        flush=True,
    )
    for method in ("systematic", "maximin", "leximin"):
        start, cpu = time.perf_counter(), time.process_time()
        result = draw(people, DrawSpec("bench", tuple(quotas), method=method))  # type: ignore[arg-type]
        seconds, used = time.perf_counter() - start, time.process_time() - cpu
        assert result.ok, result.shortfalls[:3]
        print(
            f"{label:<7} N={n:<5} k={sum(q.seats for q in quotas):<4} minping {method:<10} "
            f"{seconds:7.2f} s (cpu {used:6.2f} s)  min probability {result.min_probability:.4f}",
            flush=True,
        )


def run_sortition(people: list[Person], quotas: list[Quota], n: int, k: int) -> None:
    python = os.environ.get("SORTITION_PYTHON")
    if not python:
        print("(SORTITION_PYTHON not set: sortition-algorithms skipped)")
        return
    cells = {f"{q.district}|{q.category}": q.seats for q in quotas}
    # People in a cell without seats cannot be drawn by either tool: leave them out.
    instance = {
        "k": k,
        "cells": cells,
        "people": [
            [p.pid, f"{p.district}|{p.category}"]
            for p in people
            if f"{p.district}|{p.category}" in cells
        ],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(instance, fh)
    runner = Path(__file__).with_name("sampling_sortition.py")
    for algorithm in ("maximin", "leximin"):
        try:
            out = subprocess.run(
                [python, str(runner), fh.name, algorithm],
                capture_output=True,
                text=True,
                check=True,
                timeout=SORTITION_TIMEOUT,
            )
            data = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"cells   N={n:<5} k={k:<4} sortition {algorithm:<8} "
                f"{data['seconds']:7.2f} s (cpu {data['cpu']:6.2f} s)  "
                f"min probability {data['min_probability']:.4f}"
                f"  ({data['committees']} committees)",
                flush=True,
            )
        except subprocess.CalledProcessError as exc:
            tail = exc.stderr.strip().splitlines()[-1] if exc.stderr.strip() else "?"
            print(f"cells   N={n:<5} k={k:<4} sortition {algorithm:<8} failed: {tail}")
        except subprocess.TimeoutExpired:
            print(
                f"cells   N={n:<5} k={k:<4} sortition {algorithm:<8} "
                f"gave up after {SORTITION_TIMEOUT} s (wall)"
            )


def main() -> None:
    import argparse

    import scipy.optimize  # noqa: F401  # import once, outside the timings

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000:100,5000:400", help="N:k pairs")
    parser.add_argument("--sortition-timeout", type=int, default=1800)
    args = parser.parse_args()
    global SORTITION_TIMEOUT
    SORTITION_TIMEOUT = args.sortition_timeout
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    for n, k in sizes:
        people, quotas = cells_instance(n, k)
        run_minping("cells", people, quotas, n, k)
        run_sortition(people, quotas, n, k)
        people, quotas = venues_instance(n, k)
        run_minping("venues", people, quotas, n, k)


if __name__ == "__main__":
    main()
