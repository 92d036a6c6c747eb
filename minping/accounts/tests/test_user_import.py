from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from minping.accounts.models import AuditEntry, Role, User

HEADER = ["用户名", "姓名", "角色", "所属部门", "所属旗区", "手机号码", "邮箱"]


def xlsx(rows, header=HEADER) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("accounts.xlsx", out.getvalue())


GOOD_ROWS = [
    ["sw01", "赵一", "部门工作人员", "市商务局", "", "13700000011", "sw01@example.org"],
    ["ks01", "钱二", "旗区工作人员", "", "康巴什区", "", ""],
    ["jd01", "孙三", "监督检查组", "", "", "13700000012", ""],
]


def test_a_clean_file_creates_every_account_with_a_one_time_password(personas, login):
    client = login(personas.office)
    response = client.post(reverse("accounts:user_import"), {"file": xlsx(GOOD_ROWS)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "已导入3个账号" in html
    sw01 = User.objects.get(username="sw01")
    assert sw01.role == Role.DEPARTMENT and sw01.department.name == "市商务局"
    assert sw01.must_change_password
    assert str(sw01.phone) == "137****0011"
    assert User.objects.get(username="ks01").district.name == "康巴什区"
    assert AuditEntry.objects.filter(verb="accounts.import_users").exists()

    download = client.get(reverse("accounts:user_import_passwords"))
    sheet = load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("用户名", "姓名", "角色", "初始密码")
    password = {r[0]: r[3] for r in rows[1:]}["sw01"]
    assert sw01.check_password(password)
    # Only once.
    assert client.get(reverse("accounts:user_import_passwords")).status_code == 302


def test_a_file_with_bad_rows_imports_nothing_and_reports_row_column_reason(personas, login):
    client = login(personas.office)
    rows = [
        *GOOD_ROWS,
        ["sw02", "李四", "部门工作人员", "", "", "", ""],
        ["sw03", "周五", "局长", "", "", "12345", "not-an-email"],
        ["sw01", "吴六", "市民", "", "", "", ""],
        ["xx01", "郑七", "旗区工作人员", "", "不存在旗", "13700000011", ""],
        ["office", "", "市民", "", "", "", ""],
    ]
    response = client.post(reverse("accounts:user_import"), {"file": xlsx(rows)})
    html = response.content.decode()
    assert "没有导入任何账号" in html
    assert not User.objects.filter(username__in=["sw01", "ks01", "jd01"]).exists()
    problems = {(p.row, p.column): p.reason for p in response.context["problems"]}
    assert problems[(5, "所属部门")] == "部门工作人员必须填写所属部门"
    assert problems[(6, "角色")].startswith("无法识别的角色“局长”")
    assert problems[(6, "手机号码")] == "请输入11位手机号码，例如 13800000000"
    assert problems[(6, "邮箱")] == "邮箱格式不正确"
    assert problems[(7, "用户名")] == "用户名与第2行重复"
    assert problems[(8, "所属旗区")] == "没有名为“不存在旗”的旗区"
    assert problems[(8, "手机号码")] == "手机号码与第2行重复"
    assert problems[(9, "用户名")] == "用户名“office”已被使用"
    assert problems[(9, "姓名")] == "姓名不能为空"

    report = client.get(reverse("accounts:user_import_problems"))
    assert report["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(report.content)).active
    rows_out = list(sheet.iter_rows(values_only=True))
    assert rows_out[0] == ("行号", "列", "原因")
    assert (5, "所属部门", "部门工作人员必须填写所属部门") in rows_out


def test_a_file_without_a_required_column_is_refused_as_a_whole(personas, login):
    client = login(personas.office)
    upload = xlsx([["a1", "王八"]], header=["用户名", "姓名"])
    response = client.post(reverse("accounts:user_import"), {"file": upload})
    reasons = [p.reason for p in response.context["problems"]]
    assert "缺少必填列“角色”" in reasons


def test_a_phone_already_registered_is_refused(personas, login):
    client = login(personas.office)
    rows = [["rep2", "代表乙", "市民代表", "", "", "13900000001", ""]]
    response = client.post(reverse("accounts:user_import"), {"file": xlsx(rows)})
    problems = {(p.row, p.column): p.reason for p in response.context["problems"]}
    assert problems[(2, "手机号码")] == "这个手机号码已被其他账号使用"


def test_the_downloadable_template_imports_cleanly(personas, login):
    client = login(personas.office)
    template = client.get(reverse("accounts:user_import_template"))
    sheet = load_workbook(io.BytesIO(template.content)).active
    assert [c.value for c in sheet[1]] == HEADER
    upload = SimpleUploadedFile("template.xlsx", template.content)
    response = client.post(reverse("accounts:user_import"), {"file": upload})
    assert "已导入2个账号" in response.content.decode()


def test_a_gbk_csv_from_an_office_imports_too(personas, login):
    client = login(personas.office)
    text = (
        "用户名,姓名,角色,所属部门,所属旗区,手机号码,邮箱\r\nzg01,冯九,旗区工作人员,,准格尔旗,,\r\n"
    )
    upload = SimpleUploadedFile("accounts.csv", text.encode("gbk"))
    response = client.post(reverse("accounts:user_import"), {"file": upload})
    assert "已导入1个账号" in response.content.decode()
    assert User.objects.get(username="zg01").district.name == "准格尔旗"


def test_an_unreadable_file_is_refused_as_a_whole(personas, login):
    client = login(personas.office)
    upload = SimpleUploadedFile("accounts.xlsx", b"not a spreadsheet at all")
    response = client.post(reverse("accounts:user_import"), {"file": upload})
    problems = response.context["problems"]
    assert problems and problems[0].row == 0
    assert "没有导入任何账号" in response.content.decode()
