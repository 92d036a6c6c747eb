"""Mainland resident ID numbers (GB 11643-1999): checksum, birth date, region, age."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from minping.lib.pii import normalise

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# Province-level codes (GB/T 2260): the first two digits of every valid number.
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
        "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
        "63", "64", "65", "71", "81", "82", "83", "91",
    }
)  # fmt: skip


class InvalidIdNumber(ValueError):
    """Raised with a Chinese message that can be shown to the person as it is."""


@dataclass(frozen=True)
class IdNumber:
    value: str
    birth_date: dt.date
    sex: str  # "M" or "F"
    region: str

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def upgrade_15(old: str) -> str:
    """Converts a first-generation 15-digit number to its 18-digit form (born 19xx)."""
    body = old[:6] + "19" + old[6:]
    return body + check_digit(body)


def parse(raw: str, *, today: dt.date | None = None, allow_15: bool = False) -> IdNumber:
    """Validates an ID number and returns its parts, or raises InvalidIdNumber."""
    value = normalise(raw)
    if not value:
        raise InvalidIdNumber(_("身份证号不能为空"))
    if len(value) == 15 and value.isdigit():
        if not allow_15:
            raise InvalidIdNumber(_("15位旧身份证号已停用，请填写18位身份证号"))
        value = upgrade_15(value)
    if len(value) != 18:
        raise InvalidIdNumber(_("身份证号应为18位（当前%(n)d位）") % {"n": len(value)})
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise InvalidIdNumber(_("身份证号只能包含数字，最后一位可以是X"))
    if value[:2] not in PROVINCE_CODES:
        raise InvalidIdNumber(_("身份证号前两位不是有效的省级行政区划代码"))
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as exc:
        raise InvalidIdNumber(_("身份证号中的出生日期无效")) from exc
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date, the caller may pass one
    if birth > today or birth.year < 1900:
        raise InvalidIdNumber(_("身份证号中的出生日期不合理"))
    if check_digit(value[:17]) != value[17]:
        raise InvalidIdNumber(_("身份证号校验位错误，请核对后重新填写"))
    sex = "M" if int(value[16]) % 2 else "F"
    return IdNumber(value=value, birth_date=birth, sex=sex, region=value[:6])


def is_valid(raw: str) -> bool:
    try:
        parse(raw)
    except InvalidIdNumber:
        return False
    return True


def make(region: str, birth: dt.date, serial: int) -> str:
    """Builds a valid number (for synthetic people in demo data and tests)."""
    body = f"{region}{birth:%Y%m%d}{serial % 1000:03d}"
    return body + check_digit(body)
