"""Role checks for views. Each app adds one access function per protected object."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from minping.accounts.models import Role, User

View = TypeVar("View", bound=Callable[..., HttpResponse])


def current_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user


def role_required(*roles: str) -> Callable[[View], View]:
    """Logged in and holding one of ``roles`` (superusers and the office pass when listed)."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = current_user(request)
            if not (user.role in roles or (user.is_superuser and Role.OFFICE in roles)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]  # same signature as the wrapped view

    return decorator


office_required = role_required(Role.OFFICE)
