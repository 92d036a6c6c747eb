from __future__ import annotations

from django.contrib import admin

from minping.departments.models import (
    HandbookBuild,
    Material,
    PolicyDocument,
    ReviewerScope,
    Transition,
    Version,
    Video,
)


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # django-stubs generic
    list_display = ["department", "kind", "state", "campaign", "updated_at"]
    list_filter = ["campaign", "kind", "state"]
    readonly_fields = ["current_version", "published_version", "state"]


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # django-stubs generic
    list_display = ["material", "number", "created_by", "created_at", "char_count"]
    readonly_fields = [f.name for f in Version._meta.fields]


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # django-stubs generic
    list_display = ["material", "from_state", "to_state", "actor", "created_at"]
    readonly_fields = [f.name for f in Transition._meta.fields]


admin.site.register(ReviewerScope)
admin.site.register(Video)
admin.site.register(PolicyDocument)
admin.site.register(HandbookBuild)
