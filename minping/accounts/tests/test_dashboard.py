from __future__ import annotations

from django.urls import reverse

from minping.accounts.actions import do_reset_password
from minping.accounts.pii import reveal


def test_supervisor_sees_recent_personal_data_views_and_the_audit_log(personas, login):
    reveal(personas.representative, "phone", personas.district, "通知参会")
    html = login(personas.supervisor).get(reverse("accounts:dashboard")).content.decode()
    assert "近7天的个人信息查看" in html
    assert reverse("accounts:pii_log") in html
    assert "审计日志" in html


def test_office_sees_accounts_still_on_a_one_time_password(personas, login):
    do_reset_password(personas.office, personas.dept_a)
    response = login(personas.office).get(reverse("accounts:dashboard"))
    card = next(c for c in response.context["cards"] if c.title == "尚未修改初始密码的账号")
    assert card.count == 1


def test_menu_shows_administration_links_by_role(personas, login):
    office_html = login(personas.office).get("/").content.decode()
    assert reverse("accounts:user_list") in office_html
    assert reverse("campaigns:setup_home") in office_html
    citizen_html = login(personas.citizen).get("/").content.decode()
    assert reverse("accounts:user_list") not in citizen_html
    assert reverse("accounts:audit_log") not in citizen_html


def test_cards_with_nothing_waiting_are_one_quiet_line_not_cards(personas, login):
    response = login(personas.office).get(reverse("accounts:dashboard"))
    idle = response.context["idle"]
    assert idle and all(c.count == 0 and not c.body for c in idle)
    assert not [c for c in response.context["cards"] if c.count == 0 and not c.body]
    html = response.content.decode()
    assert "暂无待办：" in html and f'href="{idle[0].url}"' in html
