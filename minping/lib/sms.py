"""Outgoing SMS through a pluggable backend named by ``settings.MINPING_SMS_BACKEND``.

``send(phone, text)`` is the whole API; it skips an empty number or a landline (only a mobile
can receive an SMS), so callers need not check. :class:`ConsoleBackend` logs only the masked phone and
the message's length: bodies carry one-time passwords and verification codes, which must not
reach a log. The demo's default, :class:`DemoConsoleBackend`, also shows the body so that the
synthetic people's verification codes can be typed in. Tests use :class:`LocmemBackend`, whose
``outbox`` keeps the plain messages for assertions. Production plugs in a class with the same
``send`` method that talks to the city's SMS gateway.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from minping.lib.phone import is_mobile
from minping.lib.pii import mask_phone

logger = logging.getLogger("minping.sms")


@dataclass(frozen=True)
class Message:
    phone: str
    text: str


class Backend(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class ConsoleBackend:
    """Logs that a message went out: the phone masked and the length, never the body."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s (%d characters)", mask_phone(phone), len(text))


class DemoConsoleBackend:
    """The demo's gateway: prints the body too, for the synthetic people's codes. Demo only."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s (demo, shown in full): %s", mask_phone(phone), text)


class LocmemBackend:
    """Keeps messages in memory (``LocmemBackend.outbox``) for tests."""

    outbox: list[Message] = []  # noqa: RUF012 - shared on purpose, like Django's mail.outbox

    def send(self, phone: str, text: str) -> None:
        LocmemBackend.outbox.append(Message(phone, text))


@lru_cache(maxsize=4)
def _backend(path: str) -> Backend:
    backend_class = import_string(path)
    instance: Backend = backend_class()
    return instance


def get_backend() -> Backend:
    return _backend(str(settings.MINPING_SMS_BACKEND))


def send(phone: str, text: str) -> bool:
    """Sends ``text`` to ``phone`` through the configured backend; False when the number
    cannot receive an SMS (empty, or a landline given by a caller on the phone)."""
    if not phone or not is_mobile(phone):
        logger.info("SMS not sent: %s is not a mobile number", mask_phone(phone) or "-")
        return False
    get_backend().send(phone, text)
    return True
