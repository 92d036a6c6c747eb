"""Pages of the selection app. Reads go through ``access``; writes through one ``do_*`` each."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minping import sampling
from minping.accounts.access import current_user, role_required
from minping.accounts.models import Role
from minping.accounts.pii import reveal
from minping.campaigns.models import Campaign, Session, Venue
from minping.lib import charts, excel, ratelimit
from minping.selection import actions, results
from minping.selection.access import (
    current_campaign,
    district_for_user,
    frames_for_user,
    get_draw_for_user,
    get_frame_for_user,
    get_job_for_user,
    get_representative_for_user,
    get_volunteer_for_user,
    is_overseer,
)
from minping.selection.engine import describe_shortfalls, feasibility
from minping.selection.forms import (
    CommitForm,
    ConfirmForm,
    FrameDepartmentForm,
    FrameUploadForm,
    QuotaEditForm,
    ReplaceForm,
    StatusLookupForm,
    VolunteerForm,
    VolunteerReviewForm,
)
from minping.selection.frames import FRAME_COLUMNS
from minping.selection.models import Draw, Quota, Representative, SampleFrame, Volunteer
from minping.selection.quotas import rule_warnings

STAFF = (Role.OFFICE, Role.STATISTICS, Role.SUPERVISOR, Role.DEPARTMENT, Role.DISTRICT)
MANAGERS = (Role.OFFICE, Role.STATISTICS)
OVERSEERS = (Role.OFFICE, Role.STATISTICS, Role.SUPERVISOR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- overview -----------------------------------------------------------------------------


@require_GET
@role_required(*STAFF)
def index(request: HttpRequest) -> HttpResponse:
    """Where the selection stands: frames, volunteers, quotas, draw."""
    user = current_user(request)
    if user.role == Role.DISTRICT:
        return redirect("selection:district")
    if user.role == Role.DEPARTMENT:
        return redirect("selection:frames")
    campaign = current_campaign()
    frames = SampleFrame.objects.filter(campaign=campaign)
    draw = Draw.objects.filter(campaign=campaign).first()
    return render(
        request,
        "selection/index.html",
        {
            "campaign": campaign,
            "frame_count": frames.count(),
            "ready_count": frames.exclude(status=SampleFrame.Status.EMPTY).count(),
            "people": sum(frames.values_list("row_count", flat=True)),
            "volunteers": Volunteer.objects.filter(campaign=campaign).count(),
            "pending": Volunteer.objects.filter(
                campaign=campaign, status=Volunteer.Status.SUBMITTED
            ).count(),
            "quota_total": sum(
                Quota.objects.filter(campaign=campaign).values_list("count", flat=True)
            ),
            "draw": draw,
            "can_manage": user.role in MANAGERS or user.is_superuser,
        },
    )


# --- frames --------------------------------------------------------------------------------


@require_GET
@role_required(Role.OFFICE, Role.STATISTICS, Role.DEPARTMENT)
def frame_list(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    user = current_user(request)
    return render(
        request,
        "selection/frames.html",
        {"campaign": campaign, "frames": frames_for_user(user, campaign)},
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE, Role.STATISTICS, Role.DEPARTMENT)
def frame_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A frame: its people (masked), its imports, and the upload form."""
    frame = get_frame_for_user(request, pk)
    form = FrameUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = actions.do_start_frame_import(
                current_user(request), frame, upload, upload.name or "frame"
            )
        except actions.SelectionError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("selection:import", pk=job.pk)
    page = Paginator(frame.entries.select_related("district").order_by("row_number"), 50).get_page(
        request.GET.get("page")
    )
    quota = sum(
        Quota.objects.filter(campaign=frame.campaign, category=frame.category).values_list(
            "count", flat=True
        )
    )
    return render(
        request,
        "selection/frame.html",
        {
            "frame": frame,
            "form": form,
            "page": page,
            "jobs": frame.imports.all()[:5],
            "quota": quota,
            "wanted": quota * 2,
            "department_form": FrameDepartmentForm(initial={"department": frame.department_id})
            if current_user(request).role in MANAGERS
            else None,
        },
    )


