"""The fair lottery: maximin / leximin selection probabilities under the quotas.

People with the same set of eligible strata (a *type*) are interchangeable, so the
optimisation runs on types, not people: ``y[t, q]`` is the expected number of type-``t``
people seated in stratum ``q``.  Constraints: every stratum gets exactly its seats,
no type gives more people than it has, and each type's selection probability
``π_t = Σ_q y[t, q] / |t|`` is at least ``z``; maximise ``z`` (maximin).  Leximin then
fixes the types whose dual multiplier is positive (their probability is ``z`` in every
optimum) and maximises the minimum of the others, until every type is fixed.

Assignments that fill the seats with each person at most once form a bipartite
b-matching polytope, which is integral, so any such ``y`` is a lottery over real
assignments; one is drawn with exactly these marginals by dependent rounding
(Gandhi, Khuller, Parthasarathy and Srinivasan, J. ACM 2006) on the type × stratum
graph, then each type's drawn count is filled by a seeded uniform choice of its
members.  Solved with SciPy's HiGHS (``scipy.optimize.linprog``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

from .feasibility import Types
from .hashing import uniform
from .model import Person, Quota, Seat, Shortfall
from .systematic import buckets, draw_reserves, seat, shuffled_ids

EPS = 1e-7
# Leximin fixes a level slightly below the optimum (relative, above the solver's
# tolerances) so the next program stays feasible.
SLACK = 1e-6


def solve_probabilities(
    types: Types, *, leximin: bool = False
) -> tuple[dict[tuple[int, int], float], dict[frozenset[int], float]]:
    """The optimal fractional assignment ``y[(type index, stratum index)]`` and each
    type's selection probability (types in ``types.members`` order)."""
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_array

    keys = list(types.members)
    sizes = [len(types.members[k]) for k in keys]
    nq = len(types.quotas)
    edges = [(t, q) for t, key in enumerate(keys) for q in sorted(key)]
    nv = len(edges) + 1  # the last variable is z
    z = nv - 1
    rows_eq: list[int] = []
    cols_eq: list[int] = []
    for e, (_t, q) in enumerate(edges):
        rows_eq.append(q)
        cols_eq.append(e)
    a_eq = coo_array(
        (np.ones(len(rows_eq)), (np.array(rows_eq), np.array(cols_eq))), shape=(nq, nv)
    )
    b_eq = np.array([float(q.seats) for q in types.quotas])
    by_type: dict[int, list[int]] = defaultdict(list)
    for e, (t, _q) in enumerate(edges):
        by_type[t].append(e)

    fixed: dict[int, float] = {}
    solution = np.zeros(nv)
    while True:
        # Per type t: Σ y ≤ |t| (capacity), and z·|t| - Σ y ≤ 0 (or -Σ y ≤ -level·|t|).
        data: list[float] = []
        rr: list[int] = []
        cc: list[int] = []
        b_ub: list[float] = []
        floor_rows: dict[int, int] = {}
        for t in range(len(keys)):
            row = len(b_ub)
            for e in by_type[t]:
                rr.append(row)
                cc.append(e)
                data.append(1.0)
            b_ub.append(float(sizes[t]))
            row = len(b_ub)
            for e in by_type[t]:
                rr.append(row)
                cc.append(e)
                data.append(-1.0)
            if t in fixed:
                b_ub.append(-fixed[t] * (1 - SLACK) * sizes[t])
            else:
                rr.append(row)
                cc.append(z)
                data.append(float(sizes[t]))
                b_ub.append(0.0)
                floor_rows[t] = row
        a_ub = coo_array((np.array(data), (np.array(rr), np.array(cc))), shape=(len(b_ub), nv))
        cost = np.zeros(nv)
        cost[z] = -1.0
        bounds = [(0.0, None)] * (nv - 1) + [(0.0, 1.0)]
        res = linprog(
            cost,
            A_ub=a_ub.tocsr(),
            b_ub=np.array(b_ub),
            A_eq=a_eq.tocsr(),
            b_eq=b_eq,
            bounds=bounds,
            method="highs",
        )
        if res.status != 0 and fixed:
            # A later leximin stage failed numerically: keep the previous optimum,
            # which already satisfies every constraint (a valid maximin lottery).
            break
        if res.status != 0:
            raise ValueError(f"the fair-lottery program has no solution: {res.message}")
        solution = res.x
        level = float(solution[z])
        if not leximin or not floor_rows:
            break
        duals = res.ineqlin.marginals
        tight = [t for t, row in floor_rows.items() if abs(duals[row]) > 1e-9]
        if not tight:  # numerically flat: fix all the remaining types at this level
            tight = list(floor_rows)
        for t in tight:
            fixed[t] = level
        if len(fixed) == len(keys):
            break
    y = {(t, q): max(float(solution[e]), 0.0) for e, (t, q) in enumerate(edges)}
    probability = {
        keys[t]: round(min(1.0, sum(y[edges[e]] for e in by_type[t]) / sizes[t]), 6)
        for t in range(len(keys))
    }
    return y, probability


