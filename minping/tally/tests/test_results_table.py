"""Results on small sessions whose figures are computed by hand in the comments."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from minping.tally import (
    BallotStatus,
    Conversion,
    ConversionBasis,
    DepartmentRef,
    VenueSeal,
    compute_results,
    results_to_dict,
)
from minping.tally.results import fmt
from minping.tally.tests.factories import (
    ballot,
    criteria_scale,
    design,
    many,
    rank_conversion,
    score_scale,
)

S, F, X = "satisfied", "fairly_satisfied", "dissatisfied"


def dept(results, dept_id):
    return next(d for d in results.departments if d.department == dept_id)


def test_choice_counts_satisfaction_rate_weighted_score_and_points():
    # 6 满意 (100) + 4 基本满意 (80) + 2 不满意 (0) = 920 points over 12 ballots.
    ballots = (
        many("V0", 6, {"D01": S, "D02": S, "D03": S})
        + many("V0", 4, {"D01": F, "D02": S, "D03": S})
        + many("V0", 2, {"D01": X, "D02": S, "D03": S})
    )
    results = compute_results(design(), ballots)
    d01 = dept(results, "D01")
    assert d01.overall.answers == 12
    assert d01.overall.counts == {S: 6, F: 4, X: 2}
    assert d01.overall.satisfaction_rate == "83.33"  # 10 / 12
    assert d01.overall.weighted_score == "76.67"  # 920 / 12
    assert d01.points == "7.67"  # 10 points x 76.67 %
    assert d01.rank == 3
    assert dept(results, "D02").rank == 1 and dept(results, "D03").rank == 1


def test_equal_scores_share_a_rank_and_the_satisfaction_rate_breaks_ties():
    # D01: all 基本满意 -> score 80, rate 100. D02: 8 满意 + 2 不满意 -> score 80, rate 80.
    # D03: all 基本满意, like D01 -> shares rank 1; D02 comes third (1, 1, 3).
    ballots = many("V0", 8, {"D01": F, "D02": S, "D03": F}) + many(
        "V0", 2, {"D01": F, "D02": X, "D03": F}
    )
    results = compute_results(design(), ballots)
    assert [dept(results, d).rank for d in ("D01", "D02", "D03")] == [1, 3, 1]
    assert dept(results, "D02").overall.weighted_score == "80.00"
    assert dept(results, "D02").overall.satisfaction_rate == "80.00"


def test_score_scale_mean_and_share_at_or_above_sixty():
    values = [59, 60, 100, 0, 70, 80, 90, 50, 60, 61]  # sum 630; 7 are >= 60
    ballots = [ballot("V1", {"D01": v, "D02": 100, "D03": 0}) for v in values]
    d01 = dept(compute_results(design(score_scale()), ballots), "D01")
    assert d01.overall.weighted_score == "63.00"
    assert d01.overall.satisfaction_rate == "70.00"
    assert d01.overall.counts is None


def test_criteria_are_weight_averaged_into_a_score_out_of_100():
    # work x3, service x1, each 0-10: (9, 7) -> (270 + 70) / 4 = 85; (5, 5) -> 50.
    ballots = many("V0", 5, {d.id: {"work": 9, "service": 7} for d in design().departments})
    ballots += many("V0", 5, {d.id: {"work": 5, "service": 5} for d in design().departments})
    d01 = dept(compute_results(design(criteria_scale()), ballots), "D01")
    assert d01.overall.weighted_score == "67.50"
    assert d01.overall.satisfaction_rate == "50.00"
    assert d01.overall.criteria == {"work": "7.00", "service": "6.00"}


def test_figures_are_rounded_half_up_not_to_even():
    # 1 x 100 + 7 x 0 over 8 ballots = 12.5: half up gives 13 (banker's rounding gives 12).
    ballots = many("V0", 1, {"D01": S}) + many("V0", 7, {"D01": X})
    results = compute_results(design(places=0, min_cell=1), ballots)
    assert dept(results, "D01").overall.weighted_score == "13"


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Fraction(1, 8), 2, "0.13"),
        (Fraction(2, 3), 2, "0.67"),
        (Fraction(0), 2, "0.00"),
        (Fraction(5), 0, "5"),
        (Fraction(1999, 20), 1, "100.0"),
        (Fraction(12345, 1000), 3, "12.345"),
    ],
)
def test_format_of_exact_figures(value, places, text):
    assert fmt(value, places) == text


def test_fewer_than_ten_answers_is_suppressed_not_zero():
    nine = many("V0", 9, {"D01": S, "D02": S}) + many("V0", 1, {"D02": S})
    results = compute_results(design(), nine)
    d01, d02, d03 = (dept(results, d) for d in ("D01", "D02", "D03"))
    assert d01.overall.suppressed and d01.overall.answers is None
    assert results_to_dict(results)["departments"][0]["overall"] == {"suppressed": True}
    assert d01.rank is None and d01.points is None
    assert not d02.overall.suppressed and d02.overall.answers == 10
    assert d03.overall.suppressed  # nobody answered D03 at all


def test_a_small_venue_is_hidden_together_with_the_next_smallest():
    # V2 has 3 answers: hidden. Overall minus V0 and V1 would give V2 away, so V1 (15)
    # is hidden too; V0 (20) stays.
    ballots = many("V0", 20, {"D01": S}) + many("V1", 15, {"D01": F}) + many("V2", 3, {"D01": X})
    d01 = dept(compute_results(design(), ballots), "D01")
    assert not d01.overall.suppressed
    assert not d01.venues["V0"].suppressed
    assert d01.venues["V1"].suppressed and d01.venues["V2"].suppressed


def test_venues_all_above_the_threshold_are_all_shown():
    ballots = many("V0", 20, {"D01": S}) + many("V1", 15, {"D01": F}) + many("V2", 12, {"D01": X})
    d01 = dept(compute_results(design(), ballots), "D01")
    assert [d01.venues[v].weighted_score for v in ("V0", "V1", "V2")] == ["100.00", "80.00", "0.00"]


def test_an_unanswered_department_is_left_out_of_its_figures():
    ballots = many("V0", 10, {"D01": S, "D02": S}) + many("V0", 2, {"D01": X})
    d02 = dept(compute_results(design(), ballots), "D02")
    assert d02.overall.answers == 10
    assert d02.overall.unanswered == 2
    assert d02.overall.weighted_score == "100.00"


def test_blank_and_invalid_ballots_are_counted_per_venue_but_not_tallied():
    ballots = many("V0", 10, {"D01": S})
    ballots += [ballot("V0", {}, status=BallotStatus.BLANK)]
    ballots += [ballot("V0", {"D01": X}, status=BallotStatus.INVALID)]
    seal = VenueSeal("V0", issued=15, returned=12, blank=1, invalid=1, root="")
    results = compute_results(design(), ballots, [seal])
    v0 = results.venues[0]
    assert (v0.issued, v0.returned, v0.valid, v0.blank, v0.invalid, v0.unused) == (
        15,
        12,
        10,
        1,
        1,
        3,
    )
    assert results.ballots == 12 and results.valid == 10
    assert dept(results, "D01").overall.weighted_score == "100.00"


def test_rank_points_table():
    ballots = many("V0", 10, {"D01": F, "D02": S, "D03": X})
    results = compute_results(design(conversion=rank_conversion(("10", "9.5", "9"))), ballots)
    assert [dept(results, d).points for d in ("D01", "D02", "D03")] == ["9.50", "10.00", "9.00"]


def test_linear_points_from_the_satisfaction_rate_above_a_floor():
    # rate 250/3 %; (250/3 - 60) / 40 = 7/12 of 10 points = 5.83. D02 at 0 % is clamped to 0.
    conversion = Conversion(
        basis=ConversionBasis.SATISFACTION_RATE, max_points=Decimal(10), floor=Decimal(60)
    )
    ballots = many("V0", 10, {"D01": S, "D02": X}) + many("V0", 2, {"D01": X, "D02": X})
    results = compute_results(design(conversion=conversion), ballots)
    assert dept(results, "D01").points == "5.83"
    assert dept(results, "D02").points == "0.00"


def test_groups_pool_the_answers_of_their_departments():
    departments = (
        DepartmentRef("D01", "市发展和改革委员会", "第一组"),
        DepartmentRef("D02", "市财政局", "第一组"),
        DepartmentRef("D03", "市公安局", "第二组"),
    )
    ballots = many("V0", 10, {"D01": S, "D02": X, "D03": F})
    results = compute_results(design(departments=departments), ballots)
    assert results.groups["第一组"].answers == 20
    assert results.groups["第一组"].weighted_score == "50.00"
    assert results.groups["第二组"].weighted_score == "80.00"


def test_questionnaire_counts_options_and_counts_free_text_answers():
    ballots = many("V0", 10, {"D01": S}, questionnaire={"Q1": "no", "Q2": "很好"})
    ballots += many("V0", 4, {"D01": S}, questionnaire={"Q1": "yes"})
    q1, q2 = compute_results(design(), ballots).questionnaire
    assert q1.overall.counts == {"yes": 4, "no": 10}
    assert q2.overall.answers == 10 and q2.overall.unanswered == 4 and q2.overall.counts is None
    assert q1.venues["V1"].suppressed  # nobody at V1


def test_a_group_is_hidden_when_it_would_give_away_a_small_department():
    # D03 has 4 answers (hidden); the group minus D01 and D02 would reveal them.
    ballots = many("V0", 20, {"D01": S, "D02": S}) + many("V0", 4, {"D01": S, "D02": S, "D03": X})
    results = compute_results(design(), ballots)
    assert dept(results, "D03").overall.suppressed
    assert results.groups["第一组"].suppressed


def test_a_venue_where_nobody_answered_does_not_hide_the_others():
    ballots = many("V0", 20, {"D01": S}) + many("V1", 15, {"D01": F}) + many("V2", 12, {"D02": X})
    d01 = dept(compute_results(design(), ballots), "D01")
    assert d01.venues["V2"].suppressed  # no answers: no figures
    assert not d01.venues["V0"].suppressed and not d01.venues["V1"].suppressed
