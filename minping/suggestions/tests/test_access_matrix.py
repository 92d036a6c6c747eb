"""Role × view: each role reaches only its own pages, and units never see a proposer's phone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minping.suggestions import actions

pytestmark = pytest.mark.django_db
EVERYONE = {
    "office", "reviewer", "dept_a", "dept_b", "statistics", "district", "tallier",
    "supervisor", "representative", "citizen", "outsider",
}  # fmt: skip
PHONE = "19900007777"


@pytest.fixture
def item(clock, personas, make_suggestion, dispatch):
    """A representative's suggestion dispatched to dept_a, with an objection and an extension."""
    suggestion = make_suggestion(phone=PHONE, name="隐私建议人", representative=True)
    assignment = dispatch(suggestion)
    objection = actions.do_object(personas.dept_a, assignment, reason="不属于本单位")
    actions.do_decide_objection(personas.office, objection, accept=False)
    extension = actions.do_request_extension(
        personas.dept_a, assignment, days=2, progress="正在协调相关单位现场勘察"
    )
    return {"s": suggestion, "a": assignment, "o": objection, "e": extension}


@pytest.mark.parametrize(
    "name",
    [
        "suggestions:index",
        "suggestions:submit",
        "suggestions:board",
        "suggestions:stats",
        "suggestions:track_lookup",
    ],  # fmt: skip
)
def test_public_pages_are_open_to_everyone(access_matrix, campaign, name):
    access_matrix(reverse(name), allowed=EVERYONE, anonymous_allowed=True)


def test_the_tracking_page_is_reached_by_its_number(access_matrix, item):
    access_matrix(item["s"].get_absolute_url(), allowed=EVERYONE, anonymous_allowed=True)


@pytest.mark.parametrize("name", ["suggestions:office"])
def test_the_office_inbox_is_for_the_office_only(access_matrix, item, name):
    access_matrix(reverse(name), allowed={"office"})


def test_office_pages_on_one_item_are_for_the_office_only(access_matrix, item):
    for url in [
        reverse("suggestions:office_suggestion", args=[item["s"].pk]),
        reverse("suggestions:decide_objection", args=[item["o"].pk]),
        reverse("suggestions:decide_extension", args=[item["e"].pk]),
    ]:
        access_matrix(url, allowed={"office"})


def test_revealing_a_phone_is_for_the_office_only_and_is_logged(access_matrix, item):
    from minping.accounts.models import PiiAccess

    url = reverse("suggestions:reveal_phone", args=[item["s"].pk])
    access_matrix(url, allowed={"office"}, method="post", data={"purpose": "核实联系方式"})
    assert PiiAccess.objects.filter(field="phone", actor__username="office").count() == 1


def test_an_assignment_is_seen_by_its_unit_and_the_office_only(access_matrix, item):
    statuses = access_matrix(
        reverse("suggestions:assignment", args=[item["a"].pk]), allowed={"office", "dept_a"}
    )
    assert statuses["dept_b"] == 404


def test_unit_steps_are_refused_to_another_unit(access_matrix, item):
    for name in ["suggestions:accept", "suggestions:reply", "suggestions:extend"]:
        access_matrix(
            reverse(name, args=[item["a"].pk]), allowed={"dept_a"}, method="post", data={}
        )


def test_unit_lists_and_handlers_are_for_units_and_the_office(access_matrix, item):
    for name in ["suggestions:unit", "suggestions:handlers", "suggestions:reports"]:
        access_matrix(reverse(name), allowed={"office", "dept_a", "dept_b"})


def test_a_units_reports_are_for_that_unit_and_the_office(access_matrix, item, personas):
    dept = personas.dept_a.department_id
    for name in [
        "suggestions:review_form",
        "suggestions:handling_report",
        "suggestions:excellent",
        "suggestions:weekly",
        "suggestions:meetings",
    ]:
        access_matrix(reverse(name, args=[dept]), allowed={"office", "dept_a"})


def test_paper_entry_is_for_the_office_and_district_staff(access_matrix, campaign):
    access_matrix(reverse("suggestions:enter"), allowed={"office", "district"})


def test_exports_are_for_the_office_statistics_and_supervisors(access_matrix, item):
    for fmt in ["csv", "xlsx"]:
        access_matrix(
            reverse("suggestions:export", args=[fmt]),
            allowed={"office", "statistics", "supervisor"},
        )


def test_a_unit_never_sees_another_units_items_in_its_list(client, item, personas):
    client.force_login(personas.dept_b)
    page = client.get(reverse("suggestions:unit") + "?state=all").content.decode()
    assert item["s"].title not in page
    client.force_login(personas.dept_a)
    page = client.get(reverse("suggestions:unit") + "?state=all").content.decode()
    assert item["s"].title in page


def test_no_unit_page_shows_the_proposers_phone_or_full_name(client, item, personas):
    client.force_login(personas.dept_a)
    dept = personas.dept_a.department_id
    urls = [
        reverse("suggestions:unit"),
        reverse("suggestions:assignment", args=[item["a"].pk]),
        reverse("suggestions:review_form", args=[dept]),
        reverse("suggestions:handling_report", args=[dept]),
        reverse("suggestions:excellent", args=[dept]),
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert PHONE not in page and PHONE[-4:] not in page, url
        assert "隐私建议人" not in page, url


def test_public_pages_never_show_the_phone_or_name(client, item, personas):
    a = item["a"]
    actions.do_decide_extension(personas.office, item["e"], approve=True)
    actions.do_record_contact(
        personas.dept_a,
        a,
        contacted_at=a.dispatched_at,
        method="phone",
        reached=True,
        note="已告知",
    )
    actions.do_reply(
        personas.dept_a, a, actions.ReplyData(text="已答复的内容，感谢您的建议。", theme="停车")
    )
    actions.do_approve_reply(personas.office, a, publish=True, public_text=item["s"].text)
    for url in [
        item["s"].get_absolute_url(),
        reverse("suggestions:board"),
        reverse("suggestions:stats"),
    ]:
        page = client.get(url).content.decode()
        assert PHONE not in page and PHONE[-4:] not in page and "隐私建议人" not in page, url


def test_the_tracking_page_shows_milestones_not_objections(client, item, personas):
    page = client.get(item["s"].get_absolute_url()).content.decode()
    assert "已交办：市发展和改革委员会" in page
    assert "异议" not in page and "不属于本单位" not in page
