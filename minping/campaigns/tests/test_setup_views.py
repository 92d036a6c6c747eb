from __future__ import annotations

import datetime as dt

from django.urls import reverse

from minping.accounts.models import AuditEntry
from minping.campaigns.models import Deadline, Department, DepartmentGroup, District, Session, Venue


def test_office_adds_a_session_and_it_is_audited(personas, login):
    client = login(personas.office)
    response = client.post(
        reverse("campaigns:session_create", args=[2025]),
        {"number": 4, "date": "2026-01-11", "half_day": "pm", "group": ""},
    )
    assert response.status_code == 302
    session = Session.objects.get(campaign__year=2025, number=4)
    assert session.date == dt.date(2026, 1, 11)
    assert AuditEntry.objects.filter(verb="campaigns.create_session", object_id=session.pk).exists()


def test_session_in_a_taken_slot_is_refused_with_input_kept(personas, login):
    client = login(personas.office)
    response = client.post(
        reverse("campaigns:session_create", args=[2025]),
        {"number": 9, "date": "2026-01-10", "half_day": "am", "group": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "这个日期的这个时段已经安排了场次" in html
    assert 'value="9"' in html
    assert not Session.objects.filter(number=9).exists()


def test_second_main_venue_is_refused(personas, login):
    client = login(personas.office)
    response = client.post(
        reverse("campaigns:venue_create", args=[2025]),
        {"kind": "main", "name": "第二主会场", "capacity": 100, "address": "", "order": 0},
    )
    assert "本年度已有主会场，每年只能有一个主会场" in response.content.decode()
    assert Venue.objects.filter(kind="main").count() == 1


def test_branch_venue_needs_a_district(personas, login):
    client = login(personas.office)
    response = client.post(
        reverse("campaigns:venue_create", args=[2025]),
        {"kind": "branch", "name": "无名分会场", "capacity": 100, "address": "", "order": 0},
    )
    assert "分会场必须选择所在旗区" in response.content.decode()


def test_office_edits_a_venue_capacity(personas, login):
    client = login(personas.office)
    venue = Venue.objects.get(kind="main")
    response = client.post(
        reverse("campaigns:venue_edit", args=[venue.pk]),
        {"kind": "main", "name": venue.name, "capacity": 150, "address": "新地址", "order": 0},
    )
    assert response.status_code == 302
    venue.refresh_from_db()
    assert (venue.capacity, venue.address) == (150, "新地址")
    entry = AuditEntry.objects.filter(verb="campaigns.update_venue").get()
    assert entry.before["capacity"] == 120 and entry.after["capacity"] == 150


def test_department_already_in_another_group_is_refused_in_chinese(personas, login):
    client = login(personas.office)
    group = DepartmentGroup.objects.get(campaign__year=2025, number=1)
    police = Department.objects.get(name="市公安局")
    data = {"number": 1, "name": group.name}
    for membership in group.groupmembership_set.all():
        data[f"dept_{membership.department_id}"] = membership.order
    data[f"dept_{police.pk}"] = 12
    response = client.post(reverse("campaigns:group_edit", args=[group.pk]), data)
    assert response.status_code == 200
    assert "市公安局已在第二组，一个部门每年只能在一个组" in response.content.decode()
    assert police.groups.get().number == 2


def test_office_reorders_and_shrinks_a_group(personas, login):
    client = login(personas.office)
    group = DepartmentGroup.objects.get(campaign__year=2025, number=1)
    first, second, *_rest = group.ordered_departments()
    data = {"number": 1, "name": "第一组", f"dept_{first.pk}": 2, f"dept_{second.pk}": 1}
    response = client.post(reverse("campaigns:group_edit", args=[group.pk]), data)
    assert response.status_code == 302
    assert list(group.ordered_departments()) == [second, first]


def test_duplicate_reporting_order_is_refused(personas, login):
    client = login(personas.office)
    group = DepartmentGroup.objects.get(campaign__year=2025, number=1)
    first, second, *_rest = group.ordered_departments()
    data = {"number": 1, "name": "第一组", f"dept_{first.pk}": 1, f"dept_{second.pk}": 1}
    response = client.post(reverse("campaigns:group_edit", args=[group.pk]), data)
    assert "述职顺序1与" in response.content.decode()


def test_office_deactivates_a_district_and_it_disappears_from_venue_choices(personas, login):
    client = login(personas.office)
    district = District.objects.get(name="杭锦旗")
    client.post(reverse("campaigns:district_toggle", args=[district.pk]))
    district.refresh_from_db()
    assert district.is_active is False
    page = client.get(reverse("campaigns:venue_create", args=[2025])).content.decode()
    assert "杭锦旗" not in page
    client.post(reverse("campaigns:district_toggle", args=[district.pk]))
    district.refresh_from_db()
    assert district.is_active is True


def test_office_adds_a_department_and_a_duplicate_name_is_refused(personas, login):
    client = login(personas.office)
    url = reverse("campaigns:department_create")
    assert client.post(url, {"name": "市测试局", "short_name": "", "order": 40}).status_code == 302
    response = client.post(url, {"name": "市测试局", "short_name": "", "order": 41})
    assert response.status_code == 200
    assert "已存在" in response.content.decode()
    assert Department.objects.filter(name="市测试局").count() == 1


def test_office_sets_a_deadline_and_moves_it(personas, login):
    client = login(personas.office)
    url = reverse("campaigns:deadline_create", args=[2025])
    client.post(url, {"stage": "materials_submitted", "due": "2025-12-10T17:00", "note": ""})
    deadline = Deadline.objects.get(stage="materials_submitted")
    client.post(
        reverse("campaigns:deadline_edit", args=[deadline.pk]),
        {"due": "2025-12-12T12:00", "note": "延后两天"},
    )
    deadline.refresh_from_db()
    assert deadline.note == "延后两天"
    assert deadline.due.day == 12
    response = client.post(
        url, {"stage": "materials_submitted", "due": "2025-12-20T17:00", "note": ""}
    )
    assert "这个阶段已经有截止时间" in response.content.decode()


def test_office_adds_a_category(personas, login):
    client = login(personas.office)
    url = reverse("campaigns:category_create", args=[2025])
    response = client.post(
        url, {"name": "快递小哥代表", "code": "courier", "kind": "service", "order": 30}
    )
    assert response.status_code == 302
    response = client.post(url, {"name": "重复", "code": "courier", "kind": "service", "order": 31})
    assert "本年度已有代码为courier的类别" in response.content.decode()


def test_office_creates_a_new_year_and_makes_it_current(personas, login):
    client = login(personas.office)
    response = client.post(
        reverse("campaigns:campaign_create"),
        {"year": 2026, "title": "2026年三民活动", "intro": "", "status": "preparing"},
    )
    assert response.status_code == 302
    client.post(reverse("campaigns:campaign_set_current", args=[2026]))
    home = client.get("/").content.decode()
    assert "2026年三民活动" in home


def test_overview_names_what_is_missing(personas, login):
    client = login(personas.office)
    group = DepartmentGroup.objects.get(campaign__year=2025, number=2)
    group.groupmembership_set.order_by("-order").first().delete()
    page = client.get(reverse("campaigns:setup", args=[2025])).content.decode()
    assert "第2组只有10个部门（应为11个）" in page
    assert "1个部门未分组" in page
    assert "活动日程缺少" in page


def test_overview_names_a_group_without_a_session(personas, login):
    Session.objects.get(campaign__year=2025, number=3).delete()
    page = login(personas.office).get(reverse("campaigns:setup", args=[2025])).content.decode()
    assert "第三组还没有安排场次" in page


def test_office_renames_a_district_and_the_list_shows_it_with_its_state(personas, login):
    client = login(personas.office)
    district = District.objects.get(name="杭锦旗")
    edit = client.get(reverse("campaigns:district_edit", args=[district.pk])).content.decode()
    assert "修改旗区" in edit
    response = client.post(
        reverse("campaigns:district_edit", args=[district.pk]),
        {"name": "杭锦旗（新）", "code": "150625", "order": district.order},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(
        verb="campaigns.update_district", object_id=district.pk
    ).exists()
    listing = client.get(reverse("campaigns:district_list")).content.decode()
    assert "杭锦旗（新）" in listing
    assert "新增旗区" in listing
    assert "停用" in listing
