"""Role × view matrix for every view of the departments app."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from minping.departments.actions import do_create_policy, do_transition
from minping.departments.models import HandbookBuild, Material
from minping.departments.tests.conftest import save_report, walk
from minping.departments.tests.files import png_bytes

EVERYONE = {
    "office",
    "reviewer",
    "dept_a",
    "dept_b",
    "statistics",
    "district",
    "tallier",
    "supervisor",
    "representative",
    "citizen",
    "outsider",
}


@pytest.fixture
def submitted(scoped, campaign):
    version = save_report(scoped.dept_a, campaign)
    do_transition(scoped.dept_a, version.material, Material.State.SUBMITTED)
    version.material.refresh_from_db()
    return version


def test_department_workspace_and_edit_pages_are_for_department_staff(
    access_matrix, campaign
) -> None:
    for url in [
        reverse("departments:workspace"),
        reverse("departments:edit", args=["report"]),
        reverse("departments:edit", args=["info"]),
        reverse("departments:video"),
    ]:
        access_matrix(url, allowed={"dept_a", "dept_b"})


def test_a_draft_is_seen_by_its_department_its_desk_reviewer_and_the_office(
    access_matrix, submitted
) -> None:
    material = submitted.material
    allowed = {"dept_a", "reviewer", "office"}
    access_matrix(reverse("departments:material", args=[material.pk]), allowed=allowed)
    access_matrix(reverse("departments:diff", args=[material.pk]), allowed=allowed)
    access_matrix(
        reverse("departments:version_file", args=[submitted.pk, "signed"]), allowed=allowed
    )


def test_another_departments_draft_is_hidden_from_staff_and_reviewers_outside_the_portfolio(
    access_matrix, scoped, campaign
) -> None:
    version = save_report(scoped.dept_b, campaign)
    statuses = access_matrix(
        reverse("departments:material", args=[version.material.pk]), allowed={"dept_b", "office"}
    )
    assert statuses["dept_a"] == 404 and statuses["reviewer"] == 404
    access_matrix(
        reverse("departments:version_file", args=[version.pk, "signed"]),
        allowed={"dept_b", "office"},
    )


def test_moves_are_posted_only_by_people_who_work_on_the_material(access_matrix, submitted) -> None:
    url = reverse("departments:move", args=[submitted.material.pk, "reviewed"])
    statuses = access_matrix(url, allowed={"dept_a", "reviewer", "office"}, method="post")
    assert statuses["reviewer"] == 302  # the reviewer's post moved it
    assert Material.objects.get(pk=submitted.material.pk).state == Material.State.REVIEWED


def test_signed_page_of_a_review_step_is_internal(
    access_matrix, scoped, campaign, publicist
) -> None:
    material = walk(save_report(scoped.dept_a, campaign).material, scoped, publicist, to="signed")
    transition = material.transitions.get(to_state="signed")
    access_matrix(
        reverse("departments:transition_file", args=[transition.pk]),
        allowed={"dept_a", "reviewer", "office"},
    )


def test_review_queue_is_for_reviewers(access_matrix, scoped) -> None:
    access_matrix(reverse("departments:review_queue"), allowed={"reviewer"})


def test_office_pages_are_for_the_office(access_matrix, campaign, personas) -> None:
    build = HandbookBuild.objects.create(campaign=campaign)
    for url in [
        reverse("departments:board"),
        reverse("departments:scopes"),
        reverse("departments:policy_new"),
        reverse("departments:handbook"),
        reverse("departments:handbook_status", args=[build.pk]),
        reverse("departments:office_video", args=[personas.dept_a.department_id]),
    ]:
        access_matrix(url, allowed={"office"})


def test_public_pages_need_no_login(access_matrix, campaign, personas) -> None:
    document = do_create_policy(
        None,
        title="关于测试的通知",
        number="测府发〔2025〕1号",
        issued_on=campaign.created_at.date(),
        summary="",
        body="正文",
    )
    for url in [
        reverse("departments:public_index"),
        reverse("departments:public_year", args=[campaign.year]),
        reverse(
            "departments:public_department", args=[campaign.year, personas.dept_a.department_id]
        ),
        reverse("departments:targets_xlsx", args=[campaign.year]),
        reverse("departments:targets_docx", args=[campaign.year]),
        reverse("departments:policies"),
        reverse("departments:policy", args=[document.pk]),
        reverse("departments:search") + "?q=测试",
    ]:
        access_matrix(url, allowed=EVERYONE, anonymous_allowed=True)


def test_published_files_are_public_but_the_signed_page_is_not(
    access_matrix, scoped, campaign, publicist
) -> None:
    version = save_report(scoped.dept_a, campaign)
    walk(version.material, scoped, publicist)
    access_matrix(
        reverse("departments:version_file", args=[version.pk, "signed"]),
        allowed={"dept_a", "reviewer", "office"},
    )


def test_press_photos_are_private_until_published_then_public(
    access_matrix, scoped, campaign, publicist
) -> None:
    from minping.departments.actions import do_save_version

    photo = default_storage.save("departments/photos/test.png", ContentFile(png_bytes()))
    version = do_save_version(
        scoped.dept_a,
        campaign,
        scoped.dept_a.department,
        "press",
        data={"title": "通稿", "photos": [photo]},
        html="<p>正文</p>",
        text="正文",
    )
    url = reverse("departments:version_photo", args=[version.pk, 0])
    access_matrix(url, allowed={"dept_a", "reviewer", "office"})
    walk(version.material, scoped, publicist)
    access_matrix(url, allowed=EVERYONE, anonymous_allowed=True)


def test_finished_handbook_and_meeting_videos_are_public(access_matrix, campaign, personas) -> None:
    from minping.departments.models import Video

    build = HandbookBuild.objects.create(campaign=campaign, status=HandbookBuild.Status.DONE)
    build.file.save("handbook.pdf", ContentFile(b"%PDF-1.4 test"))
    video = Video.objects.create(campaign=campaign, department=personas.dept_a.department)
    video.file.save("v.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"))
    access_matrix(
        reverse("departments:handbook_pdf", args=[build.pk]),
        allowed=EVERYONE,
        anonymous_allowed=True,
    )
    access_matrix(
        reverse("departments:video_file", args=[video.pk]), allowed=EVERYONE, anonymous_allowed=True
    )


def test_saving_a_material_is_only_for_department_staff(access_matrix, campaign) -> None:
    statuses = access_matrix(
        reverse("departments:edit", args=["press"]),
        allowed={"dept_a", "dept_b"},
        method="post",
        data={"title": "通稿", "body": "正文。"},
    )
    assert statuses["dept_a"] == 302
    assert Material.objects.filter(kind="press").count() == 2  # one per department


def test_reviewing_a_department_in_bulk_is_only_for_reviewers(access_matrix, scoped) -> None:
    url = reverse("departments:review_department", args=[scoped.dept_a.department_id, "reviewed"])
    access_matrix(url, allowed={"reviewer"}, method="post")


def test_publishing_in_bulk_is_only_for_the_office(access_matrix, campaign) -> None:
    access_matrix(reverse("departments:publish_cleared"), allowed={"office"}, method="post")


def test_assigning_scopes_is_only_for_the_office(access_matrix, personas, campaign) -> None:
    statuses = access_matrix(
        reverse("departments:scopes"),
        allowed={"office"},
        method="post",
        data={"reviewer": personas.reviewer.pk, "kind": "publicity"},
    )
    assert statuses["office"] == 302


def test_published_slides_stay_off_the_public_site(
    access_matrix, scoped, campaign, publicist
) -> None:
    from minping.departments.actions import do_save_version
    from minping.departments.tests.files import pptx_upload

    version = do_save_version(
        scoped.dept_a, campaign, scoped.dept_a.department, "slides", file=pptx_upload()
    )
    walk(version.material, scoped, publicist)
    access_matrix(
        reverse("departments:version_file", args=[version.pk, "file"]),
        allowed={"dept_a", "reviewer", "office"},
    )
