"""Every campaign setup page is for the office only."""

from __future__ import annotations

from django.urls import reverse

from minping.campaigns.models import Deadline, Department, DepartmentGroup, District, Session, Venue

OFFICE = {"office"}


def _urls():
    session = Session.objects.first()
    venue = Venue.objects.first()
    group = DepartmentGroup.objects.first()
    category = session.campaign.categories.first()
    district = District.objects.first()
    department = Department.objects.first()
    deadline = Deadline.objects.create(
        campaign=session.campaign, stage="draw", due="2025-12-30T09:00:00+08:00"
    )
    return [
        reverse("campaigns:setup_home"),
        reverse("campaigns:setup", args=[2025]),
        reverse("campaigns:campaign_list"),
        reverse("campaigns:campaign_create"),
        reverse("campaigns:campaign_edit", args=[2025]),
        reverse("campaigns:session_list", args=[2025]),
        reverse("campaigns:session_create", args=[2025]),
        reverse("campaigns:session_edit", args=[session.pk]),
        reverse("campaigns:venue_list", args=[2025]),
        reverse("campaigns:venue_create", args=[2025]),
        reverse("campaigns:venue_edit", args=[venue.pk]),
        reverse("campaigns:group_list", args=[2025]),
        reverse("campaigns:group_create", args=[2025]),
        reverse("campaigns:group_edit", args=[group.pk]),
        reverse("campaigns:category_list", args=[2025]),
        reverse("campaigns:category_create", args=[2025]),
        reverse("campaigns:category_edit", args=[category.pk]),
        reverse("campaigns:deadline_list", args=[2025]),
        reverse("campaigns:deadline_create", args=[2025]),
        reverse("campaigns:deadline_edit", args=[deadline.pk]),
        reverse("campaigns:district_list"),
        reverse("campaigns:district_create"),
        reverse("campaigns:district_edit", args=[district.pk]),
        reverse("campaigns:department_list"),
        reverse("campaigns:department_create"),
        reverse("campaigns:department_edit", args=[department.pk]),
    ]


def test_every_setup_page_is_for_the_office_only(access_matrix):
    for url in _urls():
        access_matrix(url, allowed=OFFICE)


def _write_targets():
    session = Session.objects.first()
    deadline = Deadline.objects.create(
        campaign=session.campaign, stage="draw", due="2025-12-30T09:00:00+08:00"
    )
    return {
        "campaign_set_current": [2025],
        "session_delete": [session.pk],
        "venue_delete": [Venue.objects.first().pk],
        "district_toggle": [District.objects.first().pk],
        "department_toggle": [Department.objects.first().pk],
        "deadline_delete": [deadline.pk],
    }


def test_setup_writes_refuse_every_other_role_and_work_for_the_office(client, personas):
    targets = _write_targets()
    for name, args in targets.items():
        url = reverse(f"campaigns:{name}", args=args)
        client.logout()
        assert client.post(url)["Location"].startswith(reverse("accounts:login")), name
        for persona, user in personas.all().items():
            if persona == "office":
                continue
            client.force_login(user)
            assert client.post(url).status_code == 403, f"{persona} {name}"
        client.force_login(personas.office)
        assert client.post(url).status_code == 302, name
    assert not Session.objects.filter(pk=targets["session_delete"][0]).exists()
    assert not Venue.objects.filter(pk=targets["venue_delete"][0]).exists()
    assert not Deadline.objects.filter(pk=targets["deadline_delete"][0]).exists()
    assert not District.objects.get(pk=targets["district_toggle"][0]).is_active
