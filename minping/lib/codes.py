"""Printed codes: ballot tokens, survey codes, receipts and credential codes.

One alphabet without 0/O and 1/I/L (readable on a slip, over the phone and on a phone keypad),
a weighted check symbol that catches a mistyped or swapped symbol before any database lookup,
random row ids that say nothing about order, and the keyed digest that lets a receipt table
be looked up by a code without naming the code.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def random_id() -> str:
    """A 128-bit random hex id: it says nothing about when or in which order a row came."""
    return secrets.token_hex(16)


def check_symbol(body: str) -> str:
    total = sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(length))


def checked_code(body_length: int) -> str:
    """``body_length`` random symbols and a check symbol."""
    body = random_code(body_length)
    return body + check_symbol(body)


def normalize(raw: str) -> str:
    """Upper case without spaces or dashes, as printed codes are typed back in."""
    return "".join(ch for ch in raw.upper() if ch not in " -_\t")[:32]


def is_well_formed(code: str, body_length: int) -> bool:
    return (
        len(code) == body_length + 1
        and all(c in ALPHABET for c in code)
        and check_symbol(code[:-1]) == code[-1]
    )


def pretty(code: str, group: int) -> str:
    """``ABCD-EFGH-JK``: groups of ``group`` symbols, as printed."""
    return "-".join(code[i : i + group] for i in range(0, len(code), group))


def keyed_digest(value: str) -> str:
    """A keyed hash (BLAKE2b with the site's secret): a table keyed by it names no code."""
    key = settings.SECRET_KEY.encode()
    return hashlib.blake2b(value.encode(), key=key[:64], digest_size=32).hexdigest()
