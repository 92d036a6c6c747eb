from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def seed_reference_data(sender: AppConfig, **kwargs: Any) -> None:
    """The 16 reference areas and the official holidays: present in every database."""
    from minping.suggestions.deadlines import seed_calendar
    from minping.suggestions.seed import seed_areas

    seed_areas()
    seed_calendar()


class SuggestionsConfig(AppConfig):
    name = "minping.suggestions"
    verbose_name = _("意见建议")

    def ready(self) -> None:
        post_migrate.connect(seed_reference_data, sender=self)
