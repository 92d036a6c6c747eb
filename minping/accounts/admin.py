from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from minping.accounts.models import AuditEntry, PiiAccess, User


@admin.register(User)
class MinpingUserAdmin(UserAdmin[User]):
    list_display = ("username", "full_name", "role", "department", "district", "is_active")
    list_filter = ("role", "is_active", "department", "district")
    search_fields = ("username", "full_name")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("minping", {"fields": ("full_name", "role", "department", "district")}),
    )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ("seq", "created_at", "actor_label", "verb", "object_repr")
    search_fields = ("verb", "object_repr", "actor_label")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(PiiAccess)
class PiiAccessAdmin(admin.ModelAdmin[PiiAccess]):
    list_display = ("created_at", "actor_label", "object_type", "object_id", "field", "purpose")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
