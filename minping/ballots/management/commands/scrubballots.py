"""Removes what physical storage still remembers of ballots in arrival order, after sealing.

SQLite: checkpoints and truncates the write-ahead log. PostgreSQL: ``VACUUM (FULL)`` of the
ballot table, so that the deleted originals (dead tuples with their submit ``xmin``) are
gone. Safe to run twice; see docs/trust-model.md for what only backups policy can cover.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection

from minping.ballots.models import BallotBox


class Command(BaseCommand):
    help = "Scrubs ballot arrival order left in the WAL or dead tuples after sealing (safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        still_open = BallotBox.objects.exclude(state__in=["sealed", "ready"]).count()
        if still_open:
            self.stdout.write(
                self.style.WARNING(
                    f"{still_open} ballot box(es) not sealed yet: their ballots keep arrival order until sealed."
                )
            )
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                busy, frames, done = cursor.fetchone()
                if busy:
                    self.stdout.write(
                        self.style.WARNING("WAL busy: a reader holds a snapshot; run again.")
                    )
                self.stdout.write(f"WAL checkpointed: {done}/{frames} frames, truncated.")
            elif connection.vendor == "postgresql":
                cursor.execute("VACUUM (FULL) ballots_ballot")
                self.stdout.write("ballots_ballot vacuumed (FULL): dead tuples removed.")
            else:
                self.stdout.write(f"nothing to do for {connection.vendor}")
