"""Access functions for the campaign frame: the office sets up every year, nobody else."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest

from minping.accounts.access import current_user
from minping.campaigns.models import (
    Campaign,
    Category,
    Deadline,
    Department,
    DepartmentGroup,
    District,
    Session,
    Venue,
)

M = TypeVar("M", bound=models.Model)


def _require_office(request: HttpRequest) -> None:
    if not current_user(request).is_office:
        raise PermissionDenied


def _get(request: HttpRequest, queryset: models.QuerySet[M], **lookup: object) -> M:
    _require_office(request)
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def get_campaign_for_office(request: HttpRequest, year: int) -> Campaign:
    """The campaign of ``year`` for the office to set up; 403 for other roles, 404 if none."""
    return _get(request, Campaign.objects.all(), year=year)


def get_session_for_office(request: HttpRequest, pk: int) -> Session:
    """One session, with its campaign and group; office only."""
    return _get(request, Session.objects.select_related("campaign", "group"), pk=pk)


def get_venue_for_office(request: HttpRequest, pk: int) -> Venue:
    """One venue, with its campaign and district; office only."""
    return _get(request, Venue.objects.select_related("campaign", "district"), pk=pk)


def get_district_for_office(request: HttpRequest, pk: int) -> District:
    """One district (旗区); office only."""
    return _get(request, District.objects.all(), pk=pk)


def get_department_for_office(request: HttpRequest, pk: int) -> Department:
    """One department; office only (department staff read theirs in the departments app)."""
    return _get(request, Department.objects.all(), pk=pk)


def get_group_for_office(request: HttpRequest, pk: int) -> DepartmentGroup:
    """One reporting group, with its campaign; office only."""
    return _get(request, DepartmentGroup.objects.select_related("campaign"), pk=pk)


def get_category_for_office(request: HttpRequest, pk: int) -> Category:
    """One representative category, with its campaign; office only."""
    return _get(request, Category.objects.select_related("campaign"), pk=pk)


def get_deadline_for_office(request: HttpRequest, pk: int) -> Deadline:
    """One deadline of the campaign calendar, with its campaign; office only."""
    return _get(request, Deadline.objects.select_related("campaign"), pk=pk)
