"""The scoring rule (赋分) on examples computed by hand."""

from __future__ import annotations

from minping.surveys.scoring import Option, Question, ScoreRow, compute_scores

SCALE = (
    Option("s", "满意", 100, True),
    Option("f", "基本满意", 80, True),
    Option("d", "不满意", 0, False),
    Option("u", "不了解", None, False),
)
QUESTIONS = [
    Question("q1", "rating", options=SCALE, department="7", area="教育"),
    Question("q2", "rating", options=SCALE, department="7"),
    Question("q3", "rating", options=SCALE, department="9", area="教育"),
    Question("t", "text"),
]
NAMES = {"7": "市教育体育局", "9": "市公安局"}


def _rows(responses: list[dict[str, str]], min_answers: int = 1) -> dict[str, ScoreRow]:
    rows = compute_scores(QUESTIONS, responses, names=NAMES, min_answers=min_answers)
    return {r.target.name: r for r in rows}


def test_a_department_score_is_the_mean_weight_of_its_valid_answers() -> None:
    # Department 7: q1 s,f,d and q2 s,u(excluded),(missing) → (100+80+0+100)/4 = 70.00
    rows = _rows([{"q1": "s", "q2": "s"}, {"q1": "f", "q2": "u"}, {"q1": "d", "t": "建议"}])
    dept = rows["市教育体育局"]
    assert dept.valid == 4
    assert dept.excluded == 1
    assert dept.score == "70.00"
    assert dept.satisfaction_rate == "75.0"  # 3 of 4


def test_rounding_is_half_up_to_two_decimals() -> None:
    # 100 + 80 + 80 = 260 / 3 = 86.666… → 86.67 ; satisfaction 3/3 = 100.0
    rows = _rows([{"q3": "s"}, {"q3": "f"}, {"q3": "f"}])
    assert rows["市公安局"].score == "86.67"
    assert rows["市公安局"].satisfaction_rate == "100.0"


def test_an_area_pools_the_questions_tagged_to_it() -> None:
    # 教育 = q1 and q3: 100, 0, 80 → 60.00
    rows = _rows([{"q1": "s", "q3": "d"}, {"q3": "f"}])
    assert rows["教育"].score == "60.00"
    assert rows["教育"].valid == 3


def test_too_few_valid_answers_give_no_score_and_no_rank() -> None:
    rows = _rows([{"q1": "s", "q3": "u"}], min_answers=2)
    assert rows["市教育体育局"].score is None
    assert rows["市教育体育局"].rank is None
    assert rows["市公安局"].valid == 0


def test_departments_are_ranked_by_score_and_ties_share_a_rank() -> None:
    rows = _rows([{"q1": "s", "q2": "d", "q3": "d"}, {"q1": "d", "q2": "s", "q3": "s"}])
    assert rows["市教育体育局"].score == "50.00"
    assert rows["市公安局"].score == "50.00"
    assert rows["市教育体育局"].rank == rows["市公安局"].rank == 1
