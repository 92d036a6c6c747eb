"""Server-rendered SVG charts: no JavaScript, no outside assets, readable on a phone.

Every chart is a ``<figure>`` with an SVG (``role="img"`` and a text alternative) and a
visually hidden data table, so screen readers and people who prefer numbers get them too.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1f7a4d", "#e0a100", "#b42318", "#2f6db5", "#7a4fb5", "#5f6b7a")
ROW_HEIGHT = 28
LABEL_WIDTH = 130
WIDTH = 360


def _f(value: float) -> str:
    return f"{value:.1f}"


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value}"


def _figure(title: str, svg: str, caption_rows: list[tuple[str, str]], height: int) -> SafeString:
    table = "".join(
        format_html("<tr><th scope='row'>{}</th><td>{}</td></tr>", label, value)
        for label, value in caption_rows
    )
    return format_html(
        '<figure class="chart"><svg viewBox="0 0 {w} {h}" role="img" aria-label="{t}" '
        'xmlns="http://www.w3.org/2000/svg" font-size="12" '
        "font-family=\"system-ui, 'Noto Sans CJK SC', sans-serif\">{svg}</svg>"
        '{caption}<table class="visually-hidden">{table}</table></figure>',
        w=WIDTH,
        h=height,
        t=title,
        svg=mark_safe(svg),  # noqa: S308 - built from escaped parts below
        caption=format_html("<figcaption>{}</figcaption>", title) if title else "",
        table=mark_safe(table),  # noqa: S308 - format_html output
    )


def _clip(label: str, limit: int = 9) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    unit: str = "",
    max_value: float | None = None,
    title: str = "",
    color: str = PALETTE[3],
) -> SafeString:
    """Horizontal bars, one per (label, value), with the value written at the bar's end."""
    top = max_value if max_value is not None else max([v for _, v in items] or [1]) or 1
    bar_space = WIDTH - LABEL_WIDTH - 48
    parts: list[str] = []
    for i, (label, value) in enumerate(items):
        y = i * ROW_HEIGHT + 4
        length = max(0.0, min(1.0, value / top)) * bar_space
        parts.append(
            format_html(
                '<text x="{lx}" y="{ty}" text-anchor="end" fill="#1f2933"><title>{full}</title>{label}</text>'
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="3" fill="{c}"/>'
                '<text x="{vx}" y="{ty}" fill="#1f2933">{value}{unit}</text>',
                lx=LABEL_WIDTH - 6,
                ty=y + 15,
                full=label,
                label=_clip(label),
                x=LABEL_WIDTH,
                y=y + 3,
                w=_f(length),
                h=ROW_HEIGHT - 10,
                c=color,
                vx=_f(LABEL_WIDTH + length + 4),
                value=_number(value),
                unit=unit,
            )
        )
    height = max(ROW_HEIGHT, len(items) * ROW_HEIGHT + 8)
    rows = [(label, f"{_number(value)}{unit}") for label, value in items]
    return _figure(title, "".join(parts), rows, height)


def stacked_bar_chart(
    rows: Sequence[tuple[str, Sequence[float]]], series: Sequence[str], *, title: str = ""
) -> SafeString:
    """One 100 % bar per row split into the series (e.g. 满意/基本满意/不满意), with a legend."""
    bar_space = WIDTH - LABEL_WIDTH - 8
    parts: list[str] = []
    legend_y = 14
    x = 4
    for i, name in enumerate(series):
        parts.append(
            format_html(
                '<rect x="{x}" y="4" width="12" height="12" fill="{c}"/><text x="{tx}" y="{ty}">{n}</text>',
                x=x,
                c=PALETTE[i % len(PALETTE)],
                tx=x + 16,
                ty=legend_y,
                n=name,
            )
        )
        x += 16 + 14 * len(name) + 12
    offset = 26
    for r, (label, values) in enumerate(rows):
        y = offset + r * ROW_HEIGHT
        total = sum(values) or 1
        parts.append(
            format_html(
                '<text x="{lx}" y="{ty}" text-anchor="end"><title>{full}</title>{label}</text>',
                lx=LABEL_WIDTH - 6,
                ty=y + 15,
                full=label,
                label=_clip(label),
            )
        )
        cursor = float(LABEL_WIDTH)
        for i, value in enumerate(values):
            width = value / total * bar_space
            if width <= 0:
                continue
            parts.append(
                format_html(
                    '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}">'
                    "<title>{n}: {v}</title></rect>",
                    x=_f(cursor),
                    y=y + 3,
                    w=_f(width),
                    h=ROW_HEIGHT - 10,
                    c=PALETTE[i % len(PALETTE)],
                    n=series[i],
                    v=_number(value),
                )
            )
            cursor += width
    height = offset + max(1, len(rows)) * ROW_HEIGHT + 4
    caption = [
        (label, " / ".join(f"{s} {_number(v)}" for s, v in zip(series, values, strict=False)))
        for label, values in rows
    ]
    return _figure(title, "".join(parts), caption, height)


def line_chart(
    points: Sequence[tuple[str, float]], *, title: str = "", unit: str = ""
) -> SafeString:
    """A trend line over labelled points (e.g. suggestions per week)."""
    height = 180
    # The last point sits far enough from the edge that its centred label ("11-23") fits.
    left, right, top_pad, bottom = 36, WIDTH - 20, 12, height - 28
    top = max([v for _, v in points] or [1]) or 1
    n = len(points)
    step = (right - left) / max(1, n - 1)
    coords = [
        (left + i * step, bottom - (value / top) * (bottom - top_pad))
        for i, (_, value) in enumerate(points)
    ]
    parts = [
        format_html(
            '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="#d9dee5"/>',
            l=left,
            b=bottom,
            r=right,
        ),
        format_html(
            '<text x="{x}" y="{y}" text-anchor="end">{v}</text>',
            x=left - 4,
            y=top_pad + 4,
            v=_number(top),
        ),
        format_html('<text x="{x}" y="{y}" text-anchor="end">0</text>', x=left - 4, y=bottom),
    ]
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(
            format_html(
                '<polyline fill="none" stroke="{c}" stroke-width="2" points="{p}"/>',
                c=PALETTE[3],
                p=path,
            )
        )
    label_every = max(1, n // 6)
    for i, ((label, value), (x, y)) in enumerate(zip(points, coords, strict=True)):
        parts.append(
            format_html(
                '<circle cx="{x}" cy="{y}" r="3" fill="{c}"><title>{l}: {v}{u}</title></circle>',
                x=_f(x),
                y=_f(y),
                c=PALETTE[3],
                l=label,
                v=_number(value),
                u=unit,
            )
        )
        if i % label_every == 0 or i == n - 1:
            parts.append(
                format_html(
                    '<text x="{x}" y="{y}" text-anchor="middle">{l}</text>',
                    x=_f(x),
                    y=height - 10,
                    l=label,
                )
            )
    rows = [(label, f"{_number(value)}{unit}") for label, value in points]
    return _figure(title, "".join(parts), rows, height)
