"""Views of the meetings app: agenda and timer, credentials, check-in, attendance, seats,
the representative's own meeting card, the discipline notice and log."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minping.accounts.access import current_user, role_required
from minping.accounts.models import Role, User
from minping.campaigns.models import Campaign, Category, Session, Venue
from minping.lib import charts, excel
from minping.meetings import actions, seatchart
from minping.meetings.access import (
    OVERSEERS,
    STAFF,
    get_agenda_for_screen_key,
    get_assignment_for_user,
    get_credential_for_office,
    get_representative_for_user,
    get_session_for_user,
    get_session_venue_for_user,
    get_slot_for_office,
    get_venue_for_user,
    is_office,
    runs_venue,
    sees_full_names,
)
from minping.meetings.forms import (
    AgendaForm,
    CheckInForm,
    CredentialForm,
    DisciplineForm,
    FilterForm,
    ImportForm,
    LayoutForm,
    ManualCheckInForm,
    MoveForm,
    MoveSeatForm,
    PressLaneForm,
    ReplaceForm,
    TimerForm,
)
from minping.meetings.models import (
    Attendance,
    Credential,
    DisciplineNote,
    SeatAssignment,
    SeatLayout,
    Slot,
    mask_person,
)
from minping.selection.models import Representative

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEMS_KEY = "meetings_import_problems"
#: Cards per print run; a venue's session (≤ ~450 people) fits, filter for more.
PRINT_LIMIT = 800


def _campaign() -> Campaign:
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404
    return campaign


def _venues_for(user: User, campaign: Campaign) -> list[Venue]:
    venues = list(Venue.objects.filter(campaign=campaign).select_related("district"))
    if user.role == Role.DISTRICT and not user.is_superuser:
        return [v for v in venues if runs_venue(user, v)]
    return venues


def _qr(text: str, scale: int = 4) -> SafeString:
    svg = segno.make(text, error="m").svg_inline(scale=scale, border=2)
    return mark_safe(svg)  # noqa: S308 - segno's own SVG of our credential code


#: Absent representatives listed per page.
ABSENT_PAGE_SIZE = 50


# --- index and agenda ---------------------------------------------------------------------


@require_GET
@role_required(*STAFF)
def index(request: HttpRequest) -> HttpResponse:
    campaign = _campaign()
    user = current_user(request)
    sessions = list(campaign.sessions.select_related("group").order_by("number"))
    for session in sessions:
        session.agenda_obj = actions.ensure_agenda(session)  # type: ignore[attr-defined]  # for the template
    return render(
        request,
        "meetings/index.html",
        {
            "campaign": campaign,
            "sessions": sessions,
            "venues": _venues_for(user, campaign),
            "office": is_office(user),
        },
    )


@require_GET
@role_required(*STAFF)
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id)
    user = current_user(request)
    agenda = actions.ensure_agenda(session)
    slots = list(agenda.slots.select_related("department").order_by("order"))
    started = any(s.state != Slot.State.WAITING for s in slots)
    local = timezone.localtime(agenda.starts_at)
    form = AgendaForm(
        initial={
            "starts_at": local.replace(tzinfo=None),
            "slot_minutes": Decimal(agenda.slot_seconds) / 60,
        }
    )
    screen_url = None
    if is_office(user) or user.role == Role.DISTRICT:
        key = actions.screen_key(agenda)
        screen_url = request.build_absolute_uri(reverse("meetings:screen", args=[key]))
    return render(
        request,
        "meetings/session.html",
        {
            "screen_url": screen_url,
            "screen_qr": _qr(screen_url, scale=3) if screen_url else "",
            "session": session,
            "agenda": agenda,
            "slots": slots,
            "started": started,
            "form": form,
            "office": is_office(user),
            "overseer": user.is_superuser or user.role in OVERSEERS,
            "venues": _venues_for(user, session.campaign),
        },
    )


@require_POST
@role_required(Role.OFFICE)
def agenda_update(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id, manage=True)
    agenda = actions.ensure_agenda(session)
    form = AgendaForm(request.POST)
    if form.is_valid():
        actions.do_update_agenda(
            current_user(request),
            agenda,
            starts_at=form.cleaned_data["starts_at"],
            slot_seconds=int(form.cleaned_data["slot_minutes"] * 60),
            all_sessions=form.cleaned_data["all_sessions"],
        )
        messages.success(request, _("议程已保存"))
    else:
        messages.error(request, _("请检查开始时间和述职时长"))
    return redirect("meetings:session", session.pk)


@require_POST
@role_required(Role.OFFICE)
def slot_move(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = get_slot_for_office(request, slot_id)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            actions.do_move_slot(current_user(request), slot, form.cleaned_data["direction"])
        except actions.MeetingError as exc:
            messages.error(request, str(exc))
    return redirect("meetings:session", slot.agenda.session_id)


@require_POST
@role_required(Role.OFFICE)
def slot_press(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = get_slot_for_office(request, slot_id)
    form = PressLaneForm(request.POST)
    if form.is_valid():
        actions.do_set_press_lane(current_user(request), slot, form.cleaned_data["on"])
    return redirect(reverse("meetings:session", args=[slot.agenda.session_id]) + "#press")


# --- timer --------------------------------------------------------------------------------


@require_GET
@role_required(Role.OFFICE)
def control(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id, manage=True)
    agenda = actions.ensure_agenda(session)
    return render(
        request,
        "meetings/control.html",
        {"session": session, "agenda": agenda, "state": actions.timer_state(agenda)},
    )


@require_POST
@role_required(Role.OFFICE)
def timer_command(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id, manage=True)
    agenda = actions.ensure_agenda(session)
    form = TimerForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            actions.do_timer(current_user(request), agenda, form.cleaned_data["command"])
        except actions.MeetingError as exc:
            error = str(exc)
    else:
        error = _("未知操作")
    if "application/json" in request.headers.get("Accept", ""):
        # The control page's fetch: the new state and buttons, or the server's refusal.
        agenda.refresh_from_db()
        state = actions.timer_state(agenda)
        pad = render_to_string(
            "meetings/_control_pad.html",
            {"session": session, "agenda": agenda, "state": state},
            request=request,
        )
        return JsonResponse(
            {"ok": not error, "error": error, "state": state, "pad": pad},
            status=409 if error else 200,
        )
    if error:
        messages.error(request, error)
    return redirect("meetings:control", session.pk)


@require_GET
@role_required(*STAFF)
def display(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id)
    agenda = actions.ensure_agenda(session)
    return render(
        request,
        "meetings/display.html",
        {
            "session": session,
            "agenda": agenda,
            "state": actions.timer_state(agenda),
            "timer_url": reverse("meetings:timer_json", args=[session.pk]),
        },
    )


@never_cache
@require_GET
@role_required(*STAFF)
def timer_json(request: HttpRequest, session_id: int) -> JsonResponse:
    session = get_session_for_user(request, session_id)
    agenda = actions.ensure_agenda(session)
    return JsonResponse(actions.timer_state(agenda))


# --- the screen link: a venue's projector PC without a login ------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    """The key is in the URL: never send it on as a referrer, never let it be indexed."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_GET
def screen(request: HttpRequest, key: str) -> HttpResponse:
    """The big-screen timer behind a secret link: the clock and department names, nothing
    else (no navigation, no form, no person's name, no attendance)."""
    agenda = get_agenda_for_screen_key(key)
    return _private(
        render(
            request,
            "meetings/screen.html",
            {
                "session": agenda.session,
                "agenda": agenda,
                "state": actions.timer_state(agenda),
                "timer_url": reverse("meetings:screen_json", args=[key]),
            },
        )
    )


