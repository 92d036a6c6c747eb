"""Cleaning what citizens type: markup, full-width characters, noise; removing contact data."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from minping.triage import clean, meaningful_length, redact_personal


def test_script_and_markup_are_removed_but_the_words_kept():
    text = '<p>建议<b>增设</b>路灯</p><script>alert("x")</script><img src=x onerror=alert(1)>'
    assert clean(text) == "建议 增设 路灯"


def test_escaped_markup_does_not_come_back_as_markup():
    assert "<" not in clean("&lt;script&gt;alert(1)&lt;/script&gt;路灯不亮")
    assert clean("&lt;script&gt;alert(1)&lt;/script&gt;路灯不亮").endswith("路灯不亮")


def test_markup_escaped_twice_is_removed_as_well():
    assert clean("&amp;lt;b&amp;gt;路灯&amp;lt;/b&amp;gt;") == "路灯"
    assert clean(clean("&amp;lt;b&amp;gt;路灯")) == "路灯"


def test_full_width_letters_and_digits_become_ascii_but_chinese_punctuation_stays():
    assert clean("１２３４５热线　ＡＰＰ，很好用！") == "12345热线 APP，很好用！"


def test_zero_width_and_control_characters_and_links_are_dropped():
    assert clean("路\u200b灯\x07坏了 https://example.com/x?y=1 请修") == "路灯坏了 请修"


def test_runs_of_punctuation_and_whitespace_are_shortened():
    assert clean("太慢了！！！！！\n\n\n   请尽快。。。。") == "太慢了！ 请尽快。"


def test_an_empty_or_punctuation_only_text_has_no_meaningful_characters():
    assert meaningful_length(clean("   ")) == 0
    assert meaningful_length(clean("。。。！！<br>")) == 0
    assert meaningful_length(clean("修路")) == 2


def test_a_very_long_text_is_cleaned_whole():
    text = "建议修路。" * 20000
    assert clean(text) == text


@settings(deadline=None)
@given(st.text(max_size=200))
def test_cleaning_twice_changes_nothing(text):
    once = clean(text)
    assert clean(once) == once


def test_mobile_landline_and_id_numbers_are_redacted():
    text = "我的电话13812345678，座机0477-8512345，身份证号150602199001011234，小区路灯坏了"
    assert redact_personal(text) == "我的电话***，座机***，身份证号***，小区路灯坏了"


def test_spaced_or_prefixed_mobile_numbers_are_redacted_too():
    assert redact_personal("联系 +86 138 1234 5678 或 138-1234-5678") == "联系 *** 或 ***"


def test_email_plate_and_chat_accounts_are_redacted():
    text = "邮箱 someone@example.cn，车牌蒙K12345和蒙KD12345，微信号：abc_12345，QQ 12345678"
    assert redact_personal(text) == "邮箱 ***，车牌***和***，微信号：***，QQ ***"


def test_ordinary_numbers_are_left_alone():
    text = "12345热线、3号楼、2025年供暖、100米、G6京藏高速、K3路公交"
    assert redact_personal(text) == text
