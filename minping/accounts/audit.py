"""The append-only, hash-chained audit log. Every ``do_*`` action calls :func:`record`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from minping.accounts.models import AuditEntry, AuditHead, User

GENESIS = "0" * 64


def _label(actor: User | None) -> str:
    if actor is None:
        return "system"
    return f"{actor.display_name} ({actor.username})"


def record(
    actor: User | None,
    verb: str,
    obj: models.Model | None = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Appends one entry. Call inside the action's transaction so both commit together."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            seq=head.last_seq + 1,
            created_at=timezone.now(),
            actor=actor if actor is not None and actor.pk else None,
            actor_label=_label(actor),
            verb=verb,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            before=before or {},
            after=after or {},
            prev_hash=head.last_hash,
        )
        entry.entry_hash = entry.compute_hash()
        entry.save()
        head.last_seq = entry.seq
        head.last_hash = entry.entry_hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


def verify_chain() -> Iterator[ChainProblem]:
    """Yields every place where the chain was changed, cut or extended outside record()."""
    prev_hash = GENESIS
    expected_seq = 1
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            yield ChainProblem(expected_seq, f"entries {expected_seq}..{entry.seq - 1} are missing")
        if entry.prev_hash != prev_hash:
            yield ChainProblem(entry.seq, "does not link to the entry before it")
        if entry.compute_hash() != entry.entry_hash:
            yield ChainProblem(entry.seq, "content was changed after it was written")
        prev_hash = entry.entry_hash
        expected_seq = entry.seq + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.last_seq != expected_seq - 1:
        yield ChainProblem(head.last_seq, "the newest entries were removed")


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """A JSON-safe summary of some fields, for ``before``/``after``."""
    data: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, models.Model):
            value = value.pk
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif not isinstance(value, str | int | float | bool | type(None) | list | dict):
            value = str(value)
        data[name] = value
    return data
