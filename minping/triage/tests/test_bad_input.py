"""Whatever people paste in (empty, huge, markup, random characters), triage answers calmly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from minping.triage import DuplicateIndex, fingerprint, top_themes


def test_an_empty_text_gets_no_proposals(triage):
    assert triage.suggest_area("") == []
    assert triage.suggest_department("") == []
    assert fingerprint("") == ""
    assert top_themes(["", "   "]) == []


def test_markup_does_not_count_as_words(triage):
    text = '<a href="http://x.cn/物业">点我</a><script>var 停车 = 1;</script>'
    assert triage.suggest_area(text) == []


def test_a_huge_text_is_handled_whole(triage):
    text = "小区暖气不热，" * 20000 + "另外公交线路太少。"
    assert triage.suggest_area(text)[0][0] == "city-quality"
    assert "公交" in fingerprint(text).split()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_well_formed_proposals(triage, text):
    for proposals in (triage.suggest_area(text), triage.suggest_department(text)):
        scores = [score for _, score in proposals]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < score <= 100 for score in scores)
        assert len(proposals) <= 3
    assert fingerprint(text) == " ".join(sorted(set(fingerprint(text).split())))


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=120), st.lists(st.text(max_size=120), max_size=8))
def test_duplicate_scores_stay_between_threshold_and_100(query, others):
    found = DuplicateIndex.from_texts(enumerate(others)).query(query, threshold=20, limit=20)
    assert all(20 <= score <= 100 for _, score in found)
