from __future__ import annotations

from django.urls import reverse


def test_choosing_english_renders_the_public_page_in_english(client, campaign):
    assert "述职报告会场次" in client.get("/").content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Reporting sessions" in html and "述职报告会场次" not in html
    assert "Session 1 (2026-01-10 morning)" in html


def test_staff_pages_follow_the_chosen_language(personas, client):
    client.force_login(personas.office)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("campaigns:setup", args=[2025])).content.decode()
    assert "Campaign setup" in html and "Still missing" in html
    html = client.get(reverse("accounts:user_list")).content.decode()
    assert "Import from Excel" in html and "Department staff" in html


def test_a_browser_set_to_english_still_opens_in_chinese_until_english_is_chosen(client, campaign):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html and "述职报告会场次" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "Reporting sessions" in html


def test_switching_back_to_chinese(client, campaign):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "述职报告会场次" in client.get("/").content.decode()


def test_english_setup_menu_uses_plural_names(personas, client):
    client.force_login(personas.office)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("campaigns:session_list", args=[2025])).content.decode()
    assert "<h1>Sessions" in html and "Reporting groups" in html


def test_library_messages_follow_the_language():
    from django.utils import translation

    from minping.lib import idnumber

    with translation.override("en"):
        try:
            idnumber.parse("123")
        except idnumber.InvalidIdNumber as exc:
            assert str(exc) == "The ID number must have 18 characters (it has 3)"
    with translation.override("zh-hans"):
        try:
            idnumber.parse("123")
        except idnumber.InvalidIdNumber as exc:
            assert str(exc) == "身份证号应为18位（当前3位）"
