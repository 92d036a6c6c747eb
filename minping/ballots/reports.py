"""Read side: a session's sealed ballots as the tally core sees them, export, results."""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minping import tally
from minping.ballots import tallying
from minping.ballots.actions import get_or_create_design
from minping.ballots.models import Ballot, BallotBox
from minping.campaigns.models import Session


def boxes_of(session: Session) -> list[BallotBox]:
    return list(
        BallotBox.objects.filter(session=session)
        .select_related("venue")
        .order_by("-venue__kind", "venue__order")
    )


def all_sealed(session: Session) -> bool:
    boxes = boxes_of(session)
    return bool(boxes) and all(b.state == BallotBox.State.SEALED for b in boxes)


def tally_design(session: Session) -> tally.BallotDesign:
    return tallying.design_for(get_or_create_design(session), boxes_of(session))


def tally_ballots(session: Session) -> list[tally.Ballot]:
    out = []
    for row in (
        Ballot.objects.filter(box__session=session).select_related("box").iterator(chunk_size=2000)
    ):
        out.append(tallying.from_row(row, f"V{row.box.venue_id}"))
    return out


def seals(session: Session) -> list[tally.VenueSeal]:
    return [tallying.venue_seal(b) for b in boxes_of(session) if b.state == BallotBox.State.SEALED]


def session_root(session: Session) -> str:
    """The session's seal over the design digest and every venue root ("" until all sealed)."""
    if not all_sealed(session):
        return ""
    design = tally_design(session)
    roots = {tallying.venue_id(b): b.seal_root for b in boxes_of(session)}
    return tally.session_root(roots, tally.design_digest(design))


def results(session: Session) -> tally.Results:
    return tally.compute_results(tally_design(session), tally_ballots(session), seals(session))


def export_zip(session: Session) -> tuple[bytes, tally.Manifest]:
    """The tallier's export (docs/tally-export.md) as one zip file."""
    with tempfile.TemporaryDirectory(prefix="minping-export-") as tmp:
        directory = Path(tmp) / "export"
        manifest = tally.write_export(
            directory, tally_design(session), seals(session), tally_ballots(session)
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(directory.iterdir()):
                archive.write(path, f"export/{path.name}")
    return buffer.getvalue(), manifest


@dataclass(frozen=True)
class DepartmentRow:
    id: str
    name: str
    suppressed: bool
    answers: int | None
    satisfaction_rate: str | None
    weighted_score: str | None
    rank: int | None
    points: str | None
    counts: dict[str, int]


def department_rows(session: Session, res: tally.Results) -> list[DepartmentRow]:
    names = {d.id: d.name for d in tally_design(session).departments}
    rows = []
    for dept in res.departments:
        cell = dept.overall
        rows.append(
            DepartmentRow(
                id=dept.department,
                name=names.get(dept.department, dept.department),
                suppressed=cell.suppressed,
                answers=cell.answers,
                satisfaction_rate=cell.satisfaction_rate,
                weighted_score=cell.weighted_score,
                rank=dept.rank,
                points=dept.points,
                counts=dict(cell.counts or {}),
            )
        )
    return rows


def venue_rows(session: Session, res: tally.Results) -> list[dict[str, Any]]:
    """Per venue: counts, and each department's score there (None when suppressed)."""
    design = tally_design(session)
    names = {v.id: v.name for v in design.venues}
    totals = {v.venue: v for v in res.venues}
    out = []
    for venue in design.venues:
        cells = []
        for dept in res.departments:
            cell = dept.venues.get(venue.id)
            cells.append(None if cell is None or cell.suppressed else cell.weighted_score)
        out.append(
            {
                "id": venue.id,
                "name": names[venue.id],
                "totals": totals.get(venue.id),
                "cells": cells,
            }
        )
    return out
