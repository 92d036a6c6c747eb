"""Navigation and dashboard cards of the meetings app (see ``minping.registry``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from minping.accounts.models import Role, User
from minping.campaigns.models import Campaign, Session
from minping.lib.lang import zh
from minping.meetings.access import STAFF
from minping.meetings.actions import SEATED
from minping.meetings.models import Attendance, Credential, DisciplineNote, SeatAssignment
from minping.registry import Card, NavItem
from minping.selection.models import Representative


def _user(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


def nav(request: HttpRequest) -> list[NavItem]:
    user = _user(request)
    if user is None:
        return []
    if user.role in STAFF or user.is_superuser:
        return [NavItem(_("述职报告会"), reverse("meetings:index"), order=45)]
    if user.role == Role.REPRESENTATIVE:
        return [NavItem(_("我的参会证"), reverse("meetings:my"), order=45)]
    return []


def _today_sessions(campaign: Campaign) -> list[Session]:
    return list(campaign.sessions.filter(date=timezone.localdate()).order_by("number"))


def _rate(session: Session, venue_ids: list[int] | None = None) -> tuple[int, int]:
    reps = Representative.objects.filter(session=session, status__in=SEATED)
    present = Attendance.objects.filter(session=session)
    if venue_ids is not None:
        reps = reps.filter(venue_id__in=venue_ids)
        present = present.filter(venue_id__in=venue_ids)
    return present.count(), reps.count()


def cards(request: HttpRequest) -> list[Card]:
    user = _user(request)
    campaign = Campaign.objects.current()
    if user is None or campaign is None:
        return []
    if user.role == Role.REPRESENTATIVE and not user.is_superuser:
        return _representative_cards(user)
    office = user.is_superuser or user.role == Role.OFFICE
    out: list[Card] = []
    if office or user.role in (Role.SUPERVISOR, Role.STATISTICS):
        for session in _today_sessions(campaign):
            present, expected = _rate(session)
            out.append(
                Card(
                    title=_("今日述职报告会：%(session)s") % {"session": session},
                    url=reverse("meetings:attendance", args=[session.pk]),
                    body=_("已签到%(present)d/%(expected)d人")
                    % {"present": present, "expected": expected},
                    count=present,
                    level="warning",
                    order=15,
                )
            )
    if user.role == Role.DISTRICT and user.district_id:
        venue_ids = list(
            campaign.venues.filter(district_id=user.district_id).values_list("pk", flat=True)
        )
        for session in _today_sessions(campaign):
            present, expected = _rate(session, venue_ids)
            if expected:
                out.append(
                    Card(
                        title=_("本会场签到：%(session)s") % {"session": session},
                        url=reverse("meetings:checkin", args=[session.pk, venue_ids[0]]),
                        body=_("已签到%(present)d/%(expected)d人")
                        % {"present": present, "expected": expected},
                        count=present,
                        level="warning",
                        order=15,
                    )
                )
    if office:
        seated = Representative.objects.filter(draw__campaign=campaign, status__in=SEATED)
        with_card = Credential.objects.filter(
            campaign=campaign, is_revoked=False, representative__isnull=False
        ).count()
        missing = seated.count() - with_card
        if missing > 0:
            out.append(
                Card(
                    title=_("待制作的市民代表证"),
                    url=reverse("meetings:credentials"),
                    count=missing,
                    level="warning",
                    order=46,
                )
            )
    if user.role == Role.SUPERVISOR:
        notes = DisciplineNote.objects.filter(session__campaign=campaign)
        today = timezone.localdate()
        recent = list(
            campaign.sessions.filter(date__lte=today).order_by("-date", "-number")[:1]
        ) or list(campaign.sessions.order_by("number")[:1])
        if recent:
            out.append(
                Card(
                    title=_("现场纪律检查记录"),
                    url=reverse("meetings:discipline", args=[recent[0].pk]),
                    body=_("本年度共%(n)d条记录") % {"n": notes.count()},
                    count=notes.count(),
                    order=47,
                )
            )
    return out


def _representative_cards(user: User) -> list[Card]:
    rep = (
        Representative.objects.filter(user=user, status__in=SEATED)
        .select_related("session", "venue")
        .order_by("-draw__campaign__year")
        .first()
    )
    if rep is None:
        return []
    seat = SeatAssignment.objects.filter(representative=rep).first()
    parts = [str(rep.session), zh(rep.venue)]
    if seat is not None:
        parts.append(seat.label())
    body = format_html_join(" · ", "{}", ((part,) for part in parts))
    return [Card(title=_("我的参会证"), url=reverse("meetings:my"), body=body, order=11)]
