"""Quota questions: the branch tolerance rule and rules of the seeds that contradict the table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from minping.campaigns.models import Campaign
from minping.selection import seedquotas
from minping.selection.models import Quota


@dataclass(frozen=True)
class Adjustment:
    seed_count: int
    count: int


def adjustment_errors(rows: Sequence[Adjustment], *, is_branch: bool) -> list[str]:
    """Why a venue's quotas for one session cannot be saved (empty: they can).

    The session's total at the venue is kept (seed 000: 应确保参加活动总人数); at a branch
    at most 10 % of it may move between categories (允许在参加活动总人数的10%范围内调整).
    """
    errors: list[str] = []
    total = sum(r.seed_count for r in rows)
    new_total = sum(r.count for r in rows)
    if new_total != total:
        errors.append(
            _("调整后合计%(new)d人，须保持方案人数%(total)d人") % {"new": new_total, "total": total}
        )
    if is_branch:
        moved = sum(max(0, r.count - r.seed_count) for r in rows)
        limit = total * seedquotas.BRANCH_TOLERANCE // 100
        if moved > limit:
            errors.append(
                _("调整了%(moved)d人，超过分会场合计人数的10%%（%(limit)d人）")
                % {"moved": moved, "limit": limit}
            )
    return errors


def rule_warnings(campaign: Campaign) -> list[str]:
    """Rules from the seeds that the quota table does not meet: shown, never hidden."""
    quotas = list(
        Quota.objects.filter(campaign=campaign).select_related("venue__district", "category")
    )
    if not quotas:
        return []
    warnings: list[str] = []
    total = sum(q.count for q in quotas)
    npc_cppcc = sum(q.count for q in quotas if q.category.code in seedquotas.NPC_CPPCC_CODES)
    share = 100 * npc_cppcc / total if total else 0
    if share < seedquotas.NPC_CPPCC_MIN_SHARE:
        warnings.append(
            _(
                "2023年实施方案要求“市民代表中人大代表、政协委员的比例不低于80%%”，"
                "而名额表中人大代表、政协委员共%(n)d人，占%(share).1f%%。两者矛盾，请联席会议办公室确认以哪一项为准。"
            )
            % {"n": npc_cppcc, "share": share}
        )
    branch_by_session: dict[int, int] = defaultdict(int)
    for q in quotas:
        if q.venue.district_id is not None:
            branch_by_session[q.session_id] += q.count
    if any(n != seedquotas.STATED_BRANCH_TOTAL for n in branch_by_session.values()):
        warnings.append(
            _(
                "选聘方案正文写“各分会场每组共%(stated)d人”，但名额表中分会场每场合计%(have)s人"
                "（各旗区人数之和）。请确认每场总人数。"
            )
            % {
                "stated": seedquotas.STATED_BRANCH_TOTAL,
                "have": "/".join(str(n) for n in sorted(set(branch_by_session.values()))),
            }
        )
    volunteers: dict[tuple[int, str], int] = defaultdict(int)
    for q in quotas:
        if q.category.code == "volunteer":
            where = q.venue.district.name if q.venue.district else "main"
            volunteers[(q.session_id, where)] += q.count
    differences = []
    sessions = sorted({q.session_id for q in quotas})
    for district, planned in seedquotas.VOLUNTEERS_2021.items():
        for session_id in sessions:
            have = volunteers.get((session_id, district), 0)
            if have != planned:
                differences.append(
                    _("%(district)s 方案%(plan)d人、名额表%(have)d人")
                    % {
                        # Escaped: the sentence is marked safe below (its English marks the name
                        # as Chinese).
                        "district": escape(district),
                        "plan": planned,
                        "have": have,
                    }
                )
                break
    if differences:
        warnings.append(
            mark_safe(  # noqa: S308 - a translated sentence around escaped names
                _("《自愿报名市民代表选聘方案》规定的每场自愿报名名额与名额表不一致：%(list)s")
                % {"list": pgettext("list separator", "；").join(differences)}
            )
        )
    return warnings
