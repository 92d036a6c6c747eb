"""``python -m minping.tally``: the tallier's command line (verify, results)."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from minping.tally.export import (
    FILES,
    MANIFEST,
    ExportError,
    iter_ballots,
    read_design_and_seals,
)
from minping.tally.model import WARNING_KINDS, BallotDesign, Cell, Results, ScaleKind
from minping.tally.results import compute_results, results_bytes
from minping.tally.verify import verify

EXIT_OK = 0
EXIT_MISMATCH = 1
EXIT_UNREADABLE = 2


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _table(rows: list[list[str]], stream: TextIO) -> None:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        stream.write("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())
        stream.write("\n")


def _figures(cell: Cell) -> list[str]:
    if cell.suppressed:
        return ["—", "—", "—"]
    return [str(cell.answers), cell.satisfaction_rate or "", cell.weighted_score or ""]


def print_results(design: BallotDesign, results: Results, stream: TextIO) -> None:
    """The results table the tallier reads: one line per department, then per venue."""
    names = {d.id: d.name for d in design.departments}
    venue_names = {v.id: v.name for v in design.venues}
    stream.write(f"{design.campaign} 第{design.session}场 {design.title}\n")
    stream.write(f"选票 ballots {results.ballots}，有效 valid {results.valid}\n\n")
    header = ["名次 rank", "部门 department", "票数 n", "满意率% rate", "得分 score", "赋分 points"]
    if design.scale.kind is ScaleKind.CHOICES:
        header += [c.label for c in design.scale.choices]
    rows = [header]
    order = sorted(results.departments, key=lambda d: (d.rank is None, d.rank or 0))
    for dept in order:
        row = [str(dept.rank or "—"), names[dept.department], *_figures(dept.overall)]
        row.append(dept.points or "—")
        if design.scale.kind is ScaleKind.CHOICES:
            counts = dept.overall.counts or {}
            row += [str(counts[c.key]) if c.key in counts else "—" for c in design.scale.choices]
        rows.append(row)
    _table(rows, stream)
    stream.write(f"\n分会场 by venue（— = 少于 {design.min_cell} 票不公布 / suppressed）\n")
    rows = [["部门 department", *[venue_names[v.id] for v in design.venues]]]
    for dept in results.departments:
        rows.append(
            [names[dept.department]]
            + [
                "—" if c.suppressed else f"{c.weighted_score} ({c.answers})"
                for c in dept.venues.values()
            ]
        )
    _table(rows, stream)
    if results.groups:
        stream.write("\n分组 by group\n")
        rows = [["分组 group", "票数 n", "满意率% rate", "得分 score"]]
        rows += [[name, *_figures(cell)] for name, cell in results.groups.items()]
        _table(rows, stream)
    stream.write(
        "\n会场 venue: 发放 issued / 回收 returned / 有效 valid / 空白 blank / 废票 invalid\n"
    )
    for vt in results.venues:
        stream.write(
            f"  {venue_names.get(vt.venue, vt.venue)}: {vt.issued} / {vt.returned} / "
            f"{vt.valid} / {vt.blank} / {vt.invalid}\n"
        )


def _parse_venue_roots(values: Sequence[str]) -> dict[str, str]:
    roots = {}
    for value in values:
        venue, sep, root = value.partition("=")
        if not sep:
            raise SystemExit(f"--venue-root expects VENUE=ROOT, got {value!r}")
        roots[venue] = root
    return roots


@contextlib.contextmanager
def export_directory(path: Path) -> Iterator[Path]:
    """``path`` itself, or a ``.zip`` (as the product downloads it) unpacked to a temporary
    directory. Only the export's own file names are extracted, never a path."""
    if not path.is_file():
        yield path
        return
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ExportError(f"{path.name}: {exc}") from exc
    with archive, tempfile.TemporaryDirectory(prefix="minping-tally-") as tmp:
        wanted = {MANIFEST, *FILES}
        for info in archive.infolist():
            name = info.filename.rsplit("/", 1)[-1]
            if name in wanted and not info.is_dir():
                (Path(tmp) / name).write_bytes(archive.read(info))
        yield Path(tmp)


def main(argv: Sequence[str] | None = None, stream: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 mismatch, 2 unreadable)."""
    out = stream or sys.stdout
    parser = argparse.ArgumentParser(
        prog="python -m minping.tally",
        description="民评 评议票 统计与核验 / tally and verify a minping ballot export",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_verify = sub.add_parser("verify", help="核验导出 / verify an export directory")
    p_verify.add_argument("directory", type=Path, help="导出目录或 .zip / export directory or .zip")
    p_verify.add_argument("--root", help="公示的场次根 / the session root from the bulletin board")
    p_verify.add_argument(
        "--venue-root",
        action="append",
        default=[],
        metavar="VENUE=ROOT",
        help="公示的会场封存根 / a venue root from the bulletin board (repeatable)",
    )
    p_results = sub.add_parser("results", help="重算结果 / print the recomputed results")
    p_results.add_argument(
        "directory", type=Path, help="导出目录或 .zip / export directory or .zip"
    )
    p_results.add_argument(
        "--json",
        type=Path,
        metavar="FILE",
        help="另存 results.json（供签名上传） / also write results.json to FILE (to sign and upload)",
    )
    args = parser.parse_args(argv)

    if args.command == "results":
        try:
            with export_directory(args.directory) as directory:
                design, seals = read_design_and_seals(directory)
                results = compute_results(design, iter_ballots(directory), seals)
        except ExportError as exc:
            out.write(f"无法读取导出 / cannot read the export: {exc}\n")
            return EXIT_UNREADABLE
        print_results(design, results, out)
        if args.json is not None:
            args.json.write_bytes(results_bytes(results))
            out.write(f"\n已写入 written: {args.json}\n")
        return EXIT_OK

    try:
        with export_directory(args.directory) as directory:
            report = verify(
                directory,
                expected_session_root=args.root,
                expected_venue_roots=_parse_venue_roots(args.venue_root),
            )
    except ExportError as exc:
        out.write(f"无法读取导出 / cannot read the export: {exc}\n")
        return EXIT_UNREADABLE
    out.write(f"选票 ballots: {report.ballots}   会场 venues: {report.venues}\n")
    out.write(f"场次根 session root: {report.session_root}\n")
    for finding in report.findings:
        level = "注意 WARNING" if finding.kind in WARNING_KINDS else "错误 ERROR"
        out.write(f"{level} [{finding.kind}] {finding.subject}: {finding.message}\n")
    if report.ok:
        out.write(
            "核验通过：所有哈希、封存根、票数和结果均可重算一致。 / OK: everything recomputes.\n"
        )
        return EXIT_OK
    errors = sum(1 for f in report.findings if f.kind not in WARNING_KINDS)
    out.write(f"核验不通过：{errors} 处错误。 / FAILED: {errors} errors.\n")
    return EXIT_MISMATCH
