"""Writing and reading the tallier's export directory (see docs/tally-export.md)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from minping.tally.canonical import (
    ballot_hash,
    canonical_bytes,
    nfc_text,
    seal_root,
    session_root,
)
from minping.tally.design import design_digest, design_from_dict, design_to_dict
from minping.tally.model import (
    SCHEMA_VERSION,
    Ballot,
    BallotDesign,
    BallotStatus,
    Export,
    Manifest,
    Results,
    ScaleKind,
    SealedEntry,
    VenueSeal,
)
from minping.tally.results import cell_to_dict, compute_results, dumps_pretty, results_bytes

MANIFEST = "manifest.json"
DESIGN = "design.json"
SEALS = "seals.json"
SEALED = "sealed.csv"
BALLOTS = "ballots.jsonl"
BALLOTS_CSV = "ballots.csv"
RESULTS = "results.json"
RESULTS_CSV = "results.csv"
FILES = (DESIGN, SEALS, SEALED, BALLOTS, BALLOTS_CSV, RESULTS, RESULTS_CSV)


class ExportError(Exception):
    """The export cannot be read at all (missing manifest, unreadable JSON)."""


def seal_venue(venue: str, ballots: Iterable[Ballot], *, issued: int) -> VenueSeal:
    """Seal one venue: count returned / blank / invalid and compute the root over its ballots.

    ``ballots`` are the venue's ballots in any order (ballots of other venues are ignored).
    """
    hashes: list[str] = []
    statuses: Counter[BallotStatus] = Counter()
    for ballot in ballots:
        if ballot.venue != venue:
            continue
        hashes.append(ballot_hash(ballot))
        statuses[ballot.status] += 1
    return VenueSeal(
        venue=venue,
        issued=issued,
        returned=len(hashes),
        blank=statuses[BallotStatus.BLANK],
        invalid=statuses[BallotStatus.INVALID],
        root=seal_root(hashes),
    )


def seals_to_dict(seals: Sequence[VenueSeal], root: str) -> dict[str, Any]:
    return {
        "session_root": root,
        "venues": [
            {
                "venue": s.venue,
                "issued": s.issued,
                "returned": s.returned,
                "blank": s.blank,
                "invalid": s.invalid,
                "root": s.root,
            }
            for s in seals
        ],
    }


def seals_from_dict(data: Mapping[str, Any]) -> tuple[tuple[VenueSeal, ...], str]:
    seals = tuple(
        VenueSeal(
            venue=str(s["venue"]),
            issued=int(s["issued"]),
            returned=int(s["returned"]),
            blank=int(s["blank"]),
            invalid=int(s["invalid"]),
            root=str(s["root"]),
        )
        for s in data["venues"]
    )
    return seals, str(data["session_root"])


def ballot_from_dict(data: Mapping[str, Any]) -> Ballot:
    """A ballot from its JSON object; raises ``KeyError``/``ValueError``/``TypeError``."""
    if set(data) != {"answers", "ballot_id", "opinions", "questionnaire", "status", "venue"}:
        raise ValueError("unexpected ballot keys")
    for name in ("answers", "opinions", "questionnaire"):
        if not isinstance(data[name], dict):
            raise TypeError(f"{name} must be an object")
    return Ballot(
        ballot_id=str(data["ballot_id"]),
        venue=str(data["venue"]),
        status=BallotStatus(data["status"]),
        answers=data["answers"],
        opinions=data["opinions"],
        questionnaire=data["questionnaire"],
    )


BOM = b"\xef\xbb\xbf"


def csv_writer(stream: io.TextIOBase | io.StringIO) -> Any:
    """The export's CSV dialect: Excel quoting, ``\\r\\n`` line ends (UTF-8 with BOM)."""
    return csv.writer(stream, lineterminator="\r\n")


