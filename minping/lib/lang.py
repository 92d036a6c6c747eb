"""Marking data as Chinese inside English sentences.

Names of people, units and venues, and text people wrote, stay Chinese on English pages.
Wrapping them in ``<span lang="zh">`` lets a screen reader read them as Chinese and lets the
English-page crawl (``tests/test_english_crawl.py``) tell data from untranslated interface.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString


def zh(value: object) -> SafeString:
    """``value`` (escaped) inside ``<span lang="zh">``."""
    return format_html('<span lang="zh">{}</span>', value)
