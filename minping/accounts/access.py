"""Role checks for views. Each app adds one access function per protected object."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from minping.accounts.models import Role, User

View = TypeVar("View", bound=Callable[..., HttpResponse])


def current_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user


def role_required(*roles: str) -> Callable[[View], View]:
    """Logged in and holding one of ``roles`` (superusers and the office pass when listed).

    A person who still has a one-time password is sent to change it first.
    """

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = current_user(request)
            if not (user.role in roles or (user.is_superuser and Role.OFFICE in roles)):
                raise PermissionDenied
            if user.must_change_password:
                return redirect("accounts:password_change")
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]  # same signature as the wrapped view

    return decorator


office_required = role_required(Role.OFFICE)

audit_readers_required = role_required(Role.OFFICE, Role.SUPERVISOR)
supervisor_required = role_required(Role.SUPERVISOR)


def get_user_for_office(request: HttpRequest, pk: int) -> User:
    """An account for the office to manage, with its department and district; 404 if none."""
    if not current_user(request).is_office:
        raise PermissionDenied
    user = User.objects.select_related("department", "district").filter(pk=pk).first()
    if user is None:
        raise Http404
    return user
