"""Pure rules of the city's public-participation measure: no database, no request.

Text sanitising and splitting into numbered sections, the hearing composition rule
(第十八条) and the reproducible draw among registered stakeholders (第十九条).
"""

from __future__ import annotations

import html as html_lib
import random
import re
from dataclasses import dataclass

import nh3

ALLOWED_TAGS = {"h2", "h3", "h4", "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li"}
_BLOCK = re.compile(r"<(h[2-4]|p|ul|ol)\b[^>]*>(.*?)</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_HEADING_LINE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
# A paragraph that starts a new article: 第一条 / 第十二条 / 第3条, or a chapter 第二章.
_ARTICLE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇两\d]+[条章节])\s*(.*)$", re.S)


def sanitize(raw: str) -> str:
    """Safe HTML of the draft text: plain text becomes paragraphs, scripts and styles go."""
    if not re.search(r"<\s*[a-zA-Z]", raw):
        lines = [line.strip() for line in raw.splitlines() if line.strip()]
        raw = "\n".join(f"<p>{html_lib.escape(line)}</p>" for line in lines)
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes={},
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )


@dataclass(frozen=True)
class SectionText:
    number: int
    heading: str
    body_html: str


def plain(html: str) -> str:
    return html_lib.unescape(_TAG.sub("", html)).strip()


def split_sections(clean_html: str) -> list[SectionText]:
    """Numbered sections, so that a commenter can point at the part they mean.

    A heading tag, or a short paragraph such as "一、调整目的" / "（二）范围", starts a section
    under that heading; a paragraph opening with 第…条/章 starts one headed by its marker
    (removed from the text). Text without any of these gives one section per paragraph.
    """
    blocks = [
        (m.group(1).lower(), m.group(0), plain(m.group(2))) for m in _BLOCK.finditer(clean_html)
    ]
    blocks = [b for b in blocks if b[2]]

    def heading_of(tag: str, text: str) -> str | None:
        if tag.startswith("h") or (_HEADING_LINE.match(text) and len(text) <= 40):
            return text[:120]
        return None

    has_markers = any(
        heading_of(tag, text) is not None or _ARTICLE.match(text) for tag, _h, text in blocks
    )
    sections: list[tuple[str, list[str]]] = []
    for tag, block_html, text in blocks:
        heading = heading_of(tag, text)
        article = _ARTICLE.match(text) if tag == "p" and heading is None else None
        if not has_markers:
            sections.append(("", [block_html]))
        elif heading is not None:
            sections.append((heading, []))
        elif article is not None:
            body = block_html.replace(article.group(1), "", 1).replace("<p> ", "<p>", 1)
            sections.append((article.group(1), [body]))
        elif sections:
            sections[-1][1].append(block_html)
        else:
            sections.append(("", [block_html]))
    return [
        SectionText(i, heading, "\n".join(parts))
        for i, (heading, parts) in enumerate(sections, start=1)
    ]


def section_source(heading: str, body_html: str) -> str:
    """The plain text a section came from, for editing the draft again."""
    lines = [plain(part) for part in re.split(r"</(?:p|h[2-4]|li)>", body_html)]
    lines = [line for line in lines if line]
    if _ARTICLE.match(heading + " "):
        first = f"{heading} {lines[0]}" if lines else heading
        return "\n".join([first, *lines[1:]])
    return "\n".join([heading, *lines] if heading else lines)


# --- hearings --------------------------------------------------------------------------------

MIN_PARTICIPANTS = 10


def composition_problems(total: int, stakeholders: int) -> list[str]:
    """Which 第十八条 rules a participant list breaks: "too_few" (< 10 people) and/or
    "stakeholders" (利害关系人代表 fewer than half of all participants); [] if fine."""
    problems = []
    if total < MIN_PARTICIPANTS:
        problems.append("too_few")
    if stakeholders * 2 < total or total == 0:
        problems.append("stakeholders")
    return problems


def draw(pool: list[str], seats: int, seed: str) -> list[str]:
    """``seats`` codes drawn from ``pool``: sorted first, so anyone can re-run it.

    ``random.Random(seed).sample(sorted(pool), seats)``; the whole pool when it is no
    larger than the seats. The result keeps the draw order.
    """
    ordered = sorted(pool)
    if seats >= len(ordered):
        return ordered
    return random.Random(seed).sample(ordered, seats)  # noqa: S311 - a public, re-runnable lottery
