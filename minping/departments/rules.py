"""The seeds' rules for department materials, each with a Chinese message that says what is wrong.

An *error* stops the save (the previous version stays as it was); a *warning* is saved with
the version and shown to the department and its reviewers.
"""

from __future__ import annotations

import html as html_lib
import io
import re
import zipfile
from dataclasses import dataclass

import nh3
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from minping.departments.charcount import count_chars

REPORT_TARGET_CHARS = 2000
REPORT_WARN_BELOW = 1500
REPORT_WARN_ABOVE = 2500
REPORT_MAX_CHARS = 6000
INTRO_MAX_CHARS = 200
PRESS_MAX_CHARS = 1500
IMAGE_MAX_BYTES = 5 * 1024 * 1024
SLIDES_MAX_BYTES = 200 * 1024 * 1024
SIGNED_PAGE_MAX_BYTES = 10 * 1024 * 1024
WIDESCREEN = 16 / 9
RATIO_TOLERANCE = 0.01

GREETINGS = ["尊敬的", "感谢", "谢谢", "致谢", "大家好"]

# The five parts the seeds require, each recognised in a heading by any of its key phrases.
REPORT_PARTS: list[tuple[str, list[str]]] = [
    ("年度职能目标完成情况", ["职能目标", "目标完成"]),
    ("“放管服”改革、优化营商环境成效", ["放管服", "营商环境"]),
    ("人大代表建议、政协委员提案办理情况", ["人大", "政协", "建议提案", "提案"]),
    ("政务服务热线、媒体监督曝光问题办理情况", ["热线", "媒体", "曝光"]),
    ("存在问题和下年工作打算", ["存在问题", "打算", "下一步", "明年"]),
]

