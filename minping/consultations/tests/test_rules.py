"""The pure rules: text splitting, the hearing composition (第十八条) and the draw (第十九条)."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from minping.consultations import rules


def test_plain_text_with_articles_becomes_one_section_per_article():
    html = rules.sanitize("第一条 目的。\n补充说明。\n第二条 范围。")
    sections = rules.split_sections(html)
    assert [(s.number, s.heading) for s in sections] == [(1, "第一条"), (2, "第二条")]
    assert "补充说明" in sections[0].body_html


def test_numbered_headings_start_sections_and_plain_paragraphs_each_get_one():
    headed = rules.split_sections(rules.sanitize("一、目的\n为了……\n二、范围\n全市。"))
    assert [s.heading for s in headed] == ["一、目的", "二、范围"]
    plain = rules.split_sections(rules.sanitize("甲段。\n乙段。"))
    assert [(s.number, s.heading) for s in plain] == [(1, ""), (2, "")]


def test_editing_again_gives_back_the_text_that_was_split():
    text = "第一条 目的。\n补充说明。\n第二条 范围。"
    sections = rules.split_sections(rules.sanitize(text))
    assert "\n".join(rules.section_source(s.heading, s.body_html) for s in sections) == text


def test_scripts_and_event_handlers_are_removed():
    html = rules.sanitize(
        '<p onclick="steal()">第一条 <a href="javascript:x">链接</a><script>x()</script></p>'
    )
    assert "onclick" not in html and "javascript" not in html and "script" not in html


def test_ten_participants_with_five_stakeholders_meet_article_18():
    assert rules.composition_problems(10, 5) == []
    assert rules.composition_problems(9, 9) == ["too_few"]
    assert rules.composition_problems(12, 5) == ["stakeholders"]
    assert rules.composition_problems(0, 0) == ["too_few", "stakeholders"]


def test_the_draw_is_what_anyone_gets_from_random_with_the_seed_on_the_sorted_codes():
    pool = ["QK7", "A2B", "ZZ9", "M3N", "B8C", "H4J"]
    drawn = rules.draw(pool, 3, "20250930")
    assert drawn == random.Random("20250930").sample(sorted(pool), 3)
    assert rules.draw(list(reversed(pool)), 3, "20250930") == drawn  # input order does not matter


@given(
    st.lists(st.text("ABCDEFGHJK23456789", min_size=6, max_size=6), unique=True, max_size=40),
    st.integers(min_value=0, max_value=45),
    st.text(max_size=12),
)
def test_a_draw_never_repeats_anyone_and_never_invents_anyone(pool, seats, seed):
    drawn = rules.draw(pool, seats, seed)
    assert len(drawn) == min(seats, len(pool))
    assert len(set(drawn)) == len(drawn) and set(drawn) <= set(pool)
