"""Navigation, dashboard cards and public links of the ballots app (see ``minping.registry``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from minping.accounts.models import Role, User
from minping.ballots.models import BallotBox, PaperEntry, Publication, TallyUpload
from minping.ballots.reports import all_sealed
from minping.campaigns.models import Campaign
from minping.lib.lang import zh
from minping.registry import Card, NavItem

STAFF = {Role.OFFICE, Role.STATISTICS, Role.SUPERVISOR, Role.TALLIER, Role.DISTRICT}


def _user(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


def nav(request: HttpRequest) -> list[NavItem]:
    user = _user(request)
    if user is None or not (user.role in STAFF or user.is_superuser):
        return []
    return [NavItem(_("市民评议"), reverse("ballots:index"), order=40)]


def cards(request: HttpRequest) -> list[Card]:
    """Open boxes, paper ballots waiting for a keying or a third look, boxes to seal; a
    district officer's own venue while it votes; sealed sessions awaiting the tallier."""
    user = _user(request)
    if user is not None and user.role == Role.DISTRICT and not user.is_superuser:
        return _district_cards(user)
    if user is not None and user.role == Role.TALLIER and not user.is_superuser:
        return _tallier_cards()
    if user is None or not (user.role in (Role.OFFICE, Role.STATISTICS) or user.is_superuser):
        return []
    out: list[Card] = []
    open_boxes = BallotBox.objects.filter(state="open").select_related("venue")
    if open_boxes:
        out.append(
            Card(
                title=_("正在投票的会场"),
                url=reverse("ballots:index"),
                body=zh("、".join(b.venue.name for b in open_boxes[:5])),
                count=len(open_boxes),
                level="warning",
                order=20,
            )
        )
    pending = PaperEntry.objects.values("token_code").distinct().count()
    if pending:
        out.append(
            Card(
                title=_("待完成的纸质票录入"),
                url=reverse("ballots:index"),
                body=_("两遍录入一致才计票；不一致的须第三人复核。"),
                count=pending,
                level="warning",
                order=21,
            )
        )
    to_seal = BallotBox.objects.filter(state="closed").count()
    if to_seal:
        out.append(
            Card(
                title=_("已结束、待封存的票箱"),
                url=reverse("ballots:index"),
                count=to_seal,
                level="danger",
                order=22,
            )
        )
    return out


def _district_cards(user: User) -> list[Card]:
    """The officer's own venue while it votes: slips to hand out, paper ballots to key."""
    if not user.district_id:
        return []
    boxes = (
        BallotBox.objects.filter(
            session__campaign=Campaign.objects.current(),
            venue__district_id=user.district_id,
            state__in=[BallotBox.State.OPEN, BallotBox.State.CLOSED],
        )
        .select_related("session", "venue")
        .order_by("session__number")
    )
    return [
        Card(
            title=_("本会场票箱：%(state)s") % {"state": box.get_state_display()},
            url=reverse("ballots:box", args=[box.pk]),
            body=mark_safe(  # noqa: S308 - a translated sentence around an escaped name
                _("%(box)s：已发放%(issued)d张凭证，已回收%(returned)d张。")
                % {"box": zh(box), "issued": box.issued, "returned": box.returned}
            ),
            level="warning",
            order=20,
        )
        for box in boxes
    ]


def _tallier_cards() -> list[Card]:
    """Sessions whose boxes are all sealed and that have no third-party result yet."""
    campaign = Campaign.objects.current()
    if campaign is None:
        return []
    waiting = [
        session
        for session in campaign.sessions.order_by("number")
        if all_sealed(session) and not TallyUpload.objects.filter(session=session).exists()
    ]
    if not waiting:
        return []
    return [
        Card(
            title=_("待第三方统计的场次"),
            url=reverse("ballots:tally", args=[waiting[0].pk]),
            body=_("全部会场已封存，请下载导出文件离线统计后上传结果：%(sessions)s")
            % {"sessions": "、".join(str(s) for s in waiting)},
            count=len(waiting),
            level="warning",
            order=20,
        )
    ]


def public_links(campaign: Any) -> list[NavItem]:
    links = [
        NavItem(_("市民代表评议（输入凭证码）"), reverse("ballots:vote_start"), order=40),
        NavItem(_("评议公示栏：封存哈希与回执"), reverse("ballots:board"), order=41),
    ]
    if Publication.objects.filter(session__campaign=campaign).exists():
        links.append(NavItem(_("评议结果"), reverse("ballots:board"), order=42))
    return links
