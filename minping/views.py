from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from minping import registry
from minping.campaigns.models import current_for_request


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The public home page of the year's campaign: no login needed."""
    campaign = current_for_request(request)
    context = {
        "campaign": campaign,
        "sessions": campaign.sessions.select_related("group").order_by("number")
        if campaign
        else [],
        "venues": campaign.venues.select_related("district").order_by("-kind", "order")
        if campaign
        else [],
        "groups": campaign.groups.prefetch_related("departments").order_by("number")
        if campaign
        else [],
        "public_links": registry.public_links(campaign) if campaign else [],
    }
    return render(request, "home.html", context)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
