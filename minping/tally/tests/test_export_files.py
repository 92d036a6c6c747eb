from __future__ import annotations

import csv
import hashlib
import json
import random

from minping.tally import (
    ballot_hash,
    canonical_bytes,
    design_digest,
    design_from_dict,
    design_to_dict,
    read_export,
    seal_venue,
    session_root,
    write_export,
)
from minping.tally.tests.factories import criteria_scale, design, random_ballots

FORBIDDEN = ("token", "time", "created", "submitted", "ip", "user", "phone", "name_of")


def make_export(tmp_path, count=120, seed=7, d=None):
    d = d or design()
    ballots = random_ballots(random.Random(seed), count, d)
    seals = [seal_venue(v.id, ballots, issued=60) for v in d.venues]
    manifest = write_export(tmp_path, d, seals, ballots)
    return d, seals, ballots, manifest


def test_export_reads_back_the_same_design_seals_and_ballots(tmp_path):
    d, seals, ballots, manifest = make_export(tmp_path)
    export = read_export(tmp_path)
    assert export.design == d
    assert export.seals == tuple(seals)
    assert sorted(export.ballots, key=lambda b: b.ballot_id) == sorted(
        ballots, key=lambda b: b.ballot_id
    )
    assert export.manifest == manifest


def test_ballots_are_written_in_hash_order_one_canonical_line_each(tmp_path):
    _, _, ballots, _ = make_export(tmp_path)
    lines = (tmp_path / "ballots.jsonl").read_bytes().splitlines()
    assert len(lines) == len(ballots)
    hashes = [hashlib.sha256(line).hexdigest() for line in lines]
    assert hashes == sorted(hashes)
    assert set(lines) == {canonical_bytes(b) for b in ballots}


def test_manifest_lists_every_file_hash_and_its_own_digest(tmp_path):
    _, seals, _, manifest = make_export(tmp_path)
    data = json.loads((tmp_path / "manifest.json").read_text())
    for name, digest in data["files"].items():
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == digest
    assert manifest.digest == hashlib.sha256((tmp_path / "manifest.json").read_bytes()).hexdigest()
    assert data["session_root"] == session_root(
        {s.venue: s.root for s in seals}, data["design_digest"]
    )


def test_sealed_list_gives_each_venue_root_with_sort_and_sha256(tmp_path):
    _, seals, ballots, _ = make_export(tmp_path)
    rows = list(csv.DictReader((tmp_path / "sealed.csv").open()))
    assert {r["ballot_id"]: r["hash"] for r in rows} == {
        b.ballot_id: ballot_hash(b) for b in ballots
    }
    for seal in seals:
        hashes = sorted(r["hash"] for r in rows if r["venue"] == seal.venue)
        assert hashlib.sha256("".join(h + "\n" for h in hashes).encode()).hexdigest() == seal.root


def test_no_export_file_has_a_token_a_time_or_a_person(tmp_path):
    make_export(tmp_path)
    for path in tmp_path.iterdir():
        text = path.read_text(encoding="utf-8-sig").lower()
        header = text.splitlines()[0]
        keys = set()
        if path.suffix in (".json", ".jsonl"):
            for line in text.splitlines() if path.suffix == ".jsonl" else [text]:
                keys |= _keys(json.loads(line))
        else:
            keys = set(header.split(","))
        assert not [k for k in keys if any(word in k for word in FORBIDDEN)], path.name


def _keys(value):
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_ballots_csv_opens_in_a_spreadsheet_with_one_row_per_ballot(tmp_path):
    d = design(criteria_scale())
    from minping.tally import Ballot

    ballot = Ballot(
        "e" * 32, "V1", answers={"D01": {"work": 9, "service": 7}}, opinions={"D01": "好,很好"}
    )
    write_export(tmp_path, d, [seal_venue(v.id, [ballot], issued=1) for v in d.venues], [ballot])
    raw = (tmp_path / "ballots.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0]["answer:D01:work"] == "9" and rows[0]["answer:D01:service"] == "7"
    assert rows[0]["opinion:D01"] == "好,很好"
    assert rows[0]["answer:D02:work"] == ""


def test_design_round_trips_through_json_and_its_digest_changes_with_a_weight():
    d = design()
    assert design_from_dict(json.loads(json.dumps(design_to_dict(d)))) == d
    from dataclasses import replace

    from minping.tally import Choice, Scale

    heavier = replace(
        d,
        scale=Scale(
            kind=d.scale.kind,
            choices=(
                Choice("satisfied", "满意", 100, True),
                *d.scale.choices[1:2],
                Choice("dissatisfied", "不满意", 10, False),
            ),
        ),
    )
    assert design_digest(heavier) != design_digest(d)


def test_the_documented_coreutils_pipeline_gives_each_venue_root(tmp_path):
    import subprocess

    _, seals, _, _ = make_export(tmp_path)
    for seal in seals:
        pipeline = f"grep '^{seal.venue},' sealed.csv | cut -d, -f3 | LC_ALL=C sort | sha256sum"
        result = subprocess.run(  # noqa: S602 - the exact command docs/tally-export.md shows
            pipeline, shell=True, cwd=tmp_path, capture_output=True, text=True, check=True
        )
        assert result.stdout.split()[0] == seal.root
