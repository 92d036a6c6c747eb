"""An exported draw can be re-run offline with `python -m minping.sampling verify`."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from minping.sampling import DrawSpec, Person, Quota, draw, export_frame, load_frame, verify
from minping.sampling.__main__ import main

ROOT = Path(__file__).resolve().parents[3]
PEOPLE = [
    Person(f"pid{i:03d}", "npc" if i % 3 else "cppcc", ["东胜区", "乌审旗"][i % 2], (f"u{i % 4}",))
    for i in range(120)
] + [
    Person(
        f"vol{i:02d}",
        "volunteer",
        "东胜区",
        is_volunteer=True,
        venue_pref="branch",
        session_pref=1 + i % 2,
        flexibility="none",
    )
    for i in range(20)
]
QUOTAS = (
    Quota(1, "main", None, "npc", 4, 2),
    Quota(2, "main", None, "npc", 4, 2),
    Quota(1, "branch", "东胜区", "npc", 6, 2),
    Quota(1, "branch", "乌审旗", "cppcc", 5, 1),
    Quota(1, "branch", "东胜区", "volunteer", 3, 1),
    Quota(2, "branch", "东胜区", "volunteer", 3, 1),
)


def exported(tmp_path: Path, method: str = "systematic") -> Path:
    spec = DrawSpec("published-seed-2025", QUOTAS, method=method)  # type: ignore[arg-type]
    return export_frame(PEOPLE, spec, draw(PEOPLE, spec), tmp_path / "export")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603  # fixed argv: this interpreter and our module
        [sys.executable, "-m", "minping.sampling", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("method", ["systematic", "maximin", "leximin"])
def test_verify_reproduces_an_exported_draw(tmp_path: Path, method: str) -> None:
    directory = exported(tmp_path, method)
    verdict = verify(directory)
    assert verdict.ok, verdict.message
    assert verdict.message.startswith("OK: 25 selected and 9 reserves")


def test_the_command_prints_ok_and_exits_zero(tmp_path: Path) -> None:
    out = run_cli("verify", str(exported(tmp_path)))
    assert out.returncode == 0
    assert out.stdout.startswith("OK: ")


def test_the_export_holds_pseudonyms_only(tmp_path: Path) -> None:
    directory = exported(tmp_path)
    assert sorted(p.name for p in directory.iterdir()) == ["frame.csv", "result.csv", "spec.json"]
    header = (directory / "frame.csv").read_text(encoding="utf-8").splitlines()[0]
    assert (
        header == "pid,category,district,sort_key,is_volunteer,venue_pref,session_pref,flexibility"
    )
    assert sorted(load_frame(directory), key=lambda p: (p.pid, p.category)) == sorted(
        PEOPLE, key=lambda p: (p.pid, p.category)
    )


def test_a_swapped_seat_is_named_and_the_command_fails(tmp_path: Path) -> None:
    directory = exported(tmp_path)
    path = directory / "result.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[3][6] = "someone-else"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    out = run_cli("verify", str(directory))
    assert out.returncode == 1
    assert "MISMATCH: result.csv line 4: exported" in out.stdout
    assert "someone-else" in out.stdout


def test_a_changed_frame_is_caught_by_its_hash(tmp_path: Path) -> None:
    directory = exported(tmp_path)
    path = directory / "frame.csv"
    text = path.read_text(encoding="utf-8").replace("pid007,npc,乌审旗", "pid007,npc,东胜区")
    path.write_text(text, encoding="utf-8")
    verdict = verify(directory)
    assert not verdict.ok
    assert verdict.message.startswith("frame hash differs")


def test_a_seed_changed_after_publication_is_caught(tmp_path: Path) -> None:
    directory = exported(tmp_path)
    path = directory / "spec.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["seed"] = "a-more-convenient-seed"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["verify", str(directory)]) == 1


def test_a_missing_export_is_a_clear_error(tmp_path: Path) -> None:
    out = run_cli("verify", str(tmp_path / "nowhere"))
    assert out.returncode == 2
    assert "cannot read the export" in out.stderr


def test_the_commit_command_prints_the_published_hash() -> None:
    out = run_cli("commit", "published-seed-2025")
    from minping.sampling import check_commitment

    assert out.returncode == 0
    assert check_commitment("published-seed-2025", out.stdout)
