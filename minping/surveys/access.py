"""One access function per protected object of the surveys app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from minping.accounts.access import current_user
from minping.accounts.models import Role, User
from minping.surveys.models import CallContact, CallList, Survey

#: Who runs the questionnaire (design, codes, paper entry, callbacks, live results).
MANAGERS = (Role.OFFICE, Role.STATISTICS)


def is_manager(user: User) -> bool:
    return user.is_superuser or user.role in MANAGERS


def get_survey_for_user(request: HttpRequest, survey_id: int) -> Survey:
    """A survey for its staff pages: the office and the statistics bureau only."""
    user = current_user(request)
    if not is_manager(user):
        raise PermissionDenied
    survey = Survey.objects.select_related("campaign").filter(pk=survey_id).first()
    if survey is None:
        raise Http404
    return survey


def get_scores_survey(request: HttpRequest, survey_id: int) -> Survey:
    """The score table: managers at any time; department staff once the office published
    (and then only their own row, filtered by the view); nobody else."""
    user = current_user(request)
    survey = Survey.objects.select_related("campaign").filter(pk=survey_id).first()
    if survey is None:
        raise Http404
    if is_manager(user):
        return survey
    if user.role == Role.DEPARTMENT and user.department_id and survey.is_published:
        return survey
    raise Http404


def get_call_list_for_user(request: HttpRequest, list_id: int) -> CallList:
    """A call list: managers only (the bureau's interviewers hold the statistics role)."""
    user = current_user(request)
    if not is_manager(user):
        raise PermissionDenied
    found = CallList.objects.select_related("survey", "survey__campaign").filter(pk=list_id).first()
    if found is None:
        raise Http404
    return found


def get_contact_for_user(request: HttpRequest, contact_id: int) -> CallContact:
    """A sampled contact, for the interviewer's page; an unsampled one is not reachable."""
    user = current_user(request)
    if not is_manager(user):
        raise PermissionDenied
    contact = (
        CallContact.objects.select_related("call_list", "call_list__survey", "district")
        .filter(pk=contact_id, sample_rank__isnull=False)
        .first()
    )
    if contact is None:
        raise Http404
    return contact
