from __future__ import annotations

import datetime as dt

from minping.lib import idnumber
from minping.lib.excel import Row, Table
from minping.selection.frames import FRAME_COLUMNS, district_lookup, validate_rows

from .conftest import new_id, new_phone

TODAY = dt.date(2026, 1, 1)
KEYS = list(FRAME_COLUMNS)


def table(*rows: dict[str, str]) -> Table:
    labels = {k: FRAME_COLUMNS[k][0] for k in KEYS}
    return Table(labels=labels, header_row=1, rows=[Row(i + 2, r) for i, r in enumerate(rows)])


def good(**over: str) -> dict[str, str]:
    row = {
        "name": "张测试",
        "employer": "某单位",
        "title": "职员",
        "ethnicity": "汉族",
        "political_status": "群众",
        "id_number": new_id(),
        "phone": new_phone(),
        "district": "东胜区",
    }
    row.update(over)
    return row


def run(t: Table, taken: dict[str, str] | None = None) -> tuple[list, list]:
    return validate_rows(
        t,
        today=TODAY,
        taken=lambda idx: {i: n for i, n in (taken or {}).items() if i in idx},
        find_district=district_lookup([(1, "东胜区"), (2, "达拉特旗")]),
    )


def reasons(problems: list) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.reason) for p in problems]


def test_valid_rows_come_back_clean_with_their_district() -> None:
    clean, problems = run(table(good(), good(district="达拉特")))
    assert problems == []
    assert [c.district_id for c in clean] == [1, 2]


def test_a_wrong_check_digit_is_reported_with_row_and_column() -> None:
    value = new_id()
    wrong = value[:17] + ("0" if value[17] != "0" else "1")
    _, problems = run(table(good(), good(id_number=wrong)))
    assert reasons(problems) == [(3, "身份证号", "身份证号校验位错误，请核对后重新填写")]


def test_people_under_18_are_refused() -> None:
    young = idnumber.make("150602", dt.date(2010, 5, 5), 7)
    _, problems = run(table(good(id_number=young)))
    assert reasons(problems) == [(2, "身份证号", "未满18周岁，不能担任市民代表")]


def test_old_15_digit_ids_are_refused_with_a_clear_message() -> None:
    _, problems = run(table(good(id_number="150602800101123")))
    assert "15位旧身份证号" in problems[0].reason


def test_a_duplicate_inside_the_file_names_the_first_row() -> None:
    same = new_id()
    _, problems = run(table(good(id_number=same), good(), good(id_number=same)))
    assert reasons(problems) == [(4, "身份证号", "与第2行的身份证号重复")]


def test_a_person_already_in_another_frame_is_refused() -> None:
    from minping.lib.fields import blind_index

    value = new_id()
    _, problems = run(table(good(id_number=value)), {blind_index(value, "id_number"): "人大代表"})
    assert "人大代表" in problems[0].reason


def test_missing_fields_and_bad_phones_and_unknown_districts_are_each_reported() -> None:
    _, problems = run(table(good(name="", phone="12345", district="火星区")))
    assert {(p.column, p.reason) for p in problems} == {
        ("姓名", "“姓名”不能为空"),
        ("联系电话", "电话号码格式不正确：手机11位，座机请带区号"),
        ("旗区", "旗区“火星区”不是本市的旗区"),
    }


def test_swapped_id_and_phone_columns_are_caught_as_a_whole_file_problem() -> None:
    rows = [good() for _ in range(3)]
    for r in rows:
        r["id_number"], r["phone"] = r["phone"], r["id_number"]
    clean, problems = run(table(*rows))
    assert clean == []
    assert len(problems) == 1 and "互换" in problems[0].reason


def test_reasons_never_quote_the_id_number_or_phone() -> None:
    value = new_id()
    bad = value[:17] + ("0" if value[17] != "0" else "1")
    phone = "1990000"
    _, problems = run(table(good(id_number=bad, phone=phone), good(id_number=bad)))
    text = " ".join(p.reason for p in problems)
    assert bad not in text and phone not in text
