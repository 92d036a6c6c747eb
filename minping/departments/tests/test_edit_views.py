"""The department's edit pages: each save is a version; bad input keeps the previous one."""

from __future__ import annotations

from django.urls import reverse

from minping.departments.models import Material, Version
from minping.departments.tests.conftest import report_text
from minping.departments.tests.files import STANDARD, fake_png, png_upload, pptx_upload, signed_pdf


def edit_url(kind: str) -> str:
    return reverse("departments:edit", args=[kind])


def test_saving_the_report_twice_keeps_two_versions(login, personas, campaign) -> None:
    client = login(personas.dept_a)
    first = client.post(edit_url("report"), {"body": report_text(380), "signed_page": signed_pdf()})
    assert first.status_code == 302
    client.post(edit_url("report"), {"body": report_text(390)})
    material = Material.objects.get(department=personas.dept_a.department, kind="report")
    assert list(material.versions.values_list("number", flat=True)) == [2, 1]
    assert material.current_version.number == 2


def test_bad_slides_upload_shows_the_reason_and_keeps_the_previous_version(
    login, personas, campaign
) -> None:
    client = login(personas.dept_a)
    client.post(edit_url("slides"), {"file": pptx_upload()})
    material = Material.objects.get(department=personas.dept_a.department, kind="slides")
    good = material.current_version
    response = client.post(edit_url("slides"), {"file": pptx_upload(size=STANDARD)})
    assert response.status_code == 200
    assert "要求16:9" in response.content.decode()
    material.refresh_from_db()
    assert material.current_version == good
    assert Version.objects.filter(material=material).count() == 1


def test_fake_image_is_refused_and_the_intro_is_kept_in_the_form(login, personas, campaign) -> None:
    client = login(personas.dept_a)
    response = client.post(edit_url("infographic"), {"image": fake_png(), "intro": "我的导语"})
    page = response.content.decode()
    assert "不是有效的图片文件" in page and "我的导语" in page
    assert not Material.objects.filter(kind="infographic").exists()


def test_infographic_can_change_its_intro_and_keep_the_image(login, personas, campaign) -> None:
    client = login(personas.dept_a)
    client.post(edit_url("infographic"), {"image": png_upload(), "intro": "第一版导语"})
    client.post(edit_url("infographic"), {"intro": "第二版导语"})
    material = Material.objects.get(kind="infographic")
    first, second = material.versions.order_by("number")
    assert second.text == "第二版导语" and second.file.name == first.file.name


def test_report_with_greetings_is_saved_with_a_warning_shown(login, personas, campaign) -> None:
    client = login(personas.dept_a)
    response = client.post(
        edit_url("report"), {"body": "尊敬的市民代表：\n" + report_text(380)}, follow=True
    )
    page = response.content.decode()
    assert "寒暄" in page and "已保存为第1版" in page


def test_basic_info_with_leaders_and_units_is_one_version(login, personas, campaign) -> None:
    client = login(personas.dept_a)
    data = {
        "name": "市发展和改革委员会",
        "postcode": "017000",
        "email": "fgw@example.org",
        "duties": "拟订并组织实施国民经济和社会发展战略。",
        "leaders-TOTAL_FORMS": "2",
        "leaders-INITIAL_FORMS": "0",
        "leaders-0-name": "赵一",
        "leaders-0-title": "主任",
        "leaders-0-duties": "主持全面工作",
        "units-TOTAL_FORMS": "2",
        "units-INITIAL_FORMS": "0",
        "units-0-name": "办公室",
        "units-0-duties": "负责文电、会务",
        "units-0-phone": "0477-0000000",
    }
    assert client.post(edit_url("info"), data).status_code == 302
    version = Material.objects.get(kind="info").current_version
    assert version.data["info"]["postcode"] == "017000"
    assert version.data["leaders"] == [{"name": "赵一", "title": "主任", "duties": "主持全面工作"}]
    assert len(version.data["units"]) == 1
    bad = client.post(edit_url("info"), {**data, "postcode": "12"})
    assert "邮政编码应为6位数字" in bad.content.decode()