@never_cache
@require_GET
def screen_json(request: HttpRequest, key: str) -> HttpResponse:
    agenda = get_agenda_for_screen_key(key)
    return _private(JsonResponse(actions.timer_state(agenda)))


@require_POST
@role_required(Role.OFFICE)
def screen_rotate(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id, manage=True)
    actions.do_rotate_screen_key(current_user(request), actions.ensure_agenda(session))
    messages.success(request, _("已更换大屏链接，旧链接已失效。"))
    return redirect(reverse("meetings:session", args=[session.pk]) + "#screen-link")


@require_GET
@role_required(*OVERSEERS)
def summary(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id)
    agenda = actions.ensure_agenda(session)
    slots = list(agenda.slots.select_related("department").order_by("order"))
    rows: list[dict[str, Any]] = []
    chart_items: list[tuple[str, float]] = []
    for slot in slots:
        spoken = slot.elapsed() if slot.started_at else None
        over = max(0.0, spoken - agenda.slot_seconds) if spoken is not None else None
        rows.append({"slot": slot, "spoken": _mmss(spoken), "over": _mmss(over) if over else ""})
        label = slot.department.short_name or slot.department.name
        chart_items.append((label, round((spoken or 0) / 60, 1)))
    chart = charts.bar_chart(
        chart_items,
        unit=_("分钟"),
        title=_("各部门实际述职时长（分钟）"),
    )
    return render(
        request,
        "meetings/summary.html",
        {
            "session": session,
            "agenda": agenda,
            "rows": rows,
            "chart": chart,
            "over_count": sum(1 for r in rows if r["over"]),
            "limit": _mmss(agenda.slot_seconds),
        },
    )


