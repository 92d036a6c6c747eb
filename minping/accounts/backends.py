from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from minping.accounts.models import User
from minping.lib.fields import blind_index
from minping.lib.phone import MOBILE_RE
from minping.lib.pii import normalise


class PhoneOrUsernameBackend(ModelBackend):
    """Staff log in with a username; representatives may use their mobile number."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username and password and MOBILE_RE.match(normalise(username)):
            user = User.objects.filter(phone_index=blind_index(username, "phone")).first()
            if user and user.check_password(password) and self.user_can_authenticate(user):
                return user
        result = super().authenticate(request, username=username, password=password, **kwargs)
        return result if isinstance(result, User) else None
