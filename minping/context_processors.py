from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from minping import registry


def site(request: HttpRequest) -> dict[str, Any]:
    from minping.campaigns.models import Campaign

    return {
        "current_campaign": Campaign.objects.current(),
        "nav_items": registry.nav_items(request),
    }
