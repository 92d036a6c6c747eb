"""Comparing the tallier's uploaded result file with the product's own results."""

from __future__ import annotations

from minping.tally.model import Difference, Results


def read_results(data: bytes) -> Results:
    """Parse a ``results.json`` (ours or the tallier's); raises ``ValueError`` when malformed."""
    raise NotImplementedError


def compare_results(ours: Results, theirs: Results) -> list[Difference]:
    """Every figure on which the two results disagree (empty: they agree)."""
    raise NotImplementedError
