"""One access function per protected object of the departments app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from minping.accounts.access import current_user
from minping.accounts.models import Role, User
from minping.campaigns.models import Campaign
from minping.departments.models import HandbookBuild, Material, ReviewerScope, Transition, Version

REVIEW_ROLES = {Role.OFFICE, Role.REVIEWER, Role.DEPARTMENT}


def current_campaign() -> Campaign:
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404("no campaign")
    return campaign


def user_may_see(user: User, material: Material) -> bool:
    if user.is_office:
        return True
    if user.role == Role.DEPARTMENT:
        return user.department_id == material.department_id
    if user.role == Role.REVIEWER:
        return (
            ReviewerScope.objects.filter(campaign_id=material.campaign_id, user=user)
            .filter(Q(department__isnull=True) | Q(department_id=material.department_id))
            .exists()
        )
    return False


def get_material_for_user(request: HttpRequest, pk: int) -> Material:
    """The material if the signed-in person works on it: its department's staff, a reviewer
    whose scope covers the department, or the office. Others get 404 (drafts stay unseen)."""
    user = current_user(request)
    if user.role not in REVIEW_ROLES and not user.is_superuser:
        raise PermissionDenied
    material = (
        Material.objects.select_related("department", "campaign", "current_version")
        .filter(pk=pk)
        .first()
    )
    if material is None or not user_may_see(user, material):
        raise Http404
    return material


def get_version_for_user(request: HttpRequest, pk: int) -> Version:
    """A version: anyone may have the published one of an item (slides excepted); other
    versions only those who may see the material."""
    version = Version.objects.select_related("material").filter(pk=pk).first()
    if version is None:
        raise Http404
    material = version.material
    # The published version stays public while a revision is reviewed. Slides are played at
    # the meeting, not put online (seed 000 lists report, infographic, info and targets).
    if material.published_version_id == version.pk and material.kind != Material.Kind.SLIDES:
        return version
    if not request.user.is_authenticated:
        raise Http404
    get_material_for_user(request, material.pk)
    return version


def get_transition_for_user(request: HttpRequest, pk: int) -> Transition:
    transition = Transition.objects.select_related("material").filter(pk=pk).first()
    if transition is None:
        raise Http404
    get_material_for_user(request, transition.material_id)
    return transition


def get_handbook_for_user(request: HttpRequest, pk: int) -> HandbookBuild:
    """A finished handbook holds only published material: anyone may download it."""
    build = HandbookBuild.objects.select_related("campaign").filter(pk=pk).first()
    if build is None or build.status != HandbookBuild.Status.DONE or not build.file:
        raise Http404
    return build