def _mmss(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


# --- credentials --------------------------------------------------------------------------


@require_GET
@role_required(Role.OFFICE)
def credentials(request: HttpRequest) -> HttpResponse:
    campaign = _campaign()
    filters = FilterForm(request.GET or None, campaign=campaign)
    items = _filtered_credentials(campaign, filters)
    counts = dict(
        Credential.objects.filter(campaign=campaign, is_revoked=False)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    seated = Representative.objects.filter(draw__campaign=campaign, status__in=actions.SEATED)
    missing = seated.exclude(credentials__is_revoked=False, credentials__isnull=False).count()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/credentials.html",
        {
            "filters": filters,
            "page": Paginator(items, 50).get_page(request.GET.get("page")),
            "total": items.count(),
            "counts": [(label, counts.get(kind, 0)) for kind, label in Credential.Kind.choices],
            "missing": missing,
            "form": CredentialForm(campaign=campaign),
            "query": query.urlencode(),
        },
    )


def _filtered_credentials(campaign: Campaign, filters: FilterForm) -> Any:
    items = (
        Credential.objects.filter(campaign=campaign)
        .select_related("session", "representative__category")
        .prefetch_related("venues")
        .order_by("kind", "session__number", "name", "pk")
    )
    if filters.is_bound and filters.is_valid():
        data = filters.cleaned_data
        if data.get("session"):
            items = items.filter(session=data["session"])
        if data.get("venue"):
            items = items.filter(venues=data["venue"])
        if data.get("kind"):
            items = items.filter(kind=data["kind"])
    return items


@require_POST
@role_required(Role.OFFICE)
def credential_add(request: HttpRequest) -> HttpResponse:
    campaign = _campaign()
    form = CredentialForm(request.POST, campaign=campaign)
    if form.is_valid():
        data = form.cleaned_data
        actions.do_add_credential(
            current_user(request),
            campaign,
            kind=data["kind"],
            name=data["name"],
            unit=data["unit"],
            venues=data["venues"],
        )
        messages.success(request, _("证件已添加"))
        return redirect("meetings:credentials")
    filters = FilterForm(campaign=campaign)
    items = _filtered_credentials(campaign, filters)
    return render(
        request,
        "meetings/credentials.html",
        {
            "filters": filters,
            "page": Paginator(items, 50).get_page(1),
            "total": items.count(),
            "form": form,
        },
    )


@require_POST
@role_required(Role.OFFICE)
def credentials_generate(request: HttpRequest) -> HttpResponse:
    made = actions.do_issue_representative_credentials(current_user(request), _campaign())
    messages.success(request, _("已生成%(n)d张市民代表证") % {"n": made})
    return redirect("meetings:credentials")


@require_POST
@role_required(Role.OFFICE)
def credential_reissue(request: HttpRequest, credential_id: int) -> HttpResponse:
    credential = get_credential_for_office(request, credential_id)
    try:
        fresh = actions.do_reissue_credential(current_user(request), credential)
    except actions.MeetingError as exc:
        messages.error(request, str(exc))
        return redirect("meetings:credentials")
    messages.success(
        request,
        _("原证件已作废，新证件码：%(code)s") % {"code": fresh.pretty_code()},
    )
    return redirect(reverse("meetings:credentials_print") + f"?id={fresh.pk}")


IMPORT_COLUMNS = {
    "kind": ["证件类型", "类型"],
    "name": ["姓名"],
    "unit": ["单位", "单位/媒体", "媒体"],
    "venues": ["会场", "可进入会场"],
}


def _check_rows(
    campaign: Campaign, table: Any
) -> tuple[list[actions.CredentialRow], list[excel.Problem]]:
    kinds = {str(label): kind for kind, label in Credential.Kind.choices}
    kinds.update({"述职证": "speaker", "代表证": "representative"})
    venues = {v.name: v for v in Venue.objects.filter(campaign=campaign)}
    rows: list[actions.CredentialRow] = []
    problems: list[excel.Problem] = []
    for row in table:
        values = {k: row.values.get(k, "").strip() for k in IMPORT_COLUMNS}
        kind = kinds.get(values["kind"])
        if kind is None or kind == Credential.Kind.REPRESENTATIVE:
            problems.append(
                excel.Problem(row.number, "证件类型", _("证件类型应为述职报告证、工作证或记者证"))
            )
        if not values["name"]:
            problems.append(excel.Problem(row.number, "姓名", _("姓名不能为空")))
        elif len(values["name"]) > 50:
            problems.append(excel.Problem(row.number, "姓名", _("姓名过长")))
        chosen: list[Venue] = []
        names = [
            n.strip() for n in values["venues"].replace("，", "、").replace(",", "、").split("、")
        ]
        for name in filter(None, names):
            if name in ("全部", "所有会场"):
                chosen = list(venues.values())
            elif name in venues:
                chosen.append(venues[name])
            else:
                problems.append(
                    excel.Problem(
                        row.number, "会场", _("没有名为“%(name)s”的会场") % {"name": name}
                    )
                )
        if not chosen:
            problems.append(excel.Problem(row.number, "会场", _("请填写至少一个会场")))
        if kind and values["name"]:
            rows.append(actions.CredentialRow(kind, values["name"], values["unit"][:100], chosen))
    return rows, problems


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE)
def credentials_import(request: HttpRequest) -> HttpResponse:
    """All rows or none, with a row/column/reason report of every problem."""
    campaign = _campaign()
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "columns": [c[0] for c in IMPORT_COLUMNS.values()]}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = excel.read_table(
                upload.read(), upload.name or "", IMPORT_COLUMNS, {"kind", "name", "venues"}
            )
        except excel.TableError as exc:
            problems = exc.problems
        else:
            rows, problems = _check_rows(campaign, table)
            if not problems and rows:
                made = actions.do_import_credentials(current_user(request), campaign, rows)
                messages.success(request, _("已导入%(n)d张证件") % {"n": made})
                return redirect("meetings:credentials")
            if not rows and not problems:
                problems = [excel.Problem(0, "", _("表格中没有数据行"))]
        request.session[PROBLEMS_KEY] = [[p.row, p.column, p.reason] for p in problems]
        context["problems"] = problems
    return render(request, "meetings/credentials_import.html", context)


