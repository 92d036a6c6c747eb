"""Results of a session recomputed from its ballots: the numbers departments are judged by."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from minping.tally.model import Ballot, BallotDesign, Results, VenueSeal


def compute_results(
    design: BallotDesign, ballots: Iterable[Ballot], seals: Sequence[VenueSeal] = ()
) -> Results:
    """Tally ``ballots`` under ``design``; independent of the order of ``ballots``.

    Per department: counts per choice, satisfaction rate, weighted score, per venue and
    overall, rank and annual-assessment points; per 述职分组 a pooled cell; per
    questionnaire item the option counts. Any cell with fewer than ``design.min_cell``
    answers is suppressed (no figures), and enough further venue cells are suppressed
    that no suppressed figure can be recovered by subtraction. ``seals`` supply the
    issued counts of the venue totals (0 when absent).
    """
    raise NotImplementedError


def results_to_dict(results: Results) -> dict[str, Any]:
    """The results as a JSON-ready dict (the shape of ``results.json``)."""
    raise NotImplementedError


def results_bytes(results: Results) -> bytes:
    """``results.json`` exactly: sorted keys, indent 1, UTF-8, trailing newline."""
    raise NotImplementedError
