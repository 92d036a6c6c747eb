"""Reading and writing spreadsheets the way offices send them.

``read_table`` accepts .xlsx, .xls and .csv (UTF-8, UTF-8 with BOM, or GBK/GB18030), finds the
header row by its labels (so swapped columns are fine), and refuses the whole file with a
clear Chinese reason when it cannot be trusted: encrypted, broken, formulas, merged header
cells, missing columns, too big. Row-level validation is the caller's: collect
:class:`Problem` rows and, if there is any, import nothing and offer ``problems_xlsx``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import python_calamine
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MAX_BYTES = 60 * 1024 * 1024
HEADER_SEARCH_ROWS = 10
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_FORMULA_RE = re.compile(rb"<f[ >/]")
_CELL_REF_RE = re.compile(rb'<c r="([A-Z]+[0-9]+)"')


@dataclass(frozen=True)
class Problem:
    """One thing wrong: a 1-based spreadsheet row (0 = the whole file), a column label, why."""

    row: int
    column: str
    reason: str


class TableError(Exception):
    """The file as a whole cannot be read; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.reason for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


@dataclass
class Table:
    """Rows keyed by canonical column keys; ``labels`` maps a key to the header it came from."""

    labels: dict[str, str]
    header_row: int
    rows: list[Row]

    @property
    def total(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _fail(reason: str, row: int = 0, column: str = "") -> TableError:
    return TableError([Problem(row, column, reason)])


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip().replace("\u3000", " ").strip()


def _normal_label(label: str) -> str:
    return re.sub(r"[\s*＊:：()（）]", "", label)


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    raise _fail(_("CSV文件编码无法识别，请另存为UTF-8或GBK编码"))


def _xlsx_formula_cell(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                    xml = archive.read(name)
                    match = _FORMULA_RE.search(xml)
                    if match is None:
                        return None  # only the first sheet is imported
                    # The cell that holds the formula is the last one opened before it.
                    start = xml.rfind(b"<c ", 0, match.start())
                    cell = _CELL_REF_RE.match(xml, start) if start >= 0 else None
                    return cell.group(1).decode() if cell else "?"
    except zipfile.BadZipFile as exc:
        raise _fail(_("Excel文件已损坏，无法打开")) from exc
    return None


def _read_workbook(data: bytes, suffix: str) -> tuple[list[list[str]], list[tuple[int, int]]]:
    if suffix == ".xlsx" and data[:8] == _OLE_MAGIC:
        raise _fail(_("Excel文件已加密（设置了打开密码），请取消密码后重新上传"))
    if suffix == ".xlsx" and data[:4] != _ZIP_MAGIC:
        raise _fail(_("文件不是有效的.xlsx格式，请用Excel另存为.xlsx后重新上传"))
    if suffix == ".xls" and data[:8] != _OLE_MAGIC:
        raise _fail(_("文件不是有效的.xls格式，请用Excel另存为.xlsx后重新上传"))
    if suffix == ".xlsx":
        cell = _xlsx_formula_cell(data)
        if cell:
            raise _fail(
                _("单元格%(cell)s包含公式，请将表格复制后“选择性粘贴为数值”再上传") % {"cell": cell}
            )
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows()]
        merged = [(r[0][0], r[1][0]) for r in (sheet.merged_cell_ranges or [])]
    except python_calamine.PasswordError as exc:
        raise _fail(_("Excel文件已加密（设置了打开密码），请取消密码后重新上传")) from exc
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise _fail(_("Excel文件已损坏或格式不受支持，无法读取")) from exc
    return rows, merged


def read_table(
    source: bytes | Path,
    filename: str,
    columns: dict[str, list[str]],
    required: set[str],
    *,
    max_bytes: int = MAX_BYTES,
) -> Table:
    """Reads the first sheet (or the CSV) into rows keyed by the keys of ``columns``.

    ``columns`` maps a canonical key to the header labels accepted for it (the first is the
    label used in reports). Blank rows are dropped. Raises :class:`TableError`.
    """
    data = source.read_bytes() if isinstance(source, Path) else source
    if len(data) > max_bytes:
        raise _fail(
            _("文件过大（%(size).1f MB），上限为%(max)d MB，请拆分后分批上传")
            % {"size": len(data) / 1048576, "max": max_bytes // 1048576}
        )
    if not data:
        raise _fail(_("文件是空的"))
    suffix = Path(filename).suffix.lower()
    merged: list[tuple[int, int]] = []
    if suffix == ".csv":
        grid = _read_csv(data)
    elif suffix in (".xlsx", ".xls"):
        grid, merged = _read_workbook(data, suffix)
    else:
        raise _fail(_("不支持的文件类型，请上传 .xlsx、.xls 或 .csv 文件"))

    wanted = {_normal_label(label): key for key, labels in columns.items() for label in labels}
    header_index = -1
    positions: dict[str, int] = {}
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found = {
            wanted[_normal_label(c)]: i for i, c in enumerate(row) if _normal_label(c) in wanted
        }
        if len(found) > len(positions):
            header_index, positions = index, found
    if header_index < 0:
        raise _fail(
            _("没有找到表头：第一行应包含列名，例如“%(label)s”")
            % {"label": "、".join(columns[k][0] for k in columns)}
        )
    for start_row, end_row in merged:
        if start_row <= header_index <= end_row:
            raise _fail(
                _("表头第%(row)d行有合并单元格，请取消合并，每列只保留一个列名")
                % {"row": header_index + 1},
                row=header_index + 1,
            )
    missing = [columns[k][0] for k in columns if k in required and k not in positions]
    if missing:
        raise TableError(
            [
                Problem(header_index + 1, label, _("缺少必填列“%(label)s”") % {"label": label})
                for label in missing
            ]
        )
    rows: list[Row] = []
    for index in range(header_index + 1, len(grid)):
        raw = grid[index]
        values = {key: (raw[pos] if pos < len(raw) else "") for key, pos in positions.items()}
        if any(values.values()):
            rows.append(Row(index + 1, values))
    return Table(
        labels={k: columns[k][0] for k in positions}, header_row=header_index + 1, rows=rows
    )


def _autosize(sheet: object, headers: list[str], rows: list[list[object]]) -> None:
    for col, header in enumerate(headers, start=1):
        sample = [len(str(r[col - 1])) for r in rows[:200] if col - 1 < len(r)]
        width = max([len(header) * 2, *[min(s, 60) * 1.3 for s in sample], 8])
        sheet.column_dimensions[get_column_letter(col)].width = width  # type: ignore[attr-defined]  # openpyxl Worksheet


def write_xlsx(sheets: dict[str, tuple[list[str], list[list[object]]]]) -> bytes:
    """Builds a workbook: one sheet per entry, a bold frozen header row, sensible widths."""
    workbook = Workbook()
    default = workbook.active
    for title, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="F0F2F5")
            cell.alignment = Alignment(vertical="center")
        for row in rows:
            sheet.append(row)
            # openpyxl turns any text starting with "=" into a formula; citizens' text must
            # stay text (no formula injection into the office's spreadsheet).
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        _autosize(sheet, headers, rows)
    if default is not None and len(workbook.worksheets) > 1:
        workbook.remove(default)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def problems_xlsx(problems: list[Problem]) -> bytes:
    """The downloadable report of an import that was refused: 行, 列, 原因."""
    rows: list[list[object]] = [
        [p.row if p.row else _("整个文件"), p.column, p.reason] for p in problems
    ]
    return write_xlsx({_("问题清单"): ([_("行号"), _("列"), _("原因")], rows)})
