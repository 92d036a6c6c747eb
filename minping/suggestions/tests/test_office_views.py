from __future__ import annotations

import pytest
from django.urls import reverse

from minping.suggestions.models import Assignment, Suggestion

pytestmark = pytest.mark.django_db
HEATING = "今年十月气温骤降，小区暖气还没开始供热，家里老人孩子受冻，建议提前启动集中供暖。"
HEATING_2 = "小区暖气迟迟不开始供热，老人孩子在家受冻，建议今年提前启动集中供暖时间。"


def test_the_office_sees_triage_proposals_and_near_duplicates(
    client, clock, personas, make_suggestion
):
    first = make_suggestion(HEATING, title="关于提前供暖的建议")
    second = make_suggestion(HEATING_2, title="希望早点供暖", phone="19900002468")
    client.force_login(personas.office)
    page = client.get(reverse("suggestions:office_suggestion", args=[first.pk])).content.decode()
    assert "智能分办建议" in page
    assert second.number in page  # proposed for 并案
    assert 'class="tag"' in page.split("可能的承办单位")[1].split("</p>")[0]


def test_dispatch_through_the_form_merges_and_adds_co_units(
    client, clock, personas, make_suggestion
):
    first = make_suggestion(HEATING, title="关于提前供暖的建议")
    second = make_suggestion(HEATING_2, title="希望早点供暖", phone="19900002468")
    client.force_login(personas.office)
    url = reverse("suggestions:office_suggestion", args=[first.pk])
    lead = personas.dept_a.department_id
    bad = client.post(
        url, {"kind": "transfer", "area": first.area_id, "lead": lead, "co_units": [lead]}
    )
    assert "主办单位不能同时是协办单位" in bad.content.decode()
    client.post(
        url,
        {
            "kind": "transfer",
            "area": first.area_id,
            "lead": lead,
            "co_units": [personas.dept_b.department_id],
            "merge": [second.pk],
        },
    )
    assert Assignment.objects.filter(suggestion=first).count() == 2
    assert Assignment.objects.filter(suggestion=second, role="lead").count() == 1
    second.refresh_from_db()
    assert second.group_leader == first


def test_screening_out_tells_the_proposer_why_on_the_tracking_page(
    client, clock, personas, make_suggestion
):
    s = make_suggestion()
    client.force_login(personas.office)
    client.post(
        reverse("suggestions:screen_out", args=[s.pk]),
        {"reason": "petition", "note": "请通过信访渠道反映。"},
    )
    s.refresh_from_db()
    assert s.state == Suggestion.State.NOT_DISPATCHED
    client.logout()
    page = client.get(s.get_absolute_url()).content.decode()
    assert "不予交办" in page and "请通过信访渠道反映。" in page


def test_the_office_reassigns_an_item_without_an_objection(
    client, clock, personas, make_suggestion, dispatch
):
    a = dispatch(make_suggestion())
    url = reverse("suggestions:reassign", args=[a.pk])
    data = {"new_department": personas.dept_b.department_id, "note": "应由公安交管部门办理"}
    client.force_login(personas.dept_a)
    assert client.post(url, data).status_code == 403
    client.force_login(personas.office)
    client.post(url, data)
    a.refresh_from_db()
    assert a.state == "reassigned"
    new = Assignment.objects.get(previous=a)
    assert new.department == personas.dept_b.department and new.state == "dispatched"
    response = client.post(url, data, follow=True)
    assert "不能进行此操作" in response.content.decode()
    assert Assignment.objects.filter(suggestion=a.suggestion).count() == 2
