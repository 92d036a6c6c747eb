"""An independent reading of docs/tally-export.md: recompute an export with hashlib, json
and decimal only, never through minping.tally's own functions, so the code cannot drift
from what a third party is told to implement."""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

from minping.tally import seal_venue, write_export
from minping.tally.tests.factories import design, random_ballots


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_an_export_recomputes_by_the_documented_rules_alone(tmp_path):
    d = design()
    ballots = random_ballots(random.Random(13), 400, d)
    seals = [seal_venue(v.id, ballots, issued=200) for v in d.venues]
    write_export(tmp_path, d, seals, ballots)

    manifest = json.loads((tmp_path / "manifest.json").read_text())
    for name, digest in manifest["files"].items():
        assert sha((tmp_path / name).read_bytes()) == digest

    # Ballot hash = SHA-256 of the line; lines in hash order; venue root = sorted hashes + "\n".
    lines = (tmp_path / "ballots.jsonl").read_bytes().split(b"\n")
    assert lines.pop() == b""
    hashes = [sha(line) for line in lines]
    assert hashes == sorted(hashes)
    parsed = [json.loads(line) for line in lines]
    for line, ballot in zip(lines, parsed, strict=True):
        assert (
            json.dumps(ballot, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
            == line
        )
    by_venue = defaultdict(list)
    for h, ballot in zip(hashes, parsed, strict=True):
        by_venue[ballot["venue"]].append(h)
    seals_file = json.loads((tmp_path / "seals.json").read_text())
    for seal in seals_file["venues"]:
        text = "".join(h + "\n" for h in sorted(by_venue[seal["venue"]]))
        assert sha(text.encode()) == seal["root"]

    # Session root over the design digest and the venue roots sorted by venue id.
    design_json = json.loads((tmp_path / "design.json").read_text())
    design_digest = sha(
        json.dumps(design_json, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    )
    assert design_digest == manifest["design_digest"]
    roots = {s["venue"]: s["root"] for s in seals_file["venues"]}
    text = f"design\t{design_digest}\n" + "".join(f"{v}\t{roots[v]}\n" for v in sorted(roots))
    assert sha(text.encode()) == seals_file["session_root"] == manifest["session_root"]

    # Department figures: mean choice weight and share of satisfied choices, half up.
    weights = {c["key"]: c["weight"] for c in design_json["scale"]["choices"]}
    happy = {c["key"] for c in design_json["scale"]["choices"] if c["satisfied"]}
    results = json.loads((tmp_path / "results.json").read_text())
    for dept in results["departments"]:
        answers = [
            b["answers"][dept["department"]]
            for b in parsed
            if b["status"] == "valid" and dept["department"] in b["answers"]
        ]
        counts = Counter(answers)
        n = len(answers)
        score = Decimal(sum(weights[a] for a in answers)) / Decimal(n)
        rate = Decimal(100 * sum(counts[k] for k in happy)) / Decimal(n)
        cent = Decimal("0.01")
        overall = dept["overall"]
        assert overall["answers"] == n
        assert overall["counts"] == {k: counts[k] for k in weights}
        assert overall["weighted_score"] == str(score.quantize(cent, rounding=ROUND_HALF_UP))
        assert overall["satisfaction_rate"] == str(rate.quantize(cent, rounding=ROUND_HALF_UP))
        points = (Decimal(design_json["conversion"]["max_points"]) * score / 100).quantize(
            cent, rounding=ROUND_HALF_UP
        )
        assert dept["points"] == str(points)
