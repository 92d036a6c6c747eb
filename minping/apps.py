from __future__ import annotations

from django.apps import AppConfig


class MinpingConfig(AppConfig):
    """The project itself: base templates, static files, system checks, demo data."""

    name = "minping"
    verbose_name = "minping"

    def ready(self) -> None:
        from minping import checks  # noqa: F401  (registers the system checks)
