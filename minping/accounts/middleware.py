"""Sends a person who still holds a one-time password to the password page, site-wide.

``role_required`` already does this for every role page; this middleware also covers pages
that only need a login. Enable it after AuthenticationMiddleware:
``"minping.accounts.middleware.PasswordChangeRequiredMiddleware"``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not self._exempt(request.path)
        ):
            return redirect("accounts:password_change")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        exempt = (
            reverse("accounts:password_change"),
            reverse("accounts:logout"),
            reverse("set_language"),
            settings.STATIC_URL,
            "/healthz",
        )
        return path.startswith(exempt)
