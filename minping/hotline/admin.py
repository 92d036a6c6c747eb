"""Admin: read-only lists for the superuser; every change goes through the office's pages,
whose actions write the rota log and the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from minping.hotline.models import Rota, RotaLog


class ReadOnly(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Rota)
class RotaAdmin(ReadOnly):
    list_display = ["title", "start", "end", "state", "published_at"]
    list_filter = ["state"]


@admin.register(RotaLog)
class RotaLogAdmin(ReadOnly):
    list_display = ["at", "rota", "kind", "description", "reason", "after_publication"]
    list_filter = ["kind", "after_publication"]