def _fractional_walk(
    frac: dict[tuple[int, int], float],
) -> list[tuple[int, int]]:
    """A cycle, or a maximal path, of fractional edges (as an edge list in walk order).

    Vertices are ``("t", i)``/``("q", j)`` encoded as ints: types ``2i``, strata ``2j+1``.
    """
    adjacency: dict[int, list[tuple[int, tuple[int, int]]]] = defaultdict(list)
    for edge in sorted(frac):
        t, q = edge
        adjacency[2 * t].append((2 * q + 1, edge))
        adjacency[2 * q + 1].append((2 * t, edge))
    start = next((v for v in sorted(adjacency) if len(adjacency[v]) == 1), min(adjacency))
    seen = {start: 0}
    path: list[tuple[int, int]] = []
    vertex, came = start, None
    while True:
        step = next(((w, e) for w, e in adjacency[vertex] if e != came), None)
        if step is None:
            return path
        w, edge = step
        path.append(edge)
        if w in seen:
            return path[seen[w] :]
        seen[w] = len(path)
        vertex, came = w, edge


def dependent_round(
    y: dict[tuple[int, int], float], rng: random.Random
) -> dict[tuple[int, int], int]:
    """Round ``y`` to integers keeping every expectation, the strata's (integral) sums
    exactly and each type's sum to its floor or ceiling."""
    whole = {e: int(v + EPS) for e, v in y.items()}
    frac = {e: v - whole[e] for e, v in y.items()}
    frac = {e: v for e, v in frac.items() if EPS < v < 1 - EPS}
    while frac:
        walk = _fractional_walk(frac)
        up, down = walk[0::2], walk[1::2]
        alpha = min([1 - frac[e] for e in up] + [frac[e] for e in down])
        beta = min([frac[e] for e in up] + [1 - frac[e] for e in down])
        shift = alpha if uniform(rng) < beta / (alpha + beta) else -beta
        for e in up:
            frac[e] += shift
        for e in down:
            frac[e] -= shift
        for e in walk:
            if frac[e] <= EPS:
                del frac[e]
            elif frac[e] >= 1 - EPS:
                whole[e] += 1
                del frac[e]
    return whole


def draw_lottery(
    people: Sequence[Person],
    quotas: tuple[Quota, ...],
    types: Types,
    rng: random.Random,
    *,
    leximin: bool = False,
) -> tuple[list[Seat], list[Seat], list[Shortfall], dict[str, float], float]:
    """Draw one assignment from the maximin (or leximin) lottery, then the reserves."""
    y, by_key = solve_probabilities(types, leximin=leximin)
    keys = list(types.members)
    counts = dependent_round(y, rng)
    seated: dict[int, list[str]] = defaultdict(list)
    for t, key in enumerate(keys):
        members = shuffled_ids(rng, sorted(types.members[key]))
        taken = 0
        for qi in sorted(key):
            n = counts.get((t, qi), 0)
            seated[qi].extend(members[taken : taken + n])
            taken += n
    rows = {(p.pid, p.category): p for p in people}
    selected: list[Seat] = []
    used: set[str] = set()
    for qi, q in enumerate(quotas):
        if len(seated[qi]) != q.seats:
            raise RuntimeError(f"rounding gave {len(seated[qi])} seats for {q.key}")
        order = shuffled_ids(rng, sorted(seated[qi]))
        for rank, pid in enumerate(order, 1):
            selected.append(seat(rows[(pid, q.category)], q, rank, "selected"))
            used.add(pid)
    reserves, late = draw_reserves(buckets(people), quotas, used, rng)
    probabilities = {pid: by_key[key] for key, pids in types.members.items() for pid in pids}
    floor = min(by_key.values(), default=0.0)
    return selected, reserves, late, probabilities, floor
