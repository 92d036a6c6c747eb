"""One access function per protected object: returns it or raises 404/PermissionDenied.

The public sees a consultation once the office has published it; the 决策承办单位 sees its
own department's in every state; the office and the supervisors see all (supervisors
read only).
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from minping.accounts.access import current_user
from minping.accounts.models import Role, User
from minping.campaigns.models import Campaign
from minping.consultations import actions
from minping.consultations.models import (
    Attachment,
    Comment,
    Consultation,
    Delegate,
    Hearing,
    Opinion,
    Option,
    Participant,
    Registration,
    Symposium,
)

PUBLIC_STATES = [
    Consultation.State.PUBLISHED,
    Consultation.State.OPEN,
    Consultation.State.CLOSED,
    Consultation.State.REPORT_SUBMITTED,
    Consultation.State.REPORT_PUBLISHED,
    Consultation.State.ARCHIVED,
]


def current_campaign() -> Campaign:
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404("no campaign")
    return campaign


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def is_reader(user: User | None) -> bool:
    """Office and supervisors read every consultation."""
    return user is not None and (user.is_office or user.role == Role.SUPERVISOR)


def is_unit_of(user: User | None, consultation: Consultation) -> bool:
    return (
        user is not None
        and user.role == Role.DEPARTMENT
        and user.department_id == consultation.department_id
    )


def staff_consultations(user: User) -> QuerySet[Consultation]:
    qs = Consultation.objects.select_related("department", "campaign")
    if is_reader(user):
        return qs
    if user.role == Role.DEPARTMENT and user.department_id is not None:
        return qs.filter(department_id=user.department_id)
    return qs.none()


def get_public_consultation(pk: int) -> Consultation:
    """A published consultation for anyone; its dates are applied first (opens/closes)."""
    c = get_object_or_404(
        Consultation.objects.select_related("department", "campaign"),
        pk=pk,
        state__in=PUBLIC_STATES,
    )
    return actions.do_apply_clock(c)


def get_consultation_for_staff(request: HttpRequest, pk: int) -> Consultation:
    """The 承办单位's own consultation, or any for the office and supervisors; 404 otherwise."""
    user = current_user(request)
    if not (is_reader(user) or user.role == Role.DEPARTMENT):
        raise PermissionDenied
    c = get_object_or_404(staff_consultations(user), pk=pk)
    return actions.do_apply_clock(c)


def get_consultation_for_unit(request: HttpRequest, pk: int) -> Consultation:
    """For writes of the 决策承办单位: its own department's only."""
    user = current_user(request)
    if user.role != Role.DEPARTMENT:
        raise PermissionDenied
    c = get_object_or_404(staff_consultations(user), pk=pk)
    return actions.do_apply_clock(c)


def get_consultation_for_office(request: HttpRequest, pk: int) -> Consultation:
    if not current_user(request).is_office:
        raise PermissionDenied
    c = get_object_or_404(Consultation.objects.select_related("department", "campaign"), pk=pk)
    return actions.do_apply_clock(c)


T = TypeVar("T", bound=models.Model)


def _owned_by_unit(request: HttpRequest, queryset: QuerySet[T], pk: int, via: str) -> T:
    """For writes of the 决策承办单位: a row of its own department's consultations only
    (``via`` is the path to the consultation, e.g. ``"hearing__consultation__"``)."""
    user = current_user(request)
    if user.role != Role.DEPARTMENT:
        raise PermissionDenied
    return get_object_or_404(queryset, pk=pk, **{f"{via}department_id": user.department_id})


def get_comment_for_unit(request: HttpRequest, pk: int) -> Comment:
    return _owned_by_unit(
        request, Comment.objects.select_related("consultation", "section"), pk, "consultation__"
    )


def get_opinion_for_unit(request: HttpRequest, pk: int) -> Opinion:
    return _owned_by_unit(
        request, Opinion.objects.select_related("consultation"), pk, "consultation__"
    )


def get_option_for_unit(request: HttpRequest, pk: int) -> Option:
    return _owned_by_unit(
        request, Option.objects.select_related("consultation"), pk, "consultation__"
    )


def get_attachment(request: HttpRequest, pk: int) -> Attachment:
    """Public once the consultation is; before that, for its staff readers only."""
    attachment = get_object_or_404(Attachment.objects.select_related("consultation"), pk=pk)
    c = attachment.consultation
    if c.is_public():
        return attachment
    user = _user(request)
    if is_reader(user) or is_unit_of(user, c):
        return attachment
    raise Http404("no such file")


def get_symposium_for_staff(request: HttpRequest, pk: int) -> Symposium:
    user = current_user(request)
    symposium = get_object_or_404(Symposium.objects.select_related("consultation"), pk=pk)
    if is_reader(user) or is_unit_of(user, symposium.consultation):
        return symposium
    raise Http404("no such symposium")


def get_symposium_for_unit(request: HttpRequest, pk: int) -> Symposium:
    return _owned_by_unit(
        request, Symposium.objects.select_related("consultation"), pk, "consultation__"
    )


def get_hearing_for_staff(request: HttpRequest, pk: int) -> Hearing:
    user = current_user(request)
    hearing = get_object_or_404(Hearing.objects.select_related("consultation"), pk=pk)
    if is_reader(user) or is_unit_of(user, hearing.consultation):
        return hearing
    raise Http404("no such hearing")


def get_hearing_for_unit(request: HttpRequest, pk: int) -> Hearing:
    return _owned_by_unit(
        request, Hearing.objects.select_related("consultation"), pk, "consultation__"
    )


def get_public_hearing(pk: int) -> Hearing:
    """A hearing whose notice is out (第十七条: 公开举行)."""
    return get_object_or_404(
        Hearing.objects.select_related("consultation"),
        pk=pk,
        stage__in=[
            Hearing.Stage.ANNOUNCED,
            Hearing.Stage.LIST_PUBLISHED,
            Hearing.Stage.HELD,
            Hearing.Stage.REPORTED,
        ],
    )


def get_participant_for_unit(request: HttpRequest, pk: int) -> Participant:
    return _owned_by_unit(
        request,
        Participant.objects.select_related("hearing__consultation"),
        pk,
        "hearing__consultation__",
    )


def get_registration_for_unit(request: HttpRequest, pk: int) -> Registration:
    return _owned_by_unit(
        request,
        Registration.objects.select_related("hearing__consultation"),
        pk,
        "hearing__consultation__",
    )


def get_delegate_for_unit(request: HttpRequest, pk: int) -> Delegate:
    return _owned_by_unit(
        request, Delegate.objects.select_related("consultation"), pk, "consultation__"
    )
