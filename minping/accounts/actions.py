"""Writes for accounts: each ``do_*`` makes one complete change and writes the audit log."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from minping.accounts import audit
from minping.accounts.models import Role, User


@transaction.atomic
def do_create_user(
    actor: User | None,
    *,
    username: str,
    password: str | None,
    role: str,
    full_name: str = "",
    department: Any = None,
    district: Any = None,
    phone: str = "",
    email: str = "",
    must_change_password: bool = False,
) -> User:
    user = User(
        username=username,
        role=role,
        full_name=full_name,
        department=department if role == Role.DEPARTMENT else None,
        district=district if role == Role.DISTRICT else None,
        phone=phone,
        email=email,
        is_staff=role == Role.OFFICE,
        must_change_password=must_change_password,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit.record(
        actor,
        "accounts.create_user",
        user,
        after={
            "username": username,
            "role": role,
            "department": user.department_id,
            "district": user.district_id,
        },
    )
    return user


@transaction.atomic
def do_set_active(actor: User, user: User, active: bool) -> User:
    before = audit.snapshot(user, ["is_active"])
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(actor, "accounts.set_active", user, before=before, after={"is_active": active})
    return user
