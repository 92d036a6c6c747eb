"""Background work for suggestions, through Django's tasks API (django-tasks backport)."""

from __future__ import annotations

from django_tasks import task

from minping.suggestions.actions import do_send_reminders


@task()
def send_reminders() -> dict[str, int]:
    """The daily reminders as a task, for a scheduler that enqueues tasks instead of commands."""
    run = do_send_reminders()
    return {"due_soon": run.due_soon, "overdue": run.overdue, "weekly": run.weekly}
