"""Row validation of a sample-frame file: every problem with its row, column and reason.

Reasons never quote an ID number or phone: the report is a file that travels by e-mail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from minping.lib import idnumber, phone
from minping.lib.excel import Problem, Row, Table
from minping.lib.fields import blind_index

FRAME_COLUMNS: dict[str, list[str]] = {
    "name": ["姓名"],
    "employer": ["工作单位", "单位", "工作单位名称"],
    "title": ["职务", "职务职称"],
    "ethnicity": ["民族"],
    "political_status": ["政治面貌"],
    "id_number": ["身份证号", "身份证号码", "公民身份号码"],
    "phone": ["联系电话", "手机号码", "手机号", "电话"],
    "district": ["旗区", "所属旗区", "旗（区）", "所在旗区"],
}
REQUIRED_COLUMNS = {"name", "employer", "title", "political_status", "id_number", "phone"}
REQUIRED_VALUES = ("name", "employer", "political_status", "id_number", "phone")
MIN_AGE = 18
# Frames refuse files from 50 MB (the "50 MB files" case): about a million rows,
# which would need several GB of memory in one import. The site-wide limit may be lower.
FRAME_MAX_BYTES = 50 * 1024 * 1024


def max_frame_bytes() -> int:
    from django.conf import settings

    return min(int(settings.MINPING_MAX_IMPORT_BYTES), FRAME_MAX_BYTES)


@dataclass(frozen=True)
class CleanRow:
    number: int
    name: str
    employer: str
    title: str
    ethnicity: str
    political_status: str
    id_number: str
    id_index: str
    phone: str
    district_id: int | None


def _looks_like_id(value: str) -> bool:
    return len(value) in (15, 18) and value[:14].isdigit()


def swapped_columns(table: Table) -> Problem | None:
    """The ID and phone columns were swapped if most phones look like IDs and vice versa."""
    sample = table.rows[:50]
    if not sample:
        return None
    ids_like_phones = sum(
        1 for r in sample if phone.MOBILE_RE.match(r.values.get("id_number", "").strip())
    )
    phones_like_ids = sum(1 for r in sample if _looks_like_id(r.values.get("phone", "").strip()))
    if ids_like_phones * 2 > len(sample) and phones_like_ids * 2 > len(sample):
        return Problem(
            table.header_row,
            table.labels.get("id_number", ""),
            _("“身份证号”与“联系电话”两列的内容疑似互换，请核对表头后重新上传"),
        )
    return None


def district_lookup(districts: Iterable[tuple[int, str]]) -> Callable[[str], int | None]:
    """Matches 东胜区, 东胜 or 东胜区分会场 to a district id."""
    table: dict[str, int] = {}
    for pk, name in districts:
        table[name] = pk
        table[name.removesuffix("区").removesuffix("旗")] = pk

    def find(value: str) -> int | None:
        value = value.strip().removesuffix("分会场")
        return table.get(value) or table.get(value.removesuffix("区").removesuffix("旗"))

    return find


def validate_rows(
    table: Table,
    *,
    today: dt.date,
    taken: Callable[[list[str]], dict[str, str]],
    find_district: Callable[[str], int | None],
    progress: Callable[[int], None] = lambda n: None,
    chunk: int = 2000,
) -> tuple[list[CleanRow], list[Problem]]:
    """Checks every row. ``taken(indexes)`` names the other frame holding each index."""
    labels = {key: table.labels.get(key, FRAME_COLUMNS[key][0]) for key in FRAME_COLUMNS}
    problems: list[Problem] = []
    swapped = swapped_columns(table)
    if swapped is not None:
        return [], [swapped]
    clean: list[CleanRow] = []
    first_row_of: dict[str, int] = {}
    for count, row in enumerate(table, start=1):
        row_problems = _check_row(row, labels, today, find_district, first_row_of, clean)
        problems.extend(row_problems)
        if count % chunk == 0:
            progress(count)
    progress(table.total)
    for start in range(0, len(clean), 5000):
        batch = clean[start : start + 5000]
        elsewhere = taken([c.id_index for c in batch])
        for c in batch:
            if c.id_index in elsewhere:
                problems.append(
                    Problem(
                        c.number,
                        labels["id_number"],
                        _("此人已在“%(frame)s”中：每人只能列入一个样本框")
                        % {"frame": elsewhere[c.id_index]},
                    )
                )
    problems.sort(key=lambda p: (p.row, p.column))
    return clean, problems


def _check_row(
    row: Row,
    labels: dict[str, str],
    today: dt.date,
    find_district: Callable[[str], int | None],
    first_row_of: dict[str, int],
    clean: list[CleanRow],
) -> list[Problem]:
    v = {key: row.values.get(key, "").strip() for key in FRAME_COLUMNS}
    problems = [
        Problem(row.number, labels[key], _("“%(label)s”不能为空") % {"label": labels[key]})
        for key in REQUIRED_VALUES
        if not v[key]
    ]
    parsed: idnumber.IdNumber | None = None
    if v["id_number"]:
        try:
            parsed = idnumber.parse(v["id_number"], today=today)
        except idnumber.InvalidIdNumber as exc:
            problems.append(Problem(row.number, labels["id_number"], str(exc)))
    index = ""
    if parsed is not None:
        if parsed.age_on(today) < MIN_AGE:
            problems.append(
                Problem(row.number, labels["id_number"], _("未满18周岁，不能担任市民代表"))
            )
        index = blind_index(parsed.value, "id_number")
        if index in first_row_of:
            problems.append(
                Problem(
                    row.number,
                    labels["id_number"],
                    _("与第%(row)d行的身份证号重复") % {"row": first_row_of[index]},
                )
            )
        else:
            first_row_of[index] = row.number
    mobile = ""
    if v["phone"]:
        try:
            mobile = phone.parse_any(v["phone"])
        except phone.InvalidPhone as exc:
            problems.append(Problem(row.number, labels["phone"], str(exc)))
    district_id = None
    if v["district"]:
        district_id = find_district(v["district"])
        if district_id is None:
            problems.append(
                Problem(
                    row.number,
                    labels["district"],
                    _("旗区“%(value)s”不是本市的旗区") % {"value": v["district"][:20]},
                )
            )
    if not problems and parsed is not None:
        clean.append(
            CleanRow(
                number=row.number,
                name=v["name"][:50],
                employer=v["employer"][:200],
                title=v["title"][:100],
                ethnicity=v["ethnicity"][:20],
                political_status=v["political_status"][:30],
                id_number=parsed.value,
                id_index=index,
                phone=mobile,
                district_id=district_id,
            )
        )
    return problems


def content_hash(indexes: Iterable[str]) -> str:
    """A fingerprint of a frame's membership (sorted blind indexes), for the draw record."""
    digest = hashlib.sha256()
    for index in sorted(indexes):
        digest.update(index.encode() + b"\n")
    return digest.hexdigest()
