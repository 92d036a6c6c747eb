"""The duty rota as a pure computation: who answers the mayor hotline on which working day.

No Django import: the app passes plain days, slots and people and stores the result.

The algorithm (documented in docs/hotline.md) is deterministic and works pool by pool
(city leaders and department heads never mix):

1. Walk the duties in time order (day, then slot). For each seat of the pool on that duty,
   pick among the *eligible* people (available that day and not already on a duty that day)
   the one with the fewest duties so far, then the one who served longest ago, then the
   one first in the office's order. With nobody eligible the seat stays empty (a gap the
   office must fill by hand).
2. Repair: while some person ``p`` has at least two duties more than some ``q`` and one of
   ``p``'s duties could be handed to ``q`` (``q`` eligible that day), hand the latest such
   duty over. Each move lowers the sum of squared counts, so this ends.

Guarantee: with no unavailable dates, the counts within a pool differ by at most one.
With unavailable dates, a person has two or more duties fewer than another only when they
are unavailable (or already on duty) on every day of that other person's duties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    """Someone who can be put on duty; ``key`` is the caller's id, ``unavailable`` days off."""

    key: int
    unavailable: frozenset[dt.date] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Pool:
    """A group that fills its own seats: ``per_duty`` people on every duty."""

    name: str
    people: tuple[Person, ...]
    per_duty: int = 1


@dataclass(frozen=True, order=True)
class Seat:
    """One place on one duty: the day, the slot index of that day, the pool and position."""

    day: dt.date
    slot: int
    pool: str
    position: int


@dataclass(frozen=True)
class Plan:
    """The result: a person key (or None for a gap) for every seat, in time order."""

    seats: tuple[tuple[Seat, int | None], ...]

    def person_at(self, seat: Seat) -> int | None:
        return dict(self.seats)[seat]

    def counts(self, pool: str) -> dict[int, int]:
        """Duties per person key of ``pool`` (seats left empty are not counted)."""
        result: dict[int, int] = {}
        for seat, key in self.seats:
            if seat.pool == pool and key is not None:
                result[key] = result.get(key, 0) + 1
        return result

    @property
    def gaps(self) -> tuple[Seat, ...]:
        return tuple(seat for seat, key in self.seats if key is None)


def working_days(
    first: dt.date, last: dt.date, is_workday: Callable[[dt.date], bool]
) -> list[dt.date]:
    """Every day from ``first`` to ``last`` (inclusive) for which ``is_workday(day)`` holds."""
    days: list[dt.date] = []
    day = first
    while day <= last:
        if is_workday(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def plan_rota(days: Sequence[dt.date], slots: int, pools: Iterable[Pool]) -> Plan:
    """Fills ``slots`` duties on each of ``days`` from every pool; see the module docstring."""
    ordered_days = sorted(set(days))
    result: dict[Seat, int | None] = {}
    for pool in pools:
        result.update(_plan_pool(ordered_days, slots, pool))
    return Plan(tuple(sorted(result.items(), key=lambda item: item[0])))


def _plan_pool(days: Sequence[dt.date], slots: int, pool: Pool) -> dict[Seat, int | None]:
    order = {person.key: i for i, person in enumerate(pool.people)}
    off = {person.key: person.unavailable for person in pool.people}
    count = dict.fromkeys(order, 0)
    last = dict.fromkeys(order, -1)
    busy: dict[dt.date, set[int]] = {}
    seats: dict[Seat, int | None] = {}
    sequence = 0
    for day in days:
        on_day = busy.setdefault(day, set())
        for slot in range(slots):
            sequence += 1
            for position in range(pool.per_duty):
                eligible = [k for k in order if day not in off[k] and k not in on_day]
                seat = Seat(day, slot, pool.name, position)
                if not eligible:
                    seats[seat] = None
                    continue
                chosen = min(eligible, key=lambda k: (count[k], last[k], order[k]))
                seats[seat] = chosen
                count[chosen] += 1
                last[chosen] = sequence
                on_day.add(chosen)
    _repair(seats, count, off, busy, order)
    return seats


def _repair(
    seats: dict[Seat, int | None],
    count: dict[int, int],
    off: Mapping[int, frozenset[dt.date]],
    busy: dict[dt.date, set[int]],
    order: Mapping[int, int],
) -> None:
    """Moves duties from the busiest to the least busy while a single move is possible."""
    moved = True
    while moved:
        moved = False
        busiest = sorted(order, key=lambda k: (-count[k], order[k]))
        idlest = sorted(order, key=lambda k: (count[k], order[k]))
        for p in busiest:
            for q in idlest:
                if count[p] - count[q] < 2:
                    break
                seat = _movable_seat(seats, p, q, off, busy)
                if seat is None:
                    continue
                seats[seat] = q
                busy[seat.day].discard(p)
                busy[seat.day].add(q)
                count[p] -= 1
                count[q] += 1
                moved = True
                break
            if moved:
                break


def _movable_seat(
    seats: Mapping[Seat, int | None],
    p: int,
    q: int,
    off: Mapping[int, frozenset[dt.date]],
    busy: Mapping[dt.date, set[int]],
) -> Seat | None:
    """The latest of ``p``'s seats that ``q`` could take, or None."""
    for seat in sorted((s for s, k in seats.items() if k == p), reverse=True):
        if seat.day not in off[q] and q not in busy[seat.day]:
            return seat
    return None


def may_take(person: Person, day: dt.date, busy_keys: Iterable[int]) -> bool:
    """Whether ``person`` can be put on a duty on ``day`` (not off, not already on duty)."""
    return day not in person.unavailable and person.key not in set(busy_keys)


def expand_ranges(ranges: Iterable[tuple[dt.date, dt.date]]) -> frozenset[dt.date]:
    """Every date of the inclusive ``(start, end)`` ranges."""
    days: set[dt.date] = set()
    for start, end in ranges:
        day = start
        while day <= end:
            days.add(day)
            day += dt.timedelta(days=1)
    return frozenset(days)
