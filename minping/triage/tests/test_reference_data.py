"""The shipped reference data: the seed's 16 areas, the 33 departments, the dictionary."""

from __future__ import annotations

from minping.campaigns.seeddata import GROUPS_2023
from minping.triage import DEPARTMENT_ALIASES, DEPARTMENT_KEYWORDS, REFERENCE_AREAS
from minping.triage.text import SYNONYMS, USER_DICT


def test_there_are_sixteen_areas_in_the_seed_order_with_unique_codes():
    assert len(REFERENCE_AREAS) == 16
    assert len({a.code for a in REFERENCE_AREAS}) == 16
    assert REFERENCE_AREAS[0].description.startswith("贯彻新发展理念")
    assert "交通秩序、垃圾分类、物业管理" in REFERENCE_AREAS[11].description
    assert REFERENCE_AREAS[15].code == "other"


def test_every_area_but_other_has_keywords_and_a_name():
    for area in REFERENCE_AREAS[:15]:
        assert area.name
        assert len(area.keywords) >= 10, area.code


def test_every_department_of_the_city_has_a_keyword_profile():
    names = {name for _, group in GROUPS_2023 for name in group}
    assert set(DEPARTMENT_KEYWORDS) == names
    assert set(DEPARTMENT_ALIASES) <= names


def test_the_domain_dictionary_holds_every_synonym():
    words = {line.split(" ")[0] for line in USER_DICT.read_text("utf-8").splitlines()}
    assert set(SYNONYMS) <= words
    assert set(SYNONYMS.values()) <= words
