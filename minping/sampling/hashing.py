"""Frame hashing, the seeded generator and the seed commitment.

Derivations (version-tagged so a later change cannot silently alter old draws):

- ``frame_hash``: SHA-256 (hex) of the canonical frame: rows sorted by
  ``(pid, category)``, each written as a compact JSON array
  ``[pid, category, district, [sort_key...], is_volunteer, venue_pref, session_pref,
  flexibility]`` (UTF-8, no spaces, non-ASCII kept), joined by ``"\\n"``, prefixed by
  ``"minping-frame-v1\\n"``.
- ``derive_rng``: SHA-256 of ``"minping-draw-v1\\0" + seed + "\\0" + frame_hash``, read as a
  big-endian 256-bit integer, seeds Python's ``random.Random`` (Mersenne Twister).  The
  engine only calls ``getrandbits`` on it (integer draws by rejection, see
  :func:`below`), whose output is fixed across platforms and Python versions.
- ``commit``: SHA-256 (hex) of ``"minping-seed-v1\\0" + seed``, published before the
  frames close; anyone can check the later-revealed seed against it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import secrets
from collections.abc import Iterable
from operator import attrgetter

from .model import Person

FRAME_TAG = "minping-frame-v1\n"
DRAW_TAG = "minping-draw-v1\0"
SEED_TAG = "minping-seed-v1\0"


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical_row(person: Person) -> str:
    """The canonical one-line serialisation of a frame row used by :func:`frame_hash`."""
    return _ENCODE(
        [
            person.pid,
            person.category,
            person.district,
            list(person.sort_key),
            person.is_volunteer,
            person.venue_pref,
            person.session_pref,
            person.flexibility,
        ]
    )


def frame_hash(people: Iterable[Person]) -> str:
    """SHA-256 (hex) of the canonical serialisation of the frame; input order is irrelevant."""
    rows = sorted(people, key=attrgetter("pid", "category"))
    digest = hashlib.sha256(FRAME_TAG.encode())
    for row in rows:
        digest.update((canonical_row(row) + "\n").encode())
    return digest.hexdigest()


def derive_rng(seed: str, frame_digest: str) -> random.Random:
    """The draw's generator: the same seed and frame hash give the same stream anywhere."""
    material = f"{DRAW_TAG}{seed}\0{frame_digest}".encode()
    # Not for security: a reproducible stream from a published seed is the point.
    return random.Random(int.from_bytes(hashlib.sha256(material).digest(), "big"))  # noqa: S311


def below(rng: random.Random, n: int) -> int:
    """A uniform integer in ``[0, n)`` from ``getrandbits`` by rejection (version-stable)."""
    if n <= 0:
        raise ValueError("n must be positive")
    bits = n.bit_length()
    while True:
        value = rng.getrandbits(bits)
        if value < n:
            return value


def uniform(rng: random.Random) -> float:
    """A float in ``[0, 1)`` built from 53 bits of ``getrandbits``."""
    return rng.getrandbits(53) / 9007199254740992.0


def new_seed() -> str:
    """A fresh 128-bit seed (hex) for an office that has no public source of randomness."""
    return secrets.token_hex(16)


def commit(seed: str) -> str:
    """The commitment to publish before the frames close: SHA-256 of the tagged seed."""
    return hashlib.sha256(f"{SEED_TAG}{seed}".encode()).hexdigest()


def check_commitment(seed: str, commitment: str) -> bool:
    """True when ``seed`` is the one that ``commitment`` was made for."""
    return hmac.compare_digest(commit(seed), commitment.strip().lower())
