from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from minping.consultations.actions import do_close_due


class Command(BaseCommand):
    help = "Opens and closes consultations whose dates have come (daily; safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = do_close_due()
        self.stdout.write(f"consultations opened or closed: {changed}")
