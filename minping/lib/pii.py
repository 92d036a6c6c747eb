"""The personal-data vault: encryption at rest, blind indexes and masking.

ID numbers and phone numbers are stored as Fernet tokens (AES-128-CBC + HMAC-SHA256).
Fernet is randomised, so equality lookups and duplicate checks use a *blind index*:
an HMAC-SHA256 of the normalised value under a key derived from the same secret.
Plain values leave the vault only through :func:`minping.accounts.pii.reveal`, which logs
who looked and why.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import sys
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class VaultError(Exception):
    """A stored value cannot be decrypted with any configured key."""


def _derive(key: bytes, purpose: bytes) -> bytes:
    return hmac.new(key, b"minping-pii:" + purpose, hashlib.sha256).digest()


class Vault:
    """Encrypts, decrypts and indexes personal data with keys from configuration."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise ValueError("the vault needs at least one key")
        raw = [base64.urlsafe_b64decode(k.encode()) for k in keys]
        if any(len(k) != 32 for k in raw):
            raise ValueError("each vault key must be 32 bytes, urlsafe-base64 encoded")
        self._fernet = MultiFernet(
            [Fernet(base64.urlsafe_b64encode(_derive(k, b"encrypt"))) for k in raw]
        )
        # The blind index always uses the first key: rotating it means re-indexing.
        self._index_key = _derive(raw[0], b"index")

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken as exc:
            raise VaultError("stored value cannot be decrypted with the configured keys") from exc

    def blind_index(self, plain: str, purpose: str = "") -> str:
        """A keyed hash of the normalised value: equal inputs give equal indexes."""
        normalised = normalise(plain)
        return hmac.new(
            self._index_key, purpose.encode() + b"\x00" + normalised.encode(), hashlib.sha256
        ).hexdigest()


def normalise(plain: str) -> str:
    """Strips spaces and dashes and upper-cases the X of an ID number."""
    return "".join(ch for ch in plain.strip() if ch not in " -\u3000").upper()


@lru_cache(maxsize=4)
def _vault_for(keys: str) -> Vault:
    return Vault([k.strip() for k in keys.split(",") if k.strip()])


def vault() -> Vault:
    """The vault configured by ``settings.MINPING_PII_KEY``."""
    from django.conf import settings

    return _vault_for(str(settings.MINPING_PII_KEY))


def mask_id_number(value: str) -> str:
    """``152701199001011234`` → ``1527**********1234``."""
    value = normalise(value)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``; landlines keep the area code and last 4 digits."""
    value = normalise(value)
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str) -> str:
    """``张三丰`` → ``张**``: for public boards."""
    value = value.strip()
    if not value:
        return ""
    return value[0] + "*" * max(1, len(value) - 1)


def generate_key() -> str:
    """A fresh key for ``MINPING_PII_KEY``."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


if __name__ == "__main__":  # pragma: no cover - tiny CLI
    if sys.argv[1:] == ["genkey"]:
        print(generate_key())
    else:
        print("usage: python -m minping.lib.pii genkey")
