"""Writes for accounts: each ``do_*`` makes one complete change and writes the audit log."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction

from minping.accounts import audit
from minping.accounts.importing import NewAccount
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
    """Deactivates or reactivates a login; the account and its history stay."""
    before = audit.snapshot(user, ["is_active"])
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(actor, "accounts.set_active", user, before=before, after={"is_active": active})
    return user


# Letters and digits that cannot be mistaken for each other when read aloud or copied.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"  # noqa: S105 - an alphabet, not a password


def one_time_password() -> str:
    """A random password shown once to the office; the person must change it at first login."""
    chars = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(12))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


USER_FIELDS = ["full_name", "role", "department", "district", "email", "is_active"]


@transaction.atomic
def do_update_user(actor: User, user: User, **changes: Any) -> User:
    """Changes profile fields; a role change drops the department or district it no longer needs."""
    before = audit.snapshot(User.objects.get(pk=user.pk), USER_FIELDS)
    phone = changes.pop("phone", "")
    for name, value in changes.items():
        setattr(user, name, value)
    if user.role != Role.DEPARTMENT:
        user.department = None
    if user.role != Role.DISTRICT:
        user.district = None
    user.is_staff = user.role == Role.OFFICE
    fields = [*changes, "department", "district", "is_staff"]
    if phone:
        user.phone = phone
        fields += ["phone", "phone_index"]
    user.save(update_fields=sorted(set(fields)))
    after = audit.snapshot(user, USER_FIELDS)
    if phone:
        after["phone"] = "changed"
    audit.record(actor, "accounts.update_user", user, before=before, after=after)
    return user


@transaction.atomic
def do_reset_password(actor: User, user: User) -> str:
    """Gives ``user`` a new one-time password and returns it (it is stored only hashed)."""
    password = one_time_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit.record(actor, "accounts.reset_password", user, after={"must_change_password": True})
    return password


@transaction.atomic
def do_change_password(user: User, new_password: str) -> User:
    """The person sets their own password; this clears ``must_change_password``."""
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit.record(user, "accounts.change_password", user)
    return user


@transaction.atomic
def do_import_users(actor: User, accounts: list[NewAccount]) -> list[tuple[User, str]]:
    """Creates every account of a checked import, or none (one transaction)."""
    created: list[tuple[User, str]] = []
    for account in accounts:
        password = one_time_password()
        user = do_create_user(
            actor,
            username=account.username,
            password=password,
            role=account.role,
            full_name=account.full_name,
            department=account.department,
            district=account.district,
            phone=account.phone,
            email=account.email,
            must_change_password=True,
        )
        created.append((user, password))
    audit.record(actor, "accounts.import_users", None, after={"count": len(created)})
    return created
