"""The offline verifier: recompute every hash, seal, count and result of an export."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from minping.tally.model import VerifyReport


def verify(
    directory: Path,
    *,
    expected_session_root: str | None = None,
    expected_venue_roots: Mapping[str, str] | None = None,
) -> VerifyReport:
    """Check an export byte for byte and name whatever changed.

    Recomputes each file's hash against the manifest, every ballot hash against the
    sealed list (naming each changed, missing, added or duplicated ballot by id), every
    venue root and the session root against seals.json and, when given, against the
    roots published on the bulletin board; reconciles issued / returned / blank /
    invalid per venue; recomputes results.json and results.csv byte for byte.
    """
    raise NotImplementedError