@require_GET
@role_required(Role.OFFICE)
def credentials_problems(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(PROBLEMS_KEY) or []
    data = excel.problems_xlsx([excel.Problem(r, c, m) for r, c, m in stored])
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="credential-problems.xlsx"'
    return response


@require_GET
@role_required(Role.OFFICE, Role.DISTRICT)
def credentials_print(request: HttpRequest) -> HttpResponse:
    """A4 sheets of cards (8 per page); a district officer prints the own venue's only."""
    campaign = _campaign()
    user = current_user(request)
    filters = FilterForm(request.GET or None, campaign=campaign)
    items = _filtered_credentials(campaign, filters).filter(is_revoked=False)
    if request.GET.get("id", "").isdigit():
        items = items.filter(pk=int(request.GET["id"]))
    if not is_office(user):
        own = _venues_for(user, campaign)
        if not own:
            raise PermissionDenied
        items = items.filter(venues__in=own, kind=Credential.Kind.REPRESENTATIVE)
    items = items.distinct()
    chosen = list(items[:PRINT_LIMIT])
    seats = {
        a.representative_id: a.label()
        for a in SeatAssignment.objects.filter(
            representative_id__in=[c.representative_id for c in chosen if c.representative_id]
        )
    }
    cards = [
        {
            "c": c,
            "qr": _qr(c.code, scale=3),
            "seat": seats.get(c.representative_id or 0, ""),
            "venues": "、".join(v.name for v in c.venues.all()),
            "category": c.representative.category.name if c.representative else "",
        }
        for c in chosen
    ]
    context = {"cards": cards, "campaign": campaign, "truncated": len(chosen) == PRINT_LIMIT}
    if request.GET.get("format") == "pdf":
        from weasyprint import HTML  # imported here: a heavy library only this page needs

        pdf = HTML(string=render_to_string("meetings/credentials_pdf.html", context)).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="credentials.pdf"'
        return response
    return render(request, "meetings/credentials_print.html", context)


# --- check-in and attendance --------------------------------------------------------------


def _answer_payload(answer: actions.CheckIn) -> dict[str, Any]:
    at = timezone.localtime(answer.at).strftime("%H:%M") if answer.at else ""
    texts = {
        "ok": _("已签到"),
        "again": _("已签到过（%(at)s）") % {"at": at},
        "wrong_venue": _("不是本会场：请到%(venue)s") % {"venue": answer.venue},
        "wrong_session": _("不是本场次的代表"),
        "revoked": _("证件已作废"),
        "not_found": _("查无此证"),
        "card_valid": _("%(kind)s有效（不计入代表签到）") % {"kind": answer.kind},
        "card_wrong_venue": _("%(kind)s不含本会场") % {"kind": answer.kind},
    }
    level = {"ok": "ok", "again": "warn", "card_valid": "ok"}.get(answer.outcome, "danger")
    return {
        "outcome": answer.outcome,
        "level": level,
        "headline": texts[answer.outcome],
        "name": answer.name,
        "category": answer.category,
        "seat": answer.seat,
        "at": at,
        "late": answer.late,
    }


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE, Role.DISTRICT)
def checkin(request: HttpRequest, session_id: int, venue_id: int) -> HttpResponse:
    session, venue = get_session_venue_for_user(request, session_id, venue_id, manage=True)
    form = CheckInForm(request.POST or None)
    answer = None
    if request.method == "POST" and form.is_valid():
        result = actions.do_check_in(
            current_user(request), session, venue, form.cleaned_data["code"]
        )
        answer = _answer_payload(result)
        if request.headers.get("Accept") == "application/json":
            return JsonResponse(answer)
        form = CheckInForm()
    counts = _venue_counts(session, venue)
    return render(
        request,
        "meetings/checkin.html",
        {"session": session, "venue": venue, "form": form, "answer": answer, **counts},
    )


