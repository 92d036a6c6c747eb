"""Every page a person can reach by clicking opens: a crawl of the product as each role.

A demo-like campaign is built from each app's own ``demo.load`` with smaller numbers; then,
for anonymous visitors and every persona, the internal links reachable from the home page
and the dashboard are followed (GET only). No page may answer with a server error, and
every HTML page must have a ``<title>`` and an ``<h1>``.
"""

from __future__ import annotations

import importlib
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Protocol
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

MAX_PAGES = 150  # per persona
PER_ROUTE = 3  # distinct URLs of one route (e.g. two suggestions' pages) per persona
DEMO_APPS = [
    "campaigns",
    "departments",
    "selection",
    "ballots",
    "surveys",
    "suggestions",
    "consultations",
    "meetings",
    "hotline",
]
# Paths whose GET changes something or leaves the HTML product: sign out, switch language,
# file downloads (some log a view of personal data).
SKIP_PREFIXES = ("/accounts/logout/", "/i18n/", "/static/", "/media/")
DOWNLOAD_SUFFIXES = (".xlsx", ".xls", ".csv", ".zip", ".pdf", ".docx", ".pptx", ".png", ".jpg")
DOWNLOAD_FORMATS = {"pdf", "xlsx", "csv", "docx", "zip"}


class _Page(HTMLParser):
    """The links, the title text and whether there is an ``<h1>``."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.title = ""
        self.has_h1 = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") and "download" not in values:
            self.links.append(values["href"] or "")
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self.has_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@dataclass
class Crawl:
    visited: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _internal(base: str, href: str) -> str | None:
    """The same-origin path (with query) that ``href`` points to, or None to skip it."""
    if href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    url, _fragment = urldefrag(urljoin(base, href))
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
        return None
    path = parts.path
    if path.startswith(SKIP_PREFIXES) or path.lower().endswith(DOWNLOAD_SUFFIXES):
        return None
    query = parse_qs(parts.query)
    if "page" in query or set(query.get("format", [])) & DOWNLOAD_FORMATS:
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _route(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return path
    return match.view_name or match.route


class Inspector(Protocol):
    def __call__(self, url: str, html: str) -> list[str]: ...


def crawl(client: Any, starts: list[str], inspect: Inspector | None = None) -> Crawl:
    """Follows internal links breadth-first from ``starts``; records what is wrong.

    ``inspect(url, html)``, when given, is called for every HTML page and returns more
    problems to record (e.g. Chinese text left on an English page).
    """
    result = Crawl()
    queue: deque[tuple[str, str]] = deque((url, "(start)") for url in starts)
    seen: set[str] = set(starts)
    per_route: dict[str, int] = {}
    while queue and len(result.visited) < MAX_PAGES:
        url, referrer = queue.popleft()
        route = _route(url)
        if per_route.get(route, 0) >= PER_ROUTE:
            continue
        per_route[route] = per_route.get(route, 0) + 1
        response = client.get(url)
        result.visited.append(url)
        where = f"{url} (linked from {referrer})"
        if response.status_code >= 500:
            result.problems.append(f"{response.status_code} at {where}")
            continue
        targets: list[str] = []
        if response.status_code in (301, 302, 303, 307, 308):
            targets.append(response["Location"])
        elif response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode("utf-8", errors="replace")
            page = _Page()
            page.feed(html)
            if inspect is not None:
                result.problems.extend(inspect(url, html))
            if not page.title.strip():
                result.problems.append(f"no <title> at {where}")
            if not page.has_h1:
                result.problems.append(f"no <h1> at {where}")
            targets.extend(page.links)
        for href in targets:
            target = _internal(url, href)
            if target is not None and target not in seen:
                seen.add(target)
                queue.append((target, url))
    return result


def build_demo(campaign: Any, personas: Any, monkeypatch: Any) -> None:
    """Each app's demo data, smaller: the pages then show every kind of object."""
    from conftest import PASSWORD
    from minping.accounts.actions import do_create_user
    from minping.accounts.models import Role
    from minping.demo import DemoContext

    monkeypatch.setattr("minping.suggestions.demo.COUNT", 60)
    monkeypatch.setattr("minping.ballots.demo.BRANCH_BALLOTS", 4)
    for name, value in [
        ("CODES_PER_DISTRICT", 10),
        ("CODE_RESPONSES", 40),
        ("PAPER_RESPONSES", 6),
        ("LINK_RESPONSES", 6),
        ("CALLBACK_SAMPLE", 10),
        ("CALLS_MADE", 6),
    ]:
        monkeypatch.setattr(f"minping.surveys.demo.{name}", value)
    publicity = do_create_user(
        None, username="publicity", password=PASSWORD, role=Role.REVIEWER, full_name="宣传审核员"
    )
    from minping.campaigns.models import Department

    extra_staff = {
        username: do_create_user(
            None,
            username=username,
            password=PASSWORD,
            role=Role.DEPARTMENT,
            full_name=f"{name}联络员",
            department=Department.objects.get(name=name),
        )
        for username, name in [("czj", "市财政局"), ("jyj", "市教育体育局")]
    }
    ctx = DemoContext(campaign=campaign)
    ctx.users = {
        "office": personas.office,
        "reviewer": personas.reviewer,
        "publicity": publicity,
        "fgw": personas.dept_a,
        "gaj": personas.dept_b,
        "tjj": personas.statistics,
        "dongsheng": personas.district,
        "tallier": personas.tallier,
        "supervisor": personas.supervisor,
        **extra_staff,
    }
    for app in DEMO_APPS:
        importlib.import_module(f"minping.{app}.demo").load(ctx)
    # The representative persona holds one of the drawn seats, as a drawn citizen would.
    from minping.selection.models import Representative

    seat = Representative.objects.filter(status=Representative.Status.SELECTED).first()
    assert seat is not None, "the demo draw selected nobody"
    seat.user = personas.representative
    seat.save(update_fields=["user"])


@pytest.fixture
def demo(campaign: Any, personas: Any, monkeypatch: Any, settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MINPING_SMS_BACKEND = "minping.lib.sms.LocmemBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    build_demo(campaign, personas, monkeypatch)
    return personas


@pytest.mark.django_db
def test_every_reachable_page_opens_with_a_title_and_a_heading_for_every_role(demo: Any) -> None:
    from django.test import Client

    client = Client(raise_request_exception=False)  # a crash is a 500 to report, not a stop
    report: dict[str, Crawl] = {}
    client.logout()
    report["anonymous"] = crawl(client, ["/"])
    for name, user in demo.all().items():
        client.logout()
        client.force_login(user)
        report[name] = crawl(client, ["/", "/accounts/"])
    problems = [f"{name}: {p}" for name, c in report.items() for p in c.problems]
    assert not problems, "\n".join(problems)
    # The crawl really walked the product, not just the two start pages.
    assert len(report["anonymous"].visited) >= 10
    assert len(report["office"].visited) >= 40
    assert all(len(c.visited) >= 5 for c in report.values())
