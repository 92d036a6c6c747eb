"""The offline verifier: recompute every hash, seal, count and result of an export."""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

from minping.tally.canonical import canonical_bytes, seal_root, session_root
from minping.tally.compare import compare_results, read_results
from minping.tally.design import BallotChecker, design_digest, design_problems
from minping.tally.export import (
    BALLOTS,
    BALLOTS_CSV,
    BOM,
    DESIGN,
    RESULTS,
    RESULTS_CSV,
    SEALED,
    SEALS,
    BallotsCsv,
    ExportError,
    ballot_from_dict,
    csv_writer,
    load_json,
    read_design_and_seals,
    read_manifest,
    results_csv_bytes,
)
from minping.tally.model import (
    Ballot,
    BallotDesign,
    BallotStatus,
    Finding,
    FindingKind,
    Results,
    VenueSeal,
    VerifyReport,
)
from minping.tally.results import compute_results, results_bytes

#: More findings of one kind than this are summarised in one line (a wholesale change).
MAX_PER_KIND = 200


class _Findings:
    def __init__(self) -> None:
        self.items: list[Finding] = []
        self.per_kind: Counter[FindingKind] = Counter()

    def add(self, kind: FindingKind, subject: str, message: str) -> None:
        self.per_kind[kind] += 1
        if self.per_kind[kind] <= MAX_PER_KIND:
            self.items.append(Finding(kind, subject, message))

    def close(self) -> tuple[Finding, ...]:
        for kind, count in self.per_kind.items():
            if count > MAX_PER_KIND:
                self.items.append(
                    Finding(
                        kind,
                        "…",
                        f"另有 {count - MAX_PER_KIND} 条同类问题 / {count - MAX_PER_KIND} more",
                    )
                )
        return tuple(self.items)


