"""Read helpers: text snapshots of structured materials, published content, diffs, lateness."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q
from django.utils.translation import gettext as _

from minping.campaigns.models import Campaign, Deadline, Department
from minping.departments.models import Material, Version, Video

INFO_LABELS = [
    ("name", "机构名称"),
    ("office_phone", "办公电话"),
    ("complaint_phone", "投诉电话"),
    ("postcode", "邮政编码"),
    ("fax", "传真号码"),
    ("hours", "办公时间"),
    ("address", "办公地址"),
    ("website", "办公网址"),
    ("email", "电子邮箱"),
    ("duties", "主要职能"),
]


def info_text(data: dict[str, Any]) -> str:
    """A readable text of the basic information, leaders and units (for diffs and search)."""
    info = data.get("info", {})
    lines = [f"{label}：{info.get(key, '')}" for key, label in INFO_LABELS if info.get(key)]
    for leader in data.get("leaders", []):
        lines.append(
            f"领导：{leader.get('name', '')}　{leader.get('title', '')}　{leader.get('duties', '')}"
        )
    for unit in data.get("units", []):
        lines.append(
            f"机构：{unit.get('name', '')}　{unit.get('phone', '')}　{unit.get('duties', '')}"
        )
    return "\n".join(lines)


def targets_text(data: dict[str, Any]) -> str:
    return "\n".join(
        f"{t.get('category', '')} {t.get('seq', '')} {t.get('name', '')}：{t.get('content', '')}".strip()
        for t in data.get("targets", [])
    )


def version_text(version: Version) -> str:
    """What a reviewer compares: the text, or a description of the file."""
    parts = []
    if version.material.kind in (Material.Kind.INFOGRAPHIC, Material.Kind.SLIDES) and version.file:
        # The stored name is new for every upload and kept when a file carries over.
        stored = version.file.name.rsplit("/", 1)[-1][:6]
        parts.append(
            _("文件：%(name)s（%(code)s）") % {"name": version.file_name or stored, "code": stored}
        )
        slides = version.data.get("slides")
        if slides:
            parts.append(_("幻灯片：%(n)s页") % {"n": slides.get("count", "?")})
    if version.data.get("title"):
        parts.append(str(version.data["title"]))
    if version.text:
        parts.append(version.text)
    if version.photos:
        parts.append(_("照片：%(n)d张") % {"n": len(version.photos)})
    return "\n".join(parts)


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "add" or "del"
    text: str


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """Line (paragraph) diff of two versions' texts."""
    result: list[DiffLine] = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        code, text = line[:2], line[2:]
        if code == "  ":
            result.append(DiffLine("same", text))
        elif code == "+ ":
            result.append(DiffLine("add", text))
        elif code == "- ":
            result.append(DiffLine("del", text))
    return result


def deadlines_for(campaign: Campaign) -> dict[str, Deadline]:
    return {d.stage: d for d in Deadline.objects.filter(campaign=campaign)}


def published_materials(campaign: Campaign, department: Department) -> dict[str, Version]:
    materials = Material.objects.filter(
        campaign=campaign, department=department, published_version__isnull=False
    ).select_related("published_version")
    return {m.kind: m.published_version for m in materials if m.published_version is not None}


def department_video(campaign: Campaign, department: Department) -> Video | None:
    return Video.objects.filter(campaign=campaign, department=department).first()


def search_published(campaign: Campaign, query: str) -> list[Version]:
    terms = [t for t in query.split() if t][:5]
    if not terms:
        return []
    condition = Q()
    for term in terms:
        condition &= Q(text__icontains=term) | Q(material__department__name__icontains=term)
    return list(
        Version.objects.filter(
            material__campaign=campaign,
            material__published_version=F("pk"),
        )
        .exclude(material__kind=Material.Kind.SLIDES)  # played at the meeting, not put online
        .filter(condition)
        .select_related("material", "material__department")
        .order_by("material__department__order", "material__kind")[:50]
    )


def snippet(text: str, query: str, width: int = 60) -> str:
    term = next((t for t in query.split() if t), "")
    index = text.find(term) if term else -1
    if index < 0:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, index - width // 3)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