def test_targets_are_imported_from_the_attachment_1_spreadsheet(login, personas, campaign) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from minping.lib.excel import write_xlsx

    data = write_xlsx(
        {
            "目标": (
                ["类别", "序号", "目标名称", "目标内容"],
                [
                    ["经济", "1", "稳增长", "地区生产总值增长6%"],
                    ["民生", "2", "保就业", "新增就业1万人"],
                ],
            )
        }
    )
    client = login(personas.dept_a)
    response = client.post(
        edit_url("targets"),
        {
            "file": SimpleUploadedFile("目标.xlsx", data),
            "targets-TOTAL_FORMS": "2",
            "targets-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    targets = Material.objects.get(kind="targets").current_version.data["targets"]
    assert [t["name"] for t in targets] == ["稳增长", "保就业"]


def test_targets_spreadsheet_without_the_content_column_is_refused(
    login, personas, campaign
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from minping.lib.excel import write_xlsx

    data = write_xlsx({"目标": (["类别", "目标名称"], [["经济", "稳增长"]])})
    client = login(personas.dept_a)
    response = client.post(
        edit_url("targets"),
        {
            "file": SimpleUploadedFile("目标.xlsx", data),
            "targets-TOTAL_FORMS": "2",
            "targets-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "目标内容" in response.content.decode()
    assert not Material.objects.filter(kind="targets").exists()


def test_press_release_with_photos_is_saved(login, personas, campaign) -> None:
    client = login(personas.dept_a)
    response = client.post(
        edit_url("press"),
        {
            "title": "一次办好",
            "body": "市民办事更方便。",
            "photos": [png_upload("a.png"), png_upload("b.png")],
        },
    )
    assert response.status_code == 302
    version = Material.objects.get(kind="press").current_version
    assert len(version.photos) == 2


def test_saving_info_again_keeps_unchanged_leaders_and_drops_deleted_ones(
    login, personas, campaign
) -> None:
    client = login(personas.dept_a)
    base = {
        "name": "市发展和改革委员会",
        "duties": "统筹发展。",
        "leaders-TOTAL_FORMS": "3",
        "leaders-INITIAL_FORMS": "0",
        "leaders-0-name": "赵一",
        "leaders-0-title": "主任",
        "leaders-1-name": "钱二",
        "leaders-1-title": "副主任",
        "units-TOTAL_FORMS": "2",
        "units-INITIAL_FORMS": "0",
    }
    client.post(edit_url("info"), base)
    page = client.get(edit_url("info")).content.decode()
    assert (
        'value="赵一"' in page and 'value="钱二"' in page
    )  # the form starts from the last version
    again = {**base, "leaders-INITIAL_FORMS": "2", "name": "市发展和改革委员会（改）"}
    client.post(edit_url("info"), again)
    assert [
        leader["name"]
        for leader in Material.objects.get(kind="info").current_version.data["leaders"]
    ] == ["赵一", "钱二"]
    client.post(edit_url("info"), {**again, "leaders-1-DELETE": "on"})
    assert [
        leader["name"]
        for leader in Material.objects.get(kind="info").current_version.data["leaders"]
    ] == ["赵一"]


def test_press_release_over_the_limit_keeps_the_previous_version_and_the_typed_text(
    login, personas, campaign
) -> None:
    client = login(personas.dept_a)
    client.post(edit_url("press"), {"title": "一次办好", "body": "市民办事更方便。"})
    material = Material.objects.get(kind="press")
    long_text = "办" * 1600
    response = client.post(edit_url("press"), {"title": "一次办好", "body": long_text})
    page = response.content.decode()
    assert "新闻通稿共1600字，超过1500字的上限，请删减100字。" in page
    assert long_text in page
    material.refresh_from_db()
    assert (
        material.current_version.number == 1 and material.current_version.text == "市民办事更方便。"
    )
