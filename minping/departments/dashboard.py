"""The departments app's links and dashboard cards (see minping.registry)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from minping.accounts.models import Role
from minping.registry import Card, NavItem


def nav(request: Any) -> list[NavItem]:
    items = [NavItem(_("部门述职材料"), reverse("departments:public_index"), order=20)]
    user = request.user
    if not user.is_authenticated:
        return items
    if user.role == Role.DEPARTMENT:
        items.append(NavItem(_("本部门材料"), reverse("departments:workspace"), order=21))
    if user.role == Role.REVIEWER:
        items.append(NavItem(_("材料审核"), reverse("departments:review_queue"), order=21))
    if user.is_office:
        items.append(NavItem(_("材料进度"), reverse("departments:board"), order=21))
    return items


def cards(request: Any) -> list[Card]:
    from minping.campaigns.models import current_for_request
    from minping.departments.content import deadlines_for
    from minping.departments.models import Material, ReviewerScope, late_step

    user = request.user
    campaign = current_for_request(request)
    if campaign is None or not user.is_authenticated:
        return []
    deadlines = deadlines_for(campaign)
    now = timezone.now()
    result: list[Card] = []
    if user.role == Role.DEPARTMENT and user.department_id:
        materials = {
            m.kind: m
            for m in Material.objects.filter(campaign=campaign, department_id=user.department_id)
        }
        todo = [
            kind
            for kind in Material.Kind.values
            if kind not in materials or materials[kind].is_editable()
        ]
        returned = sum(1 for m in materials.values() if m.state == Material.State.RETURNED)
        late = sum(
            1
            for kind in Material.Kind.values
            if (
                materials[kind].late_step(deadlines, now)
                if kind in materials
                else late_step("draft", deadlines, now)
            )
        )
        if todo:
            result.append(
                Card(
                    title=_("待填写或修改的材料"),
                    url=reverse("departments:workspace"),
                    body=_("其中退回修改%(r)d项，逾期%(l)d项。") % {"r": returned, "l": late},
                    count=len(todo),
                    level="danger" if late else ("warning" if returned else "info"),
                    order=10,
                )
            )
    if user.role == Role.REVIEWER:
        scopes = ReviewerScope.objects.filter(campaign=campaign, user=user)
        desk = [s.department_id for s in scopes if s.kind == ReviewerScope.Kind.DESK]
        count = Material.objects.filter(
            campaign=campaign,
            department_id__in=desk,
            state__in=[Material.State.SUBMITTED, Material.State.REVIEWED],
        ).count()
        if any(s.kind == ReviewerScope.Kind.PUBLICITY for s in scopes):
            count += Material.objects.filter(campaign=campaign, state=Material.State.SIGNED).count()
        if count:
            result.append(
                Card(
                    title=_("待审核的部门材料"),
                    url=reverse("departments:review_queue"),
                    count=count,
                    level="warning",
                    order=10,
                )
            )
    if user.is_office:
        rows = Material.objects.filter(campaign=campaign).values_list(
            "department_id", "kind", "state", "published_version"
        )
        seen = {(d, k): s for d, k, s, _p in rows}
        once_published = {(d, k) for d, k, _s, p in rows if p is not None}
        departments = campaign.groups.values_list("departments", flat=True)
        late = sum(
            1
            for d in departments
            for k in Material.Kind.values
            if late_step(
                seen.get((d, k), "draft"), deadlines, now, published=(d, k) in once_published
            )
        )
        cleared = sum(1 for s in seen.values() if s == Material.State.CLEARED)
        result.append(
            Card(
                title=_("部门材料进度"),
                url=reverse("departments:board"),
                body=_("逾期%(late)d项，待发布%(cleared)d项。")
                % {"late": late, "cleared": cleared},
                count=late or None,
                level="danger" if late else "info",
                order=15,
            )
        )
    return result


def public_links(campaign: Any) -> list[NavItem]:
    return [
        NavItem(
            _("部门述职材料"), reverse("departments:public_year", args=[campaign.year]), order=20
        ),
        NavItem(_("政策文件"), reverse("departments:policies"), order=22),
        NavItem(_("搜索公开材料"), reverse("departments:search"), order=23),
    ]