def _read_sealed(path: Path, out: _Findings) -> dict[str, tuple[str, str]] | None:
    """``sealed.csv`` as ballot id -> (venue, hash); None when it cannot be read at all."""
    sealed: dict[str, tuple[str, str]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        out.add(FindingKind.MALFORMED, SEALED, f"无法读取封存清单 / unreadable: {exc}")
        return None
    if not lines or lines[0] != "venue,ballot_id,hash":
        out.add(FindingKind.MALFORMED, SEALED, "表头不是 venue,ballot_id,hash / bad header")
    for number, line in enumerate(lines[1:], start=2):
        parts = line.split(",")
        if len(parts) != 3:
            out.add(FindingKind.MALFORMED, f"{SEALED}:{number}", "不是三列 / not 3 columns")
            continue
        venue, ballot_id, digest = parts
        if ballot_id in sealed:
            out.add(
                FindingKind.BALLOT_DUPLICATE,
                ballot_id,
                f"封存清单中票号重复 / ballot id listed twice in {SEALED}",
            )
        sealed[ballot_id] = (sys.intern(venue), digest)  # a few venues, a million rows
    return sealed


class _HashSink:
    """A text stream that only hashes what is written to it (UTF-8)."""

    def __init__(self, prefix: bytes) -> None:
        self.digest = hashlib.sha256(prefix)

    def write(self, text: str) -> int:
        self.digest.update(text.encode())
        return len(text)


class _BallotPass:
    """One streaming pass over ``ballots.jsonl``: form, order, duplicates, design, CSV.

    Iterating yields the ballots that fit the design (for the results); afterwards
    ``seen`` maps every readable ballot id to its (venue, recomputed hash) and
    ``csv_digest`` is the SHA-256 ``ballots.csv`` should have.
    """

    def __init__(self, path: Path, design: BallotDesign, out: _Findings) -> None:
        self.path = path
        self.checker = BallotChecker(design)
        self.table = BallotsCsv(design)
        self.out = out
        self.seen: dict[str, tuple[str, str]] = {}
        self.readable = True
        self.statuses: dict[str, Counter[BallotStatus]] = defaultdict(Counter)
        self.sink = _HashSink(BOM)
        self.csv = csv_writer(self.sink)  # type: ignore[arg-type]  # any object with write()
        self.csv.writerow(self.table.header)

    @property
    def csv_digest(self) -> str:
        return self.sink.digest.hexdigest()

    def __iter__(self) -> Iterator[Ballot]:
        out = self.out
        previous = ""
        misordered = 0
        try:
            handle = self.path.open("rb")
        except OSError as exc:
            out.add(FindingKind.FILE_MISSING, BALLOTS, f"无法读取 / unreadable: {exc}")
            self.readable = False
            return
        with handle:
            for number, line in enumerate(handle, start=1):
                parsed = self._parse(number, line)
                if parsed is None:
                    continue
                ballot, canonical = parsed
                digest = hashlib.sha256(canonical).hexdigest()
                if digest < previous:
                    misordered += 1
                previous = digest
                if ballot.ballot_id in self.seen:
                    out.add(
                        FindingKind.BALLOT_DUPLICATE,
                        ballot.ballot_id,
                        f"票号重复（第{number}行） / duplicate ballot id (line {number})",
                    )
                    continue
                self.seen[ballot.ballot_id] = (sys.intern(ballot.venue), digest)
                self.statuses[ballot.venue][ballot.status] += 1
                self.csv.writerow(self.table.row(ballot))
                problems = self.checker.check(ballot)
                for problem in problems:
                    out.add(
                        FindingKind.BALLOT_INVALID,
                        ballot.ballot_id,
                        f"{problem.field}: {problem.message} ({problem.code})",
                    )
                if not problems:
                    yield ballot
        if misordered:
            out.add(
                FindingKind.ORDER,
                BALLOTS,
                f"{misordered} 处未按哈希排序 / {misordered} lines out of hash order",
            )

    def _parse(self, number: int, line: bytes) -> tuple[Ballot, bytes] | None:
        try:
            ballot = ballot_from_dict(json.loads(line))
            canonical = canonical_bytes(ballot)
        except (KeyError, TypeError, ValueError) as exc:
            self.out.add(
                FindingKind.MALFORMED,
                f"{BALLOTS}:{number}",
                f"无法解析的选票 / unreadable ballot: {exc}",
            )
            return None
        if line.rstrip(b"\n") != canonical:
            self.out.add(
                FindingKind.MALFORMED,
                ballot.ballot_id,
                f"第{number}行不是规范格式 / line {number} is not in canonical form",
            )
        return ballot, canonical


def _check_files(directory: Path, files: Mapping[str, str], out: _Findings) -> None:
    for name, expected in sorted(files.items()):
        path = directory / name
        if "/" in name or "\\" in name or name.startswith("."):
            out.add(FindingKind.MALFORMED, name, "清单中的文件名无效 / bad file name in manifest")
            continue
        if not path.is_file():
            out.add(FindingKind.FILE_MISSING, name, "文件缺失 / file missing")
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != expected:
            out.add(
                FindingKind.FILE_CHANGED,
                name,
                "文件哈希与清单不符 / file hash differs from manifest",
            )


def _check_seals(
    design: BallotDesign,
    seals: tuple[VenueSeal, ...],
    sealed: Mapping[str, tuple[str, str]] | None,
    ballots: _BallotPass,
    out: _Findings,
) -> None:
    listed: dict[str, list[str]] = defaultdict(list)
    for venue, digest in (sealed or {}).values():
        listed[venue].append(digest)
    present: dict[str, list[str]] = defaultdict(list)
    for venue, digest in ballots.seen.values():
        present[venue].append(digest)
    if sorted(v.id for v in design.venues) != sorted(s.venue for s in seals):
        out.add(
            FindingKind.MALFORMED,
            SEALS,
            "封存会场与设计不符 / sealed venues differ from the design",
        )
    for seal in seals:
        v = seal.venue
        if sealed is not None and seal_root(listed[v]) != seal.root:
            out.add(
                FindingKind.SEAL_MISMATCH,
                v,
                f"封存清单算出的根与封存记录不符 / {SEALED} does not give the sealed root",
            )
        if seal_root(present[v]) != seal.root:
            out.add(
                FindingKind.SEAL_MISMATCH,
                v,
                "选票重算的根与封存记录不符 / ballots do not give the sealed root",
            )
        _check_counts(seal, len(present[v]), ballots.statuses[v], out)


def _check_counts(
    seal: VenueSeal, returned: int, statuses: Counter[BallotStatus], out: _Findings
) -> None:
    v = seal.venue
    actual = {
        "returned": returned,
        "blank": statuses[BallotStatus.BLANK],
        "invalid": statuses[BallotStatus.INVALID],
    }
    recorded = {"returned": seal.returned, "blank": seal.blank, "invalid": seal.invalid}
    for name, value in actual.items():
        if value != recorded[name]:
            out.add(
                FindingKind.COUNT_MISMATCH,
                v,
                f"{name}: 封存记录 {recorded[name]}，选票 {value} / sealed {recorded[name]}, ballots {value}",
            )
    if seal.issued < seal.returned:
        out.add(
            FindingKind.COUNT_MISMATCH,
            v,
            f"回收多于发放 / returned {seal.returned} > issued {seal.issued}",
        )
    elif seal.issued > seal.returned:
        out.add(
            FindingKind.UNRETURNED,
            v,
            f"发放 {seal.issued}，回收 {seal.returned}（{seal.issued - seal.returned} 张未回收）"
            f" / issued {seal.issued}, returned {seal.returned}",
        )


def _check_ballots_against_seal(
    sealed: Mapping[str, tuple[str, str]],
    seen: Mapping[str, tuple[str, str]],
    out: _Findings,
) -> None:
    for ballot_id, entry in seen.items():
        recorded = sealed.get(ballot_id)
        if recorded is None:
            out.add(
                FindingKind.BALLOT_ADDED, ballot_id, "封存后新增的选票 / ballot not in the seal"
            )
        elif recorded != entry:
            out.add(
                FindingKind.BALLOT_CHANGED,
                ballot_id,
                "选票内容在封存后被改动 / ballot changed after sealing",
            )
    for ballot_id in sealed.keys() - seen.keys():
        out.add(FindingKind.BALLOT_MISSING, ballot_id, "封存的选票不见了 / sealed ballot missing")


def _file_digest(path: Path) -> str | None:
    try:
        handle = path.open("rb")
    except OSError:
        return None
    digest = hashlib.sha256()
    with handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_results(
    directory: Path,
    design: BallotDesign,
    results: Results,
    ballots: _BallotPass,
    out: _Findings,
) -> None:
    try:
        recorded = (directory / RESULTS).read_bytes()
    except OSError:
        out.add(FindingKind.FILE_MISSING, RESULTS, "文件缺失 / file missing")
        recorded = None
    if recorded is not None and recorded != results_bytes(results):
        try:
            theirs = read_results(recorded)
        except ValueError as exc:
            out.add(FindingKind.RESULT_MISMATCH, RESULTS, f"无法解析 / unreadable: {exc}")
        else:
            differences = compare_results(results, theirs)
            for d in differences:
                out.add(
                    FindingKind.RESULT_MISMATCH,
                    d.path,
                    f"重算 {d.ours}，文件 {d.theirs} / recomputed {d.ours}, file {d.theirs}",
                )
            if not differences:
                out.add(
                    FindingKind.RESULT_MISMATCH,
                    RESULTS,
                    "数字相同但格式不同 / same figures, different bytes",
                )
    expected = {
        RESULTS_CSV: hashlib.sha256(results_csv_bytes(design, results)).hexdigest(),
        BALLOTS_CSV: ballots.csv_digest,
    }
    for name, digest in expected.items():
        actual = _file_digest(directory / name)
        if actual is None:
            out.add(FindingKind.FILE_MISSING, name, "文件缺失 / file missing")
        elif actual != digest:
            kind = FindingKind.RESULT_MISMATCH if name == RESULTS_CSV else FindingKind.CSV_MISMATCH
            out.add(kind, name, "与重算结果不一致 / differs from its regeneration")


def _check_roots(
    root: str,
    recorded: Mapping[str, str],
    seals: tuple[VenueSeal, ...],
    expected_session_root: str | None,
    expected_venue_roots: Mapping[str, str] | None,
    out: _Findings,
) -> None:
    for name, value in recorded.items():
        if value != root:
            out.add(
                FindingKind.SESSION_ROOT_MISMATCH,
                name,
                f"场次根应为 {root}，记录为 {value} / session root should be {root}",
            )
    if expected_session_root is not None and expected_session_root.lower() != root:
        out.add(
            FindingKind.EXPECTED_ROOT_MISMATCH,
            "session",
            f"与公示的场次根不符：公示 {expected_session_root}，导出 {root}"
            " / differs from the published session root",
        )
    recorded_roots = {s.venue: s.root for s in seals}
    for venue, expected in sorted((expected_venue_roots or {}).items()):
        if recorded_roots.get(venue) != expected.lower():
            out.add(
                FindingKind.EXPECTED_ROOT_MISMATCH,
                venue,
                f"与公示的会场封存根不符 / differs from the published root of venue {venue}",
            )


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
    invalid per venue; recomputes results.json, results.csv and ballots.csv byte for
    byte. Reads the ballots in one streaming pass. Raises :class:`ExportError` when the
    manifest, design or seals cannot be read.
    """
    out = _Findings()
    manifest = read_manifest(directory)
    _check_files(directory, manifest.files, out)
    design, seals = read_design_and_seals(directory)
    try:
        recorded_root = str(load_json(directory / SEALS)["session_root"])
    except (KeyError, TypeError) as exc:
        raise ExportError(f"{SEALS}: {exc!r}") from exc
    digest = design_digest(design)
    if digest != manifest.design_digest:
        out.add(
            FindingKind.SESSION_ROOT_MISMATCH,
            DESIGN,
            "设计摘要与清单不符 / design digest differs from manifest",
        )
    ballots = _BallotPass(directory / BALLOTS, design, out)
    problems = design_problems(design)
    for problem in problems:
        out.add(FindingKind.MALFORMED, DESIGN, f"设计无效 / unusable design: {problem}")
    results = None if problems else compute_results(design, ballots, seals)
    if results is None:
        for _ballot in ballots:  # still check every ballot against the seals
            pass
    sealed = _read_sealed(directory / SEALED, out)
    if sealed is not None and ballots.readable:  # else one finding says which file is missing
        _check_ballots_against_seal(sealed, ballots.seen, out)
    _check_seals(design, seals, sealed, ballots, out)
    root = session_root({s.venue: s.root for s in seals}, digest)
    _check_roots(
        root,
        {SEALS: recorded_root, "manifest.json": manifest.session_root},
        seals,
        expected_session_root,
        expected_venue_roots,
        out,
    )
    if results is not None:
        _check_results(directory, design, results, ballots, out)
    return VerifyReport(
        ballots=len(ballots.seen),
        venues=len(seals),
        session_root=root,
        findings=out.close(),
    )
