"""The English pages translate what the system wrote: area names, log notes, label colons."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minping.suggestions import actions
from minping.suggestions.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"  # the header's language switch sets it
    return client


def test_a_standard_area_name_is_translated_and_a_renamed_one_is_shown_as_typed(
    english, make_suggestion
):
    suggestion = make_suggestion(area="other")
    page = english.get(suggestion.get_absolute_url()).content.decode()
    assert "Other ·" in page
    Area.objects.filter(code="other").update(name="其他事项")
    page = english.get(suggestion.get_absolute_url()).content.decode()
    assert "其他事项" in page


def test_the_public_area_list_reads_in_english(english, campaign):
    page = english.get(reverse("suggestions:index")).content.decode()
    assert "<strong>Rural revitalisation</strong>" in page
    assert "<strong>乡村振兴</strong>" not in page  # the descriptions stay the seed's text


def test_the_units_log_shows_signed_for_and_labels_end_with_an_ascii_colon(
    english, personas, make_suggestion, dispatch
):
    item = dispatch(make_suggestion())
    actions.do_accept(personas.dept_a, item)
    english.force_login(personas.dept_a)
    page = english.get(reverse("suggestions:assignment", args=[item.pk])).content.decode()
    assert "Signed for" in page
    assert ">签收<" not in page and " 签收" not in page
    assert "：" not in page.split("<main", 1)[-1].split("</main>", 1)[0]
