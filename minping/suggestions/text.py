"""Plain text from what people type (redaction for the public board is triage's)."""

from __future__ import annotations

import html
import re

import nh3

_SPACES = re.compile(r"[ \t\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def plain(value: str) -> str:
    """Removes HTML (and the content of script/style elements); keeps line breaks."""
    cleaned = html.unescape(nh3.clean(value, tags=set()))
    cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in cleaned.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def had_markup(value: str) -> bool:
    return plain(value) != value.replace("\r\n", "\n").strip()
