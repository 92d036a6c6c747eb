"""Command line: ``python -m minping.sampling verify <export-dir>`` and ``commit <seed>``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .export import verify
from .hashing import commit


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the process exit code (0 ok, 1 mismatch, 2 bad input)."""
    parser = argparse.ArgumentParser(prog="python -m minping.sampling")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("verify", help="re-run an exported draw offline and compare")
    check.add_argument("export_dir")
    seal = sub.add_parser("commit", help="print the commitment (hash) to publish for a seed")
    seal.add_argument("seed")
    args = parser.parse_args(argv)
    if args.command == "commit":
        print(commit(args.seed))
        return 0
    try:
        verdict = verify(args.export_dir)
    except (OSError, ValueError, KeyError) as exc:
        print(f"cannot read the export: {exc}", file=sys.stderr)
        return 2
    print(verdict.message if verdict.ok else f"MISMATCH: {verdict.message}")
    return 0 if verdict.ok else 1


if __name__ == "__main__":
    sys.exit(main())
