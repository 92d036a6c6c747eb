from __future__ import annotations

import datetime as dt

import time_machine
from django.test import RequestFactory
from django.urls import reverse

from minping.campaigns import dashboard
from minping.campaigns.actions import do_set_deadline
from minping.campaigns.models import Campaign

TZ = dt.timezone(dt.timedelta(hours=8))


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@time_machine.travel(dt.datetime(2025, 12, 15, 9, 0, tzinfo=TZ), tick=False)
def test_office_sees_overdue_and_upcoming_deadlines_and_setup_gaps(personas):
    campaign = Campaign.objects.get(year=2025)
    do_set_deadline(
        None, campaign, stage="materials_submitted", due=dt.datetime(2025, 12, 10, 17, tzinfo=TZ)
    )
    do_set_deadline(
        None, campaign, stage="materials_reviewed", due=dt.datetime(2025, 12, 17, 17, tzinfo=TZ)
    )
    do_set_deadline(None, campaign, stage="draw", due=dt.datetime(2026, 1, 5, 9, tzinfo=TZ))
    cards = {c.title: c for c in dashboard.cards(_request(personas.office))}
    overdue = cards["已过截止时间的阶段"]
    assert overdue.count == 1 and "部门材料提交" in overdue.body
    upcoming = cards["14天内的截止时间"]
    assert upcoming.count == 1 and "政务科室审核 12-17 17:00" in upcoming.body
    gaps = cards["活动设置待完善"]
    assert gaps.count == 1 and gaps.body.startswith("活动日程缺少7个时间节点")


def test_other_roles_get_no_setup_cards_or_nav(personas):
    for persona in ("reviewer", "dept_a", "supervisor", "citizen"):
        request = _request(getattr(personas, persona))
        assert dashboard.cards(request) == []
        assert dashboard.nav(request) == []


def test_office_dashboard_page_links_to_the_setup(personas, login):
    html = login(personas.office).get(reverse("accounts:dashboard")).content.decode()
    assert "活动设置待完善" in html
    assert reverse("campaigns:setup", args=[2025]) in html
