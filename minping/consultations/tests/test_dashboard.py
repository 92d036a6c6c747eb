"""Dashboard cards and links: what each role sees next."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse

from minping.consultations import actions, dashboard

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_department_sees_its_drafts_comments_to_moderate_and_to_weigh(
    clock, personas, make_open, make_draft, comment_on
):
    make_draft(title="草稿")
    c = make_open()
    comment_on(c)
    comment_on(c)
    cards = {card.title: card.count for card in dashboard.cards(request_for(personas.dept_a))}
    assert cards == {"征求意见草稿": 1, "待审核的公众意见": 2}
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=30)))
    actions.do_apply_clock(c)
    cards = {card.title: card.count for card in dashboard.cards(request_for(personas.dept_a))}
    assert cards["征求意见已截止，待归纳研判的意见"] == 2
    assert dashboard.cards(request_for(personas.dept_b))[0].count == 0


def test_the_office_sees_what_waits_for_review_and_approval(clock, personas, make_draft):
    c = make_draft()
    actions.do_submit(personas.dept_a, c)
    cards = {card.title: card.count for card in dashboard.cards(request_for(personas.office))}
    assert cards["征求意见待审查发布"] == 1 and cards["公众参与情况报告待批准"] == 0


def test_open_consultations_are_linked_from_the_public_home_page(
    clock, campaign, make_open, client
):
    c = make_open()
    links = [link.url for link in dashboard.public_links(campaign)]
    assert reverse("consultations:index") in links and c.get_absolute_url() in links
    assert c.get_absolute_url() in client.get("/").content.decode()