def _csv_bytes(header: list[str], rows: Iterable[list[str]]) -> bytes:
    """CSV as the export writes it: UTF-8 with BOM (opens in Excel), ``\\r\\n`` line ends."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return BOM + buffer.getvalue().encode()


class BallotsCsv:
    """Header and rows of ``ballots.csv`` for one design (one row per ballot)."""

    def __init__(self, design: BallotDesign) -> None:
        self.departments = [d.id for d in design.departments]
        self.items = [q.id for q in design.questionnaire]
        self.criteria = (
            [c.key for c in design.scale.criteria]
            if design.scale.kind is ScaleKind.CRITERIA
            else None
        )
        header = ["ballot_id", "venue", "status"]
        for d in self.departments:
            header += (
                [f"answer:{d}:{k}" for k in self.criteria] if self.criteria else [f"answer:{d}"]
            )
        header += [f"opinion:{d}" for d in self.departments]
        header += [f"q:{q}" for q in self.items]
        self.header = header

    def row(self, ballot: Ballot) -> list[str]:
        answers, opinions, questionnaire = ballot.answers, ballot.opinions, ballot.questionnaire
        row = [_cell(ballot.ballot_id), _cell(ballot.venue), str(ballot.status)]
        for d in self.departments:
            value = answers.get(d)
            if self.criteria is None:
                row.append(_cell(value))
            elif isinstance(value, Mapping):
                row += [_cell(value.get(k)) for k in self.criteria]
            else:
                row += [""] * len(self.criteria)
        row += [_cell(opinions.get(d)) for d in self.departments]
        row += [_cell(questionnaire.get(q)) for q in self.items]
        return row


def _cell(value: object) -> str:
    """A CSV cell: NFC text as in the canonical bytes, an integer, or empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return nfc_text(str.__str__(value))
    return str(value)


def ballots_csv_bytes(design: BallotDesign, ballots: Iterable[Ballot]) -> bytes:
    """``ballots.csv``: one row per ballot, in the order given (canonical order in an export)."""
    table = BallotsCsv(design)
    return _csv_bytes(table.header, (table.row(b) for b in ballots))


def _str(value: object) -> str:
    return "" if value is None else str(value)


def results_csv_bytes(design: BallotDesign, results: Results) -> bytes:
    """``results.csv``: one row per department and scope (``all`` then each venue)."""
    kind = design.scale.kind
    extra = (
        [f"count:{c.key}" for c in design.scale.choices]
        if kind is ScaleKind.CHOICES
        else [f"mean:{c.key}" for c in design.scale.criteria]
    )
    header = ["department", "name", "scope", "suppressed", "answers", "unanswered"]
    header += ["satisfaction_rate", "weighted_score", "rank", "points", *extra]
    names = {d.id: d.name for d in design.departments}
    rows: list[list[str]] = []
    for dept in results.departments:
        for scope, cell in [("all", dept.overall), *dept.venues.items()]:
            c = cell_to_dict(cell)
            if cell.suppressed:
                rows.append([dept.department, names[dept.department], scope, "yes"])
                continue
            mapping = c.get("counts") or c.get("criteria") or {}
            row = [dept.department, names[dept.department], scope, "no"]
            row += [str(c["answers"]), str(c["unanswered"])]
            row += [c["satisfaction_rate"], c["weighted_score"]]
            row += [_str(dept.rank), _str(dept.points)] if scope == "all" else ["", ""]
            row += [str(mapping[k.split(":", 1)[1]]) for k in extra]
            rows.append(row)
    return _csv_bytes(header, rows)


def sealed_entries(ballots: Iterable[Ballot]) -> list[SealedEntry]:
    """The sealed list of ``ballots`` (one venue or several), sorted by venue then hash."""
    entries = [SealedEntry(b.venue, b.ballot_id, ballot_hash(b)) for b in ballots]
    entries.sort(key=lambda e: (e.venue, e.hash))
    return entries


def sealed_csv_bytes(entries: Iterable[SealedEntry]) -> bytes:
    """``sealed.csv``: ``venue,ballot_id,hash`` sorted by venue then hash, ``\\n`` line ends."""
    lines = ["venue,ballot_id,hash\n"]
    ordered = sorted(entries, key=lambda e: (e.venue, e.hash))
    lines += [f"{e.venue},{e.ballot_id},{e.hash}\n" for e in ordered]
    return "".join(lines).encode()


