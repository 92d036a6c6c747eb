"""Reports computed from per-item fields: the 审查表, the 办理情况 report, 民声大数据.

Nothing here is typed by hand: every count comes from the assignments, so a unit's report
and the office's figures always agree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from minping import triage
from minping.campaigns.models import Campaign, Department
from minping.suggestions.models import Assignment, Suggestion, area_display_name

NUMERALS = "一二三四五六七八九十"
MIN_FOR_RATE = 5
V = Assignment.Validity


def ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (for 一是…二是…)."""
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    return str(n)


def unit_assignments(campaign: Campaign, department: Department) -> QuerySet[Assignment]:
    """What the unit received: every assignment except those moved to another unit."""
    return (
        Assignment.objects.filter(suggestion__campaign=campaign, department=department)
        .exclude(state=Assignment.State.REASSIGNED)
        .select_related("suggestion", "suggestion__area")
    )


@dataclass
class ReviewForm:
    """附件3 会场征集的意见建议审查表."""

    department: Department
    total: int = 0
    valid: int = 0
    valid_public: int = 0
    valid_not_public: int = 0
    invalid: int = 0
    legal: int = 0
    petition: int = 0
    discipline: int = 0
    other: int = 0
    unreviewed: int = 0
    public_rows: list[Assignment] = field(default_factory=list)
    not_public_rows: list[Assignment] = field(default_factory=list)

    def sentence(self) -> str:
        return _(
            "本次活动市人民政府工作部门述职会场，我单位共计接收市民意见建议%(total)d条。"
            "其中，有效建议%(valid)d条（公开发布的%(pub)d条，不予公开发布的%(notpub)d条）；"
            "无效建议%(invalid)d条（涉法类问题%(legal)d条，信访类问题%(petition)d条，"
            "纪检投诉类问题%(discipline)d条，其他问题%(other)d条）。"
        ) % {
            "total": self.total,
            "valid": self.valid,
            "pub": self.valid_public,
            "notpub": self.valid_not_public,
            "invalid": self.invalid,
            "legal": self.legal,
            "petition": self.petition,
            "discipline": self.discipline,
            "other": self.other,
        }


def _reviewed(a: Assignment) -> bool:
    return a.replied_at is not None


def review_form(campaign: Campaign, department: Department) -> ReviewForm:
    form = ReviewForm(department=department)
    for a in unit_assignments(campaign, department).order_by("pk"):
        form.total += 1
        if not _reviewed(a):
            form.unreviewed += 1
            continue
        if a.validity == V.VALID:
            form.valid += 1
            if a.publishable:
                form.valid_public += 1
                form.public_rows.append(a)
            else:
                form.valid_not_public += 1
                form.not_public_rows.append(a)
        else:
            form.invalid += 1
            setattr(form, a.validity, getattr(form, a.validity) + 1)
    return form


@dataclass
class ThemeSection:
    theme: str
    items: list[Assignment]


@dataclass
class HandlingReport:
    """附件4 ××单位会场征集的意见建议办理情况, filled from the data."""

    department: Department
    total: int
    valid: int
    common: list[ThemeSection]
    others: list[Assignment]
    gov_report: list[Assignment]
    dept_priority: list[Assignment]
    references: int
    replied: int
    on_time: int
    late: int
    open: int
    as_of: dt.date

    @property
    def all_on_time(self) -> bool:
        return self.open == 0 and self.late == 0 and self.replied > 0

    def opening(self) -> str:
        parts = [
            _("本次会场征集，我单位共收到市民意见建议%(total)d条，有效建议%(valid)d条")
            % {"total": self.total, "valid": self.valid}
        ]
        chinese = not (get_language() or "").startswith("en")
        if self.common:
            themes = ("；" if chinese else "; ").join(
                _("%(ord)s是%(theme)s（共%(n)d条）")
                % {"ord": ordinal(i) if chinese else i, "theme": s.theme, "n": len(s.items)}
                for i, s in enumerate(self.common, start=1)
            )
            parts.append(
                _("，市民反映比较集中的建议主要集中在以下%(k)d个方面：%(themes)s。")
                % {"k": len(self.common), "themes": themes}
            )
            if self.others:
                parts.append(_("除此之外，市民还提出其他建议%(n)d条。") % {"n": len(self.others)})
        else:
            parts.append("。" if chinese else ". ")
        date = (
            f"{self.as_of.year}年{self.as_of.month}月{self.as_of.day}日"
            if chinese
            else self.as_of.isoformat()
        )
        if self.all_on_time:
            parts.append(_("截至%(date)s，已全部按期办复。") % {"date": date})
        else:
            parts.append(
                _(
                    "截至%(date)s，已办复%(replied)d条，其中按期办复%(on_time)d条、"
                    "逾期办复%(late)d条，尚有%(open)d条正在办理。"
                )
                % {
                    "date": date,
                    "replied": self.replied,
                    "on_time": self.on_time,
                    "late": self.late,
                    "open": self.open,
                }
            )
        parts.append(_("情况如下："))
        return "".join(parts)


