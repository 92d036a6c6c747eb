"""Composition tables as in the seeds: main venue by category; branches by district × category."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from minping.campaigns.models import Campaign, Category, District, Session
from minping.selection.models import Draw, Quota, Representative

SEATED = [Representative.Status.SELECTED, Representative.Status.PROMOTED]


@dataclass
class Table:
    """Rows of category names with one number per column, and the column totals."""

    columns: list[str]
    rows: list[tuple[str, list[int], list[int]]] = field(
        default_factory=list
    )  # name, seated, quota
    totals: list[int] = field(default_factory=list)
    quota_totals: list[int] = field(default_factory=list)


def _counts(campaign: Campaign, draw: Draw | None) -> dict[tuple[int, str, str], int]:
    """(session, district name or "" for main, category code) → seated people."""
    if draw is None or not draw.is_done():
        return {}
    rows = (
        Representative.objects.filter(draw=draw, status__in=SEATED)
        .values("session__number", "venue__district__name", "category__code")
        .annotate(n=Count("pk"))
    )
    return {
        (r["session__number"], r["venue__district__name"] or "", r["category__code"]): r["n"]
        for r in rows
    }


def _quotas(campaign: Campaign) -> dict[tuple[int, str, str], int]:
    rows = Quota.objects.filter(campaign=campaign).values_list(
        "session__number", "venue__district__name", "category__code", "count"
    )
    return {(s, d or "", c): n for s, d, c, n in rows}


def main_venue_table(campaign: Campaign, draw: Draw | None) -> Table:
    """Rows: categories; columns: the sessions and their sum."""
    sessions = list(Session.objects.filter(campaign=campaign).order_by("number"))
    counts, quotas = _counts(campaign, draw), _quotas(campaign)
    table = Table(columns=[str(s.number) for s in sessions])
    for category in Category.objects.filter(campaign=campaign):
        quota = [quotas.get((s.number, "", category.code), 0) for s in sessions]
        if not any(quota):
            continue
        seated = [counts.get((s.number, "", category.code), 0) for s in sessions]
        table.rows.append((category.name, [*seated, sum(seated)], [*quota, sum(quota)]))
    _total(table, len(sessions) + 1)
    return table


def branch_table(campaign: Campaign, draw: Draw | None, session: int | None) -> Table:
    """Rows: categories; columns: districts (one session, or all three when None)."""
    districts = list(District.objects.filter(venues__campaign=campaign).order_by("order"))
    sessions = (
        [session]
        if session
        else list(Session.objects.filter(campaign=campaign).values_list("number", flat=True))
    )
    counts, quotas = _counts(campaign, draw), _quotas(campaign)
    table = Table(columns=[d.name for d in districts])
    for category in Category.objects.filter(campaign=campaign):
        quota = [
            sum(quotas.get((s, d.name, category.code), 0) for s in sessions) for d in districts
        ]
        if not any(quota):
            continue
        seated = [
            sum(counts.get((s, d.name, category.code), 0) for s in sessions) for d in districts
        ]
        table.rows.append((category.name, seated, quota))
    _total(table, len(districts))
    return table


def _total(table: Table, width: int) -> None:
    table.totals = [sum(r[1][i] for r in table.rows) for i in range(width)]
    table.quota_totals = [sum(r[2][i] for r in table.rows) for i in range(width)]


def seated_by_district(campaign: Campaign, draw: Draw | None) -> list[tuple[str, float]]:
    """Seated people per district over all sessions (for a bar chart)."""
    totals: dict[str, int] = defaultdict(int)
    main = _("主会场")
    for (_session, district, _category), n in _counts(campaign, draw).items():
        totals[district or main] += n
    order = [main, *District.objects.order_by("order").values_list("name", flat=True)]
    return [(name, float(totals[name])) for name in order if name in totals]