def _venue_counts(session: Session, venue: Venue) -> dict[str, int]:
    expected = Representative.objects.filter(
        session=session, venue=venue, status__in=actions.SEATED
    ).count()
    present = Attendance.objects.filter(session=session, venue=venue).count()
    return {"expected": expected, "present": present}


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE, Role.DISTRICT)
def checkin_list(request: HttpRequest, session_id: int, venue_id: int) -> HttpResponse:
    session, venue = get_session_venue_for_user(request, session_id, venue_id, manage=True)
    answer = None
    if request.method == "POST":
        form = ManualCheckInForm(request.POST)
        if form.is_valid():
            rep = get_representative_for_user(request, form.cleaned_data["representative"])
            try:
                answer = _answer_payload(
                    actions.do_manual_check_in(current_user(request), session, venue, rep)
                )
            except actions.MeetingError as exc:
                messages.error(request, str(exc))
    query = request.GET.get("q", "").strip()
    reps = (
        Representative.objects.filter(session=session, venue=venue, status__in=actions.SEATED)
        .select_related("category", "attendance", "seat")
        .order_by("name", "pk")
    )
    if query:
        reps = reps.filter(Q(name__contains=query) | Q(employer__contains=query))
    return render(
        request,
        "meetings/checkin_list.html",
        {
            "session": session,
            "venue": venue,
            "reps": reps[:200],
            "query": query,
            "answer": answer,
            **_venue_counts(session, venue),
        },
    )


