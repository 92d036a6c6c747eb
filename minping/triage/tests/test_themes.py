"""Top themes for the 民声大数据 page: subject words counted once per suggestion."""

from __future__ import annotations

from minping.triage import top_themes

from .corpus import SUGGESTIONS


def test_synonyms_count_as_one_theme_once_per_suggestion():
    texts = [
        "小区暖气不热，集中供暖温度不达标。",
        "希望提前供热。",
        "公交线路太少。",
    ]
    assert top_themes(texts, 2) == [("供暖", 2), ("公交", 1)]


def test_filler_and_action_words_are_not_themes():
    themes = dict(top_themes(["建议尽快新建停车场，希望加强管理。"] * 3, 10))
    assert themes == {"停车场": 3}


def test_ties_are_ordered_by_the_word_and_k_caps_the_list():
    themes = top_themes([text for _, _, text in SUGGESTIONS], 5)
    assert len(themes) == 5
    assert themes == sorted(themes, key=lambda item: (-item[1], item[0]))
    assert themes == top_themes([text for _, _, text in SUGGESTIONS], 5)


def test_the_corpus_themes_name_real_subjects():
    themes = dict(top_themes([text for _, _, text in SUGGESTIONS], 20))
    assert {"老年人", "营业执照", "入学", "就业", "旅游"} <= set(themes)
    assert themes["老年人"] == 3  # 老年人 twice, 老人 once
