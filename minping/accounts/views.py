from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from minping import registry


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What the signed-in person should do next, gathered from every app."""
    return render(request, "accounts/dashboard.html", {"cards": registry.dashboard_cards(request)})
