"""Systematic (等距) sampling inside each stratum, strata drawn one after another."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from operator import attrgetter
from typing import TypeVar

from .eligibility import eligible
from .hashing import below
from .model import MAIN, Person, Quota, Seat, SeatKind, Shortfall, StratumReport

T = TypeVar("T")


def sort_key(person: Person) -> tuple[tuple[str, ...], str]:
    """The documented order inside a stratum: the frame's ``sort_key``, then ``pid``."""
    return (person.sort_key, person.pid)


def systematic_positions(rng: random.Random, pool: int, n: int) -> list[int]:
    """``n`` positions out of ``pool`` at the fractional interval ``pool / n``.

    The start is ``r / n`` with ``r`` uniform in ``[0, pool)``, so position ``i`` is
    ``(r + i * pool) // n``: exact integer arithmetic, and every unit has inclusion
    probability exactly ``n / pool``.
    """
    if n <= 0 or pool <= 0:
        return []
    if n >= pool:
        return list(range(pool))
    r = below(rng, pool)
    return [(r + i * pool) // n for i in range(n)]


def shuffled_ids(rng: random.Random, items: Sequence[T]) -> list[T]:
    """Fisher–Yates with :func:`below` (version-stable): a seeded random order."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = below(rng, i + 1)
        out[i], out[j] = out[j], out[i]
    return out


def seat(p: Person, q: Quota, rank: int, kind: SeatKind) -> Seat:
    """Place row ``p`` in stratum ``q``."""
    return Seat(p.pid, q.session, q.venue, q.district, q.category, rank, kind)


def scope(q: Quota) -> str:
    """A stratum's name in shortfall reports."""
    where = "main" if q.venue == MAIN else f"branch {q.district}"
    return f"session {q.session} · {where} · {q.category}"


def pick_reserves(rng: random.Random, q: Quota, rest: list[Person]) -> list[Seat]:
    """Reserves by systematic sampling over ``rest`` (sorted), in a seeded call order."""
    backups = [rest[i] for i in systematic_positions(rng, len(rest), q.reserves)]
    return [seat(p, q, rank, "reserve") for rank, p in enumerate(shuffled_ids(rng, backups), 1)]


Buckets = tuple[dict[str, list[Person]], dict[tuple[str, str | None], list[Person]]]


def buckets(people: Sequence[Person]) -> Buckets:
    """Rows by category and by (category, district), each in :func:`sort_key` order."""
    by_category: dict[str, list[Person]] = defaultdict(list)
    by_cell: dict[tuple[str, str | None], list[Person]] = defaultdict(list)
    for p in sorted(people, key=attrgetter("sort_key", "pid")):  # = sort_key, in C
        by_category[p.category].append(p)
        by_cell[(p.category, p.district)].append(p)
    return by_category, by_cell


def pool_for(q: Quota, rows: Buckets, used: set[str]) -> list[Person]:
    """The rows that may fill ``q`` and are not drawn yet, in :func:`sort_key` order."""
    by_category, by_cell = rows
    bucket = (
        by_category.get(q.category, [])
        if q.venue == MAIN
        else by_cell.get((q.category, q.district), [])
    )
    # Frame rows in the bucket always fit; only volunteers have choices to check.
    return [p for p in bucket if p.pid not in used and (not p.is_volunteer or eligible(p, q))]


def draw_reserves(
    rows: Buckets,
    quotas: tuple[Quota, ...],
    used: set[str],
    rng: random.Random,
) -> tuple[list[Seat], list[Shortfall]]:
    """Reserves for every stratum in order, from rows not drawn yet (``used`` grows)."""
    reserves: list[Seat] = []
    short: list[Shortfall] = []
    for q in quotas:
        if not q.reserves:
            continue
        rest = pool_for(q, rows, used)
        if len(rest) < q.reserves:
            short.append(Shortfall(scope(q), q.reserves, len(rest), "reserves", q, "draw"))
        picked = pick_reserves(rng, q, rest)
        used.update(s.pid for s in picked)
        reserves.extend(picked)
    return reserves, short


def draw_systematic(
    people: Sequence[Person], quotas: tuple[Quota, ...], rng: random.Random
) -> tuple[list[Seat], list[Seat], list[Shortfall], dict[str, float], list[StratumReport]]:
    """Draw the strata in the given (canonical) order.

    For each stratum: the eligible people not drawn yet, in :func:`sort_key` order;
    the seats by systematic sampling from a seeded random start; then the reserves by
    systematic sampling over the rest of the pool, called in a seeded random order.
    """
    rows = buckets(people)

    used: set[str] = set()
    selected: list[Seat] = []
    reserves: list[Seat] = []
    shortfalls: list[Shortfall] = []
    rates: dict[str, float] = {}
    strata: list[StratumReport] = []
    for q in quotas:
        pool = pool_for(q, rows, used)
        if len(pool) < q.seats:
            shortfalls.append(Shortfall(scope(q), q.seats, len(pool), "seats", q, "draw"))
        elif len(pool) < q.seats + q.reserves:
            shortfalls.append(
                Shortfall(scope(q), q.seats + q.reserves, len(pool), "reserves", q, "draw")
            )
        positions = systematic_positions(rng, len(pool), q.seats)
        picked = set(positions)
        rest = [p for i, p in enumerate(pool) if i not in picked]
        backups = pick_reserves(rng, q, rest)
        rate = min(q.seats / len(pool), 1.0) if pool else 0.0
        strata.append(StratumReport(q, len(pool), positions[0] if positions else 0, rate))
        for rank, i in enumerate(positions, 1):
            selected.append(seat(pool[i], q, rank, "selected"))
            used.add(pool[i].pid)
            rates[pool[i].pid] = rate
        for backup in backups:
            reserves.append(backup)
            used.add(backup.pid)
            rates[backup.pid] = rate
    return selected, reserves, shortfalls, rates, strata
