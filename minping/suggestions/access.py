"""One access function per protected object: returns it or raises 404/PermissionDenied."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from minping.accounts.access import current_user
from minping.accounts.models import Role, User
from minping.campaigns.models import Campaign, Department
from minping.suggestions.models import (
    Assignment,
    Extension,
    Handler,
    Objection,
    Photo,
    Suggestion,
)


def current_campaign() -> Campaign:
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404("no campaign")
    return campaign


def assignments_for(user: User) -> QuerySet[Assignment]:
    """The assignments a person may open: the office all, unit staff their unit's only."""
    qs = Assignment.objects.select_related("suggestion", "suggestion__area", "department")
    if user.is_office:
        return qs
    if user.role == Role.DEPARTMENT and user.department_id is not None:
        return qs.filter(department_id=user.department_id)
    return qs.none()


def get_assignment_for_user(request: HttpRequest, pk: int) -> Assignment:
    """An assignment of the user's own unit (or any, for the office); 404 otherwise."""
    user = current_user(request)
    if not (user.is_office or user.role == Role.DEPARTMENT):
        raise PermissionDenied
    return get_object_or_404(assignments_for(user), pk=pk)


def get_suggestion_for_office(request: HttpRequest, pk: int) -> Suggestion:
    """The full suggestion record, for the office only."""
    user = current_user(request)
    if not user.is_office:
        raise PermissionDenied
    return get_object_or_404(
        Suggestion.objects.select_related("area", "district", "named_department"), pk=pk
    )


def get_suggestion_by_number(number: str) -> Suggestion:
    """The proposer's status page: the random tracking number is the key to it."""
    return get_object_or_404(
        Suggestion.objects.select_related("area", "campaign"), number=number.strip().upper()
    )


def get_objection_for_office(request: HttpRequest, pk: int) -> Objection:
    if not current_user(request).is_office:
        raise PermissionDenied
    return get_object_or_404(
        Objection.objects.select_related("assignment__suggestion", "assignment__department"),
        pk=pk,
    )


def get_extension_for_office(request: HttpRequest, pk: int) -> Extension:
    if not current_user(request).is_office:
        raise PermissionDenied
    return get_object_or_404(
        Extension.objects.select_related("assignment__suggestion", "assignment__department"),
        pk=pk,
    )


def get_unit_for_user(request: HttpRequest, pk: int) -> Department:
    """A unit whose reports the user may see: the office any, unit staff only their own."""
    user = current_user(request)
    if user.is_office:
        return get_object_or_404(Department, pk=pk)
    if user.role == Role.DEPARTMENT and user.department_id == pk:
        return get_object_or_404(Department, pk=pk)
    raise PermissionDenied


def unit_may_edit(user: User, department: Department) -> bool:
    return user.role == Role.DEPARTMENT and user.department_id == department.pk


def get_photo_for_user(request: HttpRequest, pk: int) -> Photo:
    """A photo for the office, or for a unit the suggestion was dispatched to; 404 otherwise."""
    user = current_user(request)
    photo = get_object_or_404(Photo.objects.select_related("suggestion"), pk=pk)
    if user.is_office:
        return photo
    if (
        user.role == Role.DEPARTMENT
        and assignments_for(user).filter(suggestion_id=photo.suggestion_id).exists()
    ):
        return photo
    raise Http404("no such photo")


def get_handler_for_unit(request: HttpRequest, pk: int) -> Handler:
    """A registered handler of the user's own unit; 404 for any other."""
    user = current_user(request)
    if user.role != Role.DEPARTMENT:
        raise PermissionDenied
    return get_object_or_404(Handler, pk=pk, department_id=user.department_id, is_active=True)
