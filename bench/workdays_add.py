"""Benchmark: 1,000,000 add_workdays calls on the official 2021-2026 calendar.

Run: .venv/bin/python bench/workdays_add.py [calls]
Figures: docs/benchmarks/cores-suggestions.md
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from minping.workdays import (  # noqa: E402  # after the path set-up above
    Calendar,
    add_workdays,
    is_workday,
    remaining_workdays,
    workdays_between,
)


def walk(cal: Calendar, start: dt.date, n: int) -> dt.date:
    day, seen = start, 0
    while seen < n:
        day += dt.timedelta(days=1)
        if is_workday(cal, day):
            seen += 1
    return day


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    began = time.perf_counter()
    cal = Calendar.from_chinesecalendar(range(2021, 2027))
    build = time.perf_counter() - began

    rng = random.Random(20261125)
    first, span = dt.date(2021, 1, 1).toordinal(), 365 * 6 - 30
    starts = [dt.date.fromordinal(first + rng.randrange(span)) for _ in range(calls)]
    counts = [rng.choice((1, 5, 5, 5, 10)) for _ in range(calls)]
    moments = [
        dt.datetime.combine(d, dt.time(rng.randrange(24), rng.randrange(60)), dt.UTC)
        for d in starts[:100_000]
    ]

    began = time.perf_counter()
    for start, n in zip(starts, counts, strict=True):
        add_workdays(cal, start, n)
    dates = time.perf_counter() - began

    began = time.perf_counter()
    for moment, n in zip(moments, counts, strict=False):
        add_workdays(cal, moment, n)
    aware = (time.perf_counter() - began) / len(moments) * calls

    began = time.perf_counter()
    for start, n in zip(starts, counts, strict=True):
        workdays_between(cal, start, start + dt.timedelta(days=n))
    between = time.perf_counter() - began

    began = time.perf_counter()
    for start in starts[:100_000]:
        remaining_workdays(cal, start, start + dt.timedelta(days=9))
    remaining = (time.perf_counter() - began) / 100_000 * calls

    sample = 100_000
    began = time.perf_counter()
    for start, n in zip(starts[:sample], counts[:sample], strict=True):
        walk(cal, start, n)
    walking = (time.perf_counter() - began) / sample * calls

    print(f"calendar build (2021-2026): {build * 1000:.1f} ms")
    print(
        f"{calls:,} add_workdays(date, n in 1/5/10): {dates:.2f} s ({dates / calls * 1e6:.2f} us/call)"
    )
    print(
        f"{calls:,} add_workdays(aware datetime -> Shanghai date): {aware:.2f} s (extrapolated from 100,000)"
    )
    print(f"{calls:,} workdays_between: {between:.2f} s")
    print(f"{calls:,} remaining_workdays: {remaining:.2f} s (extrapolated from 100,000)")
    print(
        f"{calls:,} day-by-day walk for comparison: {walking:.2f} s (extrapolated from {sample:,})"
    )


if __name__ == "__main__":
    main()
