from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from minping.tally import seal_venue, write_export
from minping.tally.cli import main
from minping.tally.tests.factories import design, random_ballots

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def export(tmp_path):
    d = design()
    ballots = random_ballots(random.Random(2), 200, d)
    seals = [
        seal_venue(v.id, ballots, issued=sum(b.venue == v.id for b in ballots)) for v in d.venues
    ]
    manifest = write_export(tmp_path, d, seals, ballots)
    return tmp_path, manifest


def run(*args):
    out = io.StringIO()
    status = main([str(a) for a in args], stream=out)
    return status, out.getvalue()


def test_verify_of_a_good_export_says_so_and_exits_zero(export):
    path, manifest = export
    status, text = run("verify", path, "--root", manifest.session_root)
    assert status == 0
    assert "核验通过" in text and "OK" in text
    assert manifest.session_root in text


def test_verify_of_a_tampered_export_names_the_ballot_and_exits_one(export):
    path, _ = export
    lines = (path / "ballots.jsonl").read_bytes().splitlines()
    data = json.loads(lines[0])
    lines[0] = lines[0].replace(b'"venue":"V', b'"venue":"X', 1)
    (path / "ballots.jsonl").write_bytes(b"".join(line + b"\n" for line in lines))
    status, text = run("verify", path)
    assert status == 1
    assert "核验不通过" in text
    assert f"[ballot_changed] {data['ballot_id']}" in text


def test_verify_against_a_different_published_root_fails(export):
    path, _ = export
    status, text = run("verify", path, "--root", "0" * 64, "--venue-root", f"V1={'0' * 64}")
    assert status == 1
    assert "[expected_root_mismatch] session" in text
    assert "[expected_root_mismatch] V1" in text


def test_verify_of_a_directory_without_an_export_exits_two(tmp_path):
    status, text = run("verify", tmp_path)
    assert status == 2
    assert "无法读取导出" in text


def test_results_prints_every_department_by_name_with_its_rank(export):
    path, _ = export
    status, text = run("results", path)
    assert status == 0
    for name in ("市发展和改革委员会", "市财政局", "市商务局", "满意率", "主会场", "第一组"):
        assert name in text


def test_the_module_runs_with_a_bare_python_and_no_django(export, tmp_path_factory):
    """A third party copies minping/tally/ alone and runs it with python -I -S."""
    path, _ = export
    bare = tmp_path_factory.mktemp("bare")
    (bare / "minping").mkdir()  # no __init__.py needed: a namespace package
    shutil.copytree(ROOT / "minping" / "tally", bare / "minping" / "tally")
    code = (
        f"import sys; sys.path.insert(0, {str(bare)!r}); from minping.tally.cli import main; "
        f"status = main(['verify', {str(path)!r}]); "
        "assert not any(m.startswith('django') for m in sys.modules), 'django imported'; "
        "sys.exit(status)"
    )
    # -I -S: no site-packages at all, as on a machine with nothing but Python 3.11.
    result = subprocess.run(  # noqa: S603 - fixed argv, the test's own interpreter
        [sys.executable, "-I", "-S", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "核验通过" in result.stdout


def test_results_can_be_saved_as_the_json_file_the_tallier_signs(export, tmp_path_factory):
    path, _ = export
    target = tmp_path_factory.mktemp("tallier") / "our-results.json"
    status, text = run("results", path, "--json", target)
    assert status == 0 and str(target) in text
    assert target.read_bytes() == (path / "results.json").read_bytes()


def test_results_of_a_directory_without_an_export_exits_two(tmp_path):
    status, text = run("results", tmp_path)
    assert status == 2
    assert "无法读取导出" in text


def test_verify_and_results_accept_the_zip_the_product_downloads(export, tmp_path_factory):
    import zipfile

    path, manifest = export
    archive = tmp_path_factory.mktemp("zip") / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in sorted(path.iterdir()):
            zf.write(file, f"export/{file.name}")
        zf.writestr("../evil.txt", "outside")  # ignored: only the export's own names
    status, text = run("verify", archive, "--root", manifest.session_root)
    assert status == 0, text
    status, text = run("results", archive)
    assert status == 0 and "市财政局" in text
    assert not (archive.parent.parent / "evil.txt").exists()


def test_a_file_that_is_not_a_zip_cannot_be_read(tmp_path):
    bogus = tmp_path / "export.zip"
    bogus.write_text("not a zip")
    status, text = run("verify", bogus)
    assert status == 2 and "无法读取导出" in text
