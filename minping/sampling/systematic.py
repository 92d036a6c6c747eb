"""Systematic (等距) sampling inside each stratum, strata drawn one after another."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

from .eligibility import eligible
from .hashing import below
from .model import MAIN, Person, Quota, Seat, Shortfall, StratumReport


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


def shuffled(rng: random.Random, items: list[Person]) -> list[Person]:
    """Fisher–Yates with :func:`below`: the reserves' call order."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = below(rng, i + 1)
        out[i], out[j] = out[j], out[i]
    return out


def _seat(p: Person, q: Quota, rank: int, kind: str) -> Seat:
    return Seat(p.pid, q.session, q.venue, q.district, q.category, rank, kind)  # type: ignore[arg-type]  # kind is one of the two literals


def draw_systematic(
    people: Sequence[Person], quotas: tuple[Quota, ...], rng: random.Random
) -> tuple[list[Seat], list[Seat], list[Shortfall], dict[str, float], list[StratumReport]]:
    """Draw the strata in the given (canonical) order.

    For each stratum: the eligible people not drawn yet, in :func:`sort_key` order;
    the seats by systematic sampling from a seeded random start; then the reserves by
    systematic sampling over the rest of the pool, called in a seeded random order.
    """
    by_category: dict[str, list[Person]] = defaultdict(list)
    by_cell: dict[tuple[str, str | None], list[Person]] = defaultdict(list)
    for p in people:
        by_category[p.category].append(p)
        by_cell[(p.category, p.district)].append(p)
    for rows in (*by_category.values(), *by_cell.values()):
        rows.sort(key=sort_key)

    used: set[str] = set()
    selected: list[Seat] = []
    reserves: list[Seat] = []
    shortfalls: list[Shortfall] = []
    rates: dict[str, float] = {}
    strata: list[StratumReport] = []
    for q in quotas:
        rows = by_category[q.category] if q.venue == MAIN else by_cell[(q.category, q.district)]
        pool = [p for p in rows if p.pid not in used and eligible(p, q)]
        if len(pool) < q.seats + q.reserves:
            kind = "seats" if len(pool) < q.seats else "reserves"
            where = "main" if q.venue == MAIN else f"branch {q.district}"
            shortfalls.append(
                Shortfall(
                    f"session {q.session} · {where} · {q.category}",
                    q.seats + (q.reserves if kind == "reserves" else 0),
                    len(pool),
                    kind,  # type: ignore[arg-type]  # one of the two literals
                    q,
                    "draw",
                )
            )
        picked = set(systematic_positions(rng, len(pool), q.seats))
        chosen = [pool[i] for i in sorted(picked)]
        rest = [p for i, p in enumerate(pool) if i not in picked]
        backups = [rest[i] for i in systematic_positions(rng, len(rest), q.reserves)]
        backups = shuffled(rng, backups)
        rate = q.seats / len(pool) if pool and q.seats else 0.0
        rate = min(rate, 1.0)
        strata.append(StratumReport(q, len(pool), min(picked) if picked else 0, rate))
        for rank, p in enumerate(chosen, 1):
            selected.append(_seat(p, q, rank, "selected"))
            used.add(p.pid)
            rates[p.pid] = rate
        for rank, p in enumerate(backups, 1):
            reserves.append(_seat(p, q, rank, "reserve"))
            used.add(p.pid)
            rates[p.pid] = rate
    return selected, reserves, shortfalls, rates, strata
