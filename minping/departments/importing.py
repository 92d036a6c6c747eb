"""Reading the seeds' form-like sheets (attachments 2–4): a label cell, its value to the right.

Attachment 2 (部门基本信息) is one record; attachments 3 (领导基本信息) and 4 (内设机构) repeat a
block per person or unit, each block starting with its first label (姓名 / 机构名称). A sheet
laid out as a table (labels in one header row) is left to ``minping.lib.excel.read_table``.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

INFO_LABELS: dict[str, list[str]] = {
    "name": ["机构名称", "单位名称"],
    "office_phone": ["办公电话"],
    "complaint_phone": ["投诉电话"],
    "postcode": ["邮政编码", "邮编"],
    "fax": ["传真号码", "传真"],
    "hours": ["办公时间"],
    "address": ["办公地址"],
    "website": ["办公网址", "网址"],
    "email": ["电子邮箱", "邮箱"],
    "duties": ["职能", "主要职能"],
}
LEADER_LABELS: dict[str, list[str]] = {
    "name": ["姓名"],
    "title": ["职务"],
    "duties": ["工作分工", "分工"],
}
UNIT_LABELS: dict[str, list[str]] = {
    "name": ["机构名称", "名称"],
    "duties": ["职能", "主要职能"],
    "phone": ["办公电话", "电话"],
}


class FormLayoutError(Exception):
    """The file cannot be read; the message says why, in Chinese."""


def _normal(text: object) -> str:
    return "".join(str(text or "").split())


def _grid(data: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FormLayoutError(_("文件已损坏或不是Excel（.xlsx）文件。")) from exc
    sheet = workbook.worksheets[0]
    rows = [
        [str(v).strip() if v is not None else "" for v in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    workbook.close()
    return rows


def read_form_blocks(data: bytes, labels: dict[str, list[str]]) -> list[dict[str, str]] | None:
    """Records read label → value (the next cell to its right that is not itself a label).

    Returns None when the sheet is a header-row table (a row whose filled cells are all
    labels, one of them the first label), so the caller can read it as a table instead.
    """
    lookup = {_normal(label): key for key, names in labels.items() for label in names}
    first_key = next(iter(labels))
    records: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for row in _grid(data):
        filled = [cell for cell in row if cell]
        keys = [lookup.get(_normal(cell)) for cell in filled]
        if len(filled) >= 2 and all(keys) and first_key in keys:
            return None
        for index, cell in enumerate(row):
            key = lookup.get(_normal(cell))
            if key is None:
                continue
            value = next((v for v in row[index + 1 :] if v), "")
            if _normal(value) in lookup:
                value = ""
            if key == first_key or current is None or key in current:
                current = {}
                records.append(current)
            current[key] = value
    return [{k: r.get(k, "") for k in labels} for r in records if r.get(first_key)]
