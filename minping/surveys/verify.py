"""Offline check of a published survey export: ``python -m minping.surveys.verify export.zip``.

Needs Python only (no Django, no database). It checks every file against the manifest,
the responses against the seal (root over the response hashes), every answer against the
questionnaire, and recomputes every department's and area's score from the responses with
the published rule; any difference is printed and the exit status is 1 (2: unreadable).
``--digest HEX`` also checks the manifest against the digest shown on the results page.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minping.surveys.scoring import (
    SCHEMA,
    ScoreRow,
    answer_problems,
    compute_scores,
    question_from_dict,
    response_hash,
    responses_root,
    sha256_hex,
)

MANIFEST = "manifest.json"
SURVEY = "survey.json"
RESPONSES = "responses.jsonl"
RESPONSES_CSV = "responses.csv"
RECEIPTS = "receipts.txt"
SCORES = "scores.json"
SCORES_CSV = "scores.csv"
FILES = (SURVEY, RESPONSES, RESPONSES_CSV, RECEIPTS, SCORES, SCORES_CSV)

EXIT_OK = 0
EXIT_MISMATCH = 1
EXIT_UNREADABLE = 2


class Unreadable(Exception):
    """The export cannot be read at all."""


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    rows: list[ScoreRow] = field(default_factory=list)
    responses: int = 0
    manifest_digest: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def read_files(path: Path) -> dict[str, bytes]:
    """The export's files by name, from a zip (any folder inside) or a directory."""
    files: dict[str, bytes] = {}
    try:
        if path.is_dir():
            for item in path.iterdir():
                if item.is_file():
                    files[item.name] = item.read_bytes()
        else:
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if not name.endswith("/"):
                        files[name.rsplit("/", 1)[-1]] = archive.read(name)
    except (OSError, zipfile.BadZipFile) as exc:
        raise Unreadable(str(exc)) from exc
    if MANIFEST not in files:
        raise Unreadable("manifest.json is missing")
    return files


def verify_files(files: dict[str, bytes], *, digest: str = "") -> Report:
    report = Report(manifest_digest=sha256_hex(files[MANIFEST]))
    problems = report.problems
    try:
        manifest = json.loads(files[MANIFEST])
        survey = json.loads(files[SURVEY])
        scores = json.loads(files[SCORES])
        lines = [line for line in files[RESPONSES].decode().splitlines() if line.strip()]
        records = [json.loads(line) for line in lines]
    except (KeyError, ValueError) as exc:
        raise Unreadable(f"cannot read the export: {exc}") from exc
    if manifest.get("schema") != SCHEMA:
        problems.append(f"manifest: unknown schema {manifest.get('schema')!r}")
    if digest and digest.lower() != report.manifest_digest:
        problems.append("manifest.json does not match the published digest")
    problems.extend(_file_problems(files, manifest, records))
    questions = [question_from_dict(q) for q in survey.get("questions", [])]
    for number, record in enumerate(records, start=1):
        for problem in answer_problems(questions, record.get("answers", {})):
            problems.append(f"responses.jsonl line {number}: {problem}")
    rows = compute_scores(
        questions,
        records,
        names=survey.get("departments", {}),
        min_answers=int(survey.get("method", {}).get("min_answers", 1)),
    )
    report.rows = rows
    report.responses = len(records)
    ours = [r.as_dict() for r in rows]
    theirs = scores.get("rows", [])
    if len(ours) != len(theirs):
        problems.append(f"scores: {len(theirs)} rows published, {len(ours)} recomputed")
    for mine, published in zip(ours, theirs, strict=False):
        for key in ("id", "valid", "score", "satisfaction_rate", "rank"):
            if mine[key] != published.get(key):
                problems.append(
                    f"scores: {mine['name']} {key} published {published.get(key)!r}, "
                    f"recomputed {mine[key]!r}"
                )
    if scores.get("responses") != len(records):
        problems.append("scores: the response count differs from responses.jsonl")
    return report


def _file_problems(
    files: dict[str, bytes], manifest: dict[str, Any], records: list[dict[str, Any]]
) -> list[str]:
    """Every file against the manifest, the responses against the seal, the receipts."""
    problems = []
    for name in FILES:
        expected = manifest.get("files", {}).get(name)
        if name not in files:
            problems.append(f"{name}: missing")
        elif expected != sha256_hex(files[name]):
            problems.append(f"{name}: SHA-256 differs from the manifest")
    hashes = [response_hash(r) for r in records]
    if responses_root(hashes) != manifest.get("root"):
        problems.append("responses: the root over the response hashes differs from the seal")
    if len(records) != manifest.get("responses"):
        problems.append(
            f"responses: {len(records)} lines, the manifest says {manifest.get('responses')}"
        )
    receipts = [c for c in files.get(RECEIPTS, b"").decode().splitlines() if c]
    if len(receipts) != len(set(receipts)):
        problems.append("receipts: a receipt code appears twice")
    return problems


def verify_path(path: Path, *, digest: str = "") -> Report:
    return verify_files(read_files(path), digest=digest)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m minping.surveys.verify",
        description="Recompute a published survey's scores from its export, offline.",
    )
    parser.add_argument("export", type=Path, help="the export .zip (or its unpacked folder)")
    parser.add_argument("--digest", default="", help="manifest digest shown on the results page")
    args = parser.parse_args(argv)
    try:
        report = verify_path(args.export, digest=args.digest)
    except Unreadable as exc:
        print(f"UNREADABLE: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"responses: {report.responses}  manifest sha256: {report.manifest_digest}")
    for row in report.rows:
        figures: list[Any] = [row.valid, row.score or "—", row.satisfaction_rate or "—"]
        print(f"  {row.target.name}: n={figures[0]} score={figures[1]} rate%={figures[2]}")
    if report.problems:
        for problem in report.problems:
            print(f"PROBLEM: {problem}")
        return EXIT_MISMATCH
    print("OK: every file, the seal and every score match")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
