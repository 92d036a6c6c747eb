"""Every view of the selection app against every persona."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minping.selection.models import ImportJob, Representative, SampleFrame, Volunteer

pytestmark = pytest.mark.django_db

EVERYONE = {
    "office", "reviewer", "dept_a", "dept_b", "statistics", "district", "tallier",
    "supervisor", "representative", "citizen", "outsider",
}  # fmt: skip
OVERSEERS = {"office", "statistics", "supervisor"}
MANAGERS = {"office", "statistics"}


def test_overview_and_frames(drawn, access_matrix) -> None:
    access_matrix(reverse("selection:index"), {*OVERSEERS, "dept_a", "dept_b", "district"})
    access_matrix(reverse("selection:frames"), {*MANAGERS, "dept_a", "dept_b"})
    access_matrix(reverse("selection:frame_template"), {*MANAGERS, "dept_a", "dept_b"})
    npc = SampleFrame.objects.get(category__code="npc")
    access_matrix(reverse("selection:frame", args=[npc.pk]), MANAGERS)
    key_project = SampleFrame.objects.get(category__code="key-project")
    access_matrix(reverse("selection:frame", args=[key_project.pk]), {*MANAGERS, "dept_a"})
    access_matrix(
        reverse("selection:frame", args=[key_project.pk]),
        {*MANAGERS, "dept_a"},
        method="post",
        data={},
    )


def test_import_pages(drawn, access_matrix) -> None:
    frame = SampleFrame.objects.get(category__code="key-project")
    job = ImportJob.objects.create(
        frame=frame, filename="x.xlsx", status="rejected", report=b"PK", problem_count=1
    )
    for name in ("selection:import", "selection:import_status", "selection:import_report"):
        access_matrix(reverse(name, args=[job.pk]), {*MANAGERS, "dept_a"})


def test_public_volunteer_pages(drawn, access_matrix) -> None:
    for name in ("selection:signup", "selection:signup_status", "selection:signup_done"):
        access_matrix(reverse(name), EVERYONE, anonymous_allowed=True)
    access_matrix(
        reverse("selection:draw_public", args=[drawn.campaign.year]),
        EVERYONE,
        anonymous_allowed=True,
    )


def test_volunteer_review(drawn, access_matrix) -> None:
    from minping.campaigns.models import District

    access_matrix(reverse("selection:volunteers"), {*MANAGERS, "district"})
    volunteer = Volunteer.objects.first()  # lives in 东胜区, the district persona's
    url = reverse("selection:volunteer_review", args=[volunteer.pk])
    access_matrix(url, {*MANAGERS, "district"}, method="post", data={})
    volunteer.district = District.objects.get(name="康巴什区")
    volunteer.save()
    access_matrix(url, MANAGERS, method="post", data={})


def test_quotas(drawn, access_matrix) -> None:
    from minping.campaigns.models import Venue

    access_matrix(reverse("selection:quotas"), OVERSEERS)
    access_matrix(reverse("selection:quota_seed"), {"statistics"}, method="post", data={})
    venue = Venue.objects.get(district__name="东胜区")
    # After the draw nobody may edit the quotas any more.
    access_matrix(reverse("selection:quota_edit", args=[1, venue.pk]), set())


def test_quota_editing_before_the_draw(ready, access_matrix) -> None:
    from minping.campaigns.models import Venue

    venue = Venue.objects.get(district__name="东胜区")
    access_matrix(reverse("selection:quota_edit", args=[1, venue.pk]), {"statistics"})


def test_draw_pages(drawn, access_matrix) -> None:
    access_matrix(reverse("selection:draw"), OVERSEERS)
    for name in ("draw_commit", "draw_reveal", "draw_run", "draw_accounts"):
        access_matrix(reverse(f"selection:{name}"), {"statistics"}, method="post", data={})
    access_matrix(reverse("selection:draw_export"), {*OVERSEERS, "tallier"})


def test_results(drawn, access_matrix) -> None:
    access_matrix(reverse("selection:composition"), OVERSEERS)
    access_matrix(reverse("selection:composition_export"), OVERSEERS)
    access_matrix(reverse("selection:list"), OVERSEERS)
    access_matrix(reverse("selection:district"), {*OVERSEERS, "district"})
    access_matrix(reverse("selection:district_export"), {*OVERSEERS, "district"})
    own = Representative.objects.filter(
        draw=drawn, status="selected", venue__district__name="东胜区"
    ).first()
    other = Representative.objects.filter(
        draw=drawn, status="selected", venue__district__name="康巴什区"
    ).first()
    access_matrix(reverse("selection:replace", args=[own.pk]), {*MANAGERS, "district"})
    access_matrix(reverse("selection:replace", args=[other.pk]), MANAGERS)


def test_my_seat(drawn, access_matrix) -> None:
    access_matrix(reverse("selection:my_seat"), {"representative"})


def test_contact_list(drawn, access_matrix) -> None:
    access_matrix(reverse("selection:contact_export"), {"statistics"})


def test_frame_department(drawn, access_matrix) -> None:
    npc = SampleFrame.objects.get(category__code="npc")
    access_matrix(
        reverse("selection:frame_department", args=[npc.pk]), MANAGERS, method="post", data={}
    )
