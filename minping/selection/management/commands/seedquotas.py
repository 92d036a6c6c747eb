from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from minping.campaigns.models import Campaign
from minping.selection.actions import do_seed_quotas


class Command(BaseCommand):
    help = "Seeds a campaign's quotas and frames from the seeds' tables (safe to run twice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="campaign year (default: the current one)")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options.get("year")
        campaign = (
            Campaign.objects.filter(year=year).first() if year else Campaign.objects.current()
        )
        if campaign is None:
            raise CommandError("no such campaign")
        created = do_seed_quotas(None, campaign)
        self.stdout.write(f"{campaign.year}: {created} quotas created")