def _board_rows(session: Session, venues: list[Venue]) -> list[dict[str, Any]]:
    counts = (
        Representative.objects.filter(session=session, venue__in=venues, status__in=actions.SEATED)
        .values("venue", "category")
        .annotate(
            expected=Count("pk"),
            present=Count("attendance"),
            late=Count("attendance", filter=Q(attendance__is_late=True)),
        )
    )
    categories = {c.pk: c for c in Category.objects.filter(campaign=session.campaign)}
    by_venue: dict[int, list[dict[str, Any]]] = {}
    for row in counts:
        by_venue.setdefault(row["venue"], []).append(row)
    out = []
    for venue in venues:
        lines = sorted(by_venue.get(venue.pk, []), key=lambda r: categories[r["category"]].order)
        expected = sum(r["expected"] for r in lines)
        present = sum(r["present"] for r in lines)
        out.append(
            {
                "venue": venue,
                "expected": expected,
                "present": present,
                "absent": expected - present,
                "late": sum(r["late"] for r in lines),
                "rate": round(100 * present / expected, 1) if expected else 0,
                "lines": [
                    {
                        "category": categories[r["category"]],
                        "expected": r["expected"],
                        "present": r["present"],
                        "absent": r["expected"] - r["present"],
                        "late": r["late"],
                        "rate": round(100 * r["present"] / r["expected"], 1),
                    }
                    for r in lines
                ],
            }
        )
    return out


@require_GET
@role_required(*STAFF)
def venue_summary(request: HttpRequest, session_id: int, venue_id: int) -> HttpResponse:
    """One printable page for the venue at the end of the session: expected, present, late
    and absent by category, and the discipline notes taken there. Counts only, no names."""
    session, venue = get_session_venue_for_user(request, session_id, venue_id)
    agenda = actions.ensure_agenda(session)
    row = _board_rows(session, [venue])[0]
    notes = list(
        DisciplineNote.objects.filter(session=session, venue=venue).order_by("observed_at", "pk")
    )
    return render(
        request,
        "meetings/venue_summary.html",
        {
            "session": session,
            "venue": venue,
            "agenda": agenda,
            "row": row,
            "notes": notes,
            "printed_at": timezone.now(),
        },
    )


@require_GET
@role_required(*STAFF)
def attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id)
    user = current_user(request)
    venues = _venues_for(user, session.campaign)
    rows = _board_rows(session, venues)
    expected = sum(r["expected"] for r in rows)
    present = sum(r["present"] for r in rows)
    chart = charts.bar_chart(
        [(r["venue"].name.replace("分会场", ""), r["rate"]) for r in rows],
        unit="%",
        max_value=100,
        title=_("各会场签到率"),
    )
    return render(
        request,
        "meetings/attendance.html",
        {
            "session": session,
            "rows": rows,
            "expected": expected,
            "present": present,
            "rate": round(100 * present / expected, 1) if expected else 0,
            "chart": chart,
            "runs": {v.pk for v in venues if runs_venue(user, v)},
        },
    )


@require_GET
@role_required(*STAFF)
def attendance_xlsx(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id)
    user = current_user(request)
    venues = _venues_for(user, session.campaign)
    summary_rows: list[list[object]] = []
    for row in _board_rows(session, venues):
        for line in row["lines"]:
            summary_rows.append(
                [
                    row["venue"].name,
                    line["category"].name,
                    line["expected"],
                    line["present"],
                    line["absent"],
                    line["rate"],
                ]
            )
    people: list[list[object]] = []
    reps = (
        Representative.objects.filter(session=session, venue__in=venues, status__in=actions.SEATED)
        .select_related("venue", "category", "attendance")
        .order_by("venue__kind", "venue__order", "category__order", "name")
    )
    for rep in reps:
        att = getattr(rep, "attendance", None)
        people.append(
            [
                rep.venue.name,
                rep.category.name,
                rep.name if runs_venue(user, rep.venue) else mask_person(rep.name),
                timezone.localtime(att.checked_in_at).strftime("%H:%M") if att else "",
                (_("迟到") if att.is_late else _("按时")) if att else _("未到"),
            ]
        )
    data = excel.write_xlsx(
        {
            _("签到汇总"): (
                [
                    pgettext("meetings", "会场"),
                    _("类别"),
                    _("应到"),
                    _("实到"),
                    _("缺席"),
                    _("签到率%"),
                ],
                summary_rows,
            ),
            _("签到名单"): (
                [
                    pgettext("meetings", "会场"),
                    _("类别"),
                    _("姓名"),
                    pgettext("meetings", "签到时间"),
                    _("情况"),
                ],
                people,
            ),
        }
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="attendance-session{session.number}.xlsx"'
    )
    return response


