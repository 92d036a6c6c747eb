"""Role × view: every hotline page against every persona."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from minping.accounts.models import PiiAccess
from minping.hotline import actions

from .conftest import WORKING_DAYS, at, call_data, member

pytestmark = pytest.mark.django_db
EVERYONE = {
    "office", "reviewer", "dept_a", "dept_b", "statistics", "district", "tallier",
    "supervisor", "representative", "citizen", "outsider",
}  # fmt: skip


@pytest.fixture
def setup(published, clock, personas, people):
    """A call on the first duty (head of dept_a on duty), the clock during that duty."""
    clock.move_to(at(WORKING_DAYS[0], 9, 30))
    seat = member(published, WORKING_DAYS[0])
    assert seat.person == people["ha"]
    call, _ = actions.do_record_call(
        personas.office, seat.duty, call_data(), idempotency_key="matrix"
    )
    period = actions.do_add_unavailability(
        personas.office, people["l1"], start=dt.date(2025, 12, 1), end=dt.date(2025, 12, 2),
        reason="会议",
    )  # fmt: skip
    return {"rota": published, "duty": seat.duty, "seat": seat, "call": call,
            "person": people["l1"], "period": period}  # fmt: skip


def test_the_public_rota_and_month_table_are_open_to_everyone(access_matrix, setup):
    access_matrix(reverse("hotline:index"), allowed=EVERYONE, anonymous_allowed=True)
    access_matrix(reverse("hotline:month", args=[2025, 9]), allowed=EVERYONE,
                  anonymous_allowed=True)  # fmt: skip


@pytest.mark.parametrize(
    "name",
    ["hotline:office", "hotline:people", "hotline:person_new", "hotline:people_import",
     "hotline:people_import_template", "hotline:rota_new"],
)  # fmt: skip
def test_office_pages_are_for_the_office_only(access_matrix, setup, name):
    access_matrix(reverse(name), allowed={"office"})


def test_pages_on_one_rota_or_person_are_for_the_office_only(access_matrix, setup):
    for url in [
        reverse("hotline:rota", args=[setup["rota"].pk]),
        reverse("hotline:person", args=[setup["person"].pk]),
        reverse("hotline:member_replace", args=[setup["seat"].pk]),
        reverse("hotline:duty_summary", args=[setup["duty"].pk]),
    ]:
        access_matrix(url, allowed={"office"})


@pytest.mark.parametrize(
    "name",
    ["hotline:rota_publish", "hotline:rota_regenerate", "hotline:rota_swap"],
)
def test_rota_writes_are_for_the_office_only(access_matrix, setup, name):
    access_matrix(reverse(name, args=[setup["rota"].pk]), allowed={"office"}, method="post")


def test_person_writes_are_for_the_office_only(access_matrix, setup):
    pk = setup["person"].pk
    for url in [
        reverse("hotline:person_unavailable", args=[pk]),
        reverse("hotline:person_reveal", args=[pk]),
        reverse("hotline:call_reveal", args=[setup["call"].pk]),
        reverse("hotline:call_follow_up", args=[setup["call"].pk]),
    ]:
        access_matrix(url, allowed={"office"}, method="post", data={"purpose": "核实"})
    access_matrix(
        reverse("hotline:unavailable_delete", args=[setup["period"].pk]),
        allowed={"office"}, method="post",
    )  # fmt: skip


def test_a_duty_and_its_calls_are_for_the_office_and_the_department_on_duty(access_matrix, setup):
    for url in [
        reverse("hotline:duty", args=[setup["duty"].pk]),
        reverse("hotline:call_new", args=[setup["duty"].pk]),
        reverse("hotline:call", args=[setup["call"].pk]),
    ]:
        access_matrix(url, allowed={"office", "dept_a"})


def test_the_department_page_is_for_department_staff(access_matrix, setup):
    access_matrix(reverse("hotline:mine"), allowed={"dept_a", "dept_b"})


def test_oversight_and_export_are_for_the_office_and_supervisors(access_matrix, setup):
    access_matrix(reverse("hotline:oversight"), allowed={"office", "supervisor"})
    access_matrix(reverse("hotline:export"), allowed={"office", "supervisor"})


def test_the_import_problem_report_needs_a_refused_import_first(access_matrix, setup):
    access_matrix(reverse("hotline:people_import_problems"), allowed=set())


def test_revealing_a_callers_phone_is_logged_with_its_purpose(login, setup, personas):
    client = login(personas.office)
    response = client.post(
        reverse("hotline:call_reveal", args=[setup["call"].pk]), {"purpose": "回访来电人"}
    )
    assert "19900003333" in response.content.decode()
    access = PiiAccess.objects.get(object_type="hotline.Call", field="caller_phone")
    assert access.purpose == "回访来电人" and access.actor == personas.office


def test_no_page_shows_a_callers_phone_or_name_unmasked(client, login, setup, personas):
    pages = [reverse("hotline:index"), reverse("hotline:month", args=[2025, 9])]
    for url in pages:
        body = client.get(url).content.decode()
        assert "19900003333" not in body and "来电人甲" not in body
    staff = login(personas.dept_a)
    body = staff.get(reverse("hotline:call", args=[setup["call"].pk])).content.decode()
    assert "199****3333" in body and "19900003333" not in body and "来电人甲" not in body


def test_revealing_a_duty_persons_phone_is_logged(login, setup, personas):
    response = login(personas.office).post(
        reverse("hotline:person_reveal", args=[setup["person"].pk]), {"purpose": "核对值班提醒号码"}
    )
    assert "19900000101" in response.content.decode()
    access = PiiAccess.objects.get(object_type="hotline.DutyPerson", field="phone")
    assert access.purpose == "核对值班提醒号码"