@require_POST
@role_required(Role.OFFICE, Role.STATISTICS)
def frame_department(request: HttpRequest, pk: int) -> HttpResponse:
    """Which department submits this frame (the rest are built by the statistics bureau)."""
    frame = get_frame_for_user(request, pk)
    form = FrameDepartmentForm(request.POST)
    if form.is_valid():
        actions.do_set_frame_department(
            current_user(request), frame, form.cleaned_data["department"]
        )
        messages.success(request, _("负责部门已更新"))
    else:
        messages.error(request, _("请选择负责部门"))
    return redirect(frame.get_absolute_url())


@require_GET
@role_required(Role.OFFICE, Role.STATISTICS, Role.DEPARTMENT)
def frame_template(request: HttpRequest) -> HttpResponse:
    """An empty frame with the expected headers."""
    headers = [labels[0] for labels in FRAME_COLUMNS.values()]
    return _xlsx(excel.write_xlsx({_("样本框"): (headers, [])}), "frame-template.xlsx")


@require_GET
@role_required(Role.OFFICE, Role.STATISTICS, Role.DEPARTMENT)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request, pk)
    return render(request, "selection/import.html", {"job": job, "frame": job.frame})


@require_GET
@role_required(Role.OFFICE, Role.STATISTICS, Role.DEPARTMENT)
def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the import page polls."""
    job = get_job_for_user(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "finished": job.is_finished(),
            "percent": job.percent(),
            "processed": job.processed,
            "total": job.total,
            "message": job.message,
            "problems": job.problem_count,
        }
    )


@require_GET
@role_required(Role.OFFICE, Role.STATISTICS, Role.DEPARTMENT)
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request, pk)
    if not job.report:
        raise Http404
    return _xlsx(bytes(job.report), f"frame-problems-{job.pk}.xlsx")


# --- volunteers (public) -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """The public 市民报名登记表: no login."""
    campaign = current_campaign()
    if actions.signups_closed(campaign):
        return render(request, "selection/signup_closed.html", {"campaign": campaign})
    form = VolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = actions.do_signup_volunteer(campaign, form.volunteer_data())
        except actions.DuplicateSignup as exc:
            form.add_error("id_number", str(exc))
        except actions.SelectionError as exc:
            form.add_error(None, str(exc))
        else:
            request.session["selection_signup"] = volunteer.reference
            return redirect("selection:signup_done")
    return render(request, "selection/signup.html", {"form": form, "campaign": campaign})


@require_GET
def signup_done(request: HttpRequest) -> HttpResponse:
    reference = request.session.get("selection_signup")
    volunteer = Volunteer.objects.filter(reference=reference).first() if reference else None
    if volunteer is None:
        return redirect("selection:signup")
    return render(request, "selection/signup_done.html", {"volunteer": volunteer})


# A reference code and four phone digits are guessable: failed lookups are limited per client.
STATUS_LOOKUP = ratelimit.Limit("selection.signup_status")


@require_http_methods(["GET", "POST"])
def signup_status(request: HttpRequest) -> HttpResponse:
    """Reference code + last 4 digits of the phone → the sign-up's status."""
    form = StatusLookupForm(request.POST or None)
    volunteer = None
    if request.method == "POST" and form.is_valid():
        who = ratelimit.client_ip(request)
        if ratelimit.is_blocked(STATUS_LOOKUP, who):
            return ratelimit.too_many(request, STATUS_LOOKUP)
        volunteer = actions.find_volunteer(
            form.cleaned_data["reference"], form.cleaned_data["phone_tail"]
        )
        if volunteer is None:
            ratelimit.record_failure(STATUS_LOOKUP, who)
            form.add_error(None, _("没有找到这条报名记录，请核对报名编号和手机号后4位"))
    return render(request, "selection/signup_status.html", {"form": form, "volunteer": volunteer})


@require_GET
@role_required(Role.REPRESENTATIVE)
def my_seat(request: HttpRequest) -> HttpResponse:
    """A representative's own seat: session, date, venue."""
    seats = (
        Representative.objects.filter(user=current_user(request), status__in=results.SEATED)
        .select_related("session", "venue", "category", "draw__campaign")
        .order_by("-draw__campaign__year")
    )
    return render(request, "selection/my_seat.html", {"seats": seats})


# --- volunteers (review) -------------------------------------------------------------------


