from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from minping.campaigns.models import Campaign
from minping.departments.models import HandbookBuild
from minping.departments.tasks import build_handbook


class Command(BaseCommand):
    help = "Builds the compiled handbook PDF of a year's published materials now, in this process."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="campaign year (default: the current one)")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options.get("year")
        campaign = (
            Campaign.objects.filter(year=year).first() if year else Campaign.objects.current()
        )
        if campaign is None:
            raise CommandError("no such campaign")
        build = HandbookBuild.objects.create(campaign=campaign)
        build_handbook.call(build.pk)
        build.refresh_from_db()
        if build.status != HandbookBuild.Status.DONE:
            raise CommandError(f"handbook build failed: {build.error}")
        self.stdout.write(f"{build.file.path} ({build.total_steps - 1} departments)")
