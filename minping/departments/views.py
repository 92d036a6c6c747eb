"""Views: the department's workspace, the review chain, the office board and the public portal."""

from __future__ import annotations

import mimetypes
import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minping.accounts.access import current_user, office_required, role_required
from minping.accounts.models import Role, User
from minping.campaigns.models import Campaign, Department, DepartmentGroup
from minping.departments import actions, content, workflow
from minping.departments.access import (
    current_campaign,
    get_handbook_for_user,
    get_material_for_user,
    get_transition_for_user,
    get_version_for_user,
)
from minping.departments.forms import (
    InfoForm,
    InfographicForm,
    LeaderFormSet,
    PolicyForm,
    PressForm,
    ReportForm,
    ScopeForm,
    SearchForm,
    SlidesForm,
    TargetFormSet,
    TargetsImportForm,
    TransitionForm,
    UnitFormSet,
    VideoForm,
    formset_rows,
)
from minping.departments.models import (
    HandbookBuild,
    Material,
    PolicyDocument,
    ReviewerScope,
    Version,
    Video,
    late_step,
    next_deadline,
)
from minping.departments.rules import REPORT_PARTS, html_to_text

K = Material.Kind
S = Material.State

# Short state names for the office board's cells on a phone.
SHORT_STATE: dict[str, Any] = {
    S.DRAFT: gettext_lazy("草稿"),
    S.SUBMITTED: gettext_lazy("待科室审核"),
    S.REVIEWED: gettext_lazy("待领导签字"),
    S.SIGNED: gettext_lazy("待公开审核"),
    S.CLEARED: gettext_lazy("待发布"),
    S.PUBLISHED: gettext_lazy("已发布"),
    S.RETURNED: gettext_lazy("已退回"),
}


def _staff_department(request: HttpRequest) -> tuple[User, Department]:
    user = current_user(request)
    if user.department is None:
        raise PermissionDenied
    return user, user.department


def _material_of(campaign: Campaign, department: Department, kind: str) -> Material | None:
    return (
        Material.objects.filter(campaign=campaign, department=department, kind=kind)
        .select_related("current_version")
        .first()
    )


# --- department workspace ----------------------------------------------------------------


@role_required(Role.DEPARTMENT)
@require_GET
def workspace(request: HttpRequest) -> HttpResponse:
    """The department's materials for the year, their state and next deadline."""
    _user, department = _staff_department(request)
    campaign = current_campaign()
    deadlines = content.deadlines_for(campaign)
    by_kind = {
        m.kind: m
        for m in Material.objects.filter(campaign=campaign, department=department).select_related(
            "current_version"
        )
    }
    now = timezone.now()
    rows = []
    for kind, label in K.choices:
        material = by_kind.get(kind)
        state = material.state if material else S.DRAFT
        rows.append(
            {
                "kind": kind,
                "label": label,
                "material": material,
                "state_label": S(state).label if material else _("未填写"),
                "state": state,
                "deadline": next_deadline(state, deadlines),
                "late": material.late_step(deadlines, now)
                if material
                else late_step(state, deadlines, now),
            }
        )
    return render(
        request,
        "departments/workspace.html",
        {
            "campaign": campaign,
            "department": department,
            "rows": rows,
            "video": content.department_video(campaign, department),
        },
    )


@role_required(Role.DEPARTMENT)
@require_http_methods(["GET", "POST"])
def edit_material(request: HttpRequest, kind: str) -> HttpResponse:
    """Saves a new version of one of the department's materials."""
    if kind not in K.values:
        raise Http404
    user, department = _staff_department(request)
    campaign = current_campaign()
    material = _material_of(campaign, department, kind)
    if material is not None and not material.is_editable():
        messages.warning(request, _("该材料正在审核或已发布，暂不能修改。"))
        return redirect(material)
    previous = material.current_version if material else None
    editor = EDITORS[kind]
    context = editor(request, user, campaign, department, previous)
    if isinstance(context, HttpResponse):
        return context
    context.update(
        {"kind": kind, "label": K(kind).label, "material": material, "previous": previous}
    )
    return render(request, "departments/edit.html", context)


def _saved(request: HttpRequest, version: Version, warnings: list[str]) -> HttpResponse:
    messages.success(request, _("已保存为第%(n)d版。") % {"n": version.number})
    for warning in warnings:
        messages.warning(request, warning)
    return redirect(version.material)


