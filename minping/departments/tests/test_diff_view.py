from __future__ import annotations

from django.urls import reverse

from minping.departments.tests.conftest import report_text, save_report


def test_reviewer_sees_what_changed_between_two_versions(login, scoped, campaign) -> None:
    save_report(scoped.dept_a, campaign, text=report_text(380))
    changed = report_text(380).replace(
        "五、存在问题和2026年主要工作打算", "五、存在问题和2026年打算"
    )
    version = save_report(scoped.dept_a, campaign, text=changed + "\n新增一段关于供暖的说明。")
    client = login(scoped.reviewer)
    page = client.get(reverse("departments:diff", args=[version.material.pk]), {"a": 1, "b": 2})
    html = page.content.decode()
    assert 'class="diff-add">' in html
    assert "新增一段关于供暖的说明。" in html
    assert 'class="diff-del"><span class="sr">删除：</span>五、存在问题和2026年主要工作打算' in html


def test_same_versions_are_reported_as_identical(login, scoped, campaign) -> None:
    version = save_report(scoped.dept_a, campaign)
    page = login(scoped.dept_a).get(reverse("departments:diff", args=[version.material.pk]))
    assert "两个版本内容相同" in page.content.decode()


def test_a_new_upload_shows_in_the_diff_and_a_carried_over_file_does_not(
    login, personas, campaign
) -> None:
    from minping.departments.models import Material
    from minping.departments.tests.files import png_upload

    client = login(personas.dept_a)
    url = reverse("departments:edit", args=["infographic"])
    client.post(url, {"image": png_upload("图.png"), "intro": "导语一"})
    client.post(url, {"intro": "导语二"})
    client.post(url, {"image": png_upload("图.png", color="#1f7a4d"), "intro": "导语二"})
    material = Material.objects.get(kind="infographic")
    diff = reverse("departments:diff", args=[material.pk])
    kept = client.get(diff, {"a": 1, "b": 2}).context["lines"]
    assert [line.text for line in kept if line.kind != "same"] == ["导语一", "导语二"]
    replaced = client.get(diff, {"a": 2, "b": 3}).context["lines"]
    assert [line.kind for line in replaced if line.text.startswith("文件：")] == ["del", "add"]
