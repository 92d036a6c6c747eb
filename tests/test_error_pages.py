from __future__ import annotations

from django.test import RequestFactory
from django.urls import reverse

from minping import urls, views


def test_missing_page_is_a_chinese_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "返回首页" in html


def test_forbidden_page_is_a_chinese_403(personas, login):
    response = login(personas.citizen).get(reverse("campaigns:setup", args=[2025]))
    assert response.status_code == 403
    assert "没有权限访问此页面" in response.content.decode()


def test_server_error_page_needs_no_database_and_says_nothing_was_saved():
    assert urls.handler500 == "minping.views.server_error"
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "服务器出错了" in html and "未被保存" in html


def test_an_expired_form_gets_a_chinese_explanation(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期，提交没有成功" in html and "返回上一页" in html
