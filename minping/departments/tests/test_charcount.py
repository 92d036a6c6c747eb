from __future__ import annotations

from minping.departments.charcount import count_chars


def test_each_chinese_character_and_punctuation_mark_counts_one() -> None:
    assert count_chars("市民代表：你们好。") == 9


def test_spaces_and_line_breaks_do_not_count() -> None:
    assert count_chars("向市民 报告\n听市民意见") == 10


def test_a_run_of_digits_or_latin_letters_counts_as_one_word() -> None:
    assert count_chars("2025年建成APP") == 5


def test_decimals_and_percentages_count_as_one_word() -> None:
    assert count_chars("增长12.5%") == 3


def test_chinese_quotes_dashes_and_ellipsis_count() -> None:
    assert count_chars("“放管服”——改革…") == 10


def test_ascii_punctuation_between_latin_words_is_not_counted() -> None:
    assert count_chars("a, b") == 2


def test_empty_text_has_no_characters() -> None:
    assert count_chars("") == 0
