"""Writes for department materials; each ``do_*`` is one audited, atomic change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minping.accounts import audit
from minping.accounts.models import User
from minping.campaigns.models import Campaign, Department
from minping.departments import workflow
from minping.departments.models import (
    HandbookBuild,
    Material,
    PolicyDocument,
    ReviewerScope,
    Transition,
    Version,
    Video,
    signed_page_path,
)


class NotEditable(Exception):
    """The material is in review or published and cannot be changed now."""


@transaction.atomic
def do_save_version(
    actor: User | None,
    campaign: Campaign,
    department: Department,
    kind: str,
    *,
    data: dict[str, Any] | None = None,
    html: str = "",
    text: str = "",
    file: UploadedFile | None = None,
    keep_file_from: Version | None = None,
    signed_page: UploadedFile | None = None,
    char_count: int = 0,
    warnings: list[str] | None = None,
) -> Version:
    """Saves a new version of one material; earlier versions stay untouched."""
    material, _created = Material.objects.select_for_update().get_or_create(
        campaign=campaign, department=department, kind=kind
    )
    if not material.is_editable():
        raise NotEditable(_("材料正在审核或已发布，不能修改。"))
    previous = material.current_version
    number = (
        material.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = Version(
        material=material,
        number=number,
        created_by=actor,
        data=data or {},
        html=html,
        text=text,
        char_count=char_count,
        warnings=warnings or [],
    )
    if file is not None:
        version.file = file
        version.file_name = (file.name or "")[:200]
    elif keep_file_from is not None and keep_file_from.file:
        version.file = keep_file_from.file.name
        version.file_name = keep_file_from.file_name
    if signed_page is not None:
        version.signed_page = signed_page
    elif previous is not None and previous.signed_page:
        version.signed_page = previous.signed_page.name
    version.save()
    material.current_version = version
    material.updated_at = timezone.now()
    material.save(update_fields=["current_version", "updated_at"])
    audit.record(
        actor,
        "departments.save_version",
        material,
        before={"version": previous.number if previous else None},
        after={"version": number, "chars": char_count, "warnings": len(version.warnings)},
    )
    return version


@transaction.atomic
def do_transition(
    actor: User,
    material: Material,
    to_state: str,
    *,
    comment: str = "",
    signer: str = "",
    signed_page: UploadedFile | str | None = None,
) -> Transition:
    """Moves a material one step along the review chain and logs it.

    ``signed_page`` is an upload, or the stored name of one shared by several items.
    """
    material = Material.objects.select_for_update().get(pk=material.pk)
    fields = {"comment": comment, "signer": signer, "signed_page": "1" if signed_page else ""}
    workflow.check(actor, material, to_state, fields)
    from_state = material.state
    log = Transition(
        material=material,
        version=material.current_version,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        comment=comment.strip(),
        signer=signer.strip(),
    )
    if signed_page is not None:
        log.signed_page = signed_page
    log.save()
    material.state = to_state
    update = ["state", "updated_at"]
    material.updated_at = timezone.now()
    if to_state == Material.State.PUBLISHED:
        material.published_version = material.current_version
        material.published_at = material.updated_at
        update += ["published_version", "published_at"]
    material.save(update_fields=update)
    audit.record(
        actor,
        "departments.transition",
        material,
        before={"state": from_state},
        after={"state": to_state, "comment": log.comment, "signer": log.signer},
    )
    return log


BULK_MOVES: dict[str, str] = {
    Material.State.REVIEWED: Material.State.SUBMITTED,
    Material.State.SIGNED: Material.State.REVIEWED,
}


@transaction.atomic
def do_move_department(
    actor: User,
    campaign: Campaign,
    department: Department,
    to_state: str,
    *,
    comment: str = "",
    signer: str = "",
    signed_page: UploadedFile | None = None,
) -> int:
    """The desk reviewer's one step for all of a department's items at that step: review them,
    or record the 分管领导's signature (one signed sheet for all); all or nothing."""
    from_state = BULK_MOVES[to_state]
    materials = Material.objects.filter(
        campaign=campaign, department=department, state=from_state
    ).order_by("kind")
    stored = (
        default_storage.save(signed_page_path(None, signed_page.name or "signed.pdf"), signed_page)  # type: ignore[arg-type]  # the path function ignores the instance
        if signed_page is not None and materials.exists()
        else None
    )
    count = 0
    for material in materials:
        do_transition(actor, material, to_state, comment=comment, signer=signer, signed_page=stored)
        count += 1
    return count


@transaction.atomic
def do_publish_cleared(actor: User, campaign: Campaign) -> int:
    """Publishes every item that passed the publicity review (the office's one click)."""
    cleared = Material.objects.filter(campaign=campaign, state=Material.State.CLEARED)
    count = 0
    for material in cleared.order_by("department__order", "kind"):
        do_transition(actor, material, Material.State.PUBLISHED)
        count += 1
    return count


@transaction.atomic
def do_set_scopes(
    actor: User,
    campaign: Campaign,
    reviewer: User,
    kind: str,
    departments: list[Department],
    *,
    remove: bool = False,
) -> list[ReviewerScope]:
    """Replaces one reviewer's scope of one kind (no departments = all, for publicity);
    ``remove`` takes that kind of scope away."""
    existing = ReviewerScope.objects.filter(campaign=campaign, user=reviewer, kind=kind)
    before = sorted(d or 0 for d in existing.values_list("department_id", flat=True))
    existing.delete()
    targets: list[Department | None] = list(departments)
    if remove:
        targets = []
    elif not targets and kind == ReviewerScope.Kind.PUBLICITY:
        targets = [None]
    scopes = [
        ReviewerScope.objects.create(campaign=campaign, user=reviewer, kind=kind, department=d)
        for d in targets
    ]
    audit.record(
        actor,
        "departments.set_scopes",
        reviewer,
        before={"kind": kind, "departments": before},
        after={"kind": kind, "departments": [d.pk if d else 0 for d in targets]},
    )
    return scopes


@transaction.atomic
def do_set_video(
    actor: User,
    campaign: Campaign,
    department: Department,
    *,
    file: UploadedFile | None = None,
    url: str = "",
) -> Video:
    video, _created = Video.objects.get_or_create(campaign=campaign, department=department)
    if file is not None:
        video.file = file
        video.url = ""
    else:
        video.file = ""
        video.url = url
    video.added_by = actor
    video.added_at = timezone.now()
    video.save()
    audit.record(actor, "departments.set_video", video, after={"url": url, "file": bool(file)})
    return video


@transaction.atomic
def do_create_policy(
    actor: User | None,
    *,
    title: str,
    number: str,
    issued_on: dt.date,
    summary: str,
    body: str,
) -> PolicyDocument:
    document = PolicyDocument.objects.create(
        title=title, number=number, issued_on=issued_on, summary=summary, body=body
    )
    audit.record(
        actor, "departments.create_policy", document, after={"title": title, "number": number}
    )
    return document


def do_request_handbook(actor: User, campaign: Campaign) -> HandbookBuild:
    """Creates a build row and queues the PDF task once the row is committed."""
    from minping.departments.tasks import build_handbook

    with transaction.atomic():
        build = HandbookBuild.objects.create(campaign=campaign, requested_by=actor)
        audit.record(actor, "departments.request_handbook", build, after={"year": campaign.year})
    build_handbook.enqueue(build.pk)
    build.refresh_from_db()
    return build
