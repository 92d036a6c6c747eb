"""One access function per protected object of the selection app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from minping.accounts.access import current_user
from minping.accounts.models import Role, User
from minping.campaigns.models import Campaign, District
from minping.selection.models import Draw, ImportJob, Representative, SampleFrame, Volunteer

# Roles that see the whole selection (masked personal data only).
OVERSEERS = (Role.OFFICE, Role.STATISTICS, Role.SUPERVISOR)


def current_campaign() -> Campaign:
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404
    return campaign


def is_overseer(user: User) -> bool:
    return user.role in OVERSEERS or user.is_superuser


def frames_for_user(user: User, campaign: Campaign) -> QuerySet[SampleFrame]:
    frames = SampleFrame.objects.filter(campaign=campaign).select_related("category", "department")
    if user.role in (Role.OFFICE, Role.STATISTICS) or user.is_superuser:
        return frames
    if user.role == Role.DEPARTMENT and user.department_id:
        return frames.filter(department_id=user.department_id)
    raise PermissionDenied


def get_frame_for_user(request: HttpRequest, pk: int) -> SampleFrame:
    """A frame the statistics bureau, the office or its responsible department may manage."""
    user = current_user(request)
    frame = (
        SampleFrame.objects.select_related("campaign", "category", "department")
        .filter(pk=pk)
        .first()
    )
    if frame is None:
        raise Http404
    if user.role in (Role.OFFICE, Role.STATISTICS) or user.is_superuser:
        return frame
    if user.role == Role.DEPARTMENT and frame.department_id == user.department_id:
        return frame
    raise Http404


def get_job_for_user(request: HttpRequest, pk: int) -> ImportJob:
    """An import job of a frame the person may manage."""
    job = ImportJob.objects.select_related("frame").filter(pk=pk).first()
    if job is None:
        raise Http404
    get_frame_for_user(request, job.frame_id)
    return job


def get_volunteer_for_user(request: HttpRequest, pk: int) -> Volunteer:
    """A sign-up: the statistics bureau and the office, or the office of the district the
    volunteer lives in."""
    user = current_user(request)
    volunteer = Volunteer.objects.select_related("district").filter(pk=pk).first()
    if volunteer is None:
        raise Http404
    if user.role in (Role.OFFICE, Role.STATISTICS) or user.is_superuser:
        return volunteer
    if user.role == Role.DISTRICT and volunteer.district_id == user.district_id:
        return volunteer
    raise Http404


def get_draw_for_user(request: HttpRequest, *, tallier: bool = False) -> Draw | None:
    """The current campaign's draw (None before the commitment), for overseers (and the
    third-party tallier when ``tallier``: it may fetch the pseudonymised export)."""
    user = current_user(request)
    if not (is_overseer(user) or (tallier and user.role == Role.TALLIER)):
        raise PermissionDenied
    return Draw.objects.filter(campaign=current_campaign()).first()


def district_for_user(request: HttpRequest, requested: str | None) -> District:
    """District officers get their own district; overseers may pick one."""
    user = current_user(request)
    if user.role == Role.DISTRICT:
        if user.district is None:
            raise PermissionDenied
        return user.district
    if not is_overseer(user):
        raise PermissionDenied
    district = District.objects.filter(pk=requested).first() if requested else None
    return district or District.objects.order_by("order").first() or _no_district()


def _no_district() -> District:
    raise Http404


def get_representative_for_user(request: HttpRequest, pk: int) -> Representative:
    """A drawn person: the statistics bureau and the office, or the officer of its district."""
    user = current_user(request)
    rep = (
        Representative.objects.select_related("venue__district", "session", "category", "draw")
        .filter(pk=pk)
        .first()
    )
    if rep is None:
        raise Http404
    if user.role in (Role.OFFICE, Role.STATISTICS) or user.is_superuser:
        return rep
    if user.role == Role.DISTRICT and rep.venue.district_id == user.district_id:
        return rep
    raise Http404
