"""Small designs and ballots for the tally tests (synthetic; no real person anywhere)."""

from __future__ import annotations

import random
from collections.abc import Mapping
from decimal import Decimal

from minping.tally import (
    Ballot,
    BallotDesign,
    BallotStatus,
    Conversion,
    ConversionKind,
    Criterion,
    DepartmentRef,
    Option,
    QuestionItem,
    Scale,
    ScaleKind,
    VenueRef,
    default_scale,
)

VENUES = (VenueRef("V0", "主会场", True), VenueRef("V1", "东胜区"), VenueRef("V2", "康巴什区"))
DEPARTMENTS = (
    DepartmentRef("D01", "市发展和改革委员会", "第一组"),
    DepartmentRef("D02", "市财政局", "第一组"),
    DepartmentRef("D03", "市商务局", "第一组"),
)
QUESTIONNAIRE = (
    QuestionItem("Q1", "会场是否有拉票行为", (Option("yes", "是"), Option("no", "否"))),
    QuestionItem("Q2", "其他意见"),
)


def design(
    scale: Scale | None = None,
    *,
    venues: tuple[VenueRef, ...] = VENUES,
    departments: tuple[DepartmentRef, ...] = DEPARTMENTS,
    conversion: Conversion | None = None,
    min_cell: int = 10,
    places: int = 2,
) -> BallotDesign:
    return BallotDesign(
        campaign="2025年度",
        session=1,
        title="第一场述职报告会",
        venues=venues,
        departments=departments,
        scale=scale or default_scale(),
        questionnaire=QUESTIONNAIRE,
        conversion=conversion or Conversion(),
        min_cell=min_cell,
        places=places,
    )


def score_scale() -> Scale:
    return Scale(kind=ScaleKind.SCORE, low=0, high=100, satisfied_at=Decimal(60))


def criteria_scale() -> Scale:
    return Scale(
        kind=ScaleKind.CRITERIA,
        criteria=(Criterion("work", "工作实绩", 3), Criterion("service", "服务态度", 1)),
        low=0,
        high=10,
        satisfied_at=Decimal(60),
    )


def rank_conversion(points: tuple[str, ...]) -> Conversion:
    return Conversion(kind=ConversionKind.RANK, rank_points=tuple(Decimal(p) for p in points))


_counter = 0


def ballot_id(rng: random.Random | None = None) -> str:
    """A deterministic 32-hex id (tests must be reproducible)."""
    global _counter
    if rng is not None:
        return f"{rng.getrandbits(128):032x}"
    _counter += 1
    return f"{_counter:032x}"


def ballot(
    venue: str,
    answers: Mapping[str, object],
    *,
    status: BallotStatus = BallotStatus.VALID,
    questionnaire: Mapping[str, str] | None = None,
    opinions: Mapping[str, str] | None = None,
    rng: random.Random | None = None,
) -> Ballot:
    return Ballot(
        ballot_id=ballot_id(rng),
        venue=venue,
        status=status,
        answers=dict(answers),  # type: ignore[arg-type]  # tests pass loosely typed answers
        opinions=dict(opinions or {}),
        questionnaire=dict(questionnaire or {}),
    )


def many(venue: str, count: int, answers: Mapping[str, object], **kwargs: object) -> list[Ballot]:
    return [ballot(venue, answers, **kwargs) for _ in range(count)]  # type: ignore[arg-type]


def random_ballots(rng: random.Random, count: int, d: BallotDesign | None = None) -> list[Ballot]:
    """Plausible valid / blank / invalid ballots across the venues of the default design."""
    d = d or design()
    keys = [c.key for c in d.scale.choices]
    out = []
    for _ in range(count):
        venue = rng.choice([v.id for v in d.venues])
        roll = rng.random()
        if roll < 0.03:
            out.append(ballot(venue, {}, status=BallotStatus.BLANK, rng=rng))
            continue
        status = BallotStatus.INVALID if roll < 0.05 else BallotStatus.VALID
        answers = {dep.id: rng.choice(keys) for dep in d.departments if rng.random() < 0.97}
        if not answers:
            answers = {d.departments[0].id: keys[0]}
        questionnaire = {"Q1": rng.choice(["yes", "no"])}
        if rng.random() < 0.2:
            questionnaire["Q2"] = rng.choice(["很好", "会场有点吵", "Café"])
        opinions = {d.departments[0].id: "窗口排队时间长"} if rng.random() < 0.1 else {}
        out.append(
            ballot(
                venue,
                answers,
                status=status,
                questionnaire=questionnaire,
                opinions=opinions,
                rng=rng,
            )
        )
    return out
