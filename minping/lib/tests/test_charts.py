from __future__ import annotations

import re

from minping.lib.charts import bar_chart, line_chart, stacked_bar_chart


def test_bar_chart_draws_one_bar_per_item_scaled_to_the_largest():
    svg = str(bar_chart([("市财政局", 90), ("市公安局", 45)], unit="%", title="满意率"))
    widths = [float(w) for w in re.findall(r'<rect x="130" y="\d+" width="([\d.]+)"', svg)]
    assert len(widths) == 2 and widths[0] == 2 * widths[1]
    assert "90%" in svg and "市财政局" in svg and "<figcaption>满意率</figcaption>" in svg


def test_labels_are_escaped():
    svg = str(bar_chart([("<script>alert(1)</script>", 1)]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_stacked_bar_splits_a_row_by_share():
    svg = str(stacked_bar_chart([("市民政局", [3, 1, 0])], ["满意", "基本满意", "不满意"]))
    widths = [
        float(w) for w in re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="18"', svg)
    ]
    assert len(widths) == 2 and abs(widths[0] - 3 * widths[1]) < 0.2
    assert "满意 3 / 基本满意 1 / 不满意 0" in svg


def test_line_chart_has_a_point_per_label_and_handles_empty_data():
    svg = str(line_chart([("第1周", 3), ("第2周", 5), ("第3周", 4)], title="趋势"))
    assert svg.count("<circle") == 3 and "polyline" in svg
    assert "<svg" in str(line_chart([]))


def test_line_chart_keeps_the_last_date_label_inside_the_drawing():
    weeks = [(f"11-{day:02d}", day) for day in (2, 9, 16, 23)]
    svg = str(line_chart(weeks))
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    last_x = float(re.findall(r'<text x="([\d.]+)" y="\d+" text-anchor="middle">11-23<', svg)[0])
    assert last_x + 17 <= width  # half of a five-character label at font size 12
