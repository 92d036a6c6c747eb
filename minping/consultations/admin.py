from __future__ import annotations

from django.contrib import admin

from minping.consultations.models import Consultation, TransitionLog


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin[Consultation]):
    list_display = ["title", "department", "state", "opens_on", "closes_on"]
    list_filter = ["state", "department"]
    readonly_fields = ["state"]


@admin.register(TransitionLog)
class TransitionLogAdmin(admin.ModelAdmin[TransitionLog]):
    list_display = ["consultation", "from_state", "to_state", "actor_role", "at"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