def _save_counted(
    request: HttpRequest,
    where: tuple[User, Campaign, Department, str],
    form: ReportForm | PressForm | InfographicForm,
    **fields: Any,
) -> HttpResponse:
    """Saves a checked text (report, press release, infographic intro) as a new version."""
    cd = form.cleaned_data
    version = actions.do_save_version(
        *where, text=cd["text"], char_count=cd["char_count"], warnings=form.warnings, **fields
    )
    return _saved(request, version, form.warnings)


def _edit_info(
    request: HttpRequest,
    user: User,
    campaign: Campaign,
    department: Department,
    previous: Version | None,
) -> dict[str, Any] | HttpResponse:
    data = previous.data if previous else {}
    if request.method == "POST":
        form = InfoForm(request.POST, request.FILES)
        leaders = LeaderFormSet(request.POST, prefix="leaders")
        units = UnitFormSet(request.POST, prefix="units")
        if form.is_valid() and leaders.is_valid() and units.is_valid():
            new = {
                "info": form.info(),
                "leaders": form.cleaned_data["leaders_file"] or formset_rows(leaders),
                "units": form.cleaned_data["units_file"] or formset_rows(units),
            }
            version = actions.do_save_version(
                user,
                campaign,
                department,
                K.INFO,
                data=new,
                text=content.info_text(new),
            )
            return _saved(request, version, [])
    else:
        initial = dict(data.get("info", {})) or {"name": department.name}
        form = InfoForm(initial=initial)
        leaders = LeaderFormSet(initial=data.get("leaders", []), prefix="leaders")
        units = UnitFormSet(initial=data.get("units", []), prefix="units")
    return {
        "form": form,
        "formsets": [(_("领导基本信息"), leaders), (_("内设（下设）机构"), units)],
    }


def _edit_targets(
    request: HttpRequest,
    user: User,
    campaign: Campaign,
    department: Department,
    previous: Version | None,
) -> dict[str, Any] | HttpResponse:
    data = previous.data if previous else {}
    if request.method == "POST":
        form = TargetsImportForm(request.POST, request.FILES)
        targets = TargetFormSet(request.POST, prefix="targets")
        if form.is_valid() and targets.is_valid():
            rows = form.cleaned_data["file"] or formset_rows(targets)
            if rows:
                new = {"targets": rows}
                version = actions.do_save_version(
                    user, campaign, department, K.TARGETS, data=new, text=content.targets_text(new)
                )
                return _saved(request, version, [])
            form.add_error(None, _("请至少填写一项业务目标。"))
    else:
        form = TargetsImportForm()
        targets = TargetFormSet(initial=data.get("targets", []), prefix="targets")
    return {"form": form, "formsets": [(_("业务目标"), targets)]}


def _edit_report(
    request: HttpRequest,
    user: User,
    campaign: Campaign,
    department: Department,
    previous: Version | None,
) -> dict[str, Any] | HttpResponse:
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            cd = form.cleaned_data
            return _save_counted(
                request,
                (user, campaign, department, K.REPORT),
                form,
                html=cd["html"],
                signed_page=cd.get("signed_page"),
            )
    else:
        form = ReportForm(initial={"body": html_to_text(previous.html) if previous else ""})
    return {"form": form, "counter": True, "report_parts": REPORT_PARTS}


def _edit_press(
    request: HttpRequest,
    user: User,
    campaign: Campaign,
    department: Department,
    previous: Version | None,
) -> dict[str, Any] | HttpResponse:
    if request.method == "POST":
        form = PressForm(request.POST, request.FILES)
        if form.is_valid():
            cd = form.cleaned_data
            photos = [default_storage.save(_photo_name(p.name or ""), p) for p in cd["photos"]]
            if not photos and previous is not None:
                photos = previous.photos
            return _save_counted(
                request,
                (user, campaign, department, K.PRESS),
                form,
                data={"title": cd["title"], "photos": photos},
                html=cd["html"],
            )
    else:
        form = PressForm(
            initial={
                "title": previous.data.get("title", "") if previous else "",
                "body": previous.text if previous else "",
            }
        )
    return {"form": form, "counter": True}


