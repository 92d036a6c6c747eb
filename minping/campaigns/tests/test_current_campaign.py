"""The current campaign is asked once per request and asked again after it changes."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from minping.campaigns.actions import do_create_campaign, do_set_current_campaign
from minping.campaigns.models import current_for_request

pytestmark = pytest.mark.django_db


def test_one_request_asks_the_database_once(campaign, django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        assert current_for_request(request) == campaign
        assert current_for_request(request) == campaign
        assert current_for_request(request) == campaign


def test_a_change_of_the_current_year_within_the_request_is_seen(campaign):
    request = RequestFactory().get("/")
    assert current_for_request(request) == campaign
    other = do_create_campaign(None, year=campaign.year + 1, title="下一年度")
    do_set_current_campaign(None, other)
    assert current_for_request(request) == other
    assert current_for_request(RequestFactory().get("/")) == other


def test_the_page_context_uses_the_remembered_campaign(campaign, client):
    response = client.get("/")
    assert response.context["current_campaign"] == campaign
    assert response.wsgi_request._minping_current_campaign[1] == campaign
