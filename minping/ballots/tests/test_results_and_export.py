"""Export for the third party, offline verification, results, suppression and publication."""

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
from django.core.files.uploadedfile import SimpleUploadedFile

from minping.ballots.models import TallyUpload
from minping.ballots.tests.conftest import vote_and_seal

pytestmark = pytest.mark.django_db

MIX = ["satisfied"] * 8 + ["fairly_satisfied"] * 3 + ["dissatisfied"]


@pytest.fixture
def sealed(evaluation: Any) -> Any:
    vote_and_seal(evaluation, {evaluation.main: MIX, evaluation.branch: MIX[:4]})
    return evaluation


def _export(client: Any, session: Any, tmp_path: Path) -> Path:
    response = client.get(f"/ballots/session/{session.pk}/export.zip")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(tmp_path)
    return tmp_path / "export"


def test_the_export_verifies_offline_with_the_tally_command(
    client: Any, personas: Any, sealed: Any, tmp_path: Path
) -> None:
    client.force_login(personas.tallier)
    export = _export(client, sealed.session, tmp_path)
    ballots = (export / "ballots.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(ballots) == 16
    assert all("token" not in line and "time" not in line for line in ballots)
    done = subprocess.run(  # noqa: S603 - our own verifier, fixed arguments
        [sys.executable, "-m", "minping.tally", "verify", str(export)],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = ballots[:]
    changed = json.loads(lines[0])
    first = next(iter(changed["answers"]))
    new = "dissatisfied" if changed["answers"][first] != "dissatisfied" else "satisfied"
    changed["answers"][first] = new
    lines[0] = json.dumps(changed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    (export / "ballots.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tampered = subprocess.run(  # noqa: S603 - our own verifier, fixed arguments
        [sys.executable, "-m", "minping.tally", "verify", str(export)],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert tampered.returncode != 0
    assert json.loads(ballots[0])["ballot_id"] in tampered.stdout + tampered.stderr


def test_the_talliers_result_is_compared_figure_by_figure(
    client: Any, personas: Any, sealed: Any, tmp_path: Path
) -> None:
    client.force_login(personas.tallier)
    export = _export(client, sealed.session, tmp_path)
    same = (export / "results.json").read_bytes()
    url = f"/ballots/session/{sealed.session.pk}/tally/"
    client.post(
        url,
        {"signed_by": "某第三方调查机构", "result_file": SimpleUploadedFile("results.json", same)},
    )
    assert TallyUpload.objects.get().matches
    changed = json.loads(same)
    changed["departments"][0]["overall"]["weighted_score"] = "12.34"
    client.post(
        url,
        {
            "signed_by": "某第三方调查机构",
            "result_file": SimpleUploadedFile("results.json", json.dumps(changed).encode()),
        },
    )
    latest = TallyUpload.objects.order_by("-pk").first()
    assert latest is not None and not latest.matches
    assert any(d["path"].endswith("overall.weighted_score") for d in latest.differences)
    page = client.get(url).content.decode()
    assert "不一致" in page and "12.34" in page


def test_results_of_a_small_venue_are_suppressed(client: Any, personas: Any, sealed: Any) -> None:
    client.force_login(personas.office)
    page = client.get(f"/ballots/session/{sealed.session.pk}/results/").content.decode()
    assert "各部门加权得分" in page and "<svg" in page
    # 16 ballots overall: shown. The branch venue (4) and so the main one (12) are hidden
    # in the venue breakdown, so that neither can be recovered by subtraction.
    table, venues = page.split("<h2>分会场</h2>")
    assert "<td>90.00</td>" in table  # (12 × 100 + 3 × 80 + 1 × 0) / 16
    assert sealed.branch.venue.name in venues
    assert "86.67" not in venues  # the main venue's 12 ballots alone
    assert "100.00" not in venues  # the branch's 4 ballots alone


def test_results_stay_hidden_from_departments_until_published(
    client: Any, personas: Any, sealed: Any
) -> None:
    url = f"/ballots/session/{sealed.session.pk}/results/"
    for user in (personas.dept_a, personas.citizen):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(personas.office)
    response = client.post(f"/ballots/session/{sealed.session.pk}/publish/", {"confirm": "on"})
    assert response.status_code == 302
    client.force_login(personas.dept_a)
    assert client.get(url).status_code == 200
    client.logout()
    assert "评议得分" in client.get(url).content.decode()


def test_scores_download_as_excel(client: Any, personas: Any, sealed: Any) -> None:
    from openpyxl import load_workbook

    client.force_login(personas.statistics)
    response = client.get(f"/ballots/session/{sealed.session.pk}/results.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["部门得分"]
    assert sheet.cell(1, 2).value == "部门"
    assert sheet.max_row == 12  # header + 11 departments


def test_fewer_than_ten_ballots_show_no_result_at_all(
    client: Any, personas: Any, evaluation: Any
) -> None:
    vote_and_seal(evaluation, {evaluation.main: MIX[:7]})
    client.force_login(personas.office)
    page = client.get(f"/ballots/session/{evaluation.session.pk}/results/").content.decode()
    assert page.count("票数不足10张，不公布") == 11


def test_publication_puts_the_exports_digest_on_the_board(
    client: Any, personas: Any, sealed: Any, tmp_path: Path
) -> None:
    import hashlib

    client.force_login(personas.office)
    client.post(f"/ballots/session/{sealed.session.pk}/publish/", {"confirm": "on"})
    export = _export(client, sealed.session, tmp_path)
    digest = hashlib.sha256((export / "manifest.json").read_bytes()).hexdigest()
    client.logout()
    board = client.get("/ballots/board/").content.decode()
    assert f'<span class="hash" data-manifest>{digest}</span>' in board
