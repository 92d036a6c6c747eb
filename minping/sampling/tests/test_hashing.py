"""Frame hash, seed derivation and commitments are stable and documented."""

from __future__ import annotations

import hashlib
import random

from minping.sampling import Person, check_commitment, commit, derive_rng, frame_hash, new_seed
from minping.sampling.hashing import below

PEOPLE = [
    Person("b", "npc", "东胜区", ("x",)),
    Person("a", "npc", None),
    Person("a", "cppcc", "康巴什区", is_volunteer=True, venue_pref="main", session_pref=2),
]


def test_frame_hash_does_not_depend_on_row_order() -> None:
    assert frame_hash(PEOPLE) == frame_hash(list(reversed(PEOPLE)))


def test_frame_hash_changes_when_any_field_changes() -> None:
    base = frame_hash(PEOPLE)
    changed = [
        *PEOPLE[:2],
        Person("a", "cppcc", "康巴什区", is_volunteer=True, venue_pref="main", session_pref=3),
    ]
    assert frame_hash(changed) != base
    assert frame_hash([*PEOPLE[:2], Person("a", "cppcc", "康巴什区", sort_key=("y",))]) != base


def test_frame_hash_follows_the_documented_serialisation() -> None:
    # docs/sampling.md: tagged, one compact JSON array per row, rows sorted by (pid, category).
    text = (
        "minping-frame-v1\n"
        '["p1","npc","东胜区",["单位"],false,null,null,"any"]\n'
        '["p2","npc",null,[],true,"main",2,"none"]\n'
    )
    people = [
        Person(
            "p2",
            "npc",
            None,
            is_volunteer=True,
            venue_pref="main",
            session_pref=2,
            flexibility="none",
        ),
        Person("p1", "npc", "东胜区", ("单位",)),
    ]
    assert frame_hash(people) == hashlib.sha256(text.encode()).hexdigest()


def test_the_derived_generator_follows_the_documented_derivation() -> None:
    material = "minping-draw-v1\0" + "2025-lottery-12345" + "\0" + "ab" * 32
    expected = random.Random(int.from_bytes(hashlib.sha256(material.encode()).digest(), "big"))
    rng = derive_rng("2025-lottery-12345", "ab" * 32)
    assert [rng.getrandbits(32) for _ in range(5)] == [expected.getrandbits(32) for _ in range(5)]


def test_the_derived_stream_is_pinned_so_old_draws_stay_verifiable() -> None:
    rng = derive_rng("2025-lottery-12345", "ab" * 32)
    assert [below(rng, 1000) for _ in range(5)] == [468, 827, 474, 395, 376]


def test_different_seeds_or_frames_give_different_streams() -> None:
    a = derive_rng("s1", "f").getrandbits(64)
    b = derive_rng("s2", "f").getrandbits(64)
    c = derive_rng("s1", "g").getrandbits(64)
    assert a != b
    assert a != c


def test_below_stays_in_range_and_reaches_every_value() -> None:
    rng = random.Random(3)
    seen = {below(rng, 7) for _ in range(500)}
    assert seen == set(range(7))


def test_a_published_commitment_accepts_only_its_seed() -> None:
    seed = new_seed()
    published = commit(seed)
    assert published == hashlib.sha256(("minping-seed-v1\0" + seed).encode()).hexdigest()
    assert len(published) == 64
    assert check_commitment(seed, published)
    assert check_commitment(seed, published.upper() + "\n")
    assert not check_commitment(seed + "0", published)
    assert new_seed() != seed
