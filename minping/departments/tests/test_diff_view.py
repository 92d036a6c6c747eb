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
