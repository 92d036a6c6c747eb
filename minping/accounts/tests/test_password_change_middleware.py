from __future__ import annotations

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

MIDDLEWARE = [*settings.MIDDLEWARE, "minping.accounts.middleware.PasswordChangeRequiredMiddleware"]


@override_settings(MIDDLEWARE=MIDDLEWARE)
def test_every_page_waits_for_the_new_password(personas, client):
    personas.citizen.must_change_password = True
    personas.citizen.save(update_fields=["must_change_password"])
    client.force_login(personas.citizen)
    for url in ["/", reverse("accounts:dashboard"), "/campaign/2025/"]:
        assert client.get(url)["Location"] == reverse("accounts:password_change"), url
    assert client.get(reverse("accounts:password_change")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


@override_settings(MIDDLEWARE=MIDDLEWARE)
def test_people_with_their_own_password_pass(personas, client):
    client.force_login(personas.citizen)
    assert client.get("/").status_code == 200
