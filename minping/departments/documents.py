"""Word output: the year's targets in the layout of attachment 1 (业务目标)."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from minping.campaigns.models import Department

# The seeds' own layout, so the document reads the same in any interface language.
HEADERS = ["类别", "序号", "目标名称", "目标内容"]
FONT = "宋体"  # what the offices' Word has; the PDF handbook embeds Noto CJK instead


def targets_document(
    year: int, departments: list[tuple[Department, list[dict[str, str]]]]
) -> bytes:
    """One heading and one four-column table per department, in group order."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    document.add_heading(f"{year}年度政府工作部门业务目标", level=1)
    for department, targets in departments:
        document.add_paragraph().add_run(f"单位名称：{department.name}").bold = True
        table = document.add_table(rows=1, cols=len(HEADERS))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, HEADERS, strict=True):
            cell.text = header
        for target in targets:
            cells = table.add_row().cells
            for cell, key in zip(cells, ["category", "seq", "name", "content"], strict=True):
                cell.text = target.get(key, "")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
