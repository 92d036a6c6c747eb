"""Results of a session recomputed from its ballots: the numbers departments are judged by.

All arithmetic is exact (integers and fractions); figures are rounded half up only when
written, so any correct implementation of docs/tally-export.md gets the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from minping.tally.design import design_problems
from minping.tally.model import (
    SCHEMA_VERSION,
    Ballot,
    BallotDesign,
    BallotStatus,
    Cell,
    ConversionBasis,
    ConversionKind,
    DepartmentResult,
    QuestionResult,
    Results,
    Scale,
    ScaleKind,
    VenueSeal,
    VenueTotals,
)


def fmt(value: Fraction, places: int) -> str:
    """``value`` (>= 0) rounded half up to ``places`` decimals, as a string."""
    scaled = value * 10**places
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    if places == 0:
        return str(whole)
    digits = str(whole).rjust(places + 1, "0")
    return f"{digits[:-places]}.{digits[-places:]}"


@dataclass
class _Acc:
    """Integer accumulators of one cell; the ballot score is ``points / unit`` per answer."""

    answers: int = 0
    unanswered: int = 0
    satisfied: int = 0
    points: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    raw: Counter[str] = field(default_factory=Counter)  # criterion key -> sum of values

    def add(self, other: _Acc) -> None:
        self.answers += other.answers
        self.unanswered += other.unanswered
        self.satisfied += other.satisfied
        self.points += other.points
        self.counts.update(other.counts)
        self.raw.update(other.raw)


class _Scorer:
    """Turns one answer into integer points (score = points / unit) and a satisfied flag."""

    def __init__(self, scale: Scale) -> None:
        self.scale = scale
        self.kind = scale.kind
        span = scale.high - scale.low
        at = Fraction(scale.satisfied_at)
        if self.kind is ScaleKind.CHOICES:
            self.unit = 1
            self.weights = {c.key: c.weight for c in scale.choices}
            self.happy = {c.key for c in scale.choices if c.satisfied}
        elif self.kind is ScaleKind.SCORE:
            # score = 100 * (v - low) / span
            self.unit = span
        else:
            self.total_weight = sum(c.weight for c in scale.criteria)
            self.crit = [(c.key, c.weight) for c in scale.criteria]
            self.unit = span * self.total_weight
        # satisfied <=> 100 * points >= at * unit (integer compare after scaling by at's denominator)
        self.at_num = at.numerator
        self.at_den = at.denominator

    def finish_choices(self, acc: _Acc) -> None:
        """Fill answers, points and satisfied of a "choices" cell from its counts."""
        acc.answers = sum(acc.counts.values())
        acc.points = sum(n * self.weights[k] for k, n in acc.counts.items())
        acc.satisfied = sum(n for k, n in acc.counts.items() if k in self.happy)

    def add(self, acc: _Acc, value: Any) -> None:
        """Add one "score" or "criteria" answer ("choices" cells only count, see above)."""
        acc.answers += 1
        low = self.scale.low
        if self.kind is ScaleKind.SCORE:
            pts = 100 * (value - low)
        else:
            pts = 0
            for key, weight in self.crit:
                v = value[key]
                acc.raw[key] += v
                pts += 100 * weight * (v - low)
        acc.points += pts
        if pts * self.at_den >= self.at_num * self.unit:
            acc.satisfied += 1

    def score(self, acc: _Acc) -> Fraction:
        return Fraction(acc.points, acc.answers * self.unit)

    def rate(self, acc: _Acc) -> Fraction:
        return Fraction(100 * acc.satisfied, acc.answers)


def _cell(acc: _Acc, scorer: _Scorer, design: BallotDesign, suppressed: bool) -> Cell:
    if suppressed:
        return Cell(suppressed=True)
    places = design.places
    kind = design.scale.kind
    return Cell(
        suppressed=False,
        answers=acc.answers,
        unanswered=acc.unanswered,
        counts={c.key: acc.counts[c.key] for c in design.scale.choices}
        if kind is ScaleKind.CHOICES
        else None,
        satisfaction_rate=fmt(scorer.rate(acc), places),
        weighted_score=fmt(scorer.score(acc), places),
        criteria={
            c.key: fmt(Fraction(acc.raw[c.key], acc.answers), places) for c in design.scale.criteria
        }
        if kind is ScaleKind.CRITERIA
        else None,
    )


def _suppressed_venues(sizes: Mapping[str, int], threshold: int, total_hidden: bool) -> set[str]:
    """Venue cells to suppress: the small ones, then more until they hide >= threshold answers.

    Without the second step the overall minus the published venues would give away a
    single small venue. When the overall itself is hidden nothing can be subtracted, and
    venues with no answers at all reveal nothing (their count is public anyway).
    """
    hidden = {v for v, n in sizes.items() if n < threshold}
    if total_hidden or not hidden:
        return hidden
    rest = sorted((n, v) for v, n in sizes.items() if v not in hidden)
    while rest and 0 < sum(sizes[v] for v in hidden) < threshold:
        hidden.add(rest.pop(0)[1])
    return hidden


def _question_counts(item_options: Sequence[str], acc: _Acc) -> _Acc:
    if item_options:
        acc.counts = Counter({k: acc.counts[k] for k in item_options})
    return acc


@dataclass
class _Tally:
    """Per venue accumulators of one pass over the ballots."""

    cells: dict[str, dict[str, _Acc]]  # venue -> department -> acc
    qcells: dict[str, dict[str, _Acc]]  # venue -> questionnaire item -> acc
    statuses: dict[str, Counter[BallotStatus]]
    total: int = 0


def _accumulate(design: BallotDesign, scorer: _Scorer, ballots: Iterable[Ballot]) -> _Tally:
    venue_ids = [v.id for v in design.venues]
    dept_ids = [d.id for d in design.departments]
    text_items = {q.id for q in design.questionnaire if not q.options}
    tally = _Tally(
        cells={v: {d: _Acc() for d in dept_ids} for v in venue_ids},
        qcells={v: {q.id: _Acc() for q in design.questionnaire} for v in venue_ids},
        statuses={v: Counter() for v in venue_ids},
    )
    choices = design.scale.kind is ScaleKind.CHOICES
    # Hot loop (a million ballots): plain dict counting, figures derived afterwards.
    counts = {v: {d: tally.cells[v][d].counts for d in dept_ids} for v in venue_ids}
    qcounts = {v: {q: acc.counts for q, acc in tally.qcells[v].items()} for v in venue_ids}
    valid = BallotStatus.VALID
    for ballot in ballots:
        tally.total += 1
        venue = ballot.venue
        tally.statuses[venue][ballot.status] += 1
        if ballot.status is not valid:
            continue
        if choices:
            row = counts[venue]
            for dept, value in ballot.answers.items():
                row[dept][value] += 1  # type: ignore[index]  # a choice key on this scale
        else:
            cells = tally.cells[venue]
            for dept, value in ballot.answers.items():
                scorer.add(cells[dept], value)
        qrow = qcounts[venue]
        for item, answer in ballot.questionnaire.items():
            if answer != "":
                qrow[item]["" if item in text_items else answer] += 1
    for venue in venue_ids:
        valid_here = tally.statuses[venue][valid]
        for acc in tally.cells[venue].values():
            if choices:
                scorer.finish_choices(acc)
            acc.unanswered = valid_here - acc.answers
        for item, acc in tally.qcells[venue].items():
            acc.answers = sum(acc.counts.values())
            acc.unanswered = valid_here - acc.answers
            if item in text_items:
                acc.counts = Counter()
    return tally


def _venue_totals(
    design: BallotDesign, tally: _Tally, seals: Sequence[VenueSeal]
) -> tuple[VenueTotals, ...]:
    issued = {s.venue: s.issued for s in seals}
    out = []
    for venue in design.venues:
        sc = tally.statuses[venue.id]
        returned = sum(sc.values())
        iss = issued.get(venue.id, returned)
        out.append(
            VenueTotals(
                venue=venue.id,
                issued=iss,
                returned=returned,
                valid=sc[BallotStatus.VALID],
                blank=sc[BallotStatus.BLANK],
                invalid=sc[BallotStatus.INVALID],
                unused=iss - returned,
            )
        )
    return tuple(out)


def _points(design: BallotDesign, rank: int, score: Fraction, rate: Fraction) -> str:
    conv = design.conversion
    if conv.kind is ConversionKind.RANK:
        table = conv.rank_points
        return fmt(Fraction(table[rank - 1]) if rank <= len(table) else Fraction(0), design.places)
    basis = score if conv.basis is ConversionBasis.WEIGHTED_SCORE else rate
    floor = Fraction(conv.floor)
    share = min(max((basis - floor) / (100 - floor), Fraction(0)), Fraction(1))
    return fmt(Fraction(conv.max_points) * share, design.places)


def _department_results(
    design: BallotDesign, scorer: _Scorer, tally: _Tally
) -> tuple[tuple[DepartmentResult, ...], dict[str, _Acc]]:
    threshold = design.min_cell
    venue_ids = [v.id for v in design.venues]
    dept_ids = [d.id for d in design.departments]
    overall: dict[str, _Acc] = {}
    for d in dept_ids:
        overall[d] = _Acc()
        for v in venue_ids:
            overall[d].add(tally.cells[v][d])
    ranked = [d for d in dept_ids if overall[d].answers >= threshold]
    keys = {d: (scorer.score(overall[d]), scorer.rate(overall[d])) for d in ranked}
    ranks = {d: 1 + sum(1 for e in ranked if keys[e] > keys[d]) for d in ranked}
    out = []
    for d in dept_ids:
        hidden = _suppressed_venues(
            {v: tally.cells[v][d].answers for v in venue_ids}, threshold, d not in ranks
        )
        out.append(
            DepartmentResult(
                department=d,
                overall=_cell(overall[d], scorer, design, d not in ranks),
                venues={
                    v: _cell(tally.cells[v][d], scorer, design, v in hidden) for v in venue_ids
                },
                rank=ranks.get(d),
                points=_points(design, ranks[d], *keys[d]) if d in ranks else None,
            )
        )
    return tuple(out), overall


def _question_results(design: BallotDesign, tally: _Tally) -> tuple[QuestionResult, ...]:
    venue_ids = [v.id for v in design.venues]
    out = []
    for item in design.questionnaire:
        options = [o.key for o in item.options]
        acc = _Acc()
        for v in venue_ids:
            _question_counts(options, tally.qcells[v][item.id])
            acc.add(tally.qcells[v][item.id])
        _question_counts(options, acc)
        hidden_total = acc.answers < design.min_cell
        hidden = _suppressed_venues(
            {v: tally.qcells[v][item.id].answers for v in venue_ids},
            design.min_cell,
            hidden_total,
        )
        out.append(
            QuestionResult(
                item=item.id,
                overall=_question_cell(acc, bool(options), hidden_total),
                venues={
                    v: _question_cell(tally.qcells[v][item.id], bool(options), v in hidden)
                    for v in venue_ids
                },
            )
        )
    return tuple(out)


def _group_cells(
    design: BallotDesign, scorer: _Scorer, overall: Mapping[str, _Acc]
) -> dict[str, Cell]:
    """One pooled cell per 述职分组.

    A group is hidden when its members with a suppressed result hold fewer than
    ``min_cell`` answers together: the group minus the published members would give
    them away.
    """
    threshold = design.min_cell
    groups: dict[str, Cell] = {}
    for name in dict.fromkeys(dep.group for dep in design.departments if dep.group):
        acc = _Acc()
        hidden = 0
        for dep in design.departments:
            if dep.group == name:
                member = overall[dep.id]
                acc.add(member)
                if member.answers < threshold:
                    hidden += member.answers
        suppressed = acc.answers < threshold or 0 < hidden < threshold
        groups[name] = _cell(acc, scorer, design, suppressed)
    return groups


def compute_results(
    design: BallotDesign, ballots: Iterable[Ballot], seals: Sequence[VenueSeal] = ()
) -> Results:
    """Tally ``ballots`` under ``design``; independent of the order of ``ballots``.

    Per department: counts per choice, satisfaction rate, weighted score, per venue and
    overall, rank and annual-assessment points; per 述职分组 a pooled cell; per
    questionnaire item the option counts. Any cell with fewer than ``design.min_cell``
    answers is suppressed (no figures), and enough further venue cells are suppressed
    that no suppressed figure can be recovered by subtraction. ``seals`` supply the
    issued counts of the venue totals (taken as equal to returned when absent).
    Ballots must fit the design (:func:`check_ballot`); a ballot naming an unknown venue
    raises ``KeyError``. A design with problems (:func:`design_problems`) raises
    ``ValueError``.
    """
    problems = design_problems(design)
    if problems:
        raise ValueError(" ".join(problems))
    scorer = _Scorer(design.scale)
    tally = _accumulate(design, scorer, ballots)
    venues = _venue_totals(design, tally, seals)
    departments, overall = _department_results(design, scorer, tally)
    return Results(
        schema=SCHEMA_VERSION,
        campaign=design.campaign,
        session=design.session,
        ballots=tally.total,
        valid=sum(vt.valid for vt in venues),
        venues=venues,
        departments=departments,
        groups=_group_cells(design, scorer, overall),
        questionnaire=_question_results(design, tally),
    )


def _question_cell(acc: _Acc, with_options: bool, suppressed: bool) -> Cell:
    if suppressed:
        return Cell(suppressed=True)
    return Cell(
        suppressed=False,
        answers=acc.answers,
        unanswered=acc.unanswered,
        counts=dict(acc.counts) if with_options else None,
    )


CELL_FIELDS = (
    "answers",
    "unanswered",
    "counts",
    "satisfaction_rate",
    "weighted_score",
    "criteria",
)


def cell_to_dict(cell: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {"suppressed": cell.suppressed}
    for name in CELL_FIELDS:
        value = getattr(cell, name)
        if value is not None:
            out[name] = dict(value) if isinstance(value, Mapping) else value
    return out


def results_to_dict(results: Results) -> dict[str, Any]:
    """The results as a JSON-ready dict (the shape of ``results.json``)."""
    return {
        "schema": results.schema,
        "campaign": results.campaign,
        "session": results.session,
        "ballots": results.ballots,
        "valid": results.valid,
        "venues": [
            {
                "venue": v.venue,
                "issued": v.issued,
                "returned": v.returned,
                "valid": v.valid,
                "blank": v.blank,
                "invalid": v.invalid,
                "unused": v.unused,
            }
            for v in results.venues
        ],
        "departments": [
            {
                "department": d.department,
                "overall": cell_to_dict(d.overall),
                "venues": {k: cell_to_dict(c) for k, c in d.venues.items()},
                "rank": d.rank,
                "points": d.points,
            }
            for d in results.departments
        ],
        "groups": {k: cell_to_dict(c) for k, c in results.groups.items()},
        "questionnaire": [
            {
                "item": q.item,
                "overall": cell_to_dict(q.overall),
                "venues": {k: cell_to_dict(c) for k, c in q.venues.items()},
            }
            for q in results.questionnaire
        ],
    }


def dumps_pretty(obj: Any) -> bytes:
    """The export's readable JSON form: sorted keys, indent 1, UTF-8, trailing newline."""
    return (json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode()


def results_bytes(results: Results) -> bytes:
    """``results.json`` exactly: sorted keys, indent 1, UTF-8, trailing newline."""
    return dumps_pretty(results_to_dict(results))
