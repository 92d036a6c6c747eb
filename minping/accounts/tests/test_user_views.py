from __future__ import annotations

from django.db import connection
from django.urls import reverse

from minping.accounts.models import AuditEntry, Role, User
from minping.campaigns.models import Department, District


def test_office_filters_the_user_list_by_role_and_department(personas, login):
    client = login(personas.office)
    dept = Department.objects.get(name="市公安局")
    page = client.get(reverse("accounts:user_list"), {"role": "department", "department": dept.pk})
    html = page.content.decode()
    assert "公安局联络员" in html
    assert "发改委联络员" not in html
    assert "监督员" not in html


def test_office_filters_by_district_and_inactive(personas, login):
    client = login(personas.office)
    district = District.objects.get(name="东胜区")
    html = client.get(reverse("accounts:user_list"), {"district": district.pk}).content.decode()
    assert "东胜区联络员" in html and "公安局联络员" not in html
    personas.citizen.is_active = False
    personas.citizen.save(update_fields=["is_active"])
    html = client.get(reverse("accounts:user_list"), {"active": "0"}).content.decode()
    assert "市民乙" in html and "路人丙" not in html


def test_user_list_shows_phones_masked(personas, login):
    html = login(personas.office).get(reverse("accounts:user_list")).content.decode()
    assert "139****0001" in html
    assert "13900000001" not in html


def test_department_staff_without_department_is_refused_with_input_kept(personas, login):
    client = login(personas.office)
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "newstaff",
            "full_name": "新同事",
            "role": "department",
            "phone": "13911112222",
        },
    )
    html = response.content.decode()
    assert "部门工作人员必须选择所属部门" in html
    assert 'value="newstaff"' in html and 'value="13911112222"' in html
    assert not User.objects.filter(username="newstaff").exists()


def test_district_officer_without_district_is_refused(personas, login):
    client = login(personas.office)
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "newdistrict", "full_name": "新同事", "role": "district"},
    )
    assert "旗区工作人员必须选择所属旗区" in response.content.decode()


def test_created_account_gets_a_one_time_password_shown_once(personas, login, client):
    office = login(personas.office)
    dept = Department.objects.get(name="市财政局")
    response = office.post(
        reverse("accounts:user_create"),
        {
            "username": "czj2",
            "full_name": "财政联络员",
            "role": "department",
            "department": dept.pk,
            "phone": "139 1111 3333",
        },
    )
    assert response.status_code == 200
    password = response.context["password"]
    assert password in response.content.decode()
    user = User.objects.get(username="czj2")
    assert user.department == dept and user.must_change_password
    assert str(user.phone) == "139****3333"
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM accounts_user WHERE username = %s", ["czj2"])
        assert "13911113333" not in cursor.fetchone()[0]
    assert AuditEntry.objects.filter(verb="accounts.create_user", object_id=user.pk).exists()
    assert password not in str(list(AuditEntry.objects.values_list("after", flat=True)))
    detail = office.get(reverse("accounts:user_detail", args=[user.pk])).content.decode()
    assert password not in detail


def test_duplicate_username_and_phone_are_refused(personas, login):
    client = login(personas.office)
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "OFFICE", "full_name": "重复", "role": "citizen", "phone": "13900000001"},
    )
    html = response.content.decode()
    assert "用户名“OFFICE”已被使用" in html
    assert "这个手机号码已被其他账号使用" in html


def test_office_deactivates_and_reactivates_an_account(personas, login):
    client = login(personas.office)
    url = reverse("accounts:user_set_active", args=[personas.dept_a.pk])
    client.post(url)
    personas.dept_a.refresh_from_db()
    assert not personas.dept_a.is_active
    client.post(url)
    personas.dept_a.refresh_from_db()
    assert personas.dept_a.is_active
    assert AuditEntry.objects.filter(verb="accounts.set_active").count() == 2


def test_office_cannot_deactivate_itself(personas, login):
    client = login(personas.office)
    client.post(reverse("accounts:user_set_active", args=[personas.office.pk]))
    personas.office.refresh_from_db()
    assert personas.office.is_active


def test_office_changes_a_role_and_the_old_binding_goes(personas, login):
    client = login(personas.office)
    response = client.post(
        reverse("accounts:user_edit", args=[personas.dept_a.pk]),
        {
            "full_name": "改任审核员",
            "role": "reviewer",
            "department": personas.dept_a.department_id,
        },
    )
    assert response.status_code == 302
    personas.dept_a.refresh_from_db()
    assert personas.dept_a.role == Role.REVIEWER
    assert personas.dept_a.department is None
    assert str(personas.dept_a.phone) == ""


def test_editing_without_a_phone_keeps_the_stored_phone(personas, login):
    client = login(personas.office)
    rep = personas.representative
    client.post(
        reverse("accounts:user_edit", args=[rep.pk]),
        {"full_name": "市民代表甲", "role": "representative", "phone": ""},
    )
    rep.refresh_from_db()
    assert str(rep.phone) == "139****0001"


def test_reset_password_forces_a_change_at_next_login(personas, login, client):
    office = login(personas.office)
    response = office.post(reverse("accounts:user_reset_password", args=[personas.dept_b.pk]))
    password = response.context["password"]
    office.logout()
    assert client.login(username="dept_b", password=password)
    # Every staff page sends the person to change the password first.
    assert client.get(reverse("accounts:dashboard"))["Location"] == reverse(
        "accounts:password_change"
    )
    new = "Another-secret-2026"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    personas.dept_b.refresh_from_db()
    assert not personas.dept_b.must_change_password


def test_role_pages_of_other_apps_wait_for_the_password_change(personas, client):
    personas.office.must_change_password = True
    personas.office.save(update_fields=["must_change_password"])
    client.force_login(personas.office)
    response = client.get(reverse("campaigns:setup", args=[2025]))
    assert response["Location"] == reverse("accounts:password_change")


def test_new_account_form_preselects_no_role(personas, login):
    response = login(personas.office).get(reverse("accounts:user_create"))
    assert response.context["form"]["role"].value() in (None, "")
    response = login(personas.office).post(
        reverse("accounts:user_create"), {"username": "norole", "full_name": "无角色"}
    )
    assert "这个字段是必填项" in response.content.decode()
    assert not User.objects.filter(username="norole").exists()


def test_office_exports_the_filtered_list_with_masked_phones(personas, login):
    import io

    from openpyxl import load_workbook

    client = login(personas.office)
    response = client.get(reverse("accounts:user_export"), {"role": "representative"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("用户名", "姓名", "角色")
    assert [r[0] for r in rows[1:]] == ["rep"]
    assert rows[1][5] == "139****0001"


def test_office_sees_a_full_phone_only_with_a_reason_and_it_is_logged(personas, login):
    from minping.accounts.models import PiiAccess

    client = login(personas.office)
    url = reverse("accounts:user_reveal_phone", args=[personas.representative.pk])
    detail = client.get(reverse("accounts:user_detail", args=[personas.representative.pk]))
    assert "13900000001" not in detail.content.decode()
    refused = client.post(url, {"purpose": ""})
    assert "13900000001" not in refused.content.decode()
    assert "这个字段是必填项" in refused.content.decode()
    assert not PiiAccess.objects.exists()
    shown = client.post(url, {"purpose": "电话通知参会"})
    assert "13900000001" in shown.content.decode()
    access = PiiAccess.objects.get()
    assert (access.actor, access.purpose) == (personas.office, "电话通知参会")