@require_GET
@role_required(*STAFF)
def absent(request: HttpRequest, session_id: int, venue_id: int) -> HttpResponse:
    """Who has not arrived, with the reserves that could take their seats."""
    session, venue = get_session_venue_for_user(request, session_id, venue_id)
    user = current_user(request)
    agenda = actions.ensure_agenda(session)
    absent_qs = Representative.objects.filter(actions.absent_filter(session, venue))
    per_category = dict(
        absent_qs.order_by()
        .values_list("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    # 50 a page, by category (its order), then name: a big venue's list stays readable.
    page = Paginator(
        absent_qs.select_related("category").order_by("category__order", "name", "pk"),
        ABSENT_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    missing = list(page.object_list)
    reserves: dict[int, list[Representative]] = {}
    for rep in Representative.objects.filter(
        session=session, venue=venue, status=Representative.Status.RESERVE
    ).order_by("rank"):
        reserves.setdefault(rep.category_id, []).append(rep)
    full = sees_full_names(user, venue)
    groups: list[dict[str, Any]] = []
    for rep in missing:
        if not groups or groups[-1]["category"] != rep.category:
            pool = reserves.get(rep.category_id, [])
            groups.append(
                {
                    "category": rep.category,
                    "absent": [],
                    # The next reserve by rank takes the seat (selection's rule).
                    "reserves": [r.name if full else mask_person(r.name) for r in pool[:5]],
                    "reserve_count": len(pool),
                    "total": per_category.get(rep.category_id, 0),
                }
            )
        groups[-1]["absent"].append(
            {"rep": rep, "name": rep.name if full else mask_person(rep.name)}
        )
    return render(
        request,
        "meetings/absent.html",
        {
            "session": session,
            "venue": venue,
            "groups": groups,
            "page": page,
            "absent_count": page.paginator.count,
            "can_replace": runs_venue(user, venue) and not agenda.has_started(),
            "started": agenda.has_started(),
            "form": ReplaceForm(),
        },
    )


@require_POST
@role_required(Role.OFFICE, Role.DISTRICT)
def replace(request: HttpRequest, rep_id: int) -> HttpResponse:
    rep = get_representative_for_user(request, rep_id)
    form = ReplaceForm(request.POST)
    if form.is_valid():
        try:
            reserve = actions.do_replace_absent(
                current_user(request), rep, form.cleaned_data["reason"]
            )
        except actions.MeetingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("已由备选代表%(name)s递补，请打印其代表证") % {"name": reserve.name}
            )
    else:
        messages.error(request, _("请填写替补原因"))
    return redirect("meetings:absent", rep.session_id, rep.venue_id)


# --- seats --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE, Role.DISTRICT)
def layout_edit(request: HttpRequest, venue_id: int) -> HttpResponse:
    venue = get_venue_for_user(request, venue_id, manage=True)
    layout = SeatLayout.objects.filter(venue=venue).first() or SeatLayout(venue=venue)
    form = LayoutForm(request.POST or None, instance=layout)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in LayoutForm.Meta.fields}
        actions.do_save_layout(current_user(request), venue, **fields)
        messages.success(request, _("座次布局已保存"))
        return redirect("meetings:layout", venue.pk)
    preview = seatchart.render(layout, [], title=venue.name) if layout.rows else None
    return render(
        request,
        "meetings/layout.html",
        {
            "venue": venue,
            "form": form,
            "preview": preview,
            "free": len(layout.free_seats()),
            "sessions": venue.campaign.sessions.order_by("number"),
        },
    )


def _sitters(
    session: Session, venue: Venue, *, full: bool, highlight: int | None = None
) -> tuple[list[seatchart.Sitter], list[SeatAssignment]]:
    assignments = list(
        SeatAssignment.objects.filter(session=session, venue=venue).select_related(
            "representative__category"
        )
    )
    sitters = [
        seatchart.Sitter(
            a.row,
            a.seat,
            a.representative.name if full else mask_person(a.representative.name),
            a.representative.category.order,
            highlight=a.representative_id == highlight,
        )
        for a in assignments
    ]
    return sitters, assignments


@require_GET
@role_required(*STAFF)
def seats(request: HttpRequest, session_id: int, venue_id: int) -> HttpResponse:
    session, venue = get_session_venue_for_user(request, session_id, venue_id)
    user = current_user(request)
    layout = SeatLayout.objects.filter(venue=venue).first()
    full = sees_full_names(user, venue)
    chart = None
    assignments: list[SeatAssignment] = []
    if layout is not None:
        sitters, assignments = _sitters(session, venue, full=full)
        chart = seatchart.render(layout, sitters, title=f"{session} {venue}")
    seated = Representative.objects.filter(
        session=session, venue=venue, status__in=actions.SEATED
    ).count()
    categories = sorted(
        {(a.representative.category.order, a.representative.category.name) for a in assignments}
    )
    return render(
        request,
        "meetings/seats.html",
        {
            "session": session,
            "venue": venue,
            "layout": layout,
            "chart": chart,
            "assigned": len(assignments),
            "seated": seated,
            "manage": runs_venue(user, venue),
            "assignments": sorted(assignments, key=lambda a: a.representative.name) if full else [],
            "move_form": MoveSeatForm(),
            "legend": [(seatchart.PALETTE[o % len(seatchart.PALETTE)], n) for o, n in categories],
        },
    )


@require_POST
@role_required(Role.OFFICE, Role.DISTRICT)
def seats_assign(request: HttpRequest, session_id: int, venue_id: int) -> HttpResponse:
    session, venue = get_session_venue_for_user(request, session_id, venue_id, manage=True)
    try:
        n = actions.do_auto_assign_seats(current_user(request), session, venue)
        messages.success(request, _("已为%(n)d名代表排座") % {"n": n})
    except actions.MeetingError as exc:
        messages.error(request, str(exc))
    return redirect("meetings:seats", session.pk, venue.pk)


@require_POST
@role_required(Role.OFFICE, Role.DISTRICT)
def seats_move(request: HttpRequest, session_id: int, venue_id: int) -> HttpResponse:
    session, venue = get_session_venue_for_user(request, session_id, venue_id, manage=True)
    form = MoveSeatForm(request.POST)
    if form.is_valid():
        assignment = get_assignment_for_user(request, form.cleaned_data["assignment"])
        if assignment.session_id != session.pk or assignment.venue_id != venue.pk:
            raise Http404
        try:
            actions.do_move_seat(
                current_user(request),
                assignment,
                form.cleaned_data["row"],
                form.cleaned_data["seat"],
            )
            messages.success(request, _("座位已调整"))
        except actions.MeetingError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("请填写排号和座号"))
    return redirect("meetings:seats", session.pk, venue.pk)


