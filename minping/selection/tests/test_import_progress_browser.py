"""The import page follows a background import until it finishes."""

from __future__ import annotations

import pytest

from minping.selection.models import ImportJob, SampleFrame

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_import_page_polls_progress_and_offers_the_report(
    page, seeded, personas, browser_login
) -> None:
    frame = SampleFrame.objects.get(campaign=seeded, category__code="npc")
    job = ImportJob.objects.create(
        frame=frame, filename="大名单.xlsx", status="running", total=100_000, processed=25_000
    )
    browser_login("statistics")
    page.goto(f"/selection/imports/{job.pk}/")
    assert page.get_by_text("校验中").is_visible()
    assert page.locator('[data-field="processed"]').inner_text() == "25000"

    ImportJob.objects.filter(pk=job.pk).update(processed=60_000)
    page.wait_for_function(
        "document.querySelector('[data-field=\"processed\"]').textContent === '60000'"
    )
    assert page.locator('[data-field="bar"]').get_attribute("style") == "width: 60%;"

    ImportJob.objects.filter(pk=job.pk).update(
        status="rejected",
        processed=100_000,
        problem_count=1,
        report=b"PK",
        message="发现1处问题，整个文件未导入，请下载问题清单修改后重新上传",
    )
    page.wait_for_load_state()  # the page reloads itself once the job is finished
    page.locator('#import-job[data-finished="1"]').wait_for()
    assert page.get_by_text("发现1处问题，整个文件未导入").is_visible()
    assert page.get_by_role("link", name="下载问题清单（行、列、原因）").is_visible()
