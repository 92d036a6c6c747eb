"""Proposals improve with the office's confirmed dispatches (naive Bayes over content terms)."""

from __future__ import annotations

import pytest

from minping.campaigns.seeddata import GROUPS_2023
from minping.triage import (
    DEPARTMENT_ALIASES,
    DEPARTMENT_KEYWORDS,
    REFERENCE_AREAS,
    Area,
    DeptProfile,
    Example,
    TermModel,
    Triage,
    fingerprint,
    load_examples,
)

from .heldout import HELD_OUT

NAMES = [name for _, group in GROUPS_2023 for name in group]
PROFILES = [DeptProfile(n, n, DEPARTMENT_KEYWORDS[n], DEPARTMENT_ALIASES.get(n, ())) for n in NAMES]


@pytest.fixture(scope="module")
def lexicon_only():
    return Triage(REFERENCE_AREAS, PROFILES)


@pytest.fixture(scope="module")
def with_examples():
    return Triage(REFERENCE_AREAS, PROFILES, load_examples())


def test_a_confirmed_example_teaches_words_the_lexicon_lacks():
    areas = [Area("snow", "冬季除雪", ("除雪",)), Area("heat", "供暖", ("供暖",))]
    examples = [Example("楼道结冰了，老人出门容易滑倒", area="snow")] * 2 + [
        Example("屋里温度太低了", area="heat")
    ]
    assert Triage(areas, []).suggest_area("楼道结冰太滑") == []
    assert Triage(areas, [], examples).suggest_area("楼道结冰太滑")[0][0] == "snow"


def test_examples_from_stored_fingerprints_teach_the_same():
    areas = [Area("snow", "冬季除雪", ("除雪",)), Area("heat", "供暖", ("供暖",))]
    texts = [("楼道结冰了，老人出门容易滑倒", "snow"), ("屋里温度太低了", "heat")]
    from_texts = Triage(areas, [], [Example(t, area=a) for t, a in texts])
    stored = [Example.from_fingerprint(fingerprint(t), area=a) for t, a in texts]
    from_prints = Triage(areas, [], stored)
    query = "楼道结冰太滑"
    assert from_prints.suggest_area(query) == from_texts.suggest_area(query)


def test_examples_for_unknown_areas_or_departments_are_ignored():
    examples = [Example("路灯不亮", area="gone", department=99)]
    triage = Triage(
        [Area("a", "甲", ("路灯",))], [DeptProfile(1, "市城市管理综合执法局")], examples
    )
    assert triage.suggest_area("路灯不亮") == [("a", 100.0)]


def test_the_posterior_sums_to_one_and_is_empty_without_known_words():
    model = TermModel([(["供暖", "小区"], "a"), (["停车", "小区"], "b")])
    posterior = model.posterior(["供暖", "小区"])
    assert abs(sum(posterior.values()) - 1) < 1e-9
    assert posterior["a"] > posterior["b"]
    assert model.posterior(["火箭"]) == {}


def test_the_shipped_examples_cover_every_reference_area_but_other():
    areas = {e.area for e in load_examples()}
    assert areas == {a.code for a in REFERENCE_AREAS} - {"other"}
    assert {e.department for e in load_examples() if e.department} <= set(NAMES)


def test_shipped_examples_can_name_departments_by_the_callers_ids():
    examples = load_examples(department_ids={"市公安局": 7, "市民政局": 9})
    assert {e.department for e in examples} == {7, 9, None}
    assert sum(e.department == 7 for e in examples) >= 5


def test_new_texts_get_the_right_area_in_the_first_two_for_most_cases(with_examples):
    hits = [area in [c for c, _ in with_examples.suggest_area(t)][:2] for area, _, t in HELD_OUT]
    assert sum(hits) >= 0.8 * len(HELD_OUT)  # 28 of 30 when written


def test_examples_make_new_texts_better_than_keywords_alone(lexicon_only, with_examples):
    def first_two(triage):
        return sum(area in [c for c, _ in triage.suggest_area(t)][:2] for area, _, t in HELD_OUT)

    assert first_two(with_examples) > first_two(lexicon_only)


def test_new_texts_get_the_right_department_in_the_first_three_for_most_cases(with_examples):
    labelled = [(dept, text) for _, dept, text in HELD_OUT if dept]
    hits = [dept in [d for d, _ in with_examples.suggest_department(t)] for dept, t in labelled]
    assert sum(hits) >= 0.8 * len(labelled)  # 21 of 21 when written
