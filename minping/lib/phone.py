"""Mainland phone numbers: mobile (11 digits) and landline (area code + 7/8 digits)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from minping.lib.pii import normalise

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}\d{7,8}$")


class InvalidPhone(ValueError):
    """Raised with a Chinese message that can be shown as it is."""


def parse_mobile(raw: str) -> str:
    value = normalise(raw).removeprefix("+86")
    if not MOBILE_RE.match(value):
        raise InvalidPhone(_("请输入11位手机号码，例如 13800000000"))
    return value


def is_mobile(raw: str) -> bool:
    """True for a mainland mobile number (the only kind that can receive an SMS)."""
    return bool(MOBILE_RE.match(normalise(raw).removeprefix("+86")))


def parse_any(raw: str) -> str:
    value = normalise(raw).removeprefix("+86")
    if MOBILE_RE.match(value) or LANDLINE_RE.match(value):
        return value
    raise InvalidPhone(_("电话号码格式不正确：手机11位，座机请带区号"))
