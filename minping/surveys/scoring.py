"""The questionnaire's scoring rule (赋分), hashes and the export's canonical form.

Pure Python, no Django: the web app and the offline verifier
(``python -m minping.surveys.verify``) run this same code, so a third party recomputes
every department's score from an export with nothing but Python.

The rule (see docs/surveys.md):
- every rating-scale question tagged to a department (or to a policy area) counts;
- an answer is *valid* when its option carries a weight (满意 100, 基本满意 80,
  不满意 0); "不了解" (no weight) and unanswered questions are not valid answers;
- score = mean of the weights of the valid answers, rounded half up to 2 decimals;
- satisfaction rate = share of valid answers whose option counts as satisfied, in %,
  rounded half up to 1 decimal;
- fewer valid answers than ``min_answers``: no score (not enough answers to judge).
Every response counts once, whatever its channel (code, open link, paper, phone).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

SCHEMA = "minping-survey-export/1"
KINDS = ("single", "multiple", "rating", "text")


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    weight: int | None = None  # None: not a valid answer for the score (e.g. 不了解)
    satisfied: bool = False


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    text: str = ""
    options: tuple[Option, ...] = ()
    required: bool = False
    max_picks: int = 0
    department: str = ""  # department id as text, "" when not tagged
    area: str = ""  # policy area, "" when not tagged


@dataclass(frozen=True)
class Target:
    """What a score is about: a department (id) or a policy area (its name)."""

    kind: str  # "department" or "area"
    id: str
    name: str


@dataclass(frozen=True)
class ScoreRow:
    target: Target
    valid: int
    excluded: int  # answered with an option that carries no weight (不了解)
    counts: dict[str, int] = field(default_factory=dict)
    score: str | None = None  # "87.25"; None when suppressed
    satisfaction_rate: str | None = None  # "91.3"
    rank: int | None = None  # among departments with a score, 1 = best

    @property
    def suppressed(self) -> bool:
        return self.score is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.target.kind,
            "id": self.target.id,
            "name": self.target.name,
            "valid": self.valid,
            "excluded": self.excluded,
            "counts": dict(sorted(self.counts.items())),
            "score": self.score,
            "satisfaction_rate": self.satisfaction_rate,
            "rank": self.rank,
        }


def _round(value: Decimal, places: str) -> str:
    return str(value.quantize(Decimal(places), rounding=ROUND_HALF_UP))


def answer_problems(questions: Sequence[Question], answers: Mapping[str, Any]) -> list[str]:
    """Why ``answers`` cannot be a response to these questions (empty when it can).

    Required questions are not checked here: a paper questionnaire with a missing answer
    still counts, as it was handed in.
    """
    problems = []
    by_key = {q.key: q for q in questions}
    for key, value in answers.items():
        question = by_key.get(key)
        if question is None:
            problems.append(f"{key}: unknown question")
            continue
        keys = {o.key for o in question.options}
        if question.kind in ("single", "rating"):
            if not isinstance(value, str) or value not in keys:
                problems.append(f"{key}: {value!r} is not an option")
        elif question.kind == "multiple":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{key}: expects a list of options")
            elif any(v not in keys for v in value) or len(set(value)) != len(value):
                problems.append(f"{key}: {value!r} has an unknown or repeated option")
            elif question.max_picks and len(value) > question.max_picks:
                problems.append(f"{key}: more than {question.max_picks} picks")
        elif not isinstance(value, str):
            problems.append(f"{key}: expects text")
    return problems


def targets(questions: Sequence[Question], names: Mapping[str, str]) -> list[Target]:
    """Departments then policy areas, in the order the questionnaire first names them."""
    departments: list[Target] = []
    areas: list[Target] = []
    for q in questions:
        if q.kind != "rating":
            continue
        if q.department and all(t.id != q.department for t in departments):
            departments.append(Target("department", q.department, names.get(q.department, "")))
        if q.area and all(t.id != q.area for t in areas):
            areas.append(Target("area", q.area, q.area))
    return departments + areas


def compute_scores(
    questions: Sequence[Question],
    responses: Iterable[Mapping[str, Any]],
    *,
    names: Mapping[str, str],
    min_answers: int,
) -> list[ScoreRow]:
    """One row per department and per policy area (see the module docstring)."""
    all_targets = targets(questions, names)
    # Per rating question: its options and the indexes of the targets it counts towards
    # (plain lists indexed by position: this loop runs answers × questions times).
    plan: list[tuple[str, dict[str, Option], list[int]]] = []
    for q in questions:
        if q.kind != "rating":
            continue
        owners = [
            i
            for i, t in enumerate(all_targets)
            if (t.kind == "department" and t.id == q.department)
            or (t.kind == "area" and t.id == q.area)
        ]
        if owners:
            plan.append((q.key, {o.key: o for o in q.options}, owners))
    n_targets = len(all_targets)
    sums = [0] * n_targets
    valid = [0] * n_targets
    satisfied = [0] * n_targets
    excluded = [0] * n_targets
    counts: list[dict[str, int]] = [{} for _t in all_targets]
    for response in responses:
        answers = response.get("answers", response)
        for key, options, owners in plan:
            value = answers.get(key)
            option = options.get(value) if isinstance(value, str) else None
            if option is None:
                continue
            for i in owners:
                counts[i][option.key] = counts[i].get(option.key, 0) + 1
                if option.weight is None:
                    excluded[i] += 1
                    continue
                valid[i] += 1
                sums[i] += option.weight
                satisfied[i] += int(option.satisfied)
    rows = []
    for i, target in enumerate(all_targets):
        n = valid[i]
        enough = n >= max(min_answers, 1)
        rows.append(
            ScoreRow(
                target=target,
                valid=n,
                excluded=excluded[i],
                counts=counts[i],
                score=_round(Decimal(sums[i]) / n, "0.01") if enough else None,
                satisfaction_rate=(
                    _round(Decimal(satisfied[i] * 100) / n, "0.1") if enough else None
                ),
            )
        )
    return _ranked(rows)


def _ranked(rows: list[ScoreRow]) -> list[ScoreRow]:
    scored = sorted(
        (r for r in rows if r.target.kind == "department" and r.score is not None),
        key=lambda r: Decimal(r.score or "0"),
        reverse=True,
    )
    ranks: dict[Target, int] = {}
    for i, row in enumerate(scored):
        previous = scored[i - 1] if i else None
        same = previous is not None and previous.score == row.score
        ranks[row.target] = ranks[previous.target] if same and previous else i + 1
    return [
        ScoreRow(
            target=r.target,
            valid=r.valid,
            excluded=r.excluded,
            counts=r.counts,
            score=r.score,
            satisfaction_rate=r.satisfaction_rate,
            rank=ranks.get(r.target),
        )
        for r in rows
    ]


# --- canonical form and hashes ------------------------------------------------------------


def canonical_bytes(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the bytes every hash of the export is taken over."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def response_record(
    response_id: str, channel: str, district: str, answers: Mapping[str, Any]
) -> dict[str, Any]:
    """One response as it appears in ``responses.jsonl`` (no code, no person, no time)."""
    return {"answers": dict(answers), "channel": channel, "district": district, "id": response_id}


def response_hash(record: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(record)).hexdigest()


def responses_root(hashes: Iterable[str]) -> str:
    """SHA-256 over the sorted response hashes, one per line: the survey's seal."""
    joined = "\n".join(sorted(hashes)) + "\n"
    return hashlib.sha256(joined.encode()).hexdigest()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- design as JSON -----------------------------------------------------------------------


def question_to_dict(q: Question) -> dict[str, Any]:
    return {
        "key": q.key,
        "kind": q.kind,
        "text": q.text,
        "required": q.required,
        "max_picks": q.max_picks,
        "department": q.department,
        "area": q.area,
        "options": [
            {"key": o.key, "label": o.label, "weight": o.weight, "satisfied": o.satisfied}
            for o in q.options
        ],
    }


def question_from_dict(data: Mapping[str, Any]) -> Question:
    return Question(
        key=str(data["key"]),
        kind=str(data["kind"]),
        text=str(data.get("text", "")),
        required=bool(data.get("required", False)),
        max_picks=int(data.get("max_picks") or 0),
        department=str(data.get("department") or ""),
        area=str(data.get("area") or ""),
        options=tuple(
            Option(
                key=str(o["key"]),
                label=str(o.get("label", "")),
                weight=None if o.get("weight") is None else int(o["weight"]),
                satisfied=bool(o.get("satisfied", False)),
            )
            for o in data.get("options", [])
        ),
    )
