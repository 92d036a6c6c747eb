"""Fixed-window counters of failed attempts per client, kept in Django's cache.

Public pages that take a guessable input (a tracking number, a sign-up reference, a ballot
code) count the attempts that found nothing; past the limit the client gets a 429 page
until the window ends. Only failures are counted, so a person with the right input is
never held up by the counter.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Limit:
    """``attempts`` failures per client within ``window`` seconds, for one kind of lookup."""

    scope: str
    attempts: int = 10
    window: int = 600


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or the header the reverse proxy sets.

    ``MINPING_CLIENT_IP_HEADER`` names a ``request.META`` key (e.g. ``HTTP_X_REAL_IP`` or
    ``HTTP_X_FORWARDED_FOR``). For a list (X-Forwarded-For) the last entry counts: it is the
    one the trusted proxy appended, the earlier ones come from the client and can be forged.
    """
    header = getattr(settings, "MINPING_CLIENT_IP_HEADER", "")
    if header:
        value = str(request.META.get(header, ""))
        last = value.rsplit(",", 1)[-1].strip()
        if last:
            return last[:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _key(limit: Limit, who: str, now: float) -> str:
    window_number = int(now // limit.window)
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return f"ratelimit:{limit.scope}:{window_number}:{digest}"


def _cache() -> BaseCache:
    return caches[getattr(settings, "MINPING_RATELIMIT_CACHE", "default")]


def failures(limit: Limit, who: str, *, now: float | None = None) -> int:
    """How many failures ``who`` has in the current window."""
    now = time.time() if now is None else now
    return int(_cache().get(_key(limit, who, now), 0))


def is_blocked(limit: Limit, who: str, *, now: float | None = None) -> bool:
    return failures(limit, who, now=now) >= limit.attempts


def record_failure(limit: Limit, who: str, *, now: float | None = None) -> int:
    """Counts one failure of ``who``; returns the count in the current window."""
    now = time.time() if now is None else now
    key = _key(limit, who, now)
    cache = _cache()
    # The key lives a little longer than its window, then expires on its own.
    cache.add(key, 0, timeout=limit.window + 60)
    try:
        return int(cache.incr(key))
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=limit.window + 60)
        return 1


def fail(limit: Limit, request: HttpRequest, *, now: float | None = None) -> bool:
    """Counts a failed attempt of the request's client; True once it is over the limit."""
    return record_failure(limit, client_ip(request), now=now) > limit.attempts


def too_many(request: HttpRequest, limit: Limit) -> HttpResponse:
    """The 429 page: too many attempts, try again later."""
    response = HttpResponse(render_to_string("errors/429.html", request=request), status=429)
    response["Retry-After"] = str(limit.window)
    return response


View = Callable[..., HttpResponse]


def guard_lookup(limit: Limit) -> Callable[[View], View]:
    """A view whose 404 means "nothing under that key": a client past the limit gets 429
    before the lookup, and each 404 the view raises counts as a failure."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            who = client_ip(request)
            if is_blocked(limit, who):
                return too_many(request, limit)
            try:
                return view(request, *args, **kwargs)
            except Http404:
                record_failure(limit, who)
                raise

        return wrapped

    return decorate
