from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from minping.campaigns.models import District
from minping.lib import idnumber
from minping.selection.models import Volunteer

from .conftest import new_id, new_phone

pytestmark = pytest.mark.django_db


def form_data(**over: Any) -> dict[str, Any]:
    id_number = over.pop("id_number", None) or new_id(age=35)
    data = {
        "phone": new_phone(),
        "name": "王志愿",
        "sex": "M" if int(id_number[16]) % 2 else "F",
        "id_number": id_number,
        "ethnicity": "汉族",
        "political_status": "masses",
        "education": "bachelor",
        "province": "内蒙古自治区",
        "city": "鄂尔多斯市",
        "district": District.objects.get(name="东胜区").pk,
        "street": "林荫街道",
        "address": "某路某小区3号楼2单元501",
        "employer": "某公司 职员",
        "is_migrant": "no",
        "arrived_on": "",
        "venue_choice": "branch",
        "session_choice": "2",
        "flexibility": "session",
        "truthful": "on",
    }
    data.update(over)
    return data


def test_a_citizen_signs_up_without_login_and_gets_a_reference(client, campaign) -> None:
    data = form_data()
    response = client.post(reverse("selection:signup"), data)
    assert response.status_code == 302 and response["Location"] == reverse("selection:signup_done")
    volunteer = Volunteer.objects.get()
    assert volunteer.reference.startswith("ZY") and volunteer.status == "submitted"
    assert volunteer.session_choice == 2 and volunteer.flexibility == "session"
    page = client.get(reverse("selection:signup_done")).content.decode()
    assert volunteer.reference in page
    assert data["phone"] not in page and data["phone"][-4:] in page  # masked phone


def test_the_form_asks_for_the_phone_first(client, campaign) -> None:
    page = client.get(reverse("selection:signup")).content.decode()
    assert page.index('name="phone"') < page.index('name="name"') < page.index('name="id_number"')


def test_the_same_id_number_cannot_sign_up_twice(client, campaign) -> None:
    id_number = new_id(age=40)
    client.post(reverse("selection:signup"), form_data(id_number=id_number))
    response = client.post(reverse("selection:signup"), form_data(id_number=id_number))
    assert response.status_code == 200
    assert "这个身份证号已经报过名了" in response.content.decode()
    assert Volunteer.objects.count() == 1


def test_under_18s_are_refused_and_the_input_is_kept(client, campaign) -> None:
    today = dt.date.today()
    young = idnumber.make("150602", today.replace(year=today.year - 17), 11)
    response = client.post(reverse("selection:signup"), form_data(id_number=young, name="小李"))
    page = response.content.decode()
    assert "报名须年满18周岁" in page and 'value="小李"' in page
    assert not Volunteer.objects.exists()


def test_non_locals_need_a_year_in_the_city(client, campaign) -> None:
    recent = (dt.date.today() - dt.timedelta(days=200)).strftime("%Y-%m")
    response = client.post(
        reverse("selection:signup"), form_data(is_migrant="yes", arrived_on=recent)
    )
    assert "须在本市工作、学习、生活满一年" in response.content.decode()
    response = client.post(reverse("selection:signup"), form_data(is_migrant="yes"))
    assert "外来人员请填写来鄂起始年月" in response.content.decode()
    long_ago = (dt.date.today() - dt.timedelta(days=800)).strftime("%Y-%m")
    response = client.post(
        reverse("selection:signup"), form_data(is_migrant="yes", arrived_on=long_ago)
    )
    assert response.status_code == 302
    assert Volunteer.objects.get().is_migrant


def test_a_sex_that_contradicts_the_id_number_is_pointed_out(client, campaign) -> None:
    data = form_data()
    data["sex"] = "F" if data["sex"] == "M" else "M"
    response = client.post(reverse("selection:signup"), data)
    assert "性别与身份证号码不符" in response.content.decode()


def test_status_lookup_needs_the_reference_and_the_last_four_digits(client, campaign) -> None:
    data = form_data()
    client.post(reverse("selection:signup"), data)
    volunteer = Volunteer.objects.get()
    url = reverse("selection:signup_status")
    wrong = client.post(url, {"reference": volunteer.reference, "phone_tail": "0000"})
    assert "没有找到这条报名记录" in wrong.content.decode()
    right = client.post(
        url, {"reference": volunteer.reference.lower(), "phone_tail": data["phone"][-4:]}
    )
    assert "已报名，待审核" in right.content.decode()


def test_the_statistics_bureau_confirms_a_sign_up(client, campaign, personas, login) -> None:
    client.post(reverse("selection:signup"), form_data())
    volunteer = Volunteer.objects.get()
    staff = login(personas.statistics)
    listing = staff.get(reverse("selection:volunteers")).content.decode()
    assert volunteer.reference in listing
    staff.post(reverse("selection:volunteer_review", args=[volunteer.pk]), {"status": "confirmed"})
    volunteer.refresh_from_db()
    assert volunteer.status == "confirmed"


def test_sign_ups_close_at_the_volunteers_deadline(client, campaign) -> None:
    from django.utils import timezone

    from minping.campaigns.models import Deadline

    Deadline.objects.create(
        campaign=campaign, stage="volunteers_closed", due=timezone.now() - dt.timedelta(hours=1)
    )
    page = client.get(reverse("selection:signup")).content.decode()
    assert "自愿报名已截止" in page and 'name="id_number"' not in page
    client.post(reverse("selection:signup"), form_data())
    assert not Volunteer.objects.exists()


def test_a_district_office_reviews_only_its_residents(client, campaign, personas, login) -> None:
    client.post(reverse("selection:signup"), form_data())  # 东胜区
    other = form_data(district=District.objects.get(name="达拉特旗").pk, name="李外旗")
    client.post(reverse("selection:signup"), other)
    mine = Volunteer.objects.get(district__name="东胜区")
    office = login(personas.district)
    listing = office.get(reverse("selection:volunteers")).content.decode()
    assert mine.reference in listing and "李外旗" not in listing
    office.post(reverse("selection:volunteer_review", args=[mine.pk]), {"status": "confirmed"})
    mine.refresh_from_db()
    assert mine.status == "confirmed"


def test_status_lookups_are_refused_for_a_while_after_ten_failures(client, campaign) -> None:
    data = form_data()
    client.post(reverse("selection:signup"), data)
    volunteer = Volunteer.objects.get()
    url = reverse("selection:signup_status")
    for _ in range(10):
        wrong = client.post(url, {"reference": volunteer.reference, "phone_tail": "0000"})
        assert "没有找到这条报名记录" in wrong.content.decode()
    right = {"reference": volunteer.reference, "phone_tail": data["phone"][-4:]}
    blocked = client.post(url, right)
    assert blocked.status_code == 429
    assert "尝试次数过多，请稍后再试" in blocked.content.decode()
    other = client.post(url, right, REMOTE_ADDR="192.0.2.8")
    assert "已报名，待审核" in other.content.decode()


def test_the_status_page_in_english_ends_labels_with_an_ascii_colon(client, campaign) -> None:
    data = form_data()
    client.post(reverse("selection:signup"), data)
    volunteer = Volunteer.objects.get()
    client.cookies["django_language"] = "en"  # the header's language switch sets it
    page = client.post(
        reverse("selection:signup_status"),
        {"reference": volunteer.reference, "phone_tail": data["phone"][-4:]},
    ).content.decode()
    assert "Reference code: " in page and "Status: " in page
    assert "：" not in page