def _photo_name(name: str) -> str:
    import uuid

    suffix = name.rsplit(".", 1)[-1].lower()[:8] if "." in name else "jpg"
    return f"departments/photos/{uuid.uuid4().hex}.{suffix}"


def _edit_infographic(
    request: HttpRequest,
    user: User,
    campaign: Campaign,
    department: Department,
    previous: Version | None,
) -> dict[str, Any] | HttpResponse:
    if request.method == "POST":
        form = InfographicForm(request.POST, request.FILES, previous=previous)
        if form.is_valid():
            return _save_counted(
                request,
                (user, campaign, department, K.INFOGRAPHIC),
                form,
                file=form.cleaned_data.get("image"),
                keep_file_from=previous,
            )
    else:
        form = InfographicForm(
            initial={"intro": previous.text if previous else ""}, previous=previous
        )
    return {"form": form, "counter": True}


def _edit_slides(
    request: HttpRequest,
    user: User,
    campaign: Campaign,
    department: Department,
    previous: Version | None,
) -> dict[str, Any] | HttpResponse:
    if request.method == "POST":
        form = SlidesForm(request.POST, request.FILES)
        if form.is_valid():
            report = form.report
            warnings = (
                [_("PPT（旧格式）无法自动检查画面比例和内嵌音视频，请审核人员打开核对。")]
                if report.legacy
                else []
            )
            version = actions.do_save_version(
                user,
                campaign,
                department,
                K.SLIDES,
                data={"slides": {"count": report.slide_count, "legacy": report.legacy}},
                file=form.cleaned_data["file"],
                warnings=warnings,
            )
            return _saved(request, version, warnings)
    else:
        form = SlidesForm()
    return {"form": form}


EDITORS: dict[str, Any] = {
    K.INFO: _edit_info,
    K.TARGETS: _edit_targets,
    K.REPORT: _edit_report,
    K.INFOGRAPHIC: _edit_infographic,
    K.SLIDES: _edit_slides,
    K.PRESS: _edit_press,
}


@role_required(Role.DEPARTMENT)
@require_http_methods(["GET", "POST"])
def video(request: HttpRequest) -> HttpResponse:
    """The department's own meeting recording (after the meeting)."""
    _user, department = _staff_department(request)
    return _video_page(request, department)


@office_required
@require_http_methods(["GET", "POST"])
def office_video(request: HttpRequest, department_id: int) -> HttpResponse:
    """The office adds the recording for any department."""
    return _video_page(request, get_object_or_404(Department, pk=department_id))


def _video_page(request: HttpRequest, department: Department) -> HttpResponse:
    campaign = current_campaign()
    if request.method == "POST":
        form = VideoForm(request.POST, request.FILES)
        if form.is_valid():
            actions.do_set_video(
                current_user(request),
                campaign,
                department,
                file=form.cleaned_data.get("file"),
                url=form.cleaned_data.get("url") or "",
            )
            messages.success(request, _("述职视频已保存，部门公开页面将显示。"))
            return redirect("departments:public_department", campaign.year, department.pk)
    else:
        form = VideoForm()
    return render(
        request,
        "departments/video.html",
        {
            "form": form,
            "department": department,
            "video": content.department_video(campaign, department),
        },
    )


# --- one material: detail, moves, versions -----------------------------------------------

login_required_staff = role_required(Role.DEPARTMENT, Role.REVIEWER, Role.OFFICE)


def _detail_context(request: HttpRequest, material: Material) -> dict[str, Any]:
    user = current_user(request)
    versions = list(material.versions.select_related("created_by").order_by("-number"))
    moves = workflow.moves_for(user, material)
    deadlines = content.deadlines_for(material.campaign)
    return {
        "material": material,
        "version": material.current_version,
        "versions": versions,
        "transitions": material.transitions.select_related("actor").order_by("created_at", "pk"),
        "moves": [(m, workflow.ACTION_LABELS[m], TransitionForm(prefix=m)) for m in moves],
        "problems": workflow.submission_problems(material) if S.SUBMITTED in moves else [],
        "can_edit": material.is_editable() and workflow.is_department_staff(user, material),
        "deadline": None
        if material.late_step(deadlines)
        else next_deadline(material.state, deadlines),
        "late": material.late_step(deadlines),
    }


@login_required_staff
@require_GET
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = get_material_for_user(request, pk)
    return render(request, "departments/material.html", _detail_context(request, material))


