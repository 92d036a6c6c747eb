from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from minping import registry


def site(request: HttpRequest) -> dict[str, Any]:
    from minping.campaigns.models import current_for_request

    return {
        "current_campaign": current_for_request(request),
        "nav_items": registry.nav_items(request),
    }
