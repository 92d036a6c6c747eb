from __future__ import annotations

import hashlib

from minping.tally import Ballot, ballot_hash, canonical_order, seal_root, session_root

H1 = "1" * 64
H2 = "a" * 64
H3 = "0f" * 32


def test_seal_root_is_the_hash_of_the_sorted_hashes_one_per_line():
    expected = hashlib.sha256(f"{H3}\n{H1}\n{H2}\n".encode()).hexdigest()
    assert seal_root([H2, H1, H3]) == expected
    assert seal_root([H1, H3, H2]) == expected


def test_an_empty_venue_has_the_root_of_the_empty_string():
    assert seal_root([]) == hashlib.sha256(b"").hexdigest()


def test_session_root_covers_the_design_and_every_venue_sorted_by_id():
    expected = hashlib.sha256(f"design\tD\nV0\t{H1}\nV1\t{H2}\n".encode()).hexdigest()
    assert session_root({"V1": H2, "V0": H1}, "D") == expected
    assert session_root({"V1": H2, "V0": H1}, "E") != expected


def test_canonical_order_sorts_ballots_by_hash_whatever_the_arrival_order():
    ballots = [Ballot(f"{i:032x}", "V0", answers={"D01": "satisfied"}) for i in range(20)]
    ordered = canonical_order(ballots)
    assert [ballot_hash(b) for b in ordered] == sorted(ballot_hash(b) for b in ballots)
    assert canonical_order(list(reversed(ballots))) == ordered
