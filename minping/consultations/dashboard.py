"""Navigation links and dashboard cards for consultations (see minping.registry)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from minping.accounts.models import Role, User
from minping.lib.lang import zh
from minping.registry import Card, NavItem


def _user(request: Any) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


def nav(request: Any) -> list[NavItem]:
    items = [NavItem(_("征求意见"), reverse("consultations:index"), order=45)]
    user = _user(request)
    if user is None:
        return items
    if user.is_office or user.role == Role.SUPERVISOR:
        items.append(NavItem(_("征求意见督查"), reverse("consultations:oversight"), order=46))
    elif user.role == Role.DEPARTMENT:
        items.append(NavItem(_("征求意见办理"), reverse("consultations:manage"), order=46))
    return items


def public_links(campaign: Any) -> list[NavItem]:
    from minping.consultations.models import Consultation

    links = [NavItem(_("重大决策征求意见"), reverse("consultations:index"), order=45)]
    for c in Consultation.objects.filter(campaign=campaign, state=Consultation.State.OPEN)[:3]:
        title = c.title.replace("（征求意见稿）", "")
        short = title if len(title) <= 14 else title[:13] + "…"
        links.append(
            NavItem(
                mark_safe(_("征求意见：%(title)s") % {"title": zh(short)}),  # noqa: S308 - escaped
                c.get_absolute_url(),
                order=46,
            )
        )
    return links


def cards(request: Any) -> list[Card]:
    from minping.campaigns.models import Campaign
    from minping.consultations.actions import needs_weighing
    from minping.consultations.models import Comment, Consultation

    user = _user(request)
    campaign = Campaign.objects.current()
    if user is None or campaign is None:
        return []
    S = Consultation.State
    mine = Consultation.objects.filter(campaign=campaign)
    result: list[Card] = []
    if user.is_office:
        review = mine.filter(state=S.SUBMITTED).count()
        approve = mine.filter(state=S.REPORT_SUBMITTED).count()
        url = reverse("consultations:oversight")
        result.append(
            Card(
                _("征求意见待审查发布"),
                url,
                count=review,
                level="warning" if review else "info",
                order=45,
            )
        )
        result.append(
            Card(
                _("公众参与情况报告待批准"),
                url,
                count=approve,
                level="warning" if approve else "info",
                order=46,
            )
        )
    elif user.role == Role.DEPARTMENT and user.department_id:
        own = mine.filter(department_id=user.department_id)
        url = reverse("consultations:manage")
        drafts = own.filter(state=S.DRAFT).count()
        to_moderate = Comment.objects.filter(
            consultation__in=own, status=Comment.Status.PENDING
        ).count()
        to_weigh = needs_weighing(
            Comment.objects.filter(consultation__in=own.filter(state=S.CLOSED))
        ).count()
        if drafts:
            result.append(Card(_("征求意见草稿"), url, count=drafts, order=45))
        result.append(
            Card(
                _("待审核的公众意见"),
                url,
                count=to_moderate,
                level="warning" if to_moderate else "info",
                order=46,
            )
        )
        if to_weigh:
            result.append(
                Card(_("征求意见已截止，待归纳研判的意见"), url, count=to_weigh, order=47)
            )
    return result
