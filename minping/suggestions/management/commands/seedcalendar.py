from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from minping.suggestions.deadlines import seed_calendar


class Command(BaseCommand):
    help = "Adds the official holidays of years the table lacks, from the chinesecalendar package."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("years", nargs="*", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        added = seed_calendar(options["years"] or None)
        self.stdout.write(f"years added: {added}")
