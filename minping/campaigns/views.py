from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from minping.campaigns.models import Campaign


@require_GET
def campaign_detail(request: HttpRequest, year: int) -> HttpResponse:
    """Public page of one year's campaign: sessions, venues and groups."""
    campaign = get_object_or_404(Campaign, year=year)
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "sessions": campaign.sessions.select_related("group").order_by("number"),
            "venues": campaign.venues.select_related("district").order_by("kind", "order"),
            "groups": campaign.groups.prefetch_related("departments").order_by("number"),
        },
    )
