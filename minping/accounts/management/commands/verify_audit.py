from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minping.accounts.audit import verify_chain
from minping.accounts.models import AuditEntry


class Command(BaseCommand):
    help = "Checks the audit log's hash chain; exits non-zero naming each changed or removed entry."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(verify_chain())
        if problems:
            for problem in problems:
                self.stderr.write(f"seq {problem.seq}: {problem.reason}")
            raise CommandError(f"audit log is NOT intact: {len(problems)} problem(s)")
        count = AuditEntry.objects.count()
        self.stdout.write(self.style.SUCCESS(f"audit log intact: {count} entries, chain verified"))
