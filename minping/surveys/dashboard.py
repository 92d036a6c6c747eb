"""Navigation, dashboard cards and public links of the surveys app (see ``minping.registry``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from minping.accounts.models import Role, User
from minping.campaigns.models import Campaign
from minping.lib.lang import zh
from minping.registry import Card, NavItem
from minping.surveys import reports
from minping.surveys.models import PaperEntry, Survey

MANAGERS = {Role.OFFICE, Role.STATISTICS}


def _user(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


def _surveys() -> list[Survey]:
    campaign = Campaign.objects.current()
    return list(Survey.objects.filter(campaign=campaign)) if campaign else []


def nav(request: HttpRequest) -> list[NavItem]:
    user = _user(request)
    if user is None or not (user.role in MANAGERS or user.is_superuser):
        return []
    return [NavItem(_("民意调查"), reverse("surveys:index"), order=45)]


def cards(request: HttpRequest) -> list[Card]:
    """Statistics: status, responses and callback progress; office: results; department:
    its own score once published."""
    user = _user(request)
    if user is None:
        return []
    if user.role == Role.DEPARTMENT and not user.is_superuser:
        return [
            Card(
                title=_("社情民意调查得分已发布"),
                url=reverse("surveys:scores", args=[s.pk]),
                body=zh(s.title),
                level="info",
                order=46,
            )
            for s in _surveys()
            if s.is_published
        ]
    if not (user.role in MANAGERS or user.is_superuser):
        return []
    out: list[Card] = []
    for survey in _surveys():
        total = reports.counted(survey).count()
        body = escape(
            _("%(state)s：%(n)d份答卷。") % {"state": survey.get_state_display(), "n": total}
        )
        if user.role == Role.STATISTICS:
            for call_list in survey.call_lists.filter(drawn_at__isnull=False):
                progress = reports.callback_progress(call_list)
                body += mark_safe(  # noqa: S308 - a translated sentence around an escaped name
                    _(" 电话回访（%(name)s）：完成%(a)d/%(t)d。")
                    % {
                        "name": zh(call_list.name),
                        "a": progress["answered"],
                        "t": progress["total"],
                    }
                )
        url = reverse("surveys:detail" if user.role == Role.STATISTICS else "surveys:results",
                      args=[survey.pk])  # fmt: skip
        out.append(
            Card(
                title=mark_safe(_("民意调查：%(t)s") % {"t": zh(survey.title)}),  # noqa: S308 - escaped title
                url=url,
                body=body,
                count=total,
                level="warning" if survey.state == Survey.State.OPEN else "info",
                order=45,
            )
        )
        pending = PaperEntry.objects.filter(survey=survey).values("code").distinct().count()
        if pending:
            out.append(
                Card(
                    title=_("待完成的纸质问卷录入"),
                    url=reverse("surveys:paper", args=[survey.pk]),
                    body=_("两遍录入一致才计入；不一致的须第三人复核。"),
                    count=pending,
                    level="warning",
                    order=46,
                )
            )
    return out


def public_links(campaign: Any) -> list[NavItem]:
    links = []
    for survey in Survey.objects.filter(campaign=campaign, state=Survey.State.OPEN):
        if survey.open_link:
            links.append(
                NavItem(
                    _("参加社情民意调查：%(t)s") % {"t": survey.title},
                    reverse("surveys:open_answer", args=[survey.pk]),
                    order=45,
                )
            )
    if Survey.objects.filter(campaign=campaign).exclude(state=Survey.State.DRAFT).exists():
        links.append(
            NavItem(_("填写调查问卷（输入调查码）"), reverse("surveys:answer_start"), order=46)
        )
    return links
