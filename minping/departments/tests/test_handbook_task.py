"""The compiled handbook: a background task that writes a PDF with progress."""

from __future__ import annotations

import io

from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from minping.departments.actions import do_save_version
from minping.departments.models import HandbookBuild
from minping.departments.tests.conftest import save_report, walk

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def pdf_reader(build: HandbookBuild) -> PdfReader:
    with build.file.open("rb") as fh:
        return PdfReader(io.BytesIO(fh.read()))


def embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(descriptor["/FontName"]))
    return names


@override_settings(TASKS=IMMEDIATE)
def test_handbook_has_cover_contents_and_the_published_duties_and_report(
    login, scoped, campaign, publicist
) -> None:
    staff = scoped.dept_a
    walk(save_report(staff, campaign).material, scoped, publicist)
    info = do_save_version(
        staff,
        campaign,
        staff.department,
        "info",
        data={"info": {"name": "市发展和改革委员会", "duties": "负责拟订全市发展规划。"}},
    )
    walk(info.material, scoped, publicist)
    save_report(scoped.dept_b, campaign)  # a draft: must not appear

    response = login(scoped.office).post(reverse("departments:handbook"))
    build = HandbookBuild.objects.get()
    assert response["Location"] == reverse("departments:handbook_status", args=[build.pk])
    assert build.status == HandbookBuild.Status.DONE and build.percent() == 100
    assert build.total_steps == 34  # 33 departments and the PDF itself
    reader = pdf_reader(build)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert any("CJK" in name for name in embedded_fonts(reader))
    assert "目录" in text and "市发展和改革委员会" in text
    assert "负责拟订全市发展规划" in text
    assert "一、2025年度职能目标完成情况" in text
    assert "市公安局" not in text

    status = login(scoped.office).get(reverse("departments:handbook_status", args=[build.pk]))
    assert "下载PDF" in status.content.decode()
    pdf = login(scoped.office).get(reverse("departments:handbook_pdf", args=[build.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_handbook_page_refreshes_while_the_build_runs(login, personas, campaign) -> None:
    build = HandbookBuild.objects.create(
        campaign=campaign, status=HandbookBuild.Status.RUNNING, done_steps=11, total_steps=34
    )
    page = login(personas.office).get(reverse("departments:handbook_status", args=[build.pk]))
    html = page.content.decode()
    assert 'http-equiv="refresh"' in html and "已处理11/34" in html and 'aria-valuenow="32"' in html


def test_unfinished_handbook_cannot_be_downloaded(client, campaign) -> None:
    build = HandbookBuild.objects.create(campaign=campaign, status=HandbookBuild.Status.RUNNING)
    assert client.get(reverse("departments:handbook_pdf", args=[build.pk])).status_code == 404


def test_buildhandbook_command_writes_the_pdf(campaign) -> None:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("buildhandbook", "--year", str(campaign.year), stdout=out)
    build = HandbookBuild.objects.get()
    assert build.status == HandbookBuild.Status.DONE
    assert out.getvalue().startswith(build.file.path)
    assert "暂无已发布的材料" in "\n".join(p.extract_text() for p in pdf_reader(build).pages)