ALLOWED_TAGS = {"h2", "h3", "h4", "p", "br", "strong", "b", "em", "i", "ul", "ol", "li"}
_HEADING_LINE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_HEADING_TAG = re.compile(r"<h[2-4][^>]*>(.*?)</h[2-4]>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Finding:
    level: str  # "error" or "warning"
    message: str


class RuleError(Exception):
    """The upload or text breaks a rule; ``messages`` say how, in Chinese."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


# --- rich text ---------------------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    return bool(
        re.search(r"<\s*(p|h[1-6]|div|br|ul|ol|li|strong|b|span|table|script)\b", text, re.I)
    )


def plain_to_html(text: str) -> str:
    """Plain text to HTML: numbered lines (一、 / （一）) become headings, others paragraphs."""
    parts: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        escaped = html_lib.escape(line)
        tag = "h3" if _HEADING_LINE.match(line) and len(line) <= 60 else "p"
        parts.append(f"<{tag}>{escaped}</{tag}>")
    return "\n".join(parts)


def sanitize(raw: str) -> tuple[str, bool]:
    """Sanitised HTML and whether anything unsafe or unsupported was removed."""
    source = raw if looks_like_html(raw) else plain_to_html(raw)
    cleaned = nh3.clean(
        source,
        tags=ALLOWED_TAGS,
        attributes={},
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )
    dangerous = bool(
        re.search(r"<\s*(script|style|iframe|object|embed)\b|on\w+\s*=|javascript:", raw, re.I)
    )
    return cleaned, dangerous


def html_to_text(html: str) -> str:
    text = re.sub(r"</(p|h[2-4]|li)>|<br\s*/?>", "\n", html)
    text = _TAG.sub("", text)
    lines = [html_lib.unescape(line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def headings(html: str) -> list[str]:
    return [html_lib.unescape(_TAG.sub("", h)).strip() for h in _HEADING_TAG.findall(html)]


def missing_report_parts(html: str) -> list[str]:
    found = headings(html)
    return [name for name, keys in REPORT_PARTS if not any(k in h for h in found for k in keys)]


def check_report_text(html: str, text: str, removed_unsafe: bool) -> list[Finding]:
    findings: list[Finding] = []
    count = count_chars(text)
    if not text.strip():
        findings.append(Finding("error", _("述职报告正文不能为空。")))
        return findings
    if count > REPORT_MAX_CHARS:
        findings.append(
            Finding(
                "error",
                _("述职报告共%(count)d字，超过上限%(max)d字；要求控制在2000字左右。")
                % {"count": count, "max": REPORT_MAX_CHARS},
            )
        )
    elif count < REPORT_WARN_BELOW or count > REPORT_WARN_ABOVE:
        findings.append(
            Finding(
                "warning",
                _("述职报告共%(count)d字，要求控制在2000字左右（建议%(low)d—%(high)d字）。")
                % {"count": count, "low": REPORT_WARN_BELOW, "high": REPORT_WARN_ABOVE},
            )
        )
    for part in missing_report_parts(html):
        findings.append(
            Finding("warning", _("缺少必备部分的标题：%(part)s。提交前须补齐。") % {"part": part})
        )
    used = [word for word in GREETINGS if word in text]
    if used:
        findings.append(
            Finding(
                "warning",
                _(
                    "报告中有寒暄、致谢之类的表达（%(words)s），按要求不要使用；称谓统一为“市民代表”。"
                )
                % {"words": "、".join(used)},
            )
        )
    if removed_unsafe:
        findings.append(Finding("warning", _("正文中的脚本或不安全内容已被删除，请核对。")))
    return findings


def check_press_text(text: str, removed_unsafe: bool) -> list[Finding]:
    findings: list[Finding] = []
    count = count_chars(text)
    if not text.strip():
        findings.append(Finding("error", _("新闻通稿正文不能为空。")))
    elif count > PRESS_MAX_CHARS:
        findings.append(
            Finding(
                "error",
                _("新闻通稿共%(count)d字，超过%(max)d字的上限，请删减%(over)d字。")
                % {"count": count, "max": PRESS_MAX_CHARS, "over": count - PRESS_MAX_CHARS},
            )
        )
    if removed_unsafe:
        findings.append(Finding("warning", _("正文中的脚本或不安全内容已被删除，请核对。")))
    return findings


def check_intro(text: str) -> list[Finding]:
    count = count_chars(text)
    if count > INTRO_MAX_CHARS:
        return [
            Finding(
                "error",
                _("导语共%(count)d字，超过%(max)d字的上限。")
                % {"count": count, "max": INTRO_MAX_CHARS},
            )
        ]
    return []


# --- files -------------------------------------------------------------------------------


def _read(upload: UploadedFile) -> bytes:
    upload.seek(0)
    data: bytes = upload.read()
    upload.seek(0)
    return data


def _size_mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def check_image(upload: UploadedFile, *, what: str = "") -> None:
    """A real PNG/JPEG/GIF/WebP of at most 5 MB, or :class:`RuleError`."""
    label = what or _("图片")
    name = upload.name or ""
    if upload.size is not None and upload.size > IMAGE_MAX_BYTES:
        raise RuleError(
            [
                _("%(label)s“%(name)s”大小为%(size)sMB，超过5MB的上限。")
                % {"label": label, "name": name, "size": _size_mb(upload.size)}
            ]
        )
    data = _read(upload)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            image.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise RuleError(
            [
                _(
                    "“%(name)s”不是有效的图片文件（可能已损坏或只是改了扩展名），请上传PNG或JPG图片。"
                )
                % {"name": name}
            ]
        ) from exc
    if image_format not in {"PNG", "JPEG", "GIF", "WEBP"}:
        raise RuleError(
            [
                _("“%(name)s”是%(format)s格式，请上传PNG或JPG图片。")
                % {"name": name, "format": image_format}
            ]
        )


def check_signed_page(upload: UploadedFile) -> None:
    """The head's signed page: a PDF or an image, at most 10 MB."""
    name = upload.name or ""
    if upload.size is not None and upload.size > SIGNED_PAGE_MAX_BYTES:
        raise RuleError([_("签字页文件超过10MB的上限。")])
    data = _read(upload)
    if data.startswith(b"%PDF-"):
        return
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise RuleError(
            [_("签字页“%(name)s”须为PDF文件或照片（PNG、JPG）。") % {"name": name}]
        ) from exc


_MEDIA_CONTENT = re.compile(r"^(audio|video)/|ms-asf|x-shockwave|quicktime", re.I)
_MEDIA_REL = ("/audio", "/video", "/media")


@dataclass(frozen=True)
class SlidesReport:
    slide_count: int
    ratio: float | None
    legacy: bool


def check_slides(upload: UploadedFile) -> SlidesReport:
    """PPT/PPTX only; a PPTX must be 16:9 with no audio or video parts."""
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    name = upload.name or ""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in {"ppt", "pptx"}:
        raise RuleError([_("课件“%(name)s”不是幻灯片文件：只接受PPT或PPTX格式。") % {"name": name}])
    if upload.size is not None and upload.size > SLIDES_MAX_BYTES:
        raise RuleError([_("课件文件超过200MB的上限。")])
    data = _read(upload)
    if suffix == "ppt" and not data.startswith(b"PK\x03\x04"):  # a renamed PPTX is checked as one
        if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            raise RuleError([_("课件“%(name)s”已损坏或不是PPT文件。") % {"name": name}])
        return SlidesReport(slide_count=0, ratio=None, legacy=True)
    try:
        presentation = Presentation(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise RuleError(
            [
                _("课件“%(name)s”已损坏，无法打开；请在PowerPoint中另存为PPTX后重新上传。")
                % {"name": name}
            ]
        ) from exc
    problems: list[str] = []
    width, height = presentation.slide_width, presentation.slide_height
    ratio = (width / height) if width and height else None
    if ratio is None or abs(ratio - WIDESCREEN) / WIDESCREEN > RATIO_TOLERANCE:
        shown = f"{ratio:.2f}" if ratio else "?"
        problems.append(
            _("课件画面比例为%(ratio)s:1，要求16:9（宽屏）；请在“设计—幻灯片大小”中改为16:9。")
            % {"ratio": shown}
        )
    media = _media_parts(presentation)
    if media:
        problems.append(
            _("课件内嵌了声音或视频（%(parts)s），按要求不得带有声音、不得内嵌视频。")
            % {"parts": "、".join(media[:5])}
        )
    if problems:
        raise RuleError(problems)
    return SlidesReport(slide_count=len(presentation.slides), ratio=ratio, legacy=False)


def _media_parts(presentation: object) -> list[str]:
    package = presentation.part.package  # type: ignore[attr-defined]  # python-pptx has no stubs
    found: list[str] = []
    for part in package.iter_parts():
        if _MEDIA_CONTENT.search(part.content_type or ""):
            found.append(str(part.partname).rsplit("/", 1)[-1])
            continue
        for rel in part.rels.values():
            if rel.reltype.endswith(_MEDIA_REL) and rel.is_external:
                found.append(str(rel.target_ref))
    return sorted(set(found))
