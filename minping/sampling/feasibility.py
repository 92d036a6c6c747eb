"""Pre-draw check: every stratum that cannot be filled is named before anything is drawn.

People with the same set of eligible strata form a *type*; the check runs a max-flow
from types to strata (tiny: a few hundred nodes even for a million rows), so it is
exact: when it passes, some assignment fills every seat with each person used once.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from .eligibility import eligible
from .model import DrawSpec, Person, Quota, Shortfall


@dataclass(frozen=True, slots=True)
class Types:
    """People grouped by the strata they are eligible for (indices into ``quotas``)."""

    quotas: tuple[Quota, ...]
    members: dict[frozenset[int], list[str]]


def canonical_quotas(quotas: Sequence[Quota], *, main_first: bool = True) -> tuple[Quota, ...]:
    """Strata in the documented order: main venue first (when ``main_first``), then by
    session, district and category.  Duplicated strata are refused."""
    seen: set[tuple[int, str, str, str]] = set()
    for q in quotas:
        if q.key in seen:
            raise ValueError(f"duplicate stratum {q.key}")
        if q.seats < 0 or q.reserves < 0:
            raise ValueError(f"negative count in stratum {q.key}")
        if (q.venue == "main") != (q.district is None):
            raise ValueError(f"main venue has no district, a branch needs one: {q.key}")
        seen.add(q.key)

    def order(q: Quota) -> tuple[int, int, str, str, str]:
        venue_rank = (0 if q.venue == "main" else 1) if main_first else 0
        return (venue_rank, q.session, q.venue, q.district or "", q.category)

    return tuple(sorted(quotas, key=order))


def check_rows(people: Sequence[Person]) -> None:
    """Refuse a frame with a repeated ``(pid, category)`` row."""
    key = attrgetter("pid", "category")
    keys = set(map(key, people))
    if len(keys) == len(people):
        return
    seen: set[tuple[str, str]] = set()
    for p in people:
        if key(p) in seen:
            raise ValueError(f"row repeated in the frame: pid {p.pid} category {p.category}")
        seen.add(key(p))


def group_types(people: Sequence[Person], quotas: tuple[Quota, ...]) -> Types:
    """Group pids by the set of strata (over all their rows) they may fill."""
    by_category: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotas):
        by_category[q.category].append(i)
    # Eligibility depends only on these fields: compute it once per distinct profile.
    profiles: dict[tuple[Any, ...], frozenset[int]] = {}
    sets: dict[str, set[int]] = defaultdict(set)
    profile_of = attrgetter(
        "category", "district", "is_volunteer", "venue_pref", "session_pref", "flexibility"
    )
    for p in people:
        profile = profile_of(p)
        fits = profiles.get(profile)
        if fits is None:
            fits = frozenset(i for i in by_category.get(p.category, ()) if eligible(p, quotas[i]))
            profiles[profile] = fits
        if fits:
            sets[p.pid].update(fits)
    members: dict[frozenset[int], list[str]] = defaultdict(list)
    for pid, idx in sets.items():
        if idx:
            members[frozenset(idx)].append(pid)
    # Canonical order (types by their strata, members by pid): the input order never matters.
    ordered = sorted(members.items(), key=lambda item: sorted(item[0]))
    return Types(quotas, {key: sorted(pids) for key, pids in ordered})


def _scope(q: Quota) -> str:
    where = "main" if q.venue == "main" else f"branch {q.district}"
    return f"session {q.session} · {where} · {q.category}"


def _max_flow_cut(types: Types, demand: Sequence[int]) -> tuple[int, set[int]]:
    """Max-flow types → strata; returns the flow and the strata NOT reachable from the
    source in the residual graph: when the flow falls short they need more people
    than are eligible for any of them (a Hall violator, from the minimum cut)."""
    keys = list(types.members)
    nt, nq = len(keys), len(types.quotas)
    source, sink = nt + nq, nt + nq + 1
    cap: dict[tuple[int, int], int] = defaultdict(int)
    adj: dict[int, set[int]] = defaultdict(set)

    def edge(a: int, b: int, c: int) -> None:
        cap[(a, b)] += c
        adj[a].add(b)
        adj[b].add(a)

    total = sum(demand)
    for t, key in enumerate(keys):
        edge(source, t, len(types.members[key]))
        for qi in key:
            edge(t, nt + qi, total)
    for qi in range(nq):
        edge(nt + qi, sink, demand[qi])

    flow = 0
    while True:
        parent = {source: source}
        queue = deque([source])
        while queue and sink not in parent:
            a = queue.popleft()
            for b in adj[a]:
                if b not in parent and cap[(a, b)] > 0:
                    parent[b] = a
                    queue.append(b)
        if sink not in parent:
            reached = {n - nt for n in parent if nt <= n < nt + nq}
            return flow, set(range(nq)) - reached
        path, b = [], sink
        while b != source:
            path.append((parent[b], b))
            b = parent[b]
        push = min(cap[e] for e in path)
        for a, b in path:
            cap[(a, b)] -= push
            cap[(b, a)] += push
        flow += push


def check_feasibility_types(types: Types) -> list[Shortfall]:
    """:func:`check_feasibility` on already grouped people."""
    quotas = types.quotas
    counts = [0] * len(quotas)
    for key, pids in types.members.items():
        for qi in key:
            counts[qi] += len(pids)
    found: list[Shortfall] = []
    for qi, q in enumerate(quotas):
        if counts[qi] < q.seats:
            found.append(Shortfall(_scope(q), q.seats, counts[qi], "seats", q))
        elif counts[qi] < q.seats + q.reserves:
            found.append(Shortfall(_scope(q), q.seats + q.reserves, counts[qi], "reserves", q))
    for kind, demand in (
        ("seats", [q.seats for q in quotas]),
        ("reserves", [q.seats + q.reserves for q in quotas]),
    ):
        if any(s.kind == "seats" for s in found) or (kind == "reserves" and found):
            break
        flow, short = _max_flow_cut(types, demand)
        if flow < sum(demand):
            needed = sum(demand[qi] for qi in short)
            available = sum(len(pids) for key, pids in types.members.items() if key & short)
            scope = " + ".join(_scope(quotas[qi]) for qi in sorted(short))
            found.append(Shortfall(scope, needed, available, kind))  # type: ignore[arg-type]  # one of the two literals
    return found


def check_feasibility(people: Sequence[Person], spec: DrawSpec) -> list[Shortfall]:
    """Strata (or groups of strata sharing people) with fewer people than they need.

    Each stratum is checked on its own first (``scope`` names it); when each is fine on
    its own, a max-flow finds any group of strata that compete for too few people and
    reports it as one shortfall naming all of them.  ``"seats"`` shortfalls block the
    draw; ``"reserves"`` ones are warnings.
    """
    check_rows(people)
    return check_feasibility_types(group_types(people, canonical_quotas(spec.quotas)))
