"""A person who chose English sees no Chinese interface text, on any page, for any role.

The smoke crawl's demo campaign is built once; with the English cookie set, every page each
role can reach is read and every text node with Chinese characters is reported, except code,
form values (``<textarea>``, ``<option>``), charts (``<figure class="chart">``, ``<svg>``: their
labels are data) and data: text inside an element marked ``lang="zh"`` (department names,
people's names, what citizens wrote, the office's own labels, ...). The templates mark data
that way, which also tells a screen reader to read it as Chinese.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from tests.test_smoke_crawl import build_demo, crawl

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
CJK_RUN = re.compile(CJK.pattern + "+")
# Form values (a <select>'s options name people and units) and charts: a chart (the
# minping.lib.charts SVG and its screen-reader table, a <figure class="chart">) labels data.
NOT_UI = {"script", "style", "textarea", "option", "template", "svg"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input",
    "link", "meta", "source", "track", "wbr",
}  # fmt: skip


class ChineseText(HTMLParser):
    """The text nodes with Chinese characters that are not inside data or code elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.title = ""
        self.data = ""  # all the text marked as data, to recognise it in the <title>
        # Open elements as (tag, is_data); is_data is inherited.
        self._open: list[tuple[str, bool]] = []

    def _inside_data(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        values = dict(attrs)
        lang = (values.get("lang") or "").lower()
        chart = tag == "figure" and "chart" in (values.get("class") or "").split()
        is_data = self._inside_data() or tag in NOT_UI or chart or lang.startswith("zh")
        self._open.append((tag, is_data))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        # Unclosed <p>/<li> are allowed in HTML: close up to the matching element, if open.
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if not text:
            return
        if self._open and self._open[-1][0] == "title" and not self._inside_data():
            self.title += text
        elif self._inside_data():
            self.data += f"{text}\n"
        elif CJK.search(text):
            self.found.append(text)

    def close(self) -> None:
        super().close()
        # A <title> cannot hold markup: the Chinese in it is data if the page shows it as data.
        if any(run not in self.data for run in CJK_RUN.findall(self.title)):
            self.found.insert(0, self.title)


def chinese_on_page(html: str) -> ChineseText:
    parser = ChineseText()
    parser.feed(html)
    parser.close()
    return parser


def test_the_parser_skips_data_marked_chinese_and_finds_the_rest() -> None:
    html = (
        "<html lang='en'><head><title>市公安局 · Report</title><script>var a = '中文';</script></head>"
        "<body><h1>Departments</h1><ul><li><span lang='zh'>市公安局 <b>王</b></span> "
        "<li>未翻译</ul><p>Open <img alt=''> 已结束<textarea>意见</textarea></body></html>"
    )
    assert chinese_on_page(html).found == ["未翻译", "已结束"]
    html = html.replace("市公安局 · ", "民评 · ")
    assert chinese_on_page(html).found == ["民评 · Report", "未翻译", "已结束"]


@pytest.fixture
def english_demo(
    campaign: Any, personas: Any, monkeypatch: Any, settings: Any, tmp_path: Any
) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MINPING_SMS_BACKEND = "minping.lib.sms.LocmemBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    build_demo(campaign, personas, monkeypatch)
    return personas


@pytest.mark.django_db
def test_english_pages_show_no_chinese_interface_text_for_any_role(english_demo: Any) -> None:
    from django.conf import settings
    from django.test import Client

    def inspect(url: str, html: str) -> list[str]:
        assert '<html lang="en">' in html, f"{url} is not in English"
        return [f"{url}: {text}" for text in dict.fromkeys(chinese_on_page(html).found)]

    client = Client(raise_request_exception=False)
    found: list[str] = []
    pages = 0
    roles = {"anonymous": None, **english_demo.all()}
    for name, user in roles.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # logout() drops the cookies
        result = crawl(client, ["/", "/accounts/"] if user else ["/"], inspect)
        pages += len(result.visited)
        found.extend(f"{name}: {problem}" for problem in result.problems)
    assert not found, f"{len(found)} Chinese text(s) on English pages:\n" + "\n".join(found)
    assert pages >= 200  # the crawl really walked the product
