"""Importing the seeds' form-like sheets: attachment 2 (basic info), 3 (leaders), 4 (units)."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from minping.departments.models import Material


def sheet(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


ATTACHMENT_2 = [
    ["部门基本信息"],
    ["机构名称", "市发展和改革委员会", "办公电话", "0477-8000001"],
    ["", "", "投诉电话", "12345"],
    ["邮政编码", "017000", "传真号码", "0477-8000002"],
    ["办公时间", "工作日 8:30—18:00"],
    ["办公地址", "康巴什区市民服务中心"],
    ["办公网址", "https://fgw.example.gov.cn", "电子邮箱", "fgw@example.org"],
    ["职能", "拟订并组织实施国民经济和社会发展战略。"],
]
ATTACHMENT_3 = [
    ["领导基本信息"],
    ["姓名", "赵一", "职务", "主任"],
    ["", "", "工作分工", "主持全面工作"],
    ["姓名", "钱二", "职务", "副主任"],
    ["", "", "工作分工", "负责规划工作"],
]
ATTACHMENT_4 = [
    ["内设（下设）机构基本信息"],
    ["机构名称", "办公室", "办公电话", "0477-8000003"],
    ["", "", "投诉电话", ""],
    ["职能", "负责文电、会务"],
    ["机构名称", "规划科", "办公电话", "0477-8000004"],
    ["职能", "负责发展规划"],
]


def post_info(client, **files):
    data = {
        "leaders-TOTAL_FORMS": "2",
        "leaders-INITIAL_FORMS": "0",
        "units-TOTAL_FORMS": "2",
        "units-INITIAL_FORMS": "0",
    }
    data.update({k: SimpleUploadedFile(f"{k}.xlsx", v) for k, v in files.items()})
    return client.post(reverse("departments:edit", args=["info"]), data)


def test_the_three_attachments_fill_basic_info_leaders_and_units(login, personas, campaign) -> None:
    response = post_info(
        login(personas.dept_a),
        info_file=sheet(ATTACHMENT_2),
        leaders_file=sheet(ATTACHMENT_3),
        units_file=sheet(ATTACHMENT_4),
    )
    assert response.status_code == 302
    data = Material.objects.get(kind="info").current_version.data
    assert data["info"]["complaint_phone"] == "12345"
    assert data["info"]["website"] == "https://fgw.example.gov.cn"
    assert data["info"]["duties"] == "拟订并组织实施国民经济和社会发展战略。"
    assert data["leaders"] == [
        {"name": "赵一", "title": "主任", "duties": "主持全面工作"},
        {"name": "钱二", "title": "副主任", "duties": "负责规划工作"},
    ]
    assert [u["name"] for u in data["units"]] == ["办公室", "规划科"]
    assert data["units"][1] == {"name": "规划科", "duties": "负责发展规划", "phone": "0477-8000004"}


def test_leaders_as_a_header_table_are_read_as_a_table(login, personas, campaign) -> None:
    table = sheet([["姓名", "职务", "工作分工"], ["孙三", "局长", "主持全面工作"]])
    post_info(login(personas.dept_a), info_file=sheet(ATTACHMENT_2), leaders_file=table)
    data = Material.objects.get(kind="info").current_version.data
    assert data["leaders"] == [{"name": "孙三", "title": "局长", "duties": "主持全面工作"}]


def test_basic_info_sheet_without_the_duties_is_refused_with_the_field_named(
    login, personas, campaign
) -> None:
    rows = [r for r in ATTACHMENT_2 if r[:1] != ["职能"]]
    response = post_info(login(personas.dept_a), info_file=sheet(rows))
    assert response.status_code == 200
    assert not Material.objects.filter(kind="info").exists()
    assert response.context["form"].errors["duties"]


def test_a_broken_spreadsheet_is_refused(login, personas, campaign) -> None:
    response = post_info(login(personas.dept_a), info_file=b"PK\x03\x04 broken")
    assert "文件已损坏" in response.content.decode()
