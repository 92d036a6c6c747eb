"""The absent list: 50 a page, grouped by category in the category's order."""

from __future__ import annotations

import re
from typing import Any

import pytest

from minping.meetings.tests.conftest import make_rep
from minping.selection.models import Representative

pytestmark = pytest.mark.django_db


def test_a_big_venues_absent_list_pages_by_fifty_and_sorts_by_category(
    client: Any, day: Any, personas: Any
) -> None:
    first, second = day.categories
    draw = day.seated[0].draw
    # 6 seated from the fixture (3 per category) + 54 more: 60 absent, 30 per category.
    for i in range(54):
        category = second if i % 2 else first
        make_rep(draw, day.session, day.branch, category, f"缺席{i:02d}", 100 + i)
    assert (
        Representative.objects.filter(session=day.session, venue=day.branch)
        .exclude(status="reserve")
        .count()
        == 60
    )
    client.force_login(personas.district)
    url = f"/meetings/session/{day.session.pk}/venue/{day.branch.pk}/absent/"

    one = client.get(url).content.decode()
    assert "未签到 60 人" in one
    assert one.count("<li>") == 50
    assert "第1页，共2页" in one
    # Category order: every name of the first category before the second's heading.
    headings = re.findall(r'data-category="(\d+)"', one)
    assert headings == [str(first.pk), str(second.pk)]
    assert "30 人未到" in one  # the whole category, not only this page's share

    two = client.get(url, {"page": 2}).content.decode()
    assert two.count("<li>") == 10
    assert re.findall(r'data-category="(\d+)"', two) == [str(second.pk)]
    assert "第2页，共2页" in two
    names_one = set(re.findall(r"缺席\d\d", one))
    names_two = set(re.findall(r"缺席\d\d", two))
    assert names_one.isdisjoint(names_two) and len(names_one | names_two) == 54
