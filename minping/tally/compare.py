"""Comparing the tallier's uploaded result file with the product's own results."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from minping.tally.model import (
    Cell,
    DepartmentResult,
    Difference,
    QuestionResult,
    Results,
    VenueTotals,
)
from minping.tally.results import results_to_dict

MISSING = "(缺 missing)"


def _cell(data: Any) -> Cell:
    if not isinstance(data, Mapping) or not isinstance(data.get("suppressed"), bool):
        raise ValueError("a cell must be an object with a boolean 'suppressed'")
    if data["suppressed"]:
        return Cell(suppressed=True)

    def opt_int(name: str) -> int | None:
        value = data.get(name)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{name} must be an integer")
        return value

    def opt_str(name: str) -> str | None:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name} must be a string")
        return value

    counts = data.get("counts")
    criteria = data.get("criteria")
    return Cell(
        suppressed=False,
        answers=opt_int("answers"),
        unanswered=opt_int("unanswered"),
        counts={str(k): int(v) for k, v in counts.items()} if isinstance(counts, Mapping) else None,
        satisfaction_rate=opt_str("satisfaction_rate"),
        weighted_score=opt_str("weighted_score"),
        criteria={str(k): str(v) for k, v in criteria.items()}
        if isinstance(criteria, Mapping)
        else None,
    )


def results_from_dict(data: Mapping[str, Any]) -> Results:
    """Inverse of ``results_to_dict``; raises ``ValueError`` on a malformed file."""
    try:
        return Results(
            schema=str(data["schema"]),
            campaign=str(data["campaign"]),
            session=int(data["session"]),
            ballots=int(data["ballots"]),
            valid=int(data["valid"]),
            venues=tuple(
                VenueTotals(
                    venue=str(v["venue"]),
                    issued=int(v["issued"]),
                    returned=int(v["returned"]),
                    valid=int(v["valid"]),
                    blank=int(v["blank"]),
                    invalid=int(v["invalid"]),
                    unused=int(v["unused"]),
                )
                for v in data["venues"]
            ),
            departments=tuple(
                DepartmentResult(
                    department=str(d["department"]),
                    overall=_cell(d["overall"]),
                    venues={str(k): _cell(c) for k, c in d["venues"].items()},
                    rank=None if d.get("rank") is None else int(d["rank"]),
                    points=None if d.get("points") is None else str(d["points"]),
                )
                for d in data["departments"]
            ),
            groups={str(k): _cell(c) for k, c in data["groups"].items()},
            questionnaire=tuple(
                QuestionResult(
                    item=str(q["item"]),
                    overall=_cell(q["overall"]),
                    venues={str(k): _cell(c) for k, c in q["venues"].items()},
                )
                for q in data["questionnaire"]
            ),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"malformed results: {exc!r}") from exc


def read_results(data: bytes) -> Results:
    """Parse a ``results.json`` (ours or the tallier's); raises ``ValueError`` when malformed."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a JSON file: {exc}") from exc
    if not isinstance(parsed, Mapping):
        raise ValueError("a results file is a JSON object")
    return results_from_dict(parsed)


def _flatten(prefix: str, value: Any, out: dict[str, str]) -> None:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, out)
    elif value is None:
        return
    else:
        out[prefix] = (
            json.dumps(value, ensure_ascii=False) if isinstance(value, bool) else str(value)
        )


def flatten_results(results: Results) -> dict[str, str]:
    """Results as ``path -> figure``; lists are keyed by their id (venue, department, item)."""
    data = results_to_dict(results)
    data["venues"] = {v.pop("venue"): v for v in data["venues"]}
    data["departments"] = {d.pop("department"): d for d in data["departments"]}
    data["questionnaire"] = {q.pop("item"): q for q in data["questionnaire"]}
    out: dict[str, str] = {}
    _flatten("", data, out)
    return out


def compare_results(ours: Results, theirs: Results) -> list[Difference]:
    """Every figure on which the two results disagree (empty: they agree), sorted by path.

    A figure present on one side only (e.g. a cell suppressed on one side) appears with
    ``"(缺 missing)"`` on the other.
    """
    a = flatten_results(ours)
    b = flatten_results(theirs)
    return [
        Difference(path, a.get(path, MISSING), b.get(path, MISSING))
        for path in sorted(a.keys() | b.keys())
        if a.get(path) != b.get(path)
    ]
