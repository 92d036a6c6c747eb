"""The sealed export and the offline verifier: it recomputes every score, and any tampering
with the export makes it fail."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from minping.surveys import actions, reports, verify
from minping.surveys.tests.conftest import full_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(personas: Any, open_survey: Any) -> Any:
    survey = open_survey.survey
    for code, choice in zip(
        open_survey.codes[:4], ["satisfied", "fairly", "dissatisfied", "unknown"], strict=True
    ):
        actions.submit_with_code(code, full_answers(survey, choice))
    actions.do_transition(personas.statistics, survey, "closed")
    survey.refresh_from_db()
    return survey


def _files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n.rsplit("/", 1)[-1]: archive.read(n) for n in archive.namelist()}


def _zip(files: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            archive.writestr(f"survey-export/{name}", content)
    return path


def test_the_export_verifies_and_recomputes_the_published_scores(closed: Any) -> None:
    data, digest = reports.export_zip(closed)
    report = verify.verify_files(_files(data), digest=digest)
    assert report.ok, report.problems
    assert report.responses == 4
    education = next(r for r in report.rows if r.target.name == "市教育体育局")
    assert education.score == "60.00"  # (100 + 80 + 0) / 3; 不了解 is not a valid answer
    manifest = json.loads(_files(data)["manifest.json"])
    assert manifest["root"] == closed.sealed_root
    receipts = _files(data)["receipts.txt"].decode().split()
    assert len(receipts) == 4


def test_changing_one_answer_fails_the_check(closed: Any) -> None:
    files = _files(reports.export_zip(closed)[0])
    files["responses.jsonl"] = files["responses.jsonl"].replace(
        b'"dissatisfied"', b'"satisfied"', 1
    )
    problems = verify.verify_files(files).problems
    assert any("responses.jsonl: SHA-256" in p for p in problems)
    assert any("root" in p for p in problems)
    assert any(p.startswith("scores:") for p in problems)


def test_a_recomputed_manifest_does_not_hide_tampering_from_the_published_digest(
    closed: Any,
) -> None:
    data, digest = reports.export_zip(closed)
    files = _files(data)
    scores = json.loads(files["scores.json"])
    scores["rows"][0]["score"] = "99.00"
    files["scores.json"] = json.dumps(scores).encode()
    manifest = json.loads(files["manifest.json"])
    manifest["files"]["scores.json"] = verify.sha256_hex(files["scores.json"])
    files["manifest.json"] = json.dumps(manifest).encode()
    problems = verify.verify_files(files, digest=digest).problems
    assert "manifest.json does not match the published digest" in problems
    assert any("published '99.00'" in p for p in problems)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """The verifier as a third party runs it: a plain interpreter, no Django settings."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(settings.BASE_DIR)}
    command = [sys.executable, "-m", "minping.surveys.verify", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603 - our own module


def test_the_command_line_needs_no_django(closed: Any, tmp_path: Path) -> None:
    data, digest = reports.export_zip(closed)
    good = tmp_path / "export.zip"
    good.write_bytes(data)
    files = _files(data)
    files["receipts.txt"] += b"FAKE000000\n"
    bad = _zip(files, tmp_path / "tampered.zip")
    ok = _run(str(good), "--digest", digest)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "OK" in ok.stdout and "市教育体育局" in ok.stdout
    tampered = _run(str(bad))
    assert tampered.returncode == 1
    assert "receipts.txt: SHA-256 differs" in tampered.stdout
    assert _run(str(tmp_path / "none.zip")).returncode == 2


def test_closing_rewrites_the_responses_in_hash_order(closed: Any) -> None:
    """Neither SQLite's rowid nor PostgreSQL's ctid keeps the order the answers came in."""
    from django.db import connection

    from minping.surveys.models import Response
    from minping.surveys.scoring import response_hash

    physical = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM surveys_response WHERE survey_id = %s ORDER BY {physical}",  # noqa: S608 - constant
            [closed.pk],
        )
        ids = [row[0] for row in cursor.fetchall()]
    hashes = {
        r.pk: response_hash(r.record())
        for r in Response.objects.filter(survey=closed).select_related("district")
    }
    assert len(ids) == 4
    assert [hashes[i] for i in ids] == sorted(hashes.values())
