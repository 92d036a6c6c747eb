"""Writing and reading the tallier's export directory (see docs/tally-export.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from minping.tally.model import Ballot, BallotDesign, Export, Manifest, VenueSeal


class ExportError(Exception):
    """The export cannot be read at all (missing manifest, unreadable JSON)."""


def seal_venue(venue: str, ballots: Iterable[Ballot], *, issued: int) -> VenueSeal:
    """Seal one venue: count returned / blank / invalid and compute the root over its ballots."""
    raise NotImplementedError


def write_export(
    directory: Path,
    design: BallotDesign,
    seals: Sequence[VenueSeal],
    ballots: Iterable[Ballot],
) -> Manifest:
    """Write design.json, seals.json, ballots.jsonl, ballots.csv, results.json, results.csv
    and manifest.json into ``directory`` (created if needed); ballots in canonical order.

    The seals are the app's records made at sealing time: the export does not recompute
    them, so a ballot changed after sealing shows up when :func:`verify` runs.
    """
    raise NotImplementedError


def read_export(directory: Path) -> Export:
    """Read an export back; raises :class:`ExportError` when a file cannot be parsed."""
    raise NotImplementedError
