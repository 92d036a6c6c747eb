from __future__ import annotations

import json
from dataclasses import replace

import pytest

from minping.tally import (
    Cell,
    Difference,
    compare_results,
    compute_results,
    read_results,
    results_bytes,
)
from minping.tally.tests.factories import design, many

S, F, X = "satisfied", "fairly_satisfied", "dissatisfied"


@pytest.fixture
def ours():
    ballots = many("V0", 12, {"D01": S, "D02": F, "D03": X}) + many(
        "V1", 11, {"D01": F, "D02": S, "D03": X}
    )
    return compute_results(design(), ballots)


def test_the_tallier_file_with_the_same_figures_agrees(ours):
    theirs = read_results(results_bytes(ours))
    assert theirs == ours
    assert compare_results(ours, theirs) == []


def test_a_result_file_with_a_bom_and_other_spacing_still_reads():
    ballots = many("V0", 10, {"D01": S})
    ours = compute_results(design(), ballots)
    text = json.dumps(json.loads(results_bytes(ours)), indent=4, ensure_ascii=True)
    assert compare_results(ours, read_results(b"\xef\xbb\xbf" + text.encode())) == []


def test_each_differing_figure_is_listed_with_both_values(ours):
    d01 = ours.departments[0]
    changed = replace(
        ours,
        departments=(replace(d01, points="1.00", rank=3), *ours.departments[1:]),
    )
    assert compare_results(ours, changed) == [
        Difference("departments.D01.points", d01.points, "1.00"),
        Difference("departments.D01.rank", "1", "3"),
    ]


def test_a_cell_suppressed_on_one_side_only_is_a_difference(ours):
    d02 = ours.departments[1]
    changed = replace(
        ours,
        departments=(
            ours.departments[0],
            replace(d02, venues={**d02.venues, "V0": Cell(suppressed=True)}),
            ours.departments[2],
        ),
    )
    differences = compare_results(ours, changed)
    paths = [d.path for d in differences]
    assert "departments.D02.venues.V0.suppressed" in paths
    assert "departments.D02.venues.V0.weighted_score" in paths
    assert (
        next(d for d in differences if d.path.endswith("weighted_score")).theirs == "(缺 missing)"
    )


@pytest.mark.parametrize(
    "data",
    [b"not json", b"[]", b'{"schema": "x"}', b'{"departments": [{"overall": 3}]}'],
)
def test_a_malformed_result_file_is_refused(data):
    with pytest.raises(ValueError):
        read_results(data)