# --- the representative's own page, the notice, the discipline log ------------------------


@require_GET
@role_required(Role.REPRESENTATIVE)
def my_meeting(request: HttpRequest) -> HttpResponse:
    """My meeting card: session, venue, seat (on the chart), credential QR, the notice."""
    user = current_user(request)
    rep = (
        Representative.objects.filter(user=user, status__in=actions.SEATED)
        .select_related("session", "venue", "category", "draw__campaign")
        .order_by("-draw__campaign__year")
        .first()
    )
    context: dict[str, Any] = {"rep": rep}
    if rep is not None:
        credential = Credential.objects.filter(representative=rep, is_revoked=False).first()
        agenda = actions.ensure_agenda(rep.session)
        seat = SeatAssignment.objects.filter(representative=rep).first()
        layout = SeatLayout.objects.filter(venue=rep.venue).first()
        chart = None
        if seat is not None and layout is not None:
            sitters = [
                seatchart.Sitter(seat.row, seat.seat, _("我"), rep.category.order, highlight=True)
            ]
            chart = seatchart.render(layout, sitters, title=_("我的座位"))
        context.update(
            {
                "credential": credential,
                "qr": _qr(credential.code, scale=5) if credential else None,
                "agenda": agenda,
                "seat": seat,
                "chart": chart,
            }
        )
    return render(request, "meetings/my.html", context)


@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    return render(request, "meetings/notice.html", {})


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE, Role.SUPERVISOR)
def discipline(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id)
    user = current_user(request)
    is_supervisor = user.role == Role.SUPERVISOR
    form = DisciplineForm(
        request.POST or None,
        campaign=session.campaign,
        initial={"observed_at": timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)},
    )
    if request.method == "POST":
        if not is_supervisor:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            actions.do_log_discipline(
                user, session, data["venue"], data["observed_at"], data["text"]
            )
            messages.success(request, _("检查记录已保存"))
            return redirect("meetings:discipline", session.pk)
    notes = DisciplineNote.objects.filter(session=session).select_related("venue", "author")
    return render(
        request,
        "meetings/discipline.html",
        {"session": session, "form": form if is_supervisor else None, "notes": notes},
    )
