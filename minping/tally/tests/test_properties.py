"""Property tests: seal roots, tamper detection, shuffle invariance, suppression."""

from __future__ import annotations

import random
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from minping.tally import (
    Ballot,
    BallotStatus,
    FindingKind,
    ballot_hash,
    compute_results,
    results_bytes,
    seal_root,
    seal_venue,
    sealed_entries,
    verify,
    write_export,
)
from minping.tally.tests.factories import design, random_ballots

DESIGN = design(min_cell=3)
CHOICES = [c.key for c in DESIGN.scale.choices]

hexes = st.text("0123456789abcdef", min_size=64, max_size=64)

answers = st.dictionaries(
    st.sampled_from([d.id for d in DESIGN.departments]), st.sampled_from(CHOICES), min_size=1
)


@st.composite
def ballots(draw, min_size=0, max_size=40):
    ids = draw(
        st.lists(
            st.text("0123456789abcdef", min_size=32, max_size=32),
            min_size=min_size,
            max_size=max_size,
            unique=True,
        )
    )
    out = []
    for ballot_id in ids:
        status = draw(
            st.sampled_from([BallotStatus.VALID] * 8 + [BallotStatus.BLANK, BallotStatus.INVALID])
        )
        out.append(
            Ballot(
                ballot_id=ballot_id,
                venue=draw(st.sampled_from([v.id for v in DESIGN.venues])),
                status=status,
                answers={} if status is BallotStatus.BLANK else draw(answers),
                questionnaire={}
                if status is BallotStatus.BLANK
                else {"Q1": draw(st.sampled_from(["yes", "no"]))},
            )
        )
    return out


@given(st.lists(hexes, unique=True), st.randoms(use_true_random=False))
def test_seal_root_does_not_depend_on_the_order_of_the_ballots(hashes, rnd):
    shuffled = list(hashes)
    rnd.shuffle(shuffled)
    assert seal_root(shuffled) == seal_root(hashes)


@given(st.lists(hexes, unique=True, min_size=1), st.data())
def test_removing_adding_or_changing_one_hash_changes_the_root(hashes, data):
    root = seal_root(hashes)
    index = data.draw(st.integers(0, len(hashes) - 1))
    new = data.draw(hexes.filter(lambda h: h not in hashes))
    assert seal_root(hashes[:index] + hashes[index + 1 :]) != root
    assert seal_root([*hashes, new]) != root
    assert seal_root([*hashes[:index], new, *hashes[index + 1 :]]) != root


@given(ballots(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_the_ballots(bs, rnd):
    shuffled = list(bs)
    rnd.shuffle(shuffled)
    assert results_bytes(compute_results(DESIGN, shuffled)) == results_bytes(
        compute_results(DESIGN, bs)
    )


@given(ballots(max_size=60), st.integers(1, 12))
def test_no_published_cell_has_fewer_answers_than_the_threshold(bs, threshold):
    d = replace(DESIGN, min_cell=threshold)
    results = compute_results(d, bs)
    cells = [c for dept in results.departments for c in (dept.overall, *dept.venues.values())]
    cells += [c for q in results.questionnaire for c in (q.overall, *q.venues.values())]
    cells += list(results.groups.values())
    for cell in cells:
        if cell.suppressed:
            assert cell.answers is None and cell.weighted_score is None and cell.counts is None
        else:
            assert cell.answers is not None and cell.answers >= threshold


@given(ballots(max_size=60), st.integers(1, 12))
def test_suppressed_venues_cannot_be_recovered_by_subtraction(bs, threshold):
    d = replace(DESIGN, min_cell=threshold)
    counts = {}
    for b in bs:
        if b.status is BallotStatus.VALID:
            for dept in b.answers:
                counts[(dept, b.venue)] = counts.get((dept, b.venue), 0) + 1
    results = compute_results(d, bs)
    for dept in results.departments:
        hidden = [v for v, cell in dept.venues.items() if cell.suppressed]
        if hidden and not dept.overall.suppressed:
            total = sum(counts.get((dept.department, v), 0) for v in hidden)
            assert total == 0 or total >= threshold
    # The group pools every department: members hidden overall must not be recoverable.
    hidden_members = [x.department for x in results.departments if x.overall.suppressed]
    if hidden_members and not results.groups["第一组"].suppressed:
        total = sum(n for (dep, _), n in counts.items() if dep in hidden_members)
        assert total == 0 or total >= threshold


def _export(directory, bs):
    seals = [seal_venue(v.id, bs, issued=len(bs)) for v in DESIGN.venues]
    write_export(directory, DESIGN, seals, bs)
    return seals, sealed_entries(bs)


def _forge(directory, sealing, bs):
    """Rewrite the export around ``bs``, keeping what was recorded at sealing time."""
    seals, sealed = sealing
    write_export(directory, DESIGN, seals, bs, sealed=sealed)
    return verify(directory)


def _forged_report(original, forged):
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        return _forge(directory, _export(directory, original), forged)


def _subjects(report, kind):
    return {f.subject for f in report.of_kind(kind)}


SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(ballots(min_size=1), st.data())
def test_verify_names_a_removed_ballot(bs, data):
    gone = data.draw(st.sampled_from(bs))
    report = _forged_report(bs, [b for b in bs if b.ballot_id != gone.ballot_id])
    assert _subjects(report, FindingKind.BALLOT_MISSING) == {gone.ballot_id}
    assert gone.venue in _subjects(report, FindingKind.SEAL_MISMATCH)


@SLOW
@given(ballots(), st.sampled_from([v.id for v in DESIGN.venues]), answers)
def test_verify_names_an_added_ballot(bs, venue, new_answers):
    extra = Ballot("f" * 32, venue, answers=new_answers)
    assume(all(b.ballot_id != extra.ballot_id for b in bs))
    report = _forged_report(bs, [*bs, extra])
    assert _subjects(report, FindingKind.BALLOT_ADDED) == {extra.ballot_id}
    assert venue in _subjects(report, FindingKind.SEAL_MISMATCH)


@SLOW
@given(ballots(min_size=1), st.data())
def test_verify_names_a_changed_ballot(bs, data):
    target = data.draw(st.sampled_from(bs))
    changed = data.draw(
        st.builds(
            replace,
            st.just(target),
            answers=answers,
            status=st.sampled_from([BallotStatus.VALID, BallotStatus.INVALID]),
        ).filter(lambda b: ballot_hash(b) != ballot_hash(target))
    )
    others = [b for b in bs if b.ballot_id != target.ballot_id]
    report = _forged_report(bs, [*others, changed])
    assert _subjects(report, FindingKind.BALLOT_CHANGED) == {target.ballot_id}
    assert target.venue in _subjects(report, FindingKind.SEAL_MISMATCH)
    assert not report.ok


def test_random_sessions_verify_cleanly(tmp_path):
    bs = random_ballots(random.Random(5), 300)
    _export(tmp_path, bs)
    assert verify(tmp_path).ok
