"""Model fields for the personal-data vault.

``EncryptedField`` stores a Fernet token. Reading it gives a :class:`Sealed` value whose
``str()`` is the masked form, so a template that prints it shows ``138****5678``; the
plain value needs :func:`minping.accounts.pii.reveal`, which logs the access. Assigning a
plain ``str`` encrypts it on save and fills the companion blind-index field, if named.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

from minping.lib import pii


class Sealed:
    """An encrypted value as read from the database."""

    __slots__ = ("_mask", "token")

    def __init__(self, token: str, mask: Callable[[str], str]) -> None:
        self.token = token
        self._mask = mask

    def masked(self) -> str:
        return self._mask(pii.vault().decrypt(self.token)) if self.token else ""

    def unseal(self) -> str:
        """The plain value. Call only through an access that logs (accounts.pii.reveal)."""
        return pii.vault().decrypt(self.token) if self.token else ""

    def __str__(self) -> str:
        return self.masked()

    def __repr__(self) -> str:
        return f"Sealed({self.masked()!r})"

    def __bool__(self) -> bool:
        return bool(self.token)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sealed) and other.token == self.token

    def __hash__(self) -> int:
        return hash(self.token)


MASKS: dict[str, Callable[[str], str]] = {
    "id_number": pii.mask_id_number,
    "phone": pii.mask_phone,
    "name": pii.mask_name,
    "text": lambda value: "*" * min(len(value), 8),
}


class EncryptedField(models.TextField[Any, Any]):
    """A text column holding a Fernet token; see the module docstring."""

    def __init__(
        self, *args: Any, kind: str = "text", index_field: str = "", **kwargs: Any
    ) -> None:
        self.kind = kind
        self.index_field = index_field
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        if self.index_field:
            kwargs["index_field"] = self.index_field
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Sealed:
        return Sealed(value or "", MASKS[self.kind])

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> str:
        if isinstance(value, Sealed):
            return value.token
        if value in (None, ""):
            return ""
        return pii.vault().encrypt(pii.normalise(str(value)) if self.kind != "text" else str(value))

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if self.index_field and not isinstance(value, Sealed):
            index = pii.vault().blind_index(str(value), self.kind) if value else None
            setattr(model_instance, self.index_field, index)
        return value

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return value.token if isinstance(value, Sealed) else self.get_prep_value(value)


def blind_index(value: str, kind: str) -> str:
    """The index a field of this kind stores for ``value``: use it to look rows up."""
    return pii.vault().blind_index(value, kind)
