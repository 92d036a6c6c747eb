"""A wheel of minping carries every template, static file, catalogue and data file it reads."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = ("templates", "static", "locale", "data")


def test_the_wheel_holds_every_template_static_file_catalogue_and_data_file(tmp_path):
    # Built from a copy: an in-tree build would leave build/ and egg-info in the checkout.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "minping",
        source / "minping",
        ignore=shutil.ignore_patterns("__pycache__", "tests"),
    )
    subprocess.run(  # noqa: S603 - fixed arguments: this interpreter, pip, a temporary path
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("minping-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        path.relative_to(source).as_posix()
        for path in (source / "minping").rglob("*")
        if path.is_file() and any(part in DATA_DIRS for part in path.parts)
    }
    assert "minping/templates/base.html" in expected
    assert "minping/ballots/templates/ballots/vote.html" in expected
    assert "minping/triage/data/stopwords.txt" in expected
    assert sorted(expected - names) == []
