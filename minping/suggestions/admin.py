"""Admin: the holiday table (法定节假日 and 调休) is edited here when the State Council
publishes next year's notice, before the chinesecalendar package ships it."""

from __future__ import annotations

from django.contrib import admin

from minping.suggestions.models import Area, CalendarDay, CalendarYear, Handler


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin[CalendarYear]):
    list_display = ["year", "source", "note"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin[CalendarDay]):
    list_display = ["date", "is_workday", "name", "source", "updated_at"]
    list_filter = ["is_workday", "source"]
    date_hierarchy = "date"
    search_fields = ["name"]

    def save_model(self, request: object, obj: CalendarDay, form: object, change: bool) -> None:
        # A new year counts only once its CalendarYear row is added, after all its days.
        obj.source = "manual"
        super().save_model(request, obj, form, change)  # type: ignore[arg-type]  # Django passes its own request and form


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ["order", "name", "code"]


@admin.register(Handler)
class HandlerAdmin(admin.ModelAdmin[Handler]):
    list_display = ["department", "name", "title", "landline", "is_active"]
    list_filter = ["is_active"]
    exclude = ["mobile"]
