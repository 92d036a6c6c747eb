"""The same matter written by different people is found among the open items; others are not."""

from __future__ import annotations

import itertools

import pytest

from minping.triage import (
    DEFAULT_THRESHOLD,
    DuplicateIndex,
    fingerprint,
    group_near_duplicates,
    near_duplicates,
    similarity,
)

from .corpus import PARAPHRASES, SUGGESTIONS, UNTUNED_PARAPHRASES

OPEN_ITEMS = [(number, text) for number, (_, _, text) in enumerate(SUGGESTIONS, start=1)]


@pytest.fixture(scope="module")
def index():
    return DuplicateIndex.from_texts(OPEN_ITEMS)


@pytest.mark.parametrize(
    ("original", "paraphrase"), PARAPHRASES, ids=[p[0][:10] for p in PARAPHRASES]
)
def test_a_paraphrase_finds_the_original_first(index, original, paraphrase):
    number = next(n for n, text in OPEN_ITEMS if text == original)
    found = index.query(paraphrase)
    assert found[0][0] == number
    assert found[0][1] >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("original", "paraphrase"), UNTUNED_PARAPHRASES, ids=[p[0][:10] for p in UNTUNED_PARAPHRASES]
)
def test_an_untuned_paraphrase_still_ranks_the_original_first(index, original, paraphrase):
    number = next(n for n, text in OPEN_ITEMS if text == original)
    assert index.query(paraphrase, threshold=30)[0][0] == number


def test_most_untuned_paraphrases_reach_the_default_threshold(index):
    numbers = {text: n for n, text in OPEN_ITEMS}
    found = [
        any(key == numbers[original] for key, _ in index.query(paraphrase))
        for original, paraphrase in UNTUNED_PARAPHRASES
    ]
    assert sum(found) >= 0.8 * len(found)  # 8 of 10 when written


def test_suggestions_about_different_matters_are_not_flagged():
    prints = [fingerprint(text) for _, text in OPEN_ITEMS]
    flagged = [
        (a, b)
        for a, b in itertools.combinations(range(len(prints)), 2)
        if similarity(prints[a], prints[b]) >= DEFAULT_THRESHOLD
    ]
    assert flagged == []


def test_the_item_itself_can_be_left_out(index):
    number, text = OPEN_ITEMS[3]
    assert index.query(text)[0] == (number, 100.0)
    assert all(found != number for found, _ in index.query(text, exclude=number))


def test_stored_fingerprints_give_the_same_answer_as_texts(index):
    stored = DuplicateIndex([(n, fingerprint(t)) for n, t in OPEN_ITEMS])
    query = PARAPHRASES[2][1]
    assert stored.query(query) == index.query(query)


def test_the_one_call_form_segments_the_candidates_itself():
    original, paraphrase = PARAPHRASES[0]
    found = near_duplicates(paraphrase, [("a", "路灯坏了"), ("b", original)])
    assert [key for key, _ in found] == ["b"]


def test_a_short_text_is_not_a_duplicate_of_every_long_text_containing_its_words(index):
    assert index.query("停车难") == []


def test_an_empty_or_filler_text_matches_nothing(index):
    assert index.query("") == []
    assert index.query("建议，希望，谢谢！") == []


def test_results_are_capped_and_ordered_best_first_then_by_position():
    same = "小区二次供水泵房老旧经常停水"
    found = DuplicateIndex.from_texts([(3, same), (1, same), (2, same + "，水压不足")]).query(
        same, limit=2
    )
    assert [key for key, _ in found] == [3, 1]


def test_a_lower_threshold_finds_more(index):
    text = PARAPHRASES[1][1]
    assert len(index.query(text, threshold=30, limit=50)) > len(index.query(text))


def test_a_batch_is_grouped_into_paraphrase_pairs_and_nothing_else():
    batch = [(number, text) for number, text in OPEN_ITEMS]
    number_of = {text: number for number, text in OPEN_ITEMS}
    for offset, (_, paraphrase) in enumerate(PARAPHRASES):
        batch.append((1000 + offset, paraphrase))
    groups = group_near_duplicates(batch)
    expected = [[number_of[original], 1000 + i] for i, (original, _) in enumerate(PARAPHRASES)]
    assert sorted(groups) == sorted(expected)


def test_groups_are_led_by_the_earliest_item_and_do_not_chain():
    a = "小区二次供水泵房老旧经常停水"
    b = "小区二次供水泵房老旧经常停水，水压不足"
    c = "二次供水泵房老旧经常停水，水压不足，高层住户用水困难，建议改造管网"
    assert group_near_duplicates([("a", a), ("b", b)]) == [["a", "b"]]
    # a~b 91.4, b~c 72.3, a~c 63.6: c is like b but not like the group's leader a.
    groups = group_near_duplicates([("a", a), ("b", b), ("c", c)], threshold=70)
    assert groups == [["a", "b"]]
