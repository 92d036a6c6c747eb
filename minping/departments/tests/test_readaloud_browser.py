"""The 朗读 button: shown only with a Chinese voice, reads the document's text aloud."""

from __future__ import annotations

import datetime as dt

import pytest

from minping.departments.actions import do_create_policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Replaces the browser's speech engine with a recorder, offering the given voices.
FAKE_SPEECH = """
window.__spoken = [];
const voices = %s;
Object.defineProperty(window, "speechSynthesis", {value: {
  getVoices: () => voices,
  speak: (u) => { window.__spoken.push({text: u.text, lang: u.lang}); },
  cancel: () => {},
  addEventListener: () => {}, removeEventListener: () => {}, onvoiceschanged: null,
}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


@pytest.fixture
def policy(db):
    return do_create_policy(
        None,
        title="关于做好供暖保障的通知",
        number="测府发〔2026〕9号",
        issued_on=dt.date(2026, 2, 1),
        summary="",
        body="各旗区人民政府：请做好供暖保障工作。",
    )


def test_read_aloud_reads_the_full_text_with_a_chinese_voice(page, policy) -> None:
    page.add_init_script(FAKE_SPEECH % '[{"lang": "zh-CN", "name": "中文"}]')
    page.goto("/departments/policies/")
    button = page.get_by_role("button", name="朗读")
    button.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0]["lang"] == "zh-CN"
    assert (
        "关于做好供暖保障的通知" in spoken[0]["text"] and "请做好供暖保障工作" in spoken[0]["text"]
    )


def test_read_aloud_button_stays_hidden_without_a_chinese_voice(page, policy) -> None:
    page.add_init_script(FAKE_SPEECH % '[{"lang": "en-US", "name": "English"}]')
    page.goto("/departments/policies/")
    assert page.locator("button.readaloud").is_hidden()
    assert "测府发〔2026〕9号" in page.locator("li.policy p.muted").inner_text()
