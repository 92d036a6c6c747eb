from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from minping.hotline.actions import do_send_reminders


class Command(BaseCommand):
    help = "Texts the people on the next working day's hotline duty (safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        run = do_send_reminders()
        self.stdout.write(f"reminders sent: {run.sent}, without a phone: {run.no_phone}")