@login_required_staff
@require_POST
def material_move(request: HttpRequest, pk: int, to_state: str) -> HttpResponse:
    """One step along the review chain (submit, review, sign, clear, publish, return)."""
    material = get_material_for_user(request, pk)
    if to_state not in S.values:
        raise Http404
    form = TransitionForm(request.POST, request.FILES, prefix=to_state)
    if form.is_valid():
        try:
            actions.do_transition(
                current_user(request),
                material,
                to_state,
                comment=form.cleaned_data["comment"] or "",
                signer=form.cleaned_data["signer"] or "",
                signed_page=form.cleaned_data.get("signed_page"),
            )
        except workflow.TransitionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("“%(item)s”现为：%(state)s。")
                % {"item": material.get_kind_display(), "state": S(to_state).label},
            )
            return redirect(material)
    material.refresh_from_db()
    context = _detail_context(request, material)
    moves = context["moves"]
    if any(m == to_state for m, _label, _form in moves):
        context["moves"] = [(m, lbl, form if m == to_state else f) for m, lbl, f in moves]
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return render(request, "departments/material.html", context, status=400)


@login_required_staff
@require_GET
def material_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Compares two versions of a material (by default the last two)."""
    material = get_material_for_user(request, pk)
    versions = list(material.versions.order_by("-number"))
    if not versions:
        raise Http404
    by_number = {v.number: v for v in versions}

    def pick(name: str, default: Version) -> Version:
        try:
            return by_number[int(request.GET.get(name, ""))]
        except (ValueError, KeyError):
            return default

    new = pick("b", versions[0])
    old = pick("a", versions[1] if len(versions) > 1 else versions[0])
    lines = content.diff_lines(content.version_text(old), content.version_text(new))
    return render(
        request,
        "departments/diff.html",
        {
            "material": material,
            "versions": versions,
            "old": old,
            "new": new,
            "lines": lines,
            "changed": any(line.kind != "same" for line in lines),
        },
    )


def _serve(name: str, download_name: str = "") -> FileResponse:
    if not name or not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(download_name or name)[0] or "application/octet-stream"
    response = FileResponse(
        default_storage.open(name, "rb"),
        content_type=content_type,
        as_attachment=not content_type.startswith(("image/", "video/", "application/pdf")),
        filename=download_name or name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def version_file(request: HttpRequest, pk: int, which: str) -> FileResponse:
    """A version's file: the image or slides, or the head's signed page."""
    version = get_version_for_user(request, pk)
    if which == "file":
        return _serve(version.file.name, version.file_name)
    if which == "signed":
        if version.material.published_version_id == version.pk and not _may_work_on(
            request, version
        ):
            raise Http404  # the signed page is internal even after publication
        return _serve(version.signed_page.name)
    raise Http404


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@require_GET
def video_file(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """A meeting recording (public), with byte ranges so that phones can play and seek."""
    video = get_object_or_404(Video, pk=pk)
    if not video.file:
        raise Http404
    name = video.file.name
    size = default_storage.size(name)
    content_type = mimetypes.guess_type(name)[0] or "video/mp4"
    match = _RANGE.match(request.headers.get("Range", ""))
    if not match or (not match.group(1) and not match.group(2)):
        response: HttpResponse | FileResponse = FileResponse(
            default_storage.open(name, "rb"), content_type=content_type
        )
        response["Accept-Ranges"] = "bytes"
        return response
    if match.group(1):
        start = int(match.group(1))
        end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
    else:  # the last N bytes
        start, end = max(0, size - int(match.group(2))), size - 1
    if start > end or start >= size:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    with default_storage.open(name, "rb") as fh:
        fh.seek(start)
        chunk = fh.read(min(end - start + 1, 8 * 1024 * 1024))
    response = HttpResponse(chunk, status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{start + len(chunk) - 1}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response


@require_GET
def version_photo(request: HttpRequest, pk: int, index: int) -> FileResponse:
    version = get_version_for_user(request, pk)
    if index >= len(version.photos):
        raise Http404
    return _serve(version.photos[index])


def _may_work_on(request: HttpRequest, version: Version) -> bool:
    if not request.user.is_authenticated:
        return False
    try:
        get_material_for_user(request, version.material_id)
    except (Http404, PermissionDenied):
        return False
    return True


@require_GET
def transition_file(request: HttpRequest, pk: int) -> FileResponse:
    transition = get_transition_for_user(request, pk)
    return _serve(transition.signed_page.name)


# --- reviewers and the office ------------------------------------------------------------


@role_required(Role.REVIEWER)
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    """Items waiting for this reviewer, by the step they are at."""
    user = current_user(request)
    campaign = current_campaign()
    scopes = ReviewerScope.objects.filter(campaign=campaign, user=user)
    desk = [s.department_id for s in scopes if s.kind == ReviewerScope.Kind.DESK]
    publicity = [s for s in scopes if s.kind == ReviewerScope.Kind.PUBLICITY]
    condition = Q(department_id__in=desk, state__in=[S.SUBMITTED, S.REVIEWED])
    if any(s.department_id is None for s in publicity):
        condition |= Q(state__in=[S.SIGNED, S.CLEARED])
    elif publicity:
        condition |= Q(
            department_id__in=[s.department_id for s in publicity], state__in=[S.SIGNED, S.CLEARED]
        )
    waiting_items = (
        Material.objects.filter(campaign=campaign)
        .filter(condition)
        .exclude(state=S.CLEARED)
        .select_related("department")
        .order_by("updated_at")
        if scopes
        else Material.objects.none()
    )
    departments = Department.objects.filter(pk__in=desk)
    waiting = list(waiting_items)
    bulk = []
    for department in departments:
        submitted = sum(
            1 for m in waiting if m.department_id == department.pk and m.state == S.SUBMITTED
        )
        reviewed = sum(
            1 for m in waiting if m.department_id == department.pk and m.state == S.REVIEWED
        )
        if submitted or reviewed:
            bulk.append(
                {
                    "department": department,
                    "submitted": submitted,
                    "reviewed": reviewed,
                    "review_form": TransitionForm(prefix="bulk-reviewed"),
                    "sign_form": TransitionForm(prefix="bulk-signed"),
                }
            )
    return render(
        request,
        "departments/review_queue.html",
        {
            "campaign": campaign,
            "waiting": waiting,
            "departments": departments,
            "publicity": bool(publicity),
            "bulk": bulk,
        },
    )


def _ordered_departments(
    campaign: Campaign,
) -> list[tuple[DepartmentGroup | None, list[Department]]]:
    groups = list(campaign.groups.order_by("number"))
    result: list[tuple[DepartmentGroup | None, list[Department]]] = [
        (g, list(g.ordered_departments())) for g in groups
    ]
    return result


@office_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """The office's view: every department × item, its state, and who is late at which step."""
    campaign = current_campaign()
    deadlines = content.deadlines_for(campaign)
    now = timezone.now()
    materials = {(m.department_id, m.kind): m for m in Material.objects.filter(campaign=campaign)}
    late_count = 0
    groups = []
    late_by_stage: dict[str, dict[Department, int]] = {}
    for group, departments in _ordered_departments(campaign):
        rows = []
        for department in departments:
            cells = []
            for kind, label in K.choices:
                material = materials.get((department.pk, kind))
                state = material.state if material else S.DRAFT
                late = (
                    material.late_step(deadlines, now)
                    if material
                    else late_step(state, deadlines, now)
                )
                if late is not None:
                    late_count += 1
                    per_department = late_by_stage.setdefault(late.stage, {})
                    per_department[department] = per_department.get(department, 0) + 1
                cells.append(
                    {
                        "kind": label,
                        "material": material,
                        "state": state,
                        "short": SHORT_STATE[state] if material else _("未填写"),
                        "late": late,
                    }
                )
            rows.append({"department": department, "cells": cells})
        groups.append({"group": group, "rows": rows})
    cleared_count = sum(1 for m in materials.values() if m.state == S.CLEARED)
    late_summary = [
        (deadlines[stage], sorted(per.items(), key=lambda item: item[0].order))
        for stage, per in sorted(late_by_stage.items(), key=lambda item: deadlines[item[0]].due)
    ]
    return render(
        request,
        "departments/board.html",
        {
            "campaign": campaign,
            "groups": groups,
            "kinds": K.choices,
            "late_count": late_count,
            "late_summary": late_summary,
            "cleared_count": cleared_count,
            "deadlines": sorted(deadlines.values(), key=lambda d: d.due),
        },
    )


