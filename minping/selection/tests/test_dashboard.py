from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_public_home_page_links_to_the_sign_up_and_the_draw_record(seeded, client) -> None:
    page = client.get(reverse("home")).content.decode()
    assert reverse("selection:signup") in page
    assert reverse("selection:draw_public", args=[seeded.year]) in page


def test_each_role_gets_its_next_step_on_the_dashboard(seeded, personas, login) -> None:
    client = login(personas.statistics)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "抽取市民代表" in page and "尚未公布种子承诺" in page
    client = login(personas.dept_a)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "报送样本框" in page and reverse("selection:frames") in page
    client = login(personas.district)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("selection:district") in page
    client = login(personas.citizen)
    assert "selection" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_the_supervisor_is_not_offered_links_it_cannot_open(seeded, personas, login) -> None:
    page = login(personas.supervisor).get(reverse("selection:index")).content.decode()
    assert reverse("selection:frames") not in page and reverse("selection:volunteers") not in page
    assert reverse("selection:draw") in page and reverse("selection:composition") in page


def test_the_admin_lists_selection_data_read_only_without_personal_numbers(drawn, client):
    from minping.accounts.models import User
    from minping.selection.models import FrameEntry

    admin = User.objects.create_superuser("root", password="x-Long-pass-1")
    client.force_login(admin)
    entry = FrameEntry.objects.first()
    page = client.get(reverse("admin:selection_frameentry_change", args=[entry.pk])).content
    assert entry.name in page.decode()
    assert str(entry.id_number) not in page.decode() and entry.id_index not in page.decode()
    listing = client.get(reverse("admin:selection_representative_changelist"))
    assert listing.status_code == 200
    assert client.get(reverse("admin:selection_volunteer_add")).status_code == 403


def test_sign_ups_to_review_show_for_the_bureau_and_the_residents_district(
    seeded, personas, login, client
) -> None:
    from minping.selection.tests.test_volunteer_signup import form_data

    client.post(reverse("selection:signup"), form_data())  # a 东胜区 resident
    for persona in (personas.statistics, personas.district):
        page = login(persona).get(reverse("accounts:dashboard")).content.decode()
        assert "待审核的自愿报名" in page and "?status=submitted" in page
