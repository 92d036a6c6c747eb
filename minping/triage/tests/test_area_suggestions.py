"""The office gets the right reference area proposed for clear suggestions."""

from __future__ import annotations

import pytest

from minping.triage import REFERENCE_AREAS, Area, Triage

from .corpus import SUGGESTIONS

CLEAR = [s for s in SUGGESTIONS if s[0] != "other"]
OTHER = [s[2] for s in SUGGESTIONS if s[0] == "other"]


@pytest.mark.parametrize(("area", "dept", "text"), CLEAR, ids=[s[2][:12] for s in CLEAR])
def test_the_right_area_is_proposed_first(triage, area, dept, text):
    proposed = triage.suggest_area(text)
    assert proposed[0][0] == area


def test_every_reference_area_is_covered_by_the_corpus():
    covered = {area for area, _, _ in SUGGESTIONS}
    assert covered == {a.code for a in REFERENCE_AREAS}


@pytest.mark.parametrize("text", OTHER)
def test_a_suggestion_outside_the_fifteen_areas_gets_no_proposal(triage, text):
    # The office files it under 其他; keywords must not force it into a wrong area.
    assert triage.suggest_area(text) == []


def test_scores_are_shares_of_the_evidence_best_first(triage):
    proposed = triage.suggest_area("小区物业费太高，停车位也不够，希望加强物业管理。", limit=16)
    scores = [score for _, score in proposed]
    assert scores == sorted(scores, reverse=True)
    assert 99 <= sum(scores) <= 101
    assert all(0 < s <= 100 for s in scores)


def test_a_text_with_no_known_subject_proposes_nothing(triage):
    assert triage.suggest_area("你好，谢谢。") == []


def test_the_limit_caps_the_proposals(triage):
    text = "建议改善医疗、教育、养老、就业、住房和社会保障。"
    assert len(triage.suggest_area(text, limit=1)) == 1


def test_keywords_edited_by_the_office_take_effect():
    areas = [Area("snow", "冬季除雪", ("除雪", "积雪", "融雪剂")), Area("other", "其他", ())]
    assert Triage(areas, []).suggest_area("下雪后人行道积雪没人清理") == [("snow", 100.0)]


def test_equal_evidence_is_ordered_as_the_areas_were_given():
    first, second = Area("a", "甲", ("路灯",)), Area("b", "乙", ("路灯",))
    assert [c for c, _ in Triage([first, second], []).suggest_area("路灯")] == ["a", "b"]
    assert [c for c, _ in Triage([second, first], []).suggest_area("路灯")] == ["b", "a"]


def test_the_same_text_always_gets_the_same_proposal(triage):
    text = SUGGESTIONS[0][2]
    assert triage.suggest_area(text) == triage.suggest_area(text)


def test_the_office_sees_which_words_led_to_a_proposal(triage):
    text = "冬天小区暖气不热，集中供暖温度不达标，请督促热力公司整改。"
    # Longer (more specific) keywords weigh more; ties in weight go by the word.
    assert triage.area_evidence(text, "city-quality") == ["温度不达标", "热力公司", "供暖", "暖气"]
    assert triage.area_evidence(text, "rural") == []
    assert triage.area_evidence(text, "no-such-area") == []
