from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from minping.suggestions.actions import do_send_reminders


class Command(BaseCommand):
    help = "Sends today's due-soon, overdue and Wednesday reminders to units (safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        run = do_send_reminders()
        self.stdout.write(
            f"due soon: {run.due_soon}, overdue: {run.overdue}, weekly: {run.weekly}, "
            f"due dates filled in: {run.filled}"
        )
