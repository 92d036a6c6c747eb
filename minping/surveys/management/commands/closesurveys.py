"""Closes (and so seals) every open survey whose closing time has passed, then removes what
physical storage still remembers of the arrival order: SQLite's write-ahead log is
checkpointed and truncated, PostgreSQL's response table is ``VACUUM (FULL)``-ed (the deleted
originals keep their insert ``xmin`` until then). Safe to run twice; run it from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from minping.surveys import actions
from minping.surveys.models import Survey


class Command(BaseCommand):
    help = "Closes and seals surveys past their closing time, then scrubs arrival order (safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        due = Survey.objects.filter(state=Survey.State.OPEN, closes_at__lte=timezone.now())
        closed = []
        for survey in due:
            try:
                actions.do_transition(None, survey, Survey.State.CLOSED)
            except actions.ActionError as exc:
                self.stdout.write(self.style.WARNING(f"{survey}: {exc.message}"))
            else:
                closed.append(survey)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            elif connection.vendor == "postgresql":
                cursor.execute("VACUUM (FULL) surveys_response")
        self.stdout.write(f"closed and sealed: {len(closed)} survey(s)")
