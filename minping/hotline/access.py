"""One access function per protected object: returns it or raises 404/PermissionDenied."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from minping.accounts.access import current_user
from minping.accounts.models import Role, User
from minping.campaigns.models import Campaign
from minping.hotline.models import Call, Duty, DutyMember, DutyPerson, Rota, Unavailability


def current_campaign() -> Campaign:
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404("no campaign")
    return campaign


def department_on_duty(user: User, duty: Duty) -> bool:
    """Whether ``user`` is staff of a department whose head sits on ``duty``."""
    return (
        user.role == Role.DEPARTMENT
        and user.department_id is not None
        and duty.rota.is_published
        and duty.members.filter(
            pool=DutyPerson.Kind.HEAD, person__department_id=user.department_id
        ).exists()
    )


def duties_for(user: User) -> QuerySet[Duty]:
    """The duties a person may open: the office all, department staff their head's (published)."""
    qs = Duty.objects.select_related("rota", "rota__campaign")
    if user.is_office:
        return qs
    if user.role == Role.DEPARTMENT and user.department_id is not None:
        return qs.filter(
            rota__state=Rota.State.PUBLISHED,
            members__pool=DutyPerson.Kind.HEAD,
            members__person__department_id=user.department_id,
        ).distinct()
    return qs.none()


def get_duty_for_user(request: HttpRequest, pk: int) -> Duty:
    """A duty for the office, or for staff of a department whose head is on it; else 404."""
    user = current_user(request)
    if not (user.is_office or user.role == Role.DEPARTMENT):
        raise PermissionDenied
    return get_object_or_404(duties_for(user), pk=pk)


def get_call_for_user(request: HttpRequest, pk: int) -> Call:
    """A call record for the office, or for staff of the department on that duty; else 404."""
    user = current_user(request)
    if not (user.is_office or user.role == Role.DEPARTMENT):
        raise PermissionDenied
    call = get_object_or_404(
        Call.objects.select_related("duty__rota", "area", "district", "suggestion", "recorded_by"),
        pk=pk,
    )
    if user.is_office or department_on_duty(user, call.duty):
        return call
    raise Http404("no such call")


def get_rota_for_office(request: HttpRequest, pk: int) -> Rota:
    if not current_user(request).is_office:
        raise PermissionDenied
    return get_object_or_404(Rota.objects.select_related("campaign"), pk=pk)


def get_person_for_office(request: HttpRequest, pk: int) -> DutyPerson:
    if not current_user(request).is_office:
        raise PermissionDenied
    return get_object_or_404(DutyPerson.objects.select_related("department"), pk=pk)


def get_unavailability_for_office(request: HttpRequest, pk: int) -> Unavailability:
    if not current_user(request).is_office:
        raise PermissionDenied
    return get_object_or_404(Unavailability.objects.select_related("person"), pk=pk)


def get_member_for_office(request: HttpRequest, pk: int) -> DutyMember:
    if not current_user(request).is_office:
        raise PermissionDenied
    return get_object_or_404(
        DutyMember.objects.select_related("duty__rota", "person__department"), pk=pk
    )


def get_published_rota(pk: int) -> Rota:
    """A rota the public may see: published only."""
    return get_object_or_404(Rota, pk=pk, state=Rota.State.PUBLISHED)
