"""The only way to read personal data in the clear: every call is logged."""

from __future__ import annotations

from django.db import models

from minping.accounts.models import PiiAccess, User
from minping.lib.fields import Sealed


def reveal(obj: models.Model, field: str, actor: User | None, purpose: str) -> str:
    """Returns the plain value of an encrypted field and logs the access."""
    value = getattr(obj, field)
    if not isinstance(value, Sealed) and obj.pk is not None:
        # A just-saved instance still holds what was assigned: read the stored value.
        value = type(obj)._default_manager.filter(pk=obj.pk).values_list(field, flat=True).first()
    if not isinstance(value, Sealed):
        raise TypeError(f"{obj._meta.label}.{field} is not a stored encrypted value")
    PiiAccess.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.username if actor is not None else "system",
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        field=field,
        purpose=purpose[:200],
    )
    return value.unseal()
