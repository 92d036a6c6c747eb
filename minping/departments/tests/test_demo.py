from __future__ import annotations

from django.urls import reverse

from minping.demo import DemoContext
from minping.departments import demo
from minping.departments.charcount import count_chars
from minping.departments.models import Material, PolicyDocument, Version


def test_demo_has_departments_at_different_steps_and_is_idempotent(
    client, personas, campaign, publicist
) -> None:
    ctx = DemoContext(campaign=campaign)
    ctx.users.update(office=personas.office, reviewer=personas.reviewer, publicity=publicist)
    demo.load(ctx)
    counts = (Material.objects.count(), Version.objects.count(), PolicyDocument.objects.count())
    demo.load(ctx)
    assert (
        Material.objects.count(),
        Version.objects.count(),
        PolicyDocument.objects.count(),
    ) == counts

    states = set(Material.objects.values_list("state", flat=True))
    assert {"published", "signed", "reviewed", "submitted", "returned", "draft"} <= states
    published = Material.objects.filter(department__name="市发展和改革委员会", state="published")
    assert published.count() == 6
    report = published.get(kind="report").published_version
    assert 1500 <= count_chars(report.text) <= 2500 and report.warnings == []

    page = client.get(
        reverse(
            "departments:public_department", args=[campaign.year, report.material.department_id]
        )
    ).content.decode()
    for text in [
        "部门基本信息",
        "业务目标",
        "述职报告",
        "图说政府工作",
        "新闻通稿",
        "观看述职视频",
    ]:
        assert text in page
    image = client.get(
        reverse(
            "departments:version_file",
            args=[published.get(kind="infographic").published_version_id, "file"],
        )
    )
    assert image["Content-Type"] == "image/png"
