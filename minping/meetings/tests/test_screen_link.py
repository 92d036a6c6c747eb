"""The read-only screen link: a venue's projector PC shows the timer without a login."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from minping.accounts.models import AuditEntry
from minping.meetings import actions

pytestmark = pytest.mark.django_db


def _key(day: Any) -> str:
    return actions.screen_key(actions.ensure_agenda(day.session))


def test_the_link_opens_the_display_and_its_state_without_login(client: Any, day: Any) -> None:
    key = _key(day)
    page = client.get(f"/meetings/screen/{key}/")
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    html = page.content.decode()
    assert f"/meetings/screen/{key}/timer.json" in html
    state = client.get(f"/meetings/screen/{key}/timer.json").json()
    first = actions.ensure_agenda(day.session).slots.order_by("order").first()
    assert state["slot"]["department"] == first.department.name
    assert state["total"] == actions.ensure_agenda(day.session).slots.count()


def test_the_page_has_no_menu_no_form_and_no_link_to_other_pages(client: Any, day: Any) -> None:
    html = client.get(f"/meetings/screen/{_key(day)}/").content.decode()
    assert "<form" not in html
    assert "<a " not in html
    assert "/accounts/" not in html
    assert "sessionid" not in client.cookies  # no login session is made


def test_the_page_shows_department_names_but_no_person(client: Any, day: Any) -> None:
    html = client.get(f"/meetings/screen/{_key(day)}/").content.decode()
    for rep in day.seated + day.main_seated:
        assert rep.name not in html


def test_the_key_reaches_no_other_page(client: Any, day: Any) -> None:
    key = _key(day)
    client.get(f"/meetings/screen/{key}/")
    s, v = day.session.pk, day.branch.pk
    for url in [
        f"/meetings/session/{s}/display/",
        f"/meetings/session/{s}/timer.json",
        f"/meetings/session/{s}/attendance/",
        f"/meetings/session/{s}/venue/{v}/checkin/",
        f"/meetings/session/{s}/venue/{v}/absent/",
        f"/meetings/screen/{key}/attendance/",
        f"/meetings/screen/{key}/../session/{s}/",
        f"/meetings/session/{s}/display/?key={key}",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("accounts:login")), url
    posted = client.post(f"/meetings/screen/{key}/", {"command": "start"})
    assert posted.status_code == 405
    assert actions.ensure_agenda(day.session).slots.exclude(state="waiting").count() == 0


def test_a_wrong_or_short_key_is_404(client: Any, day: Any) -> None:
    key = _key(day)
    assert client.get(f"/meetings/screen/{key[:-1]}x/").status_code == 404
    assert client.get("/meetings/screen/abc/").status_code == 404


def test_the_office_rotates_the_link_and_the_old_one_is_404_at_once(
    client: Any, day: Any, personas: Any
) -> None:
    old = _key(day)
    client.force_login(personas.office)
    response = client.post(f"/meetings/session/{day.session.pk}/screen-link/")
    assert response.status_code == 302
    new = actions.ensure_agenda(day.session).screen_key
    assert new != old and len(new) >= 40
    client.logout()
    assert client.get(f"/meetings/screen/{old}/").status_code == 404
    assert client.get(f"/meetings/screen/{old}/timer.json").status_code == 404
    assert client.get(f"/meetings/screen/{new}/").status_code == 200
    entry = AuditEntry.objects.get(verb="meetings.rotate_screen_key")
    assert old not in str(entry.__dict__) and new not in str(entry.__dict__)


def test_office_and_district_officers_see_the_link_with_a_qr_code(
    client: Any, day: Any, personas: Any
) -> None:
    url = f"/meetings/session/{day.session.pk}/"
    for persona in (personas.office, personas.district):
        client.force_login(persona)
        html = client.get(url).content.decode()
        assert f"/meetings/screen/{_key(day)}/" in html
        assert "<svg" in html
    assert "screen-link/" not in html  # the district officer cannot rotate it
    for persona in (personas.statistics, personas.supervisor):
        client.force_login(persona)
        assert "/meetings/screen/" not in client.get(url).content.decode()


def test_access_matrix_of_the_screen_link(access_matrix: Any, day: Any) -> None:
    key = _key(day)
    everyone = {
        "office", "reviewer", "dept_a", "dept_b", "statistics", "district", "tallier",
        "supervisor", "representative", "citizen", "outsider",
    }  # fmt: skip
    access_matrix(f"/meetings/screen/{key}/", allowed=everyone, anonymous_allowed=True)
    access_matrix(f"/meetings/screen/{key}/timer.json", allowed=everyone, anonymous_allowed=True)
    access_matrix(
        f"/meetings/session/{day.session.pk}/screen-link/", allowed={"office"}, method="post"
    )
