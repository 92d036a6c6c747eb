"""Canonical bytes, hashes, seal roots and the canonical (shuffled) order of ballots."""

from __future__ import annotations

import hashlib
import json
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from minping.tally.model import Ballot


def nfc_text(value: str) -> str:
    # ASCII is always NFC; skipping it keeps a million ballots fast.
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def _nfc(value: Any) -> Any:
    """NFC-normalise every string (keys included); refuse floats, booleans and other types."""
    kind = type(value)
    if kind is str:
        return nfc_text(value)
    if isinstance(value, str):  # e.g. a TextChoices member: its plain value
        return nfc_text(str.__str__(value))
    if kind is int:
        return value
    if isinstance(value, Mapping):
        out = {}
        for key, inner in value.items():
            if not isinstance(key, str):
                raise TypeError("ballot keys must be strings")
            out[nfc_text(str.__str__(key))] = _nfc(inner)
        if len(out) != len(value):
            raise ValueError("two keys are the same text once normalised (NFC)")
        return out
    raise TypeError(f"unsupported ballot value: {kind.__name__}")


def _check_types(value: Any, depth: int = 0) -> None:
    """What :func:`_nfc` refuses, without copying (the fast path of canonical_bytes)."""
    if isinstance(value, str) or (type(value) is int):
        return
    if isinstance(value, Mapping) and depth < 2:
        for key, inner in value.items():
            if not isinstance(key, str):
                raise TypeError("ballot keys must be strings")
            _check_types(inner, depth + 1)
        return
    raise TypeError(f"unsupported ballot value: {type(value).__name__}")


def ballot_dict(ballot: Ballot) -> dict[str, Any]:
    """The ballot as a JSON-ready dict with NFC strings (the shape of ``canonical_bytes``)."""
    return {
        "answers": _nfc(ballot.answers),
        "ballot_id": _nfc(ballot.ballot_id),
        "opinions": _nfc(ballot.opinions),
        "questionnaire": _nfc(ballot.questionnaire),
        "status": str(ballot.status),
        "venue": _nfc(ballot.venue),
    }


def dumps_canonical(obj: Any) -> bytes:
    """Sorted-key compact JSON, UTF-8, no ASCII escaping (the tally's one JSON form)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _plain(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """``value`` as dicts all the way down (what ``json.dumps`` accepts)."""
    if type(value) is dict and not any(
        isinstance(v, Mapping) and type(v) is not dict for v in value.values()
    ):
        return value
    return {k: dict(v) if isinstance(v, Mapping) else v for k, v in value.items()}


def canonical_bytes(ballot: Ballot) -> bytes:
    """The ballot's canonical bytes: sorted-key compact JSON of its six fields, UTF-8, NFC.

    Keys: answers, ballot_id, opinions, questionnaire, status, venue. These bytes are
    exactly one line of ``ballots.jsonl`` in an export.
    """
    _check_types(ballot.answers)
    _check_types(ballot.opinions, 1)
    _check_types(ballot.questionnaire, 1)
    _check_types(ballot.ballot_id)
    _check_types(ballot.venue)
    text = json.dumps(
        {
            "answers": _plain(ballot.answers),
            "ballot_id": ballot.ballot_id,
            "opinions": _plain(ballot.opinions),
            "questionnaire": _plain(ballot.questionnaire),
            "status": str(ballot.status),
            "venue": ballot.venue,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    # Strings sit between ASCII quotes, which never compose, so the whole text is NFC
    # exactly when every string is; only otherwise is each string normalised.
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text.encode()
    return dumps_canonical(ballot_dict(ballot))


def ballot_hash(ballot: Ballot) -> str:
    """SHA-256 hex of :func:`canonical_bytes` (``sha256sum`` of the line without its newline)."""
    return hashlib.sha256(canonical_bytes(ballot)).hexdigest()


def seal_root(ballot_hashes: Iterable[str]) -> str:
    """The order-independent seal of a venue: SHA-256 hex of the SORTED hashes, one per line.

    ``root = sha256("".join(h + "\\n" for h in sorted(hashes)))``, i.e. with coreutils:
    ``sort hashes.txt | sha256sum``. A venue with no ballots has the root of the empty
    string. Hashes must be lower-case hex.
    """
    digest = hashlib.sha256()
    for h in sorted(ballot_hashes):
        digest.update(h.encode("ascii") + b"\n")
    return digest.hexdigest()


def session_root(venue_roots: Mapping[str, str], design_digest: str) -> str:
    """The session's seal: SHA-256 hex over the design digest and the venue roots.

    The hashed text is ``"design\\t<design_digest>\\n"`` followed by one line
    ``"<venue id>\\t<venue root>\\n"`` per venue, sorted by venue id (UTF-8).
    """
    lines = [f"design\t{design_digest}\n"]
    lines += [f"{venue}\t{venue_roots[venue]}\n" for venue in sorted(venue_roots)]
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def canonical_order(ballots: Iterable[Ballot]) -> list[Ballot]:
    """Ballots sorted by their hash: random-looking, independent of arrival order.

    This is the order of an export (all venues mixed) and the order in which the app
    rewrites a venue's rows when it seals them.
    """
    keyed = [(ballot_hash(b), b) for b in ballots]
    keyed.sort(key=lambda pair: pair[0])
    return [b for _, b in keyed]


def new_ballot_id() -> str:
    """A fresh random ballot id: 128 bits from the OS generator, 32 lower-case hex digits."""
    return secrets.token_hex(16)
