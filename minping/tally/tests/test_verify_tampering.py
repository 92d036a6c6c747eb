"""Each kind of tampering with an export is caught and named by the verifier."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import replace

import pytest

from minping.tally import (
    Ballot,
    BallotStatus,
    ExportError,
    FindingKind,
    canonical_bytes,
    seal_venue,
    verify,
    write_export,
)
from minping.tally.tests.factories import design, random_ballots

K = FindingKind


@pytest.fixture
def export(tmp_path):
    d = design()
    ballots = random_ballots(random.Random(11), 150, d)
    seals = [
        seal_venue(v.id, ballots, issued=sum(b.venue == v.id for b in ballots)) for v in d.venues
    ]
    manifest = write_export(tmp_path, d, seals, ballots)
    return tmp_path, d, ballots, seals, manifest


def lines(path):
    return (path / "ballots.jsonl").read_bytes().splitlines()


def write_lines(path, new_lines):
    (path / "ballots.jsonl").write_bytes(b"".join(line + b"\n" for line in new_lines))


def rehash_manifest(path):
    """What a careful forger does: make the manifest match the edited files."""
    data = json.loads((path / "manifest.json").read_text())
    for name in data["files"]:
        data["files"][name] = hashlib.sha256((path / name).read_bytes()).hexdigest()
    (path / "manifest.json").write_text(json.dumps(data))


def subjects(report, kind):
    return {f.subject for f in report.of_kind(kind)}


def first_valid(path):
    for number, line in enumerate(lines(path)):
        data = json.loads(line)
        if data["status"] == "valid" and data["answers"].get("D01") == "dissatisfied":
            return number, data
    raise AssertionError("no valid ballot rating D01 dissatisfied")


def test_an_untouched_export_verifies(export):
    path, *_, manifest = export
    report = verify(path, expected_session_root=manifest.session_root)
    assert report.ok, report.findings
    assert report.ballots == 150
    assert not [f for f in report.findings if f.kind is not K.UNRETURNED]


def test_a_changed_answer_names_the_ballot_and_its_venue_seal(export):
    path = export[0]
    number, data = first_valid(path)
    data["answers"]["D01"] = "satisfied"
    changed = lines(path)
    changed[number] = canonical_bytes(Ballot(**{**data, "status": BallotStatus(data["status"])}))
    write_lines(path, changed)
    rehash_manifest(path)
    report = verify(path)
    assert not report.ok
    assert subjects(report, K.BALLOT_CHANGED) == {data["ballot_id"]}
    assert subjects(report, K.SEAL_MISMATCH) == {data["venue"]}
    assert "departments.D01.overall.counts.satisfied" in subjects(report, K.RESULT_MISMATCH)


def test_an_edited_file_without_a_new_manifest_is_named(export):
    path = export[0]
    number, data = first_valid(path)
    data["answers"]["D01"] = "fairly_satisfied"
    changed = lines(path)
    changed[number] = json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()
    write_lines(path, changed)
    report = verify(path)
    assert "ballots.jsonl" in subjects(report, K.FILE_CHANGED)
    assert subjects(report, K.BALLOT_CHANGED) == {data["ballot_id"]}


def test_a_change_with_a_forged_sealed_list_names_the_venue_seal(export):
    path, d, ballots, seals, _ = export
    target = next(b for b in ballots if b.status is BallotStatus.VALID)
    forged = replace(target, answers={**target.answers, "D02": "satisfied", "D03": "satisfied"})
    if forged == target:
        forged = replace(target, answers={**target.answers, "D02": "dissatisfied"})
    others = [b for b in ballots if b.ballot_id != target.ballot_id]
    write_export(path, d, seals, [*others, forged])  # new sealed list, old seals
    report = verify(path)
    assert subjects(report, K.BALLOT_CHANGED) == set()
    assert subjects(report, K.SEAL_MISMATCH) == {target.venue}


def test_a_wholly_recomputed_export_is_caught_by_the_published_roots(export):
    path, d, ballots, seals, manifest = export
    target = next(b for b in ballots if b.status is BallotStatus.VALID)
    forged = replace(
        target, answers={k: "satisfied" for k in target.answers} | {"D03": "dissatisfied"}
    )
    new = [*[b for b in ballots if b.ballot_id != target.ballot_id], forged]
    new_seals = [
        seal_venue(v.id, new, issued=s.issued) for v, s in zip(d.venues, seals, strict=True)
    ]
    write_export(path, d, new_seals, new)
    assert verify(path).ok  # consistent in itself...
    published = {s.venue: s.root for s in seals}
    report = verify(
        path, expected_session_root=manifest.session_root, expected_venue_roots=published
    )
    assert not report.ok  # ...but not what was published on the bulletin board
    assert subjects(report, K.EXPECTED_ROOT_MISMATCH) == {"session", target.venue}


def test_a_removed_ballot_is_named(export):
    path = export[0]
    number, data = first_valid(path)
    write_lines(path, [line for i, line in enumerate(lines(path)) if i != number])
    rehash_manifest(path)
    report = verify(path)
    assert subjects(report, K.BALLOT_MISSING) == {data["ballot_id"]}
    assert subjects(report, K.COUNT_MISMATCH) == {data["venue"]}
    assert subjects(report, K.SEAL_MISMATCH) == {data["venue"]}


def test_an_added_ballot_is_named(export):
    path = export[0]
    extra = Ballot(
        "f" * 32, "V1", answers={"D01": "satisfied", "D02": "satisfied", "D03": "satisfied"}
    )
    write_lines(
        path,
        sorted(
            [*lines(path), canonical_bytes(extra)],
            key=lambda line: hashlib.sha256(line).hexdigest(),
        ),
    )
    rehash_manifest(path)
    report = verify(path)
    assert subjects(report, K.BALLOT_ADDED) == {extra.ballot_id}
    assert "V1" in subjects(report, K.COUNT_MISMATCH)


def test_a_duplicated_ballot_is_named(export):
    path = export[0]
    number, data = first_valid(path)
    original = lines(path)
    write_lines(path, [*original[: number + 1], original[number], *original[number + 1 :]])
    rehash_manifest(path)
    report = verify(path)
    assert subjects(report, K.BALLOT_DUPLICATE) == {data["ballot_id"]}


def test_a_ballot_moved_to_another_venue_is_named(export):
    path = export[0]
    number, data = first_valid(path)
    data["venue"] = "V2" if data["venue"] != "V2" else "V1"
    changed = lines(path)
    changed[number] = canonical_bytes(Ballot(**{**data, "status": BallotStatus(data["status"])}))
    write_lines(path, changed)
    rehash_manifest(path)
    assert subjects(verify(path), K.BALLOT_CHANGED) == {data["ballot_id"]}


def test_a_changed_result_names_the_figure(export):
    path = export[0]
    data = json.loads((path / "results.json").read_text())
    data["departments"][1]["overall"]["weighted_score"] = "99.99"
    (path / "results.json").write_text(json.dumps(data, ensure_ascii=False))
    rehash_manifest(path)
    report = verify(path)
    assert subjects(report, K.RESULT_MISMATCH) == {"departments.D02.overall.weighted_score"}
    assert "99.99" in report.of_kind(K.RESULT_MISMATCH)[0].message


def test_a_changed_results_spreadsheet_is_named(export):
    path = export[0]
    raw = (path / "results.csv").read_bytes().replace(b"D01", b"D0l", 1)
    (path / "results.csv").write_bytes(raw)
    rehash_manifest(path)
    assert subjects(verify(path), K.RESULT_MISMATCH) == {"results.csv"}


def test_a_ballots_spreadsheet_that_differs_from_the_ballots_is_named(export):
    path = export[0]
    text = (path / "ballots.csv").read_text(encoding="utf-8-sig")
    (path / "ballots.csv").write_text(
        text.replace("dissatisfied", "satisfied", 1), encoding="utf-8-sig"
    )
    rehash_manifest(path)
    assert subjects(verify(path), K.CSV_MISMATCH) == {"ballots.csv"}


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("issued", 1, K.COUNT_MISMATCH),
        ("blank", 99, K.COUNT_MISMATCH),
        ("returned", 0, K.COUNT_MISMATCH),
    ],
)
def test_forged_reconciliation_counts_are_named(export, field, value, kind):
    path = export[0]
    data = json.loads((path / "seals.json").read_text())
    data["venues"][0][field] = value
    (path / "seals.json").write_text(json.dumps(data))
    rehash_manifest(path)
    assert data["venues"][0]["venue"] in subjects(verify(path), kind)


def test_issued_more_than_returned_is_a_warning_not_an_error(tmp_path):
    d = design()
    ballots = random_ballots(random.Random(3), 40, d)
    seals = [seal_venue(v.id, ballots, issued=100) for v in d.venues]
    write_export(tmp_path, d, seals, ballots)
    report = verify(tmp_path)
    assert report.ok
    assert subjects(report, K.UNRETURNED) == {"V0", "V1", "V2"}


def test_a_changed_weight_in_the_design_breaks_the_session_root(export):
    path = export[0]
    data = json.loads((path / "design.json").read_text())
    data["scale"]["choices"][1]["weight"] = 90
    (path / "design.json").write_text(json.dumps(data, ensure_ascii=False))
    rehash_manifest(path)
    report = verify(path)
    assert {"design.json", "seals.json", "manifest.json"} <= subjects(
        report, K.SESSION_ROOT_MISMATCH
    )
    assert report.of_kind(K.RESULT_MISMATCH)


def test_reordered_ballots_are_reported(export):
    path = export[0]
    write_lines(path, list(reversed(lines(path))))
    rehash_manifest(path)
    assert subjects(verify(path), K.ORDER) == {"ballots.jsonl"}


def test_a_non_canonical_or_unreadable_line_is_named(export):
    path = export[0]
    changed = lines(path)
    data = json.loads(changed[0])
    changed[0] = json.dumps(data).encode()  # spaces and \u escapes: not canonical
    changed[1] = b"{not json"
    write_lines(path, changed)
    rehash_manifest(path)
    report = verify(path)
    assert data["ballot_id"] in subjects(report, K.MALFORMED)
    assert "ballots.jsonl:2" in subjects(report, K.MALFORMED)


def test_a_ballot_that_does_not_fit_the_design_is_named(export):
    path = export[0]
    number, data = first_valid(path)
    data["answers"]["D01"] = "very_satisfied"
    changed = lines(path)
    changed[number] = canonical_bytes(Ballot(**{**data, "status": BallotStatus(data["status"])}))
    write_lines(path, changed)
    rehash_manifest(path)
    report = verify(path)
    assert subjects(report, K.BALLOT_INVALID) == {data["ballot_id"]}
    assert subjects(report, K.BALLOT_CHANGED) == {data["ballot_id"]}


def test_a_missing_file_is_named(export):
    path = export[0]
    (path / "sealed.csv").unlink()
    report = verify(path)
    assert "sealed.csv" in subjects(report, K.FILE_MISSING)
    assert not report.of_kind(K.BALLOT_ADDED)  # not 150 "added" ballots: the list is missing
    assert not report.ok


def test_an_export_without_a_manifest_cannot_be_verified(export):
    path = export[0]
    (path / "manifest.json").unlink()
    with pytest.raises(ExportError):
        verify(path)


def test_a_wholesale_change_is_listed_up_to_a_limit_then_counted(tmp_path):
    from minping.tally import sealed_entries
    from minping.tally.verify import MAX_PER_KIND

    d = design()
    ballots = [
        Ballot(f"{i:032x}", "V0", answers={"D01": "satisfied"}) for i in range(MAX_PER_KIND + 30)
    ]
    seals = [seal_venue(v.id, ballots, issued=len(ballots)) for v in d.venues]
    sealed = sealed_entries(ballots)
    flipped = [replace(b, answers={"D01": "dissatisfied"}) for b in ballots]
    write_export(tmp_path, d, seals, flipped, sealed=sealed)
    changed = verify(tmp_path).of_kind(K.BALLOT_CHANGED)
    assert len(changed) == MAX_PER_KIND + 1
    assert changed[-1].message.startswith("另有 30 条同类问题")


def test_an_unusable_design_is_named_and_the_ballots_are_still_checked(export):
    path = export[0]
    data = json.loads((path / "design.json").read_text())
    data["scale"]["choices"] = data["scale"]["choices"][:1]  # one option left: not a scale
    (path / "design.json").write_text(json.dumps(data, ensure_ascii=False))
    rehash_manifest(path)
    report = verify(path)
    assert any("评价选项至少两个" in f.message for f in report.of_kind(K.MALFORMED))
    assert report.ballots == 150
    assert not report.ok


def test_missing_ballots_are_one_finding_about_the_file(export):
    path = export[0]
    (path / "ballots.jsonl").unlink()
    report = verify(path)
    assert "ballots.jsonl" in subjects(report, K.FILE_MISSING)
    assert not report.of_kind(K.BALLOT_MISSING)
    assert report.of_kind(K.SEAL_MISMATCH)  # and no venue root recomputes
