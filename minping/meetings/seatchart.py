"""The seat chart (座次图) as server-rendered SVG: printable, scales to a phone."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from minping.meetings.models import SeatLayout

CELL_W = 64
CELL_H = 30
GAP = 18
LEFT = 40
TOP = 46


@dataclass(frozen=True)
class Sitter:
    row: int
    seat: int
    label: str
    category: int  # index into the palette
    highlight: bool = False


# Eighteen light fills, neighbours far apart, so each category of a venue has its own colour.
PALETTE = [
    "#dbeafe", "#dcfce7", "#fef3c7", "#fce7f3", "#ede9fe", "#ffedd5",
    "#cffafe", "#ecfccb", "#fee2e2", "#e0e7ff", "#d1fae5", "#fae8ff",
    "#e7e5e4", "#bae6fd", "#fde68a", "#c7d2fe", "#bbf7d0", "#fbcfe8",
]  # fmt: skip


def _x(layout: SeatLayout, seat: int) -> int:
    aisles = [a for a in SeatLayout.numbers(layout.aisles_after) if a < layout.seats_per_row]
    return LEFT + (seat - 1) * CELL_W + GAP * sum(1 for a in aisles if seat > a)


def render(layout: SeatLayout, sitters: list[Sitter], *, title: str = "") -> SafeString:
    aisles = [a for a in SeatLayout.numbers(layout.aisles_after) if a < layout.seats_per_row]
    width = LEFT + layout.seats_per_row * CELL_W + GAP * len(aisles) + 10
    height = TOP + layout.rows * CELL_H + 10
    reserved = layout.reserved()
    by_seat = {(s.row, s.seat): s for s in sitters}
    stage = escape(_("主席台"))
    label_text = escape(title or _("座次图"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="seatchart" role="img" '
        f'aria-label="{label_text}" font-family="sans-serif">',
        f'<rect x="{LEFT}" y="6" width="{width - LEFT - 10}" height="24" rx="4" fill="#334155"/>',
        # Labels sit at the left so that a phone, showing the left part first, reads them.
        f'<text x="{LEFT + 12}" y="23" fill="#fff" font-size="13">{stage}</text>',
    ]
    for row in range(1, layout.rows + 1):
        y = TOP + (row - 1) * CELL_H
        row_label = escape(_("%(n)d排") % {"n": row})
        parts.append(f'<text x="4" y="{y + 19}" font-size="11" fill="#475569">{row_label}</text>')
        if row in reserved:
            x0 = _x(layout, 1)
            x1 = _x(layout, layout.seats_per_row) + CELL_W - 4
            parts.append(
                f'<rect x="{x0}" y="{y + 2}" width="{x1 - x0}" height="{CELL_H - 4}" rx="3" '
                f'fill="#e2e8f0" stroke="#94a3b8"/>'
                f'<text x="{x0 + 12}" y="{y + 19}" font-size="12" '
                f'fill="#334155">{escape(reserved[row])}</text>'
            )
            continue
        for seat in range(1, layout.seats_per_row + 1):
            x = _x(layout, seat)
            sitter = by_seat.get((row, seat))
            fill = PALETTE[sitter.category % len(PALETTE)] if sitter else "#ffffff"
            stroke = "#dc2626" if sitter and sitter.highlight else "#94a3b8"
            sw = 3 if sitter and sitter.highlight else 1
            label = escape(sitter.label) if sitter else str(seat)
            color = "#0f172a" if sitter else "#cbd5e1"
            mark = " data-highlight" if sitter and sitter.highlight else ""
            parts.append(
                f'<g data-seat="{row}-{seat}"{mark}><rect x="{x}" y="{y + 2}" width="{CELL_W - 4}" '
                f'height="{CELL_H - 4}" rx="3" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="{sw}"/><text x="{x + (CELL_W - 4) // 2}" y="{y + 19}" '
                f'font-size="11" text-anchor="middle" fill="{color}">{label}</text></g>'
            )
    parts.append("</svg>")
    # Every text above is escaped; the markup is built here only.
    return mark_safe("".join(parts))  # noqa: S308
