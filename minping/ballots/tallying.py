"""Adapters between the ballots models and the pure tally core (``minping.tally``).

The core does the hashing, sealing, export and results; this module only turns rows into
its dataclasses. Venue ids in the tally are ``V<venue pk>``, department ids ``D<pk>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from minping.ballots.models import Ballot, BallotBox, BallotDesign
from minping.tally import model as t


def venue_id(box: BallotBox) -> str:
    return f"V{box.venue_id}"


def design_for(design: BallotDesign, boxes: Iterable[BallotBox]) -> t.BallotDesign:
    session = design.session
    group = session.group.name if session.group else ""
    scale = t.Scale(
        kind=t.ScaleKind(design.scale),
        choices=tuple(
            t.Choice(str(c["key"]), str(c["label"]), int(c["weight"]), bool(c["satisfied"]))
            for c in design.choices
        )
        if design.scale == "choices"
        else (),
        criteria=tuple(
            t.Criterion(str(c["key"]), str(c["label"]), int(c["weight"])) for c in design.criteria
        )
        if design.scale == "criteria"
        else (),
        low=0,
        high=100,
        satisfied_at=Decimal(design.satisfied_at),
    )
    return t.BallotDesign(
        campaign=f"{session.campaign.year}年度",
        session=session.number,
        title=str(session),
        venues=tuple(
            t.VenueRef(venue_id(b), b.venue.name, b.venue.is_main)
            for b in sorted(boxes, key=lambda b: (not b.venue.is_main, b.venue.order, b.venue_id))
        ),
        departments=tuple(
            t.DepartmentRef(str(d["id"]), str(d["name"]), group) for d in design.department_list()
        ),
        scale=scale,
        questionnaire=tuple(
            t.QuestionItem(
                str(q["id"]),
                str(q["text"]),
                tuple(t.Option(str(o["key"]), str(o["label"])) for o in q.get("options", [])),
            )
            for q in design.questionnaire
        ),
        conversion=t.Conversion(
            kind=t.ConversionKind.LINEAR,
            basis=t.ConversionBasis(design.conversion_basis),
            max_points=Decimal(design.points_max),
            floor=Decimal(design.points_floor),
        ),
        min_cell=10,
        places=2,
    )


def tally_ballot(
    *,
    ballot_id: str,
    venue: str,
    status: str,
    answers: dict[str, Any],
    opinions: dict[str, str],
    questionnaire: dict[str, str],
) -> t.Ballot:
    return t.Ballot(
        ballot_id=ballot_id,
        venue=venue,
        status=t.BallotStatus(status),
        answers=answers,
        opinions=opinions,
        questionnaire=questionnaire,
    )


def from_row(row: Ballot, venue: str) -> t.Ballot:
    return tally_ballot(
        ballot_id=row.pk,
        venue=venue,
        status=row.status,
        answers=row.answers,
        opinions=row.opinions,
        questionnaire=row.questionnaire,
    )


def venue_seal(box: BallotBox) -> t.VenueSeal:
    return t.VenueSeal(
        venue=venue_id(box),
        issued=box.issued,
        returned=box.returned,
        blank=box.blank,
        invalid=box.invalid,
        root=box.seal_root,
    )
