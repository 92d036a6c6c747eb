"""The sampling engine (抽样): a pure core without Django.

Plain functions over the frozen dataclasses of :mod:`minping.sampling.model`.  The
``selection`` app turns its frames, volunteers and quotas into :class:`Person` and
:class:`Quota` rows, calls :func:`check_feasibility` then :func:`draw`, stores the
:class:`DrawResult` and can :func:`export_frame` it for ``python -m minping.sampling
verify``.  See ``docs/sampling.md``.
"""

from __future__ import annotations

from .draw import draw
from .eligibility import eligible
from .export import Verdict, export_frame, load_frame, load_spec, verify
from .feasibility import canonical_quotas, check_feasibility
from .hashing import check_commitment, commit, derive_rng, frame_hash, new_seed
from .model import (
    BRANCH,
    MAIN,
    DrawResult,
    DrawSpec,
    Flexibility,
    Method,
    Person,
    Quota,
    Seat,
    Shortfall,
    StratumReport,
    Venue,
)

__all__ = [
    "BRANCH",
    "MAIN",
    "DrawResult",
    "DrawSpec",
    "Flexibility",
    "Method",
    "Person",
    "Quota",
    "Seat",
    "Shortfall",
    "StratumReport",
    "Venue",
    "Verdict",
    "canonical_quotas",
    "check_commitment",
    "check_feasibility",
    "commit",
    "derive_rng",
    "draw",
    "eligible",
    "export_frame",
    "frame_hash",
    "load_frame",
    "load_spec",
    "new_seed",
    "verify",
]
