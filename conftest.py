"""Shared fixtures: a standard campaign and the personas, built through the real actions.

Personas: office admin, reviewer, department A and B staff, statistics bureau, district
officer, tallier, supervisor, a representative, a citizen and an outsider (a citizen with
no relation to anything). Browser tests get ``page``: Debian's Chromium at phone width.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

PASSWORD = "Minping-test-2025"
PHONE_VIEWPORT = {"width": 390, "height": 844}
CHROMIUM = os.environ.get("MINPING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # PBKDF2's deliberate slowness made each persona set cost seconds; tests need no strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    # A test-client request leaves its language active in the thread after the response
    # (LocaleMiddleware activates, nothing deactivates): without this, a test that asked for
    # English pages made later tests' messages English.
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Rate-limit counters (minping.lib.ratelimit) live in the cache: no test inherits another's.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def campaign(db: Any) -> Any:
    from minping.campaigns.actions import do_build_standard_campaign

    return do_build_standard_campaign(None, year=2025, first_day=dt.date(2026, 1, 10))


@dataclass
class Personas:
    office: Any
    reviewer: Any
    dept_a: Any
    dept_b: Any
    statistics: Any
    district: Any
    tallier: Any
    supervisor: Any
    representative: Any
    citizen: Any
    outsider: Any

    def all(self) -> dict[str, Any]:
        return dict(self.__dict__)


@pytest.fixture
def personas(campaign: Any) -> Personas:
    from minping.accounts.actions import do_create_user
    from minping.accounts.models import Role
    from minping.campaigns.models import Department, District

    dept_a = Department.objects.get(name="市发展和改革委员会")
    dept_b = Department.objects.get(name="市公安局")
    district = District.objects.get(name="东胜区")

    def make(username: str, role: str, **extra: Any) -> Any:
        return do_create_user(None, username=username, password=PASSWORD, role=role, **extra)

    return Personas(
        office=make("office", Role.OFFICE, full_name="办公室管理员"),
        reviewer=make("reviewer", Role.REVIEWER, full_name="审核员"),
        dept_a=make("dept_a", Role.DEPARTMENT, full_name="发改委联络员", department=dept_a),
        dept_b=make("dept_b", Role.DEPARTMENT, full_name="公安局联络员", department=dept_b),
        statistics=make("statistics", Role.STATISTICS, full_name="统计局人员"),
        district=make("district", Role.DISTRICT, full_name="东胜区联络员", district=district),
        tallier=make("tallier", Role.TALLIER, full_name="第三方统计员"),
        supervisor=make("supervisor", Role.SUPERVISOR, full_name="监督员"),
        representative=make(
            "rep", Role.REPRESENTATIVE, full_name="市民代表甲", phone="13900000001"
        ),
        citizen=make("citizen", Role.CITIZEN, full_name="市民乙"),
        outsider=make("outsider", Role.CITIZEN, full_name="路人丙"),
    )


@pytest.fixture
def login(client: Any) -> Any:
    """``login(user)`` signs the test client in as that persona and returns the client."""

    def _login(user: Any) -> Any:
        client.force_login(user)
        return client

    return _login


# --- browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A phone-sized page whose relative URLs go to the live test server."""
    context = browser.new_context(
        viewport=PHONE_VIEWPORT,
        base_url=live_server.url,
        locale="zh-CN",
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browser_login(page: Any) -> Any:
    """Logs the phone page in through the real login form."""

    def _login(username: str, password: str = PASSWORD) -> Any:
        page.goto("/accounts/login/")
        page.get_by_label("用户名或手机号").fill(username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/accounts/")
        return page

    return _login


@pytest.fixture
def access_matrix(client: Any, personas: Personas) -> Any:
    """Checks one URL against every persona: ``access_matrix(url, allowed={"office", ...})``.

    Allowed personas must get a 2xx (or a redirect that is not to the login page); the
    others get 403 or 404, or (anonymous) a redirect to the login page. Returns the
    status per persona so a test can assert more. ``method="post", data={...}`` checks a
    write (allowed personas are then only required not to get 403/404).
    """
    from django.urls import reverse

    login_url = reverse("accounts:login")

    def check(
        url: str,
        allowed: set[str],
        *,
        method: str = "get",
        data: dict[str, Any] | None = None,
        anonymous_allowed: bool = False,
    ) -> dict[str, int]:
        statuses: dict[str, int] = {}
        for name, user in [("anonymous", None), *personas.all().items()]:
            client.logout()
            if user is not None:
                client.force_login(user)
            response = getattr(client, method)(url, data or {})
            statuses[name] = response.status_code
            ok = (name in allowed) or (name == "anonymous" and anonymous_allowed)
            redirect_to_login = response.status_code == 302 and response["Location"].startswith(
                login_url
            )
            if ok:
                assert response.status_code not in (403, 404) and not redirect_to_login, (
                    f"{name} should reach {method.upper()} {url}, got {response.status_code}"
                )
            else:
                assert response.status_code in (403, 404) or redirect_to_login, (
                    f"{name} must not reach {method.upper()} {url}, got {response.status_code}"
                )
        client.logout()
        return statuses

    return check