@require_GET
@role_required(*MANAGERS, Role.DISTRICT)
def volunteer_list(request: HttpRequest) -> HttpResponse:
    """Sign-ups to review: all of them, or a district office's residents (seed 000: 按居住地
    交由市、旗区两级审核、确认)."""
    campaign = current_campaign()
    user = current_user(request)
    volunteers = Volunteer.objects.filter(campaign=campaign).select_related("district")
    if user.role == Role.DISTRICT:
        volunteers = volunteers.filter(district=user.district)
    status = request.GET.get("status")
    if status in Volunteer.Status.values:
        volunteers = volunteers.filter(status=status)
    page = Paginator(volunteers.order_by("-created_at"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "selection/volunteers.html",
        {
            "page": page,
            "status": status,
            "statuses": Volunteer.Status.choices,
            "review_form": VolunteerReviewForm(),
        },
    )


@require_POST
@role_required(*MANAGERS, Role.DISTRICT)
def volunteer_review(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = get_volunteer_for_user(request, pk)
    form = VolunteerReviewForm(request.POST)
    if form.is_valid():
        try:
            actions.do_review_volunteer(
                current_user(request), volunteer, form.cleaned_data["status"]
            )
        except actions.SelectionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(ref)s：%(status)s")
                % {"ref": volunteer.reference, "status": volunteer.get_status_display()},
            )
    else:
        messages.error(request, _("请选择审核结果"))
    return redirect(reverse("selection:volunteers") + "?status=submitted")


# --- quotas --------------------------------------------------------------------------------


@require_GET
@role_required(*OVERSEERS)
def quota_overview(request: HttpRequest) -> HttpResponse:
    """The quota tables, the warnings and, before the draw, the feasibility per stratum."""
    campaign = current_campaign()
    session_number = _session_number(request, campaign)
    draw = Draw.objects.filter(campaign=campaign).first()
    shortfalls: list[sampling.Shortfall] = []
    has_quotas = Quota.objects.filter(campaign=campaign).exists()
    if has_quotas and (draw is None or not draw.is_done()):
        shortfalls = feasibility(campaign)
    user = current_user(request)
    return render(
        request,
        "selection/quotas.html",
        {
            "campaign": campaign,
            "has_quotas": has_quotas,
            "sessions": campaign.sessions.order_by("number"),
            "session_number": session_number,
            "main": results.main_venue_table(campaign, None),
            "branch": results.branch_table(campaign, None, session_number),
            "branch_all": results.branch_table(campaign, None, None),
            "venues": campaign.venues.select_related("district").order_by("kind", "order"),
            "warnings": rule_warnings(campaign),
            "shortfalls": describe_shortfalls(shortfalls, campaign),
            "blocking": [s for s in shortfalls if s.kind == "seats"],
            "checked": has_quotas and (draw is None or not draw.is_done()),
            "can_edit": (user.role == Role.STATISTICS) and (draw is None or not draw.is_done()),
            "seed_form": ConfirmForm(),
        },
    )


def _session_number(request: HttpRequest, campaign: Campaign) -> int:
    try:
        number = int(request.GET.get("session", "1"))
    except ValueError:
        number = 1
    return number if campaign.sessions.filter(number=number).exists() else 1


@require_POST
@role_required(Role.STATISTICS)
def quota_seed(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST)
    if form.is_valid():
        created = actions.do_seed_quotas(current_user(request), current_campaign())
        messages.success(request, _("已按方案生成%(n)d个名额") % {"n": created})
    else:
        messages.error(request, _("请勾选确认后再生成名额"))
    return redirect("selection:quotas")


@require_http_methods(["GET", "POST"])
@role_required(Role.STATISTICS)
def quota_edit(request: HttpRequest, session: int, venue: int) -> HttpResponse:
    campaign = current_campaign()
    session_obj = get_object_or_404(Session, campaign=campaign, number=session)
    venue_obj = get_object_or_404(Venue, campaign=campaign, pk=venue)
    draw = Draw.objects.filter(campaign=campaign).first()
    if draw is not None and draw.is_done():
        raise PermissionDenied
    quotas = list(
        Quota.objects.filter(session=session_obj, venue=venue_obj).select_related("category")
    )
    if not quotas:
        raise Http404
    form = QuotaEditForm(
        request.POST or None, quotas=quotas, is_branch=venue_obj.kind == Venue.Kind.BRANCH
    )
    if request.method == "POST" and form.is_valid():
        actions.do_update_quotas(current_user(request), session_obj, venue_obj, form.counts())
        messages.success(request, _("名额已保存"))
        return redirect(reverse("selection:quotas") + f"?session={session}")
    return render(
        request,
        "selection/quota_edit.html",
        {
            "form": form,
            "session": session_obj,
            "venue": venue_obj,
            "total": sum(q.seed_count for q in quotas),
        },
    )


# --- the draw ------------------------------------------------------------------------------


@require_GET
@role_required(*OVERSEERS)
def draw_detail(request: HttpRequest) -> HttpResponse:
    draw = get_draw_for_user(request)
    user = current_user(request)
    can_run = user.role == Role.STATISTICS
    stats: dict[str, Any] = {}
    if draw is not None and draw.is_done():
        reps = draw.representatives.all()
        stats = {
            "selected": reps.filter(status__in=results.SEATED).count(),
            "reserves": reps.filter(status=Representative.Status.RESERVE).count(),
            "dropped": reps.filter(status=Representative.Status.DROPPED).count(),
            "accounts": reps.filter(status__in=results.SEATED, user__isnull=False).count(),
        }
    return render(
        request,
        "selection/draw.html",
        {
            "draw": draw,
            "campaign": current_campaign(),
            "can_run": can_run,
            "commit_form": CommitForm(),
            "confirm_form": ConfirmForm(),
            "stats": stats,
            "log": draw.log.select_related("actor") if draw else [],
        },
    )


def _draw_step(request: HttpRequest, step: str) -> HttpResponse:
    user = current_user(request)
    draw = get_draw_for_user(request)
    form = CommitForm(request.POST) if step == "commit" else ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请勾选确认后再执行"))
        return redirect("selection:draw")
    try:
        if step == "commit":
            actions.do_commit_draw(
                user,
                current_campaign(),
                mode=form.cleaned_data["mode"],
                seed=form.cleaned_data["seed"],
            )
            messages.success(request, _("种子承诺已公布"))
        elif draw is None:
            raise Http404
        elif step == "reveal":
            actions.do_reveal_seed(user, draw)
            messages.success(request, _("种子已揭示，样本框已锁定"))
        elif step == "run":
            actions.do_request_draw(user, draw)
            draw.refresh_from_db()
            if draw.is_done():
                messages.success(request, _("抽样完成"))
            elif not draw.run_error:
                messages.info(request, _("抽样已开始，本页会自动刷新"))
        else:
            from minping.selection.tasks import create_representative_accounts

            if not draw.is_done():
                raise actions.SelectionError(_("抽样完成后才能开通代表账号"))
            create_representative_accounts.enqueue(draw.pk, user.pk)
            messages.success(
                request, _("正在后台开通市民代表账号，初始密码将以短信发送；稍后刷新本页查看进度")
            )
    except actions.SelectionError as exc:
        messages.error(request, str(exc))
    return redirect("selection:draw")


@require_POST
@role_required(Role.STATISTICS)
def draw_commit(request: HttpRequest) -> HttpResponse:
    return _draw_step(request, "commit")


@require_POST
@role_required(Role.STATISTICS)
def draw_reveal(request: HttpRequest) -> HttpResponse:
    return _draw_step(request, "reveal")


@require_POST
@role_required(Role.STATISTICS)
def draw_run(request: HttpRequest) -> HttpResponse:
    return _draw_step(request, "run")


@require_POST
@role_required(Role.STATISTICS)
def draw_accounts(request: HttpRequest) -> HttpResponse:
    return _draw_step(request, "accounts")


@require_GET
@role_required(*OVERSEERS, Role.TALLIER)
def draw_export(request: HttpRequest) -> HttpResponse:
    """The pseudonymised frame, spec and result that ``python -m minping.sampling verify``
    re-runs offline."""
    draw = get_draw_for_user(request, tallier=True)
    if draw is None or not draw.export:
        raise Http404
    response = HttpResponse(bytes(draw.export), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="draw-{draw.campaign.year}.zip"'
    return response


@require_GET
def draw_public(request: HttpRequest, year: int) -> HttpResponse:
    """Public record: the commitment before, the seed and hashes after."""
    campaign = get_object_or_404(Campaign, year=year)
    draw = Draw.objects.filter(campaign=campaign).first()
    return render(request, "selection/draw_public.html", {"campaign": campaign, "draw": draw})


# --- results -------------------------------------------------------------------------------


@require_GET
@role_required(*OVERSEERS)
def composition(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    draw = get_draw_for_user(request)
    if draw is None or not draw.is_done():
        messages.info(request, _("尚未抽样，下表为名额方案"))
    session_number = _session_number(request, campaign)
    by_district = results.seated_by_district(campaign, draw)
    return render(
        request,
        "selection/composition.html",
        {
            "campaign": campaign,
            "draw": draw,
            "sessions": campaign.sessions.order_by("number"),
            "session_number": session_number,
            "main": results.main_venue_table(campaign, draw),
            "branch": results.branch_table(campaign, draw, session_number),
            "branch_all": results.branch_table(campaign, draw, None),
            "chart": charts.bar_chart(
                by_district, unit=_("人"), title=_("各会场入选人数（三场合计）")
            )
            if by_district
            else "",
            "venues": campaign.venues.select_related("district").order_by("kind", "order"),
        },
    )


@require_GET
@role_required(*OVERSEERS)
def composition_export(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    draw = get_draw_for_user(request)
    sheets: dict[str, tuple[list[str], list[list[object]]]] = {}
    done = draw is not None and draw.is_done()  # before the draw: the quota plan
    main = results.main_venue_table(campaign, draw)
    headers = [_("代表类别"), *[_("第%(n)s场") % {"n": c} for c in main.columns], _("合计")]
    sheets[_("主会场")] = (
        headers,
        [[name, *(seated if done else quota)] for name, seated, quota in main.rows]
        + [[_("合计"), *(main.totals if done else main.quota_totals)]],
    )
    tables = [(str(_("单场合计")), s.number) for s in campaign.sessions.order_by("number")]
    for label, number in [*tables, (str(_("三场合计")), None)]:
        table = results.branch_table(campaign, draw, number)
        title = _("分会场第%(n)d场") % {"n": number} if number else _("分会场三场合计")
        sheets[title] = (
            [_("代表类别"), *table.columns],
            [[name, *(seated if done else quota)] for name, seated, quota in table.rows]
            + [[label, *(table.totals if done else table.quota_totals)]],
        )
    sheets[_("名单")] = _list_sheet(draw, None)
    return _xlsx(excel.write_xlsx(sheets), f"representatives-{campaign.year}.xlsx")


def _list_sheet(draw: Draw | None, district_id: int | None) -> tuple[list[str], list[list[object]]]:
    headers = [
        _("场次"), _("会场"), _("代表类别"), _("顺序"), _("状态"), _("姓名"),
        _("工作单位"), _("身份证号"), _("联系电话"),
    ]  # fmt: skip
    rows: list[list[object]] = []
    if draw is None or not draw.is_done():
        return headers, rows
    reps = _representatives(draw, district_id)
    for rep in reps:
        source = rep.source()
        rows.append(
            [
                rep.session.number,
                rep.venue.name,
                rep.category.name,
                rep.rank,
                rep.get_status_display(),
                rep.name,
                rep.employer,
                str(source.id_number) if source else "",
                str(source.phone) if source else "",
            ]
        )
    return headers, rows


def _split(reps: Any) -> dict[str, list[Representative]]:
    """Seated (and dropped) people first, reserves apart, each in draw order."""
    people = sorted(reps, key=lambda r: (r.category.order, r.rank))
    return {
        "seated": [r for r in people if r.status != Representative.Status.RESERVE],
        "reserves": [r for r in people if r.status == Representative.Status.RESERVE],
    }


def _representatives(draw: Draw, district_id: int | None) -> Any:
    reps = draw.representatives.select_related(
        "session", "venue__district", "category", "entry", "volunteer"
    )
    if district_id is not None:
        reps = reps.filter(venue__district_id=district_id)
    return reps


@require_GET
@role_required(Role.STATISTICS)
def contact_export(request: HttpRequest) -> HttpResponse:
    """Seated people with their phone in the clear, to notify them (会务保障组告知代表本人).

    Every phone is read through ``reveal``, so each one is logged; ID numbers stay masked.
    """
    user = current_user(request)
    draw = get_draw_for_user(request)
    if draw is None or not draw.is_done():
        raise Http404
    headers = [
        _("场次"), _("会场"), _("代表类别"), _("姓名"), _("工作单位"), _("身份证号"), _("联系电话"),
    ]  # fmt: skip
    rows: list[list[object]] = []
    reps = _representatives(draw, None).filter(status__in=results.SEATED)
    for rep in reps:
        source = rep.source()
        if source is None:
            continue
        rows.append(
            [
                rep.session.number,
                rep.venue.name,
                rep.category.name,
                rep.name,
                rep.employer,
                str(source.id_number),
                reveal(source, "phone", user, "导出联系名单，通知市民代表参会"),
            ]
        )
    return _xlsx(
        excel.write_xlsx({_("联系名单"): (headers, rows)}),
        f"representatives-contacts-{draw.campaign.year}.xlsx",
    )


@require_GET
@role_required(*OVERSEERS)
def representative_list(request: HttpRequest) -> HttpResponse:
    """One venue in one session: seated people and reserves (masked)."""
    campaign = current_campaign()
    draw = get_draw_for_user(request)
    session_number = _session_number(request, campaign)
    venues = list(campaign.venues.select_related("district").order_by("kind", "order"))
    venue = next((v for v in venues if str(v.pk) == request.GET.get("venue")), venues[0])
    reps: Any = []
    if draw is not None and draw.is_done():
        reps = _representatives(draw, None).filter(session__number=session_number, venue=venue)
    return render(
        request,
        "selection/list.html",
        {
            "sessions": campaign.sessions.order_by("number"),
            "session_number": session_number,
            "venues": venues,
            "venue": venue,
            **_split(reps),
            "draw": draw,
            "can_replace": current_user(request).role in MANAGERS,
        },
    )


@require_GET
@role_required(Role.DISTRICT, *OVERSEERS)
def district_view(request: HttpRequest) -> HttpResponse:
    """A district's branch venue: its table and its people (masked), per session."""
    campaign = current_campaign()
    district = district_for_user(request, request.GET.get("district"))
    draw = Draw.objects.filter(campaign=campaign, status=Draw.Status.DONE).first()
    session_number = _session_number(request, campaign)
    reps: Any = []
    table = results.branch_table(campaign, draw, session_number)
    index = table.columns.index(district.name) if district.name in table.columns else None
    rows = (
        [(name, seated[index], quota[index]) for name, seated, quota in table.rows]
        if index is not None
        else []
    )
    if draw is not None:
        reps = _representatives(draw, district.pk).filter(session__number=session_number)
    user = current_user(request)
    return render(
        request,
        "selection/district.html",
        {
            "district": district,
            "draw": draw,
            "sessions": campaign.sessions.order_by("number"),
            "session_number": session_number,
            "rows": rows,
            **_split(reps),
            "districts": campaign.venues.filter(kind=Venue.Kind.BRANCH).select_related("district")
            if is_overseer(user)
            else [],
            "can_replace": user.role in (Role.DISTRICT, Role.STATISTICS, Role.OFFICE),
        },
    )


@require_GET
@role_required(Role.DISTRICT, *OVERSEERS)
def district_export(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    district = district_for_user(request, request.GET.get("district"))
    draw = Draw.objects.filter(campaign=campaign, status=Draw.Status.DONE).first()
    sheet = _list_sheet(draw, district.pk)
    return _xlsx(
        excel.write_xlsx({district.name: sheet}),
        f"representatives-{campaign.year}-{district.code or district.pk}.xlsx",
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.DISTRICT, Role.STATISTICS, Role.OFFICE)
def representative_replace(request: HttpRequest, pk: int) -> HttpResponse:
    rep = get_representative_for_user(request, pk)
    form = ReplaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reserve = actions.do_replace_representative(
                current_user(request), rep, form.cleaned_data["reason"]
            )
        except actions.SelectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(old)s 已退出，由备选第%(rank)d位 %(new)s 递补")
                % {"old": rep.name, "rank": reserve.rank, "new": reserve.name},
            )
            if current_user(request).role == Role.DISTRICT:
                return redirect(reverse("selection:district") + f"?session={rep.session.number}")
            return redirect(
                reverse("selection:list") + f"?session={rep.session.number}&venue={rep.venue_id}"
            )
    return render(request, "selection/replace.html", {"rep": rep, "form": form})
