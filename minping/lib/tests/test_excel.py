from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from minping.lib.excel import Problem, TableError, problems_xlsx, read_table, write_xlsx

COLUMNS = {
    "name": ["姓名"],
    "id_number": ["身份证号", "身份证号码"],
    "phone": ["联系电话", "手机号码"],
}


def xlsx(rows, *, merge=None, formula_at=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    if formula_at:
        sheet[formula_at] = "=1+1"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_rows_are_keyed_by_header_and_numbered_as_in_excel():
    data = xlsx(
        [
            ["市民代表样本框"],
            ["姓名", "身份证号码", "联系电话"],
            ["张三", "110101199001011237", 13800000000],
            [],
            ["李四", "x", ""],
        ]
    )
    table = read_table(data, "frame.xlsx", COLUMNS, {"name", "id_number"})
    assert table.header_row == 2
    assert [(r.number, r.values["name"]) for r in table] == [(3, "张三"), (5, "李四")]
    assert table.rows[0].values["phone"] == "13800000000"


def test_swapped_columns_are_read_by_their_headers():
    data = xlsx([["联系电话", "姓名", "身份证号"], ["13800000000", "王五", "110101199001011237"]])
    row = next(iter(read_table(data, "f.xlsx", COLUMNS, {"name"})))
    assert row.values == {"phone": "13800000000", "name": "王五", "id_number": "110101199001011237"}


def test_missing_required_column_is_named():
    data = xlsx([["姓名", "联系电话"], ["王五", "13800000000"]])
    with pytest.raises(TableError) as info:
        read_table(data, "f.xlsx", COLUMNS, {"name", "id_number"})
    assert info.value.problems == [Problem(1, "身份证号", "缺少必填列“身份证号”")]


def test_formula_cells_are_refused_with_the_cell_address():
    data = xlsx([["姓名", "身份证号"], ["王五", "1"]], formula_at="C2")
    with pytest.raises(TableError) as info:
        read_table(data, "f.xlsx", COLUMNS, {"name"})
    assert "C2" in info.value.problems[0].reason and "公式" in info.value.problems[0].reason


def test_merged_header_cells_are_refused():
    data = xlsx([["姓名", "身份证号", ""], ["王五", "1", ""]], merge="B1:C1")
    with pytest.raises(TableError) as info:
        read_table(data, "f.xlsx", COLUMNS, {"name"})
    assert "合并单元格" in info.value.problems[0].reason


def test_merged_title_above_the_header_is_fine():
    data = xlsx(
        [["样本框", "", ""], ["姓名", "身份证号", "联系电话"], ["王五", "1", "2"]], merge="A1:C1"
    )
    assert len(read_table(data, "f.xlsx", COLUMNS, {"name"})) == 1


def test_gbk_and_utf8_csv_are_both_read():
    text = "姓名,身份证号\n赵六,110101199001011237\n"
    for encoding in ("utf-8-sig", "gbk"):
        table = read_table(text.encode(encoding), "f.csv", COLUMNS, {"name"})
        assert table.rows[0].values["name"] == "赵六"


def test_undecodable_csv_is_refused_in_chinese():
    with pytest.raises(TableError) as info:
        read_table(b"\xff\xfe\x00\xd8\x00\xdc" * 10, "f.csv", COLUMNS, {"name"})
    assert "编码" in info.value.problems[0].reason


def test_encrypted_broken_oversized_and_unknown_files_are_refused():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    cases = [
        (ole, "f.xlsx", "加密"),
        (b"PK\x03\x04 definitely not a zip", "f.xlsx", "损坏"),
        (b"hello", "f.xls", "不是有效的.xls"),
        (b"x" * 2048, "f.xlsx", "不是有效的.xlsx"),
        (b"x", "f.pdf", "不支持的文件类型"),
        (b"", "f.csv", "空"),
    ]
    for data, name, words in cases:
        with pytest.raises(TableError) as info:
            read_table(data, name, COLUMNS, {"name"})
        assert words in info.value.problems[0].reason, name
    with pytest.raises(TableError) as info:
        read_table(b"a" * 3000, "f.csv", COLUMNS, {"name"}, max_bytes=1024)
    assert "过大" in info.value.problems[0].reason


def test_problem_report_and_exports_open_in_excel():
    report = load_workbook(
        io.BytesIO(
            problems_xlsx([Problem(3, "身份证号", "校验位错误"), Problem(0, "", "文件已加密")])
        )
    )
    rows = list(report.active.values)
    assert rows == [
        ("行号", "列", "原因"),
        (3, "身份证号", "校验位错误"),
        ("整个文件", None, "文件已加密"),
    ]
    book = load_workbook(io.BytesIO(write_xlsx({"主会场": (["类别", "人数"], [["党代表", 10]])})))
    assert book.sheetnames == ["主会场"] and list(book.active.values) == [
        ("类别", "人数"),
        ("党代表", 10),
    ]


def test_exported_text_that_starts_with_an_equals_sign_stays_text_not_a_formula():
    data = write_xlsx({"意见": (["内容"], [['=HYPERLINK("http://x","点我")'], ["正常意见"]])})
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == '=HYPERLINK("http://x","点我")'
    assert sheet["A3"].value == "正常意见"
