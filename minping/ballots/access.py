"""One access function per protected object of the ballots app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from minping.accounts.access import current_user
from minping.accounts.models import Role, User
from minping.ballots.models import BallotBox, Publication
from minping.campaigns.models import Session

#: Who runs the evaluation (design, tokens, open/close, paper entry, seal).
MANAGERS = (Role.OFFICE, Role.STATISTICS)
#: Who may watch every box and see results before publication (no early leak to others).
OVERSEERS = (Role.OFFICE, Role.STATISTICS, Role.SUPERVISOR, Role.TALLIER)


def _is(user: User, roles: tuple[str, ...]) -> bool:
    return user.is_superuser or user.role in roles


def is_manager(user: User) -> bool:
    return _is(user, MANAGERS)


def get_session_for_user(request: HttpRequest, session_id: int, *, manage: bool = False) -> Session:
    """A session for its evaluation pages: managers (and, to read, overseers and districts)."""
    user = current_user(request)
    allowed = MANAGERS if manage else (*OVERSEERS, Role.DISTRICT)
    if not _is(user, allowed):
        raise PermissionDenied
    session = Session.objects.select_related("campaign", "group").filter(pk=session_id).first()
    if session is None:
        raise Http404
    return session


def get_box_for_user(request: HttpRequest, box_id: str, *, manage: bool = False) -> BallotBox:
    """A ballot box: managers all, district officers their own district's venue (to print
    slips and key paper ballots), supervisors and talliers read-only."""
    user = current_user(request)
    box = (
        BallotBox.objects.select_related("venue", "venue__district", "session", "session__campaign")
        .filter(pk=box_id)
        .first()
    )
    if box is None:
        raise Http404
    if is_manager(user):
        return box
    if (
        user.role == Role.DISTRICT
        and box.venue.district_id == user.district_id
        and user.district_id
    ):
        return box
    if not manage and user.role in (Role.SUPERVISOR, Role.TALLIER):
        return box
    raise PermissionDenied


def can_key_paper(user: User, box: BallotBox) -> bool:
    return is_manager(user) or (
        user.role == Role.DISTRICT
        and bool(user.district_id)
        and box.venue.district_id == user.district_id
    )


def is_published(session: Session) -> bool:
    return Publication.objects.filter(session=session).exists()


def get_results_session(request: HttpRequest, session_id: int) -> Session:
    """A session's scores: overseers at any time; anyone else only once the office published."""
    session = Session.objects.select_related("campaign", "group").filter(pk=session_id).first()
    if session is None:
        raise Http404
    user = request.user
    if isinstance(user, User) and user.is_authenticated and _is(user, OVERSEERS):
        return session
    if not is_published(session):
        # Not published yet: departments and the public cannot tell results exist.
        raise Http404
    return session
