from __future__ import annotations

import datetime as dt

import pytest

from minping.lib import idnumber
from minping.lib.idnumber import InvalidIdNumber

TODAY = dt.date(2026, 1, 1)
# Built with the GB 11643 check digit; a synthetic person born 1990-01-01 in 东胜区.
VALID = idnumber.make("150602", dt.date(1990, 1, 1), 123)


def test_a_valid_number_gives_birth_date_sex_and_region():
    parsed = idnumber.parse(VALID, today=TODAY)
    assert parsed.birth_date == dt.date(1990, 1, 1)
    assert parsed.region == "150602"
    assert parsed.sex == "M"  # serial 123: odd 17th digit


def test_known_check_digits_from_the_standard():
    # The worked example of GB 11643-1999 ends in X.
    assert idnumber.check_digit("11010519491231002") == "X"
    assert idnumber.is_valid("11010519491231002X")
    assert idnumber.is_valid("11010519491231002x")


def test_a_wrong_check_digit_is_refused_in_chinese():
    wrong = VALID[:17] + ("0" if VALID[17] != "0" else "1")
    with pytest.raises(InvalidIdNumber, match="校验位错误"):
        idnumber.parse(wrong, today=TODAY)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "不能为空"),
        ("1234", "应为18位（当前4位）"),
        ("15060219900101A23X", "只能包含数字"),
        ("990602199001011234", "省级行政区划代码"),
        ("150602199002301234", "出生日期无效"),
        ("150602203001011234", "出生日期不合理"),
    ],
)
def test_invalid_numbers_get_a_chinese_reason(raw, message):
    with pytest.raises(InvalidIdNumber, match=message):
        idnumber.parse(raw, today=TODAY)


def test_spaces_and_dashes_are_ignored():
    spaced = f"{VALID[:6]} {VALID[6:14]}-{VALID[14:]}"
    assert idnumber.parse(spaced, today=TODAY).value == VALID


def test_fifteen_digit_numbers_are_refused_unless_allowed_and_then_upgraded():
    old = "150602900101123"
    with pytest.raises(InvalidIdNumber, match="15位旧身份证号已停用"):
        idnumber.parse(old, today=TODAY)
    parsed = idnumber.parse(old, today=TODAY, allow_15=True)
    assert parsed.value.startswith("15060219900101123")
    assert len(parsed.value) == 18
    assert idnumber.is_valid(parsed.value)


def test_age_counts_whole_years_on_a_given_day():
    parsed = idnumber.parse(idnumber.make("150602", dt.date(2000, 6, 15), 1), today=TODAY)
    assert parsed.age_on(dt.date(2018, 6, 14)) == 17
    assert parsed.age_on(dt.date(2018, 6, 15)) == 18


def test_female_numbers_have_an_even_seventeenth_digit():
    assert idnumber.parse(idnumber.make("150602", dt.date(1985, 3, 3), 2)).sex == "F"
