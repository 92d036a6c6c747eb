"""The review chain of a material: a table of allowed moves and one guard per move.

draft → submitted → reviewed (政务科室) → signed (分管领导, recorded by the desk reviewer)
→ cleared (文稿筹备组 + 宣传部 publicity review) → published (office); any review step may
return the item with comments, and a returned item is edited and submitted again. A published
item can be reopened as a draft by its department (data updated before the meeting): the
published version stays public until the revision is published in its turn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minping.accounts.models import Role, User
from minping.departments.models import Material, ReviewerScope
from minping.departments.rules import missing_report_parts

S = Material.State

ALLOWED: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.REVIEWED, S.RETURNED},
    S.REVIEWED: {S.SIGNED, S.RETURNED},
    S.SIGNED: {S.CLEARED, S.RETURNED},
    S.CLEARED: {S.PUBLISHED, S.RETURNED},
    S.RETURNED: {S.SUBMITTED},
    S.PUBLISHED: {S.DRAFT},
}

# Button labels for each move, in the reviewer's words.
ACTION_LABELS: dict[str, Any] = {
    S.SUBMITTED: gettext_lazy("提交审核"),
    S.REVIEWED: gettext_lazy("政务科室审核通过"),
    S.SIGNED: gettext_lazy("登记分管领导签字"),
    S.CLEARED: gettext_lazy("公开性审核通过"),
    S.PUBLISHED: gettext_lazy("发布到网上"),
    S.RETURNED: gettext_lazy("退回修改"),
    S.DRAFT: gettext_lazy("修订（修订期间已发布的版本继续公开）"),
}


class TransitionRefused(Exception):
    """The move is not allowed now; the message says why, in Chinese."""


def desk_covers(user: User, material: Material) -> bool:
    return ReviewerScope.objects.filter(
        campaign_id=material.campaign_id,
        user=user,
        kind=ReviewerScope.Kind.DESK,
        department_id=material.department_id,
    ).exists()


def publicity_covers(user: User, material: Material) -> bool:
    return (
        ReviewerScope.objects.filter(
            campaign_id=material.campaign_id, user=user, kind=ReviewerScope.Kind.PUBLICITY
        )
        .filter(Q(department__isnull=True) | Q(department_id=material.department_id))
        .exists()
    )


def is_department_staff(user: User, material: Material) -> bool:
    return user.role == Role.DEPARTMENT and user.department_id == material.department_id


def submission_problems(material: Material) -> list[str]:
    """What must be fixed before the item can be submitted."""
    version = material.current_version
    if version is None:
        return [_("还没有保存任何内容。")]
    problems: list[str] = []
    if material.kind == Material.Kind.REPORT:
        for part in missing_report_parts(version.html):
            problems.append(_("缺少必备部分的标题：%(part)s。") % {"part": part})
        if not version.signed_page:
            problems.append(_("须上传部门主要负责人签字的签字页。"))
    return problems


def _reviewer_for_return(user: User, material: Material) -> bool:
    if material.state in (S.SUBMITTED, S.REVIEWED):
        return desk_covers(user, material)
    if material.state == S.SIGNED:
        return publicity_covers(user, material)
    if material.state == S.CLEARED:
        return publicity_covers(user, material) or user.is_office
    return False


Guard = Callable[[User, Material, dict[str, str]], str | None]


def _guard_submit(user: User, material: Material, fields: dict[str, str]) -> str | None:
    if not is_department_staff(user, material):
        return _("只有本部门工作人员可以提交。")
    problems = submission_problems(material)
    return " ".join(problems) if problems else None


def _guard_review(user: User, material: Material, fields: dict[str, str]) -> str | None:
    if not desk_covers(user, material):
        return _("该部门不在您的分管口审核范围内。")
    return None


def _guard_sign(user: User, material: Material, fields: dict[str, str]) -> str | None:
    if not desk_covers(user, material):
        return _("该部门不在您的分管口审核范围内。")
    if not fields.get("signer"):
        return _("请填写签字的分管领导。")
    if material.kind == Material.Kind.REPORT and not fields.get("signed_page"):
        return _("述职报告须上传分管领导签字页。")
    return None


def _guard_clear(user: User, material: Material, fields: dict[str, str]) -> str | None:
    if not publicity_covers(user, material):
        return _("您没有公开性审核的分工。")
    return None


def _guard_publish(user: User, material: Material, fields: dict[str, str]) -> str | None:
    if not user.is_office:
        return _("只有联席会议办公室可以发布。")
    return None


def _guard_return(user: User, material: Material, fields: dict[str, str]) -> str | None:
    if not _reviewer_for_return(user, material):
        return _("您不能在这一步退回该材料。")
    if not fields.get("comment", "").strip():
        return _("退回时请写明修改意见。")
    return None


def _guard_revise(user: User, material: Material, fields: dict[str, str]) -> str | None:
    if not is_department_staff(user, material):
        return _("只有本部门工作人员可以修订已发布的材料。")
    return None


GUARDS: dict[str, Guard] = {
    S.DRAFT: _guard_revise,
    S.SUBMITTED: _guard_submit,
    S.REVIEWED: _guard_review,
    S.SIGNED: _guard_sign,
    S.CLEARED: _guard_clear,
    S.PUBLISHED: _guard_publish,
    S.RETURNED: _guard_return,
}


def check(user: User, material: Material, to_state: str, fields: dict[str, str]) -> None:
    """Raises :class:`TransitionRefused` unless ``user`` may move ``material`` to ``to_state``."""
    if to_state not in ALLOWED.get(material.state, set()):
        raise TransitionRefused(
            _("“%(state)s”的材料不能改为“%(to)s”。")
            % {"state": material.get_state_display(), "to": S(to_state).label}
        )
    reason = GUARDS[to_state](user, material, fields)
    if reason:
        raise TransitionRefused(reason)


def moves_for(user: User, material: Material) -> list[str]:
    """The moves ``user`` could make now (guards that need form input are checked later)."""
    moves = []
    for to_state in sorted(ALLOWED.get(material.state, set()), key=list(S.values).index):
        probe = {"comment": "x", "signer": "x", "signed_page": "x"}
        if GUARDS[to_state](user, material, probe) is None or (
            to_state == S.SUBMITTED and is_department_staff(user, material)
        ):
            moves.append(to_state)
    return moves
