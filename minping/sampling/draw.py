"""The entry point: check, derive the generator, draw."""

from __future__ import annotations

from collections.abc import Sequence

from .feasibility import canonical_quotas, check_feasibility_types, check_rows, group_types
from .hashing import derive_rng, frame_hash
from .model import DrawResult, DrawSpec, Person
from .systematic import draw_systematic


def draw(people: Sequence[Person], spec: DrawSpec) -> DrawResult:
    """Draw representatives and reserves for every quota of ``spec`` from ``people``.

    1. Refuse repeated ``(pid, category)`` rows and malformed quotas (``ValueError``).
    2. Check feasibility (:func:`check_feasibility`); with a ``"seats"`` shortfall
       nothing is drawn and the result lists the shortfalls (``ok`` is False).
    3. Derive the generator from ``spec.seed`` and the frame hash (:func:`derive_rng`).
    4. Draw with ``spec.method``.  Each pid is drawn at most once (selected or reserve).

    The same people (in any order) and spec give the same result on any machine.
    """
    check_rows(people)
    quotas = canonical_quotas(spec.quotas, main_first=spec.main_first)
    digest = frame_hash(people)
    types = group_types(people, quotas)
    shortfalls = check_feasibility_types(types)
    if any(s.kind == "seats" for s in shortfalls):
        return DrawResult(spec.seed, digest, spec.method, (), (), tuple(shortfalls))
    rng = derive_rng(spec.seed, digest)
    if spec.method == "systematic":
        selected, reserves, late, rates, strata = draw_systematic(people, quotas, rng)
        floor = min((s.probability for s in strata if s.quota.seats), default=0.0)
        return DrawResult(
            spec.seed,
            digest,
            spec.method,
            tuple(selected),
            tuple(reserves),
            tuple(shortfalls + late),
            rates,
            tuple(strata),
            floor,
        )
    from .lottery import draw_lottery

    selected, reserves, late, probabilities, floor = draw_lottery(
        people, quotas, types, rng, leximin=spec.method == "leximin"
    )
    return DrawResult(
        spec.seed,
        digest,
        spec.method,
        tuple(selected),
        tuple(reserves),
        tuple(shortfalls + late),
        probabilities,
        (),
        floor,
    )
