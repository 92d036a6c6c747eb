"""Export a draw as plain files and verify it offline.

An export directory holds three UTF-8 files (format ``minping-sampling-export-v1``):

- ``frame.csv``: one row per frame row, columns ``pid, category, district, sort_key,
  is_volunteer, venue_pref, session_pref, flexibility`` (``sort_key`` as a JSON array,
  empty cells for None, ``is_volunteer`` as 0/1).  Only pseudonyms: no name, ID number
  or phone.
- ``spec.json``: ``format, seed, commitment, method, main_first, frame_hash, quotas``
  (each quota: ``session, venue, district, category, seats, reserves``).
- ``result.csv``: the drawn seats in result order, columns ``kind`` (selected/reserve),
  ``session, venue, district, category, rank, pid, probability`` (9 decimals).
  For the fair-lottery methods ``spec.json`` also names the solver (``solver``): the
  linear program is re-solved on verification, so use the same SciPy version.

:func:`verify` recomputes the frame hash, re-runs :func:`draw` and compares seat by seat.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .draw import draw
from .hashing import commit, frame_hash
from .model import DrawResult, DrawSpec, Person, Quota, Seat

FORMAT = "minping-sampling-export-v1"
FRAME_COLUMNS = [
    "pid",
    "category",
    "district",
    "sort_key",
    "is_volunteer",
    "venue_pref",
    "session_pref",
    "flexibility",
]
RESULT_COLUMNS = ["kind", "session", "venue", "district", "category", "rank", "pid", "probability"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of :func:`verify`: ``ok`` and a one-line explanation."""

    ok: bool
    message: str


def _seat_row(seat: Seat, result: DrawResult) -> list[str]:
    return [
        seat.kind,
        str(seat.session),
        seat.venue,
        seat.district or "",
        seat.category,
        str(seat.rank),
        seat.pid,
        f"{result.probabilities.get(seat.pid, 0.0):.9f}",
    ]


def export_frame(
    people: Sequence[Person], spec: DrawSpec, result: DrawResult, path: str | Path
) -> Path:
    """Write ``frame.csv``, ``spec.json`` and ``result.csv`` into the directory ``path``."""
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "frame.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(FRAME_COLUMNS)
        for p in sorted(people, key=lambda p: (p.pid, p.category)):
            writer.writerow(
                [
                    p.pid,
                    p.category,
                    p.district or "",
                    json.dumps(list(p.sort_key), ensure_ascii=False),
                    int(p.is_volunteer),
                    p.venue_pref or "",
                    "" if p.session_pref is None else p.session_pref,
                    p.flexibility,
                ]
            )
    document = {
        "format": FORMAT,
        "seed": spec.seed,
        "commitment": commit(spec.seed),
        "method": spec.method,
        "main_first": spec.main_first,
        "frame_hash": result.frame_hash,
        "solver": solver_name() if spec.method != "systematic" else None,
        "quotas": [
            {
                "session": q.session,
                "venue": q.venue,
                "district": q.district,
                "category": q.category,
                "seats": q.seats,
                "reserves": q.reserves,
            }
            for q in spec.quotas
        ],
    }
    (out / "spec.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    with (out / "result.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(RESULT_COLUMNS)
        for seat in (*result.selected, *result.reserves):
            writer.writerow(_seat_row(seat, result))
    return out


def solver_name() -> str:
    """The LP solver that the fair-lottery methods use, with its version."""
    import scipy

    return f"scipy {scipy.__version__} linprog(method='highs')"


def load_frame(path: str | Path) -> list[Person]:
    """Read ``frame.csv`` back into frame rows."""
    people: list[Person] = []
    with (Path(path) / "frame.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            people.append(
                Person(
                    pid=row["pid"],
                    category=row["category"],
                    district=row["district"] or None,
                    sort_key=tuple(str(k) for k in json.loads(row["sort_key"] or "[]")),
                    is_volunteer=row["is_volunteer"] == "1",
                    venue_pref=row["venue_pref"] or None,  # type: ignore[arg-type]  # checked by verify's draw
                    session_pref=int(row["session_pref"]) if row["session_pref"] else None,
                    flexibility=row["flexibility"] or "any",  # type: ignore[arg-type]  # idem
                )
            )
    return people


def load_spec(path: str | Path) -> tuple[DrawSpec, dict[str, Any]]:
    """Read ``spec.json``; returns the spec and the whole document."""
    document: dict[str, Any] = json.loads((Path(path) / "spec.json").read_text(encoding="utf-8"))
    if document.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} export")
    quotas = tuple(
        Quota(
            session=int(q["session"]),
            venue=q["venue"],
            district=q["district"],
            category=q["category"],
            seats=int(q["seats"]),
            reserves=int(q["reserves"]),
        )
        for q in document["quotas"]
    )
    spec = DrawSpec(
        seed=document["seed"],
        quotas=quotas,
        main_first=bool(document["main_first"]),
        method=document["method"],
    )
    return spec, document


def verify(path: str | Path) -> Verdict:
    """Re-run the exported draw offline and compare it with the exported result."""
    people = load_frame(path)
    spec, document = load_spec(path)
    if commit(spec.seed) != document.get("commitment"):
        return Verdict(False, "the seed does not match the published commitment")
    digest = frame_hash(people)
    if digest != document["frame_hash"]:
        return Verdict(False, f"frame hash differs: {digest} != {document['frame_hash']}")
    result = draw(people, spec)
    expected = [_seat_row(s, result) for s in (*result.selected, *result.reserves)]
    with (Path(path) / "result.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        exported = list(reader)
    note = ""
    if spec.method != "systematic" and document.get("solver") != solver_name():
        note = f" (exported with {document.get('solver')}, verified with {solver_name()})"
    for line, (mine, theirs) in enumerate(zip(expected, exported, strict=False), 2):
        if mine != theirs:
            return Verdict(
                False,
                f"result.csv line {line}: exported {','.join(theirs)} "
                f"but the draw gives {','.join(mine)}{note}",
            )
    if len(expected) != len(exported):
        return Verdict(
            False, f"result.csv has {len(exported)} seats but the draw gives {len(expected)}"
        )
    return Verdict(
        True,
        f"OK: {len(result.selected)} selected and {len(result.reserves)} reserves "
        f"reproduced from seed and frame {digest[:16]}…",
    )
