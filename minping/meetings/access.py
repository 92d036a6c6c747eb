"""One access function per protected object of the meetings app.

Office: everything. District officers: their own district's branch venue (check-in, seats,
attendance, replacements). Supervisors and the statistics bureau: read (attendance, timer
summary); supervisors write the discipline log.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from minping.accounts.access import current_user
from minping.accounts.models import Role, User
from minping.campaigns.models import Session, Venue
from minping.meetings.models import SCREEN_KEY_MIN_LENGTH, Agenda, Credential, SeatAssignment, Slot
from minping.selection.models import Representative

#: Who sees the meeting pages.
STAFF = (Role.OFFICE, Role.STATISTICS, Role.SUPERVISOR, Role.DISTRICT)
#: Who reads every venue's attendance and the timer summary.
OVERSEERS = (Role.OFFICE, Role.STATISTICS, Role.SUPERVISOR)


def is_office(user: User) -> bool:
    return user.is_superuser or user.role == Role.OFFICE


def _is(user: User, roles: tuple[str, ...]) -> bool:
    return user.is_superuser or user.role in roles


def runs_venue(user: User, venue: Venue) -> bool:
    """The office runs every venue; a district officer the district's own branch venue."""
    if is_office(user):
        return True
    return (
        user.role == Role.DISTRICT
        and bool(user.district_id)
        and venue.district_id == user.district_id
    )


def get_session_for_user(request: HttpRequest, session_id: int, *, manage: bool = False) -> Session:
    """A session: the office manages it; staff read it."""
    user = current_user(request)
    if not (is_office(user) if manage else _is(user, STAFF)):
        raise PermissionDenied
    session = Session.objects.select_related("campaign", "group").filter(pk=session_id).first()
    if session is None:
        raise Http404
    return session


def get_venue_for_user(request: HttpRequest, venue_id: int, *, manage: bool = False) -> Venue:
    """A venue: read by staff, run (``manage``) by the office or its own district officer."""
    user = current_user(request)
    venue = Venue.objects.select_related("campaign", "district").filter(pk=venue_id).first()
    if venue is None:
        raise Http404
    if runs_venue(user, venue):
        return venue
    if not manage and _is(user, OVERSEERS):
        return venue
    raise PermissionDenied


def get_session_venue_for_user(
    request: HttpRequest, session_id: int, venue_id: int, *, manage: bool = False
) -> tuple[Session, Venue]:
    venue = get_venue_for_user(request, venue_id, manage=manage)
    session = Session.objects.select_related("campaign").filter(pk=session_id).first()
    if session is None or session.campaign_id != venue.campaign_id:
        raise Http404
    return session, venue


def get_agenda_for_screen_key(key: str) -> Agenda:
    """The agenda a screen link opens: no login, the key is the permission. An unknown,
    rotated or malformed key is a 404 (never a 403 that would confirm anything)."""
    if len(key) < SCREEN_KEY_MIN_LENGTH:
        raise Http404
    agenda = Agenda.objects.select_related("session").filter(screen_key=key).first()
    if agenda is None:
        raise Http404
    return agenda


def get_slot_for_office(request: HttpRequest, slot_id: int) -> Slot:
    if not is_office(current_user(request)):
        raise PermissionDenied
    slot = Slot.objects.select_related("agenda__session").filter(pk=slot_id).first()
    if slot is None:
        raise Http404
    return slot


def get_credential_for_office(request: HttpRequest, credential_id: int) -> Credential:
    if not is_office(current_user(request)):
        raise PermissionDenied
    credential = Credential.objects.filter(pk=credential_id).first()
    if credential is None:
        raise Http404
    return credential


def get_representative_for_user(request: HttpRequest, rep_id: int) -> Representative:
    """A representative whose venue the person runs (to check in or replace)."""
    user = current_user(request)
    if not _is(user, (Role.OFFICE, Role.DISTRICT)):
        raise PermissionDenied
    rep = (
        Representative.objects.select_related("session", "session__campaign", "venue", "category")
        .filter(pk=rep_id)
        .first()
    )
    if rep is None:
        raise Http404
    if not runs_venue(user, rep.venue):
        raise PermissionDenied
    return rep


def get_assignment_for_user(request: HttpRequest, assignment_id: int) -> SeatAssignment:
    user = current_user(request)
    assignment = SeatAssignment.objects.select_related("venue").filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404
    if not runs_venue(user, assignment.venue):
        raise PermissionDenied
    return assignment


def sees_full_names(user: User, venue: Venue) -> bool:
    """Whoever runs the venue prints full names; readers see them masked."""
    return runs_venue(user, venue)
