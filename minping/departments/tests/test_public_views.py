"""The public portal shows only published material, and search finds it."""

from __future__ import annotations

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from minping.departments.actions import do_create_policy, do_save_version
from minping.departments.tests.conftest import save_report, walk


def dept_url(campaign, department) -> str:
    return reverse("departments:public_department", args=[campaign.year, department.pk])


def test_draft_report_is_not_on_the_public_page(client, scoped, campaign) -> None:
    save_report(scoped.dept_a, campaign)
    page = client.get(dept_url(campaign, scoped.dept_a.department)).content.decode()
    assert "该部门的材料尚未公开" in page
    assert "职能目标完成情况" not in page


def test_published_report_is_on_the_public_page_but_later_drafts_are_not(
    client, scoped, campaign, publicist
) -> None:
    material = walk(save_report(scoped.dept_a, campaign).material, scoped, publicist)
    page = client.get(dept_url(campaign, scoped.dept_a.department)).content.decode()
    assert "一、2025年度职能目标完成情况" in page and "朗读" in page
    index = client.get(reverse("departments:public_year", args=[campaign.year])).content.decode()
    assert "已公开1项" in index
    assert material.state == "published"


def test_public_page_shows_basic_info_leaders_units_and_targets(
    client, scoped, campaign, publicist
) -> None:
    staff = scoped.dept_a
    info = do_save_version(
        staff,
        campaign,
        staff.department,
        "info",
        data={
            "info": {
                "name": "市发展和改革委员会",
                "office_phone": "0477-1234567",
                "duties": "统筹发展。",
            },
            "leaders": [{"name": "钱二", "title": "主任", "duties": "主持工作"}],
            "units": [{"name": "综合科", "duties": "综合协调", "phone": "0477-7654321"}],
        },
    )
    targets = do_save_version(
        staff,
        campaign,
        staff.department,
        "targets",
        data={
            "targets": [
                {"category": "经济", "seq": "1", "name": "稳投资", "content": "完成投资100亿元"}
            ]
        },
    )
    walk(info.material, scoped, publicist)
    walk(targets.material, scoped, publicist)
    page = client.get(dept_url(campaign, staff.department)).content.decode()
    for text in ["0477-1234567", "统筹发展", "钱二", "综合科", "稳投资", "完成投资100亿元"]:
        assert text in page


def test_targets_export_lists_only_published_targets(client, scoped, campaign, publicist) -> None:
    published = do_save_version(
        scoped.dept_a,
        campaign,
        scoped.dept_a.department,
        "targets",
        data={
            "targets": [{"category": "经济", "seq": "1", "name": "稳投资", "content": "完成投资"}]
        },
    )
    walk(published.material, scoped, publicist)
    do_save_version(
        scoped.dept_b,
        campaign,
        scoped.dept_b.department,
        "targets",
        data={"targets": [{"category": "", "seq": "1", "name": "未公开目标", "content": "草稿"}]},
    )
    response = client.get(reverse("departments:targets_xlsx", args=[campaign.year]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["单位名称", "类别", "序号", "目标名称"]
    assert rows[1][0] == "市发展和改革委员会" and rows[1][3] == "稳投资"
    assert len(rows) == 2


def test_targets_word_document_has_a_table_per_publishing_department(
    client, scoped, campaign, publicist
) -> None:
    from docx import Document

    published = do_save_version(
        scoped.dept_a,
        campaign,
        scoped.dept_a.department,
        "targets",
        data={
            "targets": [{"category": "经济", "seq": "1", "name": "稳投资", "content": "完成投资"}]
        },
    )
    walk(published.material, scoped, publicist)
    do_save_version(
        scoped.dept_b,
        campaign,
        scoped.dept_b.department,
        "targets",
        data={"targets": [{"category": "", "seq": "1", "name": "未公开目标", "content": "草稿"}]},
    )
    response = client.get(reverse("departments:targets_docx", args=[campaign.year]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "单位名称：市发展和改革委员会" in text and "市公安局" not in text
    [table] = document.tables
    assert [c.text for c in table.rows[0].cells] == ["类别", "序号", "目标名称", "目标内容"]
    assert [c.text for c in table.rows[1].cells] == ["经济", "1", "稳投资", "完成投资"]


def test_search_finds_published_reports_and_policy_documents_only(
    client, scoped, campaign, publicist
) -> None:
    walk(save_report(scoped.dept_a, campaign).material, scoped, publicist)
    save_report(scoped.dept_b, campaign)
    do_create_policy(
        None,
        title="关于优化营商环境的通知",
        number="测府发〔2025〕2号",
        issued_on=dt.date(2025, 3, 1),
        summary="",
        body="进一步优化营商环境。",
    )
    page = client.get(reverse("departments:search"), {"q": "营商环境"}).content.decode()
    assert "市发展和改革委员会" in page
    assert "市公安局" not in page
    assert "关于优化营商环境的通知" in page


def test_policy_list_shows_title_number_date_and_read_aloud_button(client, campaign) -> None:
    do_create_policy(
        None,
        title="关于做好文物普查的通知",
        number="测府发〔2025〕6号",
        issued_on=dt.date(2025, 2, 5),
        summary="",
        body="各旗区人民政府：现将有关事项通知如下。",
    )
    page = client.get(reverse("departments:policies")).content.decode()
    for text in [
        "关于做好文物普查的通知",
        "测府发〔2025〕6号",
        "2025-02-05",
        "朗读",
        "各旗区人民政府",
        "readaloud.js",
    ]:
        assert text in page


def test_department_page_shows_the_meeting_video_link(login, client, personas, campaign) -> None:
    staff_client = login(personas.dept_a)
    response = staff_client.post(
        reverse("departments:video"), {"url": "https://video.example.org/fgw"}
    )
    assert response.status_code == 302
    page = staff_client.get(dept_url(campaign, personas.dept_a.department)).content.decode()
    assert "https://video.example.org/fgw" in page and "观看述职视频" in page


def test_a_video_file_of_the_wrong_type_is_refused(login, personas, campaign) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(personas.dept_a)
    response = client.post(
        reverse("departments:video"), {"file": SimpleUploadedFile("a.exe", b"MZ")}
    )
    assert "MP4或WebM" in response.content.decode()


def test_a_revision_stays_private_until_published_and_the_old_version_stays_public(
    client, scoped, campaign, publicist, deadlines
) -> None:
    from minping.departments.actions import do_transition
    from minping.departments.models import late_step

    material = walk(save_report(scoped.dept_a, campaign).material, scoped, publicist)
    do_transition(scoped.dept_a, material, "draft")
    material.refresh_from_db()
    assert material.state == "draft" and material.is_editable()
    revised = report_text_with("二〇二五年数据已更新至十二月底。")
    save_report(scoped.dept_a, campaign, text=revised)
    page = client.get(dept_url(campaign, scoped.dept_a.department)).content.decode()
    assert "一、2025年度职能目标完成情况" in page and "已更新至十二月底" not in page
    assert late_step(material.state, deadlines, published=True) is None  # the public has a version
    assert material.late_step(deadlines) is None
    walk(material, scoped, publicist)
    page = client.get(dept_url(campaign, scoped.dept_a.department)).content.decode()
    assert "已更新至十二月底" in page


def report_text_with(extra: str) -> str:
    from minping.departments.tests.conftest import report_text

    return report_text(380, extra=extra)