def handling_report(
    campaign: Campaign, department: Department, *, as_of: dt.date | None = None
) -> HandlingReport:
    rows = list(unit_assignments(campaign, department).order_by("pk"))
    transfers = [a for a in rows if a.kind == Assignment.Kind.TRANSFER]
    valid = [a for a in rows if _reviewed(a) and a.validity == V.VALID]
    by_theme: dict[str, list[Assignment]] = {}
    for a in valid:
        by_theme.setdefault(a.theme.strip() or a.suggestion.area.name, []).append(a)
    ranked = sorted(by_theme.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    common = [ThemeSection(t, items) for t, items in ranked if len(items) >= 2][:5]
    in_common = {a.pk for s in common for a in s.items}
    replied = [a for a in transfers if a.replied_at is not None]
    return HandlingReport(
        department=department,
        total=len(rows),
        valid=len(valid),
        common=common,
        others=[a for a in valid if a.pk not in in_common],
        gov_report=[a for a in valid if a.plan == Assignment.Plan.GOV_REPORT],
        dept_priority=[a for a in valid if a.plan == Assignment.Plan.DEPT_PRIORITY],
        references=len(rows) - len(transfers),
        replied=len(replied),
        on_time=sum(1 for a in replied if a.replied_late is False),
        late=sum(1 for a in replied if a.replied_late),
        open=len(transfers) - len(replied),
        as_of=as_of or timezone.localdate(),
    )


# --- 民声大数据 -------------------------------------------------------------------------------


@dataclass
class Stats:
    total: int
    by_area: list[tuple[str, int]]
    by_department: list[tuple[str, int]]
    by_district: list[tuple[str, int]]
    by_state: list[tuple[str, int]]
    trend: list[tuple[str, int]]
    replied: int
    on_time: int
    on_time_rate: float | None
    rated: int
    satisfied: int
    satisfaction_rate: float | None
    themes: list[tuple[str, int]]
    department_rows: list[dict[str, object]]


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def stats(campaign: Campaign) -> Stats:
    suggestions = Suggestion.objects.filter(campaign=campaign)
    total = suggestions.count()
    by_area = [
        (area_display_name(row["area__code"], row["area__name"]), row["n"])
        for row in suggestions.values("area__code", "area__name", "area__order")
        .annotate(n=Count("pk"))
        .order_by("area__order")
    ]
    by_district = [
        (row["district__name"] or _("未注明"), row["n"])
        for row in suggestions.values("district__name").annotate(n=Count("pk")).order_by("-n")
    ]
    state_labels = dict(Suggestion.State.choices)
    by_state = [
        (str(state_labels.get(row["state"], row["state"])), row["n"])
        for row in suggestions.values("state").annotate(n=Count("pk")).order_by("state")
    ]
    weeks: Counter[str] = Counter()
    for submitted in suggestions.values_list("submitted_at", flat=True):
        local = timezone.localtime(submitted).date()
        monday = local - dt.timedelta(days=local.weekday())
        weeks[monday.isoformat()] += 1
    trend = sorted(weeks.items())
    lead = Assignment.objects.filter(
        suggestion__campaign=campaign, kind=Assignment.Kind.TRANSFER
    ).exclude(state=Assignment.State.REASSIGNED)
    department_rows = list(
        lead.values("department__name", "department__order")
        .annotate(
            received=Count("pk"),
            replied=Count("pk", filter=Q(replied_at__isnull=False)),
            on_time=Count("pk", filter=Q(replied_late=False)),
            late=Count("pk", filter=Q(replied_late=True)),
        )
        .order_by("department__order")
    )
    for row in department_rows:
        judged_here = int(row["on_time"]) + int(row["late"])
        # A rate over a handful of items ranks units by chance (FixMyStreet #1957).
        row["rate"] = (
            _rate(int(row["on_time"]), judged_here) if judged_here >= MIN_FOR_RATE else None
        )
    judged = lead.filter(replied_late__isnull=False)
    on_time = judged.filter(replied_late=False).count()
    rated = suggestions.exclude(rating="")
    satisfied = rated.filter(
        rating__in=[Suggestion.Rating.SATISFIED, Suggestion.Rating.BASICALLY]
    ).count()

    def themes() -> list[tuple[str, int]]:
        texts = [f"{t} {x}" for t, x in suggestions.values_list("title", "text")[:5000]]
        return triage.top_themes(texts, 15) if texts else []

    # Segmenting thousands of texts takes a moment: recount when the count changes.
    last = suggestions.aggregate(last=Max("pk"))["last"]
    top: list[tuple[str, int]] = (
        cache.get_or_set(f"suggestions:themes:{campaign.pk}:{total}:{last}", themes, 600) or []
    )
    return Stats(
        total=total,
        by_area=by_area,
        by_department=[(str(r["department__name"]), int(r["received"])) for r in department_rows],
        by_district=by_district,
        by_state=by_state,
        trend=trend,
        replied=lead.filter(replied_at__isnull=False).count(),
        on_time=on_time,
        on_time_rate=_rate(on_time, judged.count()),
        rated=rated.count(),
        satisfied=satisfied,
        satisfaction_rate=_rate(satisfied, rated.count()),
        themes=top,
        department_rows=department_rows,
    )


def export_rows(campaign: Campaign) -> tuple[list[str], list[list[object]]]:
    """One row per assignment, no personal data: for CSV/Excel and offline recounts."""
    header = [
        "查询编号", "提交日期", "渠道", "参考范围", "旗区", "状态", "承办单位", "类型",
        "主办/协办", "交办时间", "答复截止日", "答复时间", "逾期答复", "审查结论", "主题", "评价",
    ]  # fmt: skip
    rows: list[list[object]] = []
    suggestions = (
        Suggestion.objects.filter(campaign=campaign)
        .select_related("area", "district")
        .prefetch_related("assignments__department")
        .order_by("submitted_at")
    )
    for s in suggestions:
        base: list[object] = [
            s.number,
            timezone.localtime(s.submitted_at).date().isoformat(),
            s.get_channel_display(),
            s.area.name,
            s.district.name if s.district else "",
            s.get_state_display(),
        ]
        assignments: list[Assignment | None] = [*s.assignments.all()] or [None]
        for a in assignments:
            if a is None:
                rows.append([*base, "", "", "", "", "", "", "", "", "", s.get_rating_display()])
                continue
            rows.append(
                [
                    *base,
                    a.department.name,
                    a.get_kind_display(),
                    a.get_role_display(),
                    timezone.localtime(a.dispatched_at).strftime("%Y-%m-%d %H:%M"),
                    a.reply_due.isoformat() if a.reply_due else _("期限待定"),
                    timezone.localtime(a.replied_at).strftime("%Y-%m-%d %H:%M")
                    if a.replied_at
                    else "",
                    "" if a.replied_late is None else ("是" if a.replied_late else "否"),
                    a.get_validity_display() if a.replied_at else "",
                    a.theme,
                    s.get_rating_display(),
                ]
            )
    return header, rows