def read_sealed_csv(data: bytes) -> list[SealedEntry]:
    """Parse ``sealed.csv`` bytes (e.g. kept on the app's seal row); ``ValueError`` if malformed."""
    lines = data.decode("utf-8").splitlines()
    if not lines or lines[0] != "venue,ballot_id,hash":
        raise ValueError("sealed list: bad header")
    out = []
    for number, line in enumerate(lines[1:], start=2):
        parts = line.split(",")
        if len(parts) != 3:
            raise ValueError(f"sealed list line {number}: not 3 columns")
        out.append(SealedEntry(*parts))
    return out


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_export(
    directory: Path,
    design: BallotDesign,
    seals: Sequence[VenueSeal],
    ballots: Iterable[Ballot],
    *,
    sealed: Iterable[SealedEntry] | None = None,
) -> Manifest:
    """Write design.json, seals.json, sealed.csv, ballots.jsonl, ballots.csv, results.json,
    results.csv and manifest.json into ``directory`` (created if needed).

    ``seals`` are the app's records made at sealing time and ``sealed`` the lists behind
    them (:func:`sealed_entries` at sealing, kept by the app, e.g. as the bytes of
    :func:`sealed_csv_bytes` on its seal row); neither is recomputed here, so a ballot
    changed, removed or added after sealing is named when :func:`verify` runs. Without
    ``sealed`` the current ballots are listed (the export then only proves the seals).
    """
    directory.mkdir(parents=True, exist_ok=True)
    keyed = []
    for ballot in ballots:
        raw = canonical_bytes(ballot)
        keyed.append((_sha(raw), raw, ballot))
    keyed.sort(key=lambda t: t[0])
    ordered = [b for _, _, b in keyed]

    digest = design_digest(design)
    root = session_root({s.venue: s.root for s in seals}, digest)
    listed = sealed_csv_bytes(
        sealed
        if sealed is not None
        else (SealedEntry(b.venue, b.ballot_id, h) for h, _, b in keyed)
    )
    results = compute_results(design, ordered, seals)
    contents = {
        DESIGN: dumps_pretty(design_to_dict(design)),
        SEALS: dumps_pretty(seals_to_dict(seals, root)),
        SEALED: listed,
        BALLOTS: b"".join(raw + b"\n" for _, raw, _ in keyed),
        BALLOTS_CSV: ballots_csv_bytes(design, ordered),
        RESULTS: results_bytes(results),
        RESULTS_CSV: results_csv_bytes(design, results),
    }
    files = {}
    for name, data in contents.items():
        (directory / name).write_bytes(data)
        files[name] = _sha(data)
    manifest_data = {
        "schema": SCHEMA_VERSION,
        "campaign": design.campaign,
        "session": design.session,
        "ballots": len(keyed),
        "design_digest": digest,
        "session_root": root,
        "files": files,
    }
    raw_manifest = dumps_pretty(manifest_data)
    (directory / MANIFEST).write_bytes(raw_manifest)
    return _manifest(manifest_data, raw_manifest)


def _manifest(data: Mapping[str, Any], raw: bytes) -> Manifest:
    return Manifest(
        schema=str(data["schema"]),
        campaign=str(data["campaign"]),
        session=int(data["session"]),
        ballots=int(data["ballots"]),
        design_digest=str(data["design_digest"]),
        session_root=str(data["session_root"]),
        files={str(k): str(v) for k, v in data["files"].items()},
        digest=_sha(raw),
    )


def load_json(path: Path) -> Any:
    """Parse one JSON file of the export; :class:`ExportError` names it when it cannot."""
    try:
        return json.loads(path.read_bytes().decode())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExportError(f"{path.name}: {exc}") from exc


def read_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST
    try:
        raw = path.read_bytes()
        return _manifest(json.loads(raw.decode()), raw)
    except (
        OSError,
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        ValueError,
    ) as exc:
        raise ExportError(f"{MANIFEST}: {exc}") from exc


def read_design_and_seals(directory: Path) -> tuple[BallotDesign, tuple[VenueSeal, ...]]:
    """``design.json`` and ``seals.json``; :class:`ExportError` when either cannot be read."""
    try:
        design = design_from_dict(load_json(directory / DESIGN))
        seals, _ = seals_from_dict(load_json(directory / SEALS))
    except (KeyError, TypeError, ValueError) as exc:
        raise ExportError(f"{DESIGN} / {SEALS}: {exc!r}") from exc
    return design, seals


def iter_ballots(directory: Path) -> Iterator[Ballot]:
    """Stream the ballots of ``ballots.jsonl``; :class:`ExportError` names a bad line."""
    try:
        handle = (directory / BALLOTS).open("rb")
    except OSError as exc:
        raise ExportError(f"{BALLOTS}: {exc}") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            try:
                yield ballot_from_dict(json.loads(line))
            except (KeyError, TypeError, ValueError) as exc:
                raise ExportError(f"{BALLOTS} line {number}: {exc}") from exc


def read_export(directory: Path) -> Export:
    """Read an export back into memory; raises :class:`ExportError` when a file cannot be parsed."""
    manifest = read_manifest(directory)
    design, seals = read_design_and_seals(directory)
    return Export(
        design=design, seals=seals, ballots=tuple(iter_ballots(directory)), manifest=manifest
    )