@role_required(Role.REVIEWER)
@require_POST
def review_department(request: HttpRequest, department_id: int, to_state: str) -> HttpResponse:
    """Reviews, or records the signature for, all of a department's items at that step."""
    if to_state not in actions.BULK_MOVES:
        raise Http404
    department = get_object_or_404(Department, pk=department_id)
    form = TransitionForm(request.POST, request.FILES, prefix=f"bulk-{to_state}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("departments:review_queue")
    try:
        count = actions.do_move_department(
            current_user(request),
            current_campaign(),
            department,
            to_state,
            comment=form.cleaned_data["comment"] or "",
            signer=form.cleaned_data["signer"] or "",
            signed_page=form.cleaned_data.get("signed_page"),
        )
    except workflow.TransitionRefused as exc:
        messages.error(request, f"{department.name}：{exc}")
    else:
        messages.success(
            request,
            _("%(dept)s：%(n)d项材料现为“%(state)s”。")
            % {"dept": department.name, "n": count, "state": S(to_state).label},
        )
    return redirect("departments:review_queue")


@office_required
@require_POST
def publish_cleared(request: HttpRequest) -> HttpResponse:
    """Publishes all items cleared by the publicity review at once."""
    count = actions.do_publish_cleared(current_user(request), current_campaign())
    messages.success(request, _("已发布%(n)d项材料。") % {"n": count})
    return redirect("departments:board")


@office_required
@require_http_methods(["GET", "POST"])
def scopes(request: HttpRequest) -> HttpResponse:
    """The office assigns each reviewer its 分管口 departments, or the publicity review."""
    campaign = current_campaign()
    if request.method == "POST":
        form = ScopeForm(request.POST)
        if form.is_valid():
            actions.do_set_scopes(
                current_user(request),
                campaign,
                form.cleaned_data["reviewer"],
                form.cleaned_data["kind"],
                list(form.cleaned_data["departments"]),
                remove=form.cleaned_data["remove"],
            )
            messages.success(request, _("审核分工已保存。"))
            return redirect("departments:scopes")
    else:
        form = ScopeForm()
    return render(
        request,
        "departments/scopes.html",
        {
            "form": form,
            "scopes": ReviewerScope.objects.filter(campaign=campaign)
            .select_related("user", "department")
            .order_by("user__username", "kind", "department__order"),
        },
    )


@office_required
@require_http_methods(["GET", "POST"])
def policy_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid():
            document = actions.do_create_policy(current_user(request), **form.cleaned_data)
            messages.success(request, _("政策文件已发布。"))
            return redirect(document)
    else:
        form = PolicyForm()
    return render(request, "departments/policy_form.html", {"form": form})


@office_required
@require_http_methods(["GET", "POST"])
def handbook(request: HttpRequest) -> HttpResponse:
    """Starts a handbook build and shows the progress of the latest ones."""
    campaign = current_campaign()
    if request.method == "POST":
        build = actions.do_request_handbook(current_user(request), campaign)
        messages.success(request, _("已开始生成述职报告汇编。"))
        return redirect("departments:handbook_status", build.pk)
    builds = HandbookBuild.objects.filter(campaign=campaign)[:10]
    return render(request, "departments/handbook.html", {"campaign": campaign, "builds": builds})


@office_required
@require_GET
def handbook_status(request: HttpRequest, pk: int) -> HttpResponse:
    build = get_object_or_404(HandbookBuild, pk=pk)
    return render(request, "departments/handbook_status.html", {"build": build})


@require_GET
def handbook_pdf(request: HttpRequest, pk: int) -> FileResponse:
    build = get_handbook_for_user(request, pk)
    return _serve(build.file.name, f"handbook-{build.campaign.year}.pdf")


# --- the public portal -------------------------------------------------------------------


@require_GET
def public_index(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The year's departments by group, with what each has published."""
    campaign = get_object_or_404(Campaign, year=year) if year else current_campaign()
    published: dict[int, set[str]] = {}
    public = Material.objects.filter(campaign=campaign, published_version__isnull=False).exclude(
        kind=K.SLIDES
    )
    for m in public:
        published.setdefault(m.department_id, set()).add(m.kind)
    groups = [
        {
            "group": group,
            "departments": [(d, len(published.get(d.pk, ()))) for d in departments],
        }
        for group, departments in _ordered_departments(campaign)
    ]
    build = (
        HandbookBuild.objects.filter(campaign=campaign, status=HandbookBuild.Status.DONE)
        .exclude(file="")
        .first()
    )
    return render(
        request,
        "departments/public/index.html",
        {"campaign": campaign, "groups": groups, "handbook": build, "total_kinds": len(K.choices)},
    )


@require_GET
def public_department(request: HttpRequest, year: int, department_id: int) -> HttpResponse:
    """A department's published materials; drafts never appear here."""
    campaign = get_object_or_404(Campaign, year=year)
    department = get_object_or_404(Department, pk=department_id)
    published = content.published_materials(campaign, department)
    info = published.get(K.INFO)
    return render(
        request,
        "departments/public/department.html",
        {
            "campaign": campaign,
            "department": department,
            "info": info.data.get("info", {}) if info else {},
            "info_rows": [
                (_(label), info.data["info"][key])
                for key, label in content.INFO_LABELS[1:9]
                if info and info.data.get("info", {}).get(key)
            ],
            "leaders": info.data.get("leaders", []) if info else [],
            "units": info.data.get("units", []) if info else [],
            "targets": published[K.TARGETS].data.get("targets", [])
            if K.TARGETS in published
            else [],
            "report": published.get(K.REPORT),
            "infographic": published.get(K.INFOGRAPHIC),
            "press": published.get(K.PRESS),
            "video": content.department_video(campaign, department),
            "nothing": not published,
        },
    )


@require_GET
def targets_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    """All published targets of the year as an Excel file (attachment 1 columns)."""
    from minping.lib.excel import write_xlsx

    campaign = get_object_or_404(Campaign, year=year)
    rows: list[list[object]] = [
        [
            department.name,
            target.get("category", ""),
            target.get("seq", ""),
            target.get("name", ""),
            target.get("content", ""),
        ]
        for department, targets in _published_targets(campaign)
        for target in targets
    ]
    data = write_xlsx(
        {str(_("业务目标")): (["单位名称", "类别", "序号", "目标名称", "目标内容"], rows)}
    )
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="targets-{campaign.year}.xlsx"'
    return response


def _published_targets(campaign: Campaign) -> list[tuple[Department, list[dict[str, str]]]]:
    result = []
    for _group, departments in _ordered_departments(campaign):
        for department in departments:
            version = content.published_materials(campaign, department).get(K.TARGETS)
            if version is not None and version.data.get("targets"):
                result.append((department, version.data["targets"]))
    return result


@require_GET
def targets_docx(request: HttpRequest, year: int) -> HttpResponse:
    """The year's published targets as a Word document in the attachment 1 layout."""
    from minping.departments.documents import targets_document

    campaign = get_object_or_404(Campaign, year=year)
    response = HttpResponse(
        targets_document(campaign.year, _published_targets(campaign)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="targets-{campaign.year}.docx"'
    return response


@require_GET
def policies(request: HttpRequest) -> HttpResponse:
    documents = PolicyDocument.objects.filter(is_published=True)[:100]
    return render(request, "departments/public/policies.html", {"documents": documents})


@require_GET
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(PolicyDocument, pk=pk, is_published=True)
    return render(request, "departments/public/policy.html", {"document": document})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search across published department materials and policy documents."""
    form = SearchForm(request.GET or None)
    campaign = Campaign.objects.current()
    results: list[dict[str, Any]] = []
    documents: list[PolicyDocument] = []
    query = ""
    if form.is_valid() and campaign is not None:
        query = form.cleaned_data["q"].strip()
        for version in content.search_published(campaign, query):
            material = version.material
            results.append(
                {
                    "department": material.department,
                    "kind": material.get_kind_display(),
                    "url": reverse(
                        "departments:public_department",
                        args=[campaign.year, material.department_id],
                    )
                    + f"#{material.kind}",
                    "snippet": content.snippet(version.text, query),
                }
            )
        if query:
            documents = list(
                PolicyDocument.objects.filter(is_published=True).filter(
                    Q(title__icontains=query)
                    | Q(body__icontains=query)
                    | Q(number__icontains=query)
                )[:20]
            )
    return render(
        request,
        "departments/public/search.html",
        {"form": form, "query": query, "results": results, "documents": documents},
    )
