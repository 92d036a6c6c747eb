"""Triage proposals for the office: area, department and near-duplicates (minping.triage)."""

from __future__ import annotations

from dataclasses import dataclass

from minping import triage
from minping.campaigns.models import Department
from minping.suggestions.models import Area, Suggestion

_AREA_KEYWORDS = {a.code: a.keywords for a in triage.REFERENCE_AREAS}


def build_triage() -> triage.Triage:
    areas = [
        triage.Area(a.code, a.name, _AREA_KEYWORDS.get(a.code, ()), a.description)
        for a in Area.objects.all()
    ]
    departments = [
        triage.DeptProfile(d.pk, d.name, triage.DEPARTMENT_KEYWORDS.get(d.name, ()))
        for d in Department.objects.filter(is_active=True)
    ]
    return triage.Triage(areas, departments)


@dataclass(frozen=True)
class Proposal:
    areas: list[tuple[Area, float]]
    departments: list[tuple[Department, float]]
    duplicates: list[tuple[Suggestion, float]]


def propose(suggestion: Suggestion) -> Proposal:
    t = build_triage()
    text = f"{suggestion.title}。{suggestion.text}"
    area_scores = t.suggest_area(text)
    areas_by_code = Area.objects.in_bulk([c for c, _s in area_scores], field_name="code")
    dept_scores = t.suggest_department(text)
    depts = Department.objects.in_bulk([int(i) for i, _s in dept_scores])
    candidates = Suggestion.objects.filter(
        campaign=suggestion.campaign, state=Suggestion.State.SUBMITTED
    ).exclude(pk=suggestion.pk)
    texts = [(s.pk, f"{s.title}。{s.text}") for s in candidates.only("pk", "title", "text")]
    dup_scores = t.near_duplicates(text, texts) if texts else []
    dups = Suggestion.objects.in_bulk([pk for pk, _s in dup_scores])
    return Proposal(
        areas=[(areas_by_code[c], s) for c, s in area_scores if c in areas_by_code],
        departments=[(depts[int(i)], s) for i, s in dept_scores if int(i) in depts],
        duplicates=[(dups[pk], s) for pk, s in dup_scores if pk in dups],
    )


def public_text(suggestion: Suggestion) -> str:
    """A first draft of the public board text: personal data in the text replaced by ***."""
    return triage.redact_personal(suggestion.text)
