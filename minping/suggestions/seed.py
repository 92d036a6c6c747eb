"""Reference rows every database needs: the 16 areas of seed 000's 附件1."""

from __future__ import annotations

from minping.suggestions.models import Area
from minping.triage.reference import REFERENCE_AREAS


def seed_areas() -> int:
    """Creates the areas that are missing (an edited name is kept)."""
    created = 0
    for order, area in enumerate(REFERENCE_AREAS, start=1):
        _obj, made = Area.objects.get_or_create(
            code=area.code,
            defaults={"name": area.name, "description": area.description, "order": order},
        )
        created += int(made)
    return created
