"""Read-only admin views: every change goes through the app's audited actions, and the
encrypted fields are left out (a form would re-save their masked text)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from minping.selection.models import (
    Draw,
    FrameEntry,
    ImportJob,
    Quota,
    Representative,
    SampleFrame,
    Volunteer,
)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


@admin.register(SampleFrame)
class SampleFrameAdmin(ReadOnlyAdmin):
    list_display = ("category", "campaign", "department", "status", "row_count", "imported_at")
    list_filter = ("campaign", "status")


@admin.register(FrameEntry)
class FrameEntryAdmin(ReadOnlyAdmin):
    list_display = ("name", "frame", "employer", "district", "row_number")
    list_filter = ("frame__campaign", "district")
    exclude = ("id_number", "phone", "id_index", "phone_index")
    search_fields = ("name", "employer")


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ("filename", "frame", "status", "processed", "total", "created_at")
    list_filter = ("status",)
    exclude = ("report", "upload")


@admin.register(Volunteer)
class VolunteerAdmin(ReadOnlyAdmin):
    list_display = ("reference", "name", "district", "venue_choice", "session_choice", "status")
    list_filter = ("campaign", "status", "district")
    exclude = ("id_number", "phone", "address", "id_index", "phone_index", "lookup_index")
    search_fields = ("reference", "name")


@admin.register(Quota)
class QuotaAdmin(ReadOnlyAdmin):
    list_display = ("session", "venue", "category", "seed_count", "count")
    list_filter = ("campaign", "session", "venue")


@admin.register(Draw)
class DrawAdmin(ReadOnlyAdmin):
    list_display = ("campaign", "mode", "status", "committed_at", "ran_at")
    exclude = ("sealed_seed", "export")


@admin.register(Representative)
class RepresentativeAdmin(ReadOnlyAdmin):
    list_display = ("name", "session", "venue", "category", "rank", "status")
    list_filter = ("draw__campaign", "status", "session", "venue")
    search_fields = ("name",)
