"""Views: parse with a form, call one ``do_*`` action, redirect."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minping.accounts.access import current_user, office_required, role_required
from minping.accounts.models import Role, User
from minping.accounts.pii import reveal
from minping.campaigns.models import Department
from minping.lib import charts, excel, ratelimit
from minping.suggestions import actions, deadlines, forms, proposals, reports
from minping.suggestions.access import (
    assignments_for,
    current_campaign,
    get_assignment_for_user,
    get_extension_for_office,
    get_handler_for_unit,
    get_objection_for_office,
    get_photo_for_user,
    get_suggestion_by_number,
    get_suggestion_for_office,
    get_unit_for_user,
    unit_may_edit,
)
from minping.suggestions.models import (
    Assignment,
    ExcellentSuggestion,
    Extension,
    Handler,
    Meeting,
    Objection,
    ReviewSignoff,
    Suggestion,
    WeeklyCase,
)
from minping.suggestions.text import had_markup

S = Assignment.State
PUBLIC_STEPS = [
    Suggestion.State.SUBMITTED,
    Suggestion.State.NOT_DISPATCHED,
    Suggestion.State.CLOSED,
    S.DISPATCHED,
    S.DONE,
    S.RETURNED,
]


def _attempt(request: HttpRequest, done: str, action: Callable[[], object]) -> bool:
    """Runs one action; its refusal becomes the page's error message, success says ``done``."""
    try:
        action()
    except actions.Refused as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, done)
    return True


def _client(request: HttpRequest) -> str:
    return request.session.session_key or request.META.get("REMOTE_ADDR", "")[:64]


# --- public ---------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    published = Suggestion.objects.filter(campaign=campaign, is_published=True).count()
    mine = (
        Suggestion.objects.filter(proposer=request.user).order_by("-submitted_at")[:20]
        if isinstance(request.user, User)
        else []
    )
    return render(
        request,
        "suggestions/index.html",
        {"campaign": campaign, "published": published, "areas": _areas(), "mine": mine},
    )


def _areas() -> Any:
    from minping.suggestions.models import Area

    return Area.objects.all()


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """Citizens without login (SMS code), or a signed-in representative (no code)."""
    campaign = current_campaign()
    user = request.user if request.user.is_authenticated else None
    if isinstance(user, User) and user.role == Role.REPRESENTATIVE:
        return _submit_as_representative(request, user)
    form = forms.CitizenSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not request.session.session_key:
            request.session.save()
        if "send_code" in request.POST:
            phone_form = forms.PhoneOnlyForm(request.POST)
            if phone_form.is_valid():
                try:
                    actions.do_send_phone_code(
                        phone_form.cleaned_data["phone"], client=_client(request)
                    )
                    messages.success(request, _("验证码已发送到您的手机，10分钟内有效。"))
                except actions.Refused as exc:
                    messages.error(request, str(exc))
                return render(request, "suggestions/submit.html", {"form": _unbound_copy(form)})
            form.is_valid()
            for name in [n for n in form.errors if n != "phone"]:
                del form.errors[name]  # only the phone matters for sending a code
            return render(request, "suggestions/submit.html", {"form": form})
        if form.is_valid():
            data = form.cleaned_data
            if not data.get("code"):
                form.add_error("code", _("请先获取并填写短信验证码。"))
            else:
                try:
                    suggestion, _new = actions.do_submit(
                        campaign,
                        _intake(data),
                        idempotency_key=data["idempotency_key"],
                        channel=Suggestion.Channel.WEB,
                        proposer=user if isinstance(user, User) else None,
                        phone_code=data["code"],
                        photos=data.get("photos") or [],
                    )
                except actions.Refused as exc:
                    form.add_error("code", str(exc))
                else:
                    _after_submit(request, form)
                    return redirect(suggestion)
    return render(request, "suggestions/submit.html", {"form": form})


def _unbound_copy(form: forms.CitizenSubmitForm) -> forms.CitizenSubmitForm:
    """The same values, shown without error messages (after "send code")."""
    initial = {k: v for k, v in form.data.items() if k not in {"csrfmiddlewaretoken", "send_code"}}
    return forms.CitizenSubmitForm(initial=initial)


def _intake(data: dict[str, Any], **extra: Any) -> actions.Intake:
    return actions.Intake(
        area=data["area"],
        title=data["title"],
        text=data["text"],
        name=extra.get("name", data.get("name", "")),
        phone=extra.get("phone", data.get("phone", "")),
        age=data.get("age"),
        work_unit=data.get("work_unit", ""),
        named_department=data.get("named_department"),
        district=data.get("district"),
        is_representative=extra.get("is_representative", data.get("is_representative", False)),
    )


def _after_submit(request: HttpRequest, form: Any) -> None:
    raw = request.POST.get("text", "") + request.POST.get("title", "")
    if had_markup(raw):
        messages.warning(request, _("内容中的网页代码已被去除，只保留了文字。"))
    messages.success(request, _("提交成功！请记下查询编号，可随时查看办理进度。"))


def _submit_as_representative(request: HttpRequest, user: User) -> HttpResponse:
    campaign = current_campaign()
    form = forms.RepresentativeSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        suggestion, _new = actions.do_submit(
            campaign,
            _intake(
                data,
                name=user.full_name or user.username,
                phone=reveal(user, "phone", user, "市民代表本人提交意见建议") if user.phone else "",
                is_representative=True,
            ),
            idempotency_key=data["idempotency_key"],
            channel=Suggestion.Channel.REPRESENTATIVE,
            proposer=user,
            photos=data.get("photos") or [],
        )
        _after_submit(request, form)
        return redirect(suggestion)
    return render(request, "suggestions/submit.html", {"form": form, "representative": True})


@require_GET
def track_lookup(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("number", "").strip()
    if number:
        return redirect("suggestions:track", number=number.upper())
    return render(request, "suggestions/track_lookup.html")


# The tracking number is the key to a proposer's page: guessing is limited per client.
TRACKING = ratelimit.Limit("suggestions.track")


@require_GET
@ratelimit.guard_lookup(TRACKING)
def track(request: HttpRequest, number: str) -> HttpResponse:
    suggestion = get_suggestion_by_number(number)
    assignments = suggestion.assignments.exclude(state=S.REASSIGNED).select_related("department")
    return render(
        request,
        "suggestions/track.html",
        {
            "s": suggestion,
            "assignments": assignments,
            # The proposer sees milestones, not internal steps such as objections.
            "log": suggestion.log.filter(to_state__in=PUBLIC_STEPS)
            .select_related("assignment__department")
            .order_by("at", "pk"),
            "rate_form": forms.RateForm() if suggestion.can_be_rated() else None,
            "reopen_form": forms.ReopenForm() if suggestion.can_be_reopened() else None,
        },
    )


@require_POST
@ratelimit.guard_lookup(TRACKING)
def rate(request: HttpRequest, number: str) -> HttpResponse:
    suggestion = get_suggestion_by_number(number)
    form = forms.RateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _attempt(
            request,
            _("感谢您的评价。"),
            lambda: actions.do_rate(suggestion, rating=data["rating"], comment=data["comment"]),
        )
    else:
        messages.error(request, _("请选择评价。"))
    return redirect(suggestion)


@require_POST
@ratelimit.guard_lookup(TRACKING)
def reopen(request: HttpRequest, number: str) -> HttpResponse:
    suggestion = get_suggestion_by_number(number)
    form = forms.ReopenForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            _("已申请重办，承办单位将在5个工作日内重新答复。"),
            lambda: actions.do_reopen(suggestion, reason=form.cleaned_data["reason"]),
        )
    else:
        messages.error(request, _("请说明不满意的原因。"))
    return redirect(suggestion)


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    items = (
        Suggestion.objects.filter(campaign=campaign, is_published=True)
        .select_related("area")
        .prefetch_related("assignments__department")
        .order_by("-published_at")
    )
    area = request.GET.get("area")
    if area:
        items = items.filter(area__code=area)
    rows = []
    for s in items[:100]:
        lead = s.lead_assignment()
        rows.append({"s": s, "lead": lead})
    return render(request, "suggestions/board.html", {"rows": rows, "areas": _areas()})


@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    data = reports.stats(campaign)
    context = {
        "data": data,
        "area_chart": charts.bar_chart(
            [(n, float(c)) for n, c in data.by_area], unit=_("条"), title=_("按参考范围")
        ),
        "department_chart": charts.bar_chart(
            [(n, float(c)) for n, c in data.by_department[:15]],
            unit=_("件"),
            title=_("按承办单位"),
        ),
        "district_chart": charts.bar_chart(
            [(n, float(c)) for n, c in data.by_district], unit=_("条"), title=_("按旗区")
        ),
        "state_chart": charts.bar_chart(
            [(n, float(c)) for n, c in data.by_state], unit=_("条"), title=_("按办理状态")
        ),
        "trend_chart": charts.line_chart(
            [(w[5:], float(c)) for w, c in data.trend], title=_("每周收到的意见建议")
        ),
        "theme_chart": charts.bar_chart(
            [(t, float(c)) for t, c in data.themes[:10]], unit=_("条"), title=_("热点主题")
        ),
        "can_export": request.user.is_authenticated
        and isinstance(request.user, User)
        and (request.user.is_office or request.user.role in {Role.STATISTICS, Role.SUPERVISOR}),
    }
    return render(request, "suggestions/stats.html", context)


def _safe_cell(value: object) -> object:
    """Stops spreadsheet formula injection through user-typed text."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return value


@role_required(Role.OFFICE, Role.STATISTICS, Role.SUPERVISOR)
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    campaign = current_campaign()
    header, rows = reports.export_rows(campaign)
    rows = [[_safe_cell(v) for v in row] for row in rows]
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="suggestions-{stamp}.csv"'
        return response
    data = excel.write_xlsx({"意见建议": (header, rows)})
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="suggestions-{stamp}.xlsx"'
    return response


# --- staff entry ----------------------------------------------------------------------------


@role_required(Role.OFFICE, Role.DISTRICT)
@require_http_methods(["GET", "POST"])
def enter(request: HttpRequest) -> HttpResponse:
    """Staff type a paper form, a venue card or a phone call."""
    user = current_user(request)
    campaign = current_campaign()
    initial = {"district": user.district_id} if user.district_id else None
    form = forms.StaffEntryForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if user.role == Role.DISTRICT:
            data["district"] = user.district
        suggestion, new = actions.do_submit(
            campaign,
            _intake(data),
            idempotency_key=data["idempotency_key"],
            channel=data["channel"],
            entered_by=user,
            photos=data.get("photos") or [],
        )
        messages.success(
            request,
            _("已录入，查询编号 %(n)s（已短信告知建议人）。") % {"n": suggestion.number}
            if new
            else _("该表已录入过（编号 %(n)s），未重复录入。") % {"n": suggestion.number},
        )
        return redirect("suggestions:enter")
    entered = Suggestion.objects.filter(entered_by=user).order_by("-submitted_at")[:20]
    return render(request, "suggestions/enter.html", {"form": form, "entered": entered})


# --- office ---------------------------------------------------------------------------------


@office_required
@require_GET
def office(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    today = timezone.localdate()
    inbox = Suggestion.objects.filter(campaign=campaign, state=Suggestion.State.SUBMITTED)
    open_states = [S.DISPATCHED, S.IN_PROGRESS, S.EXTENSION_REQUESTED, S.RETURNED, S.OBJECTED]
    live = Assignment.objects.filter(suggestion__campaign=campaign).select_related(
        "suggestion", "department"
    )
    overdue = live.filter(state__in=open_states, reply_due__lt=today)
    cal = deadlines.load_calendar()
    due_soon = [
        a
        for a in live.filter(state__in=open_states, reply_due__gte=today).order_by("reply_due")[
            :200
        ]
        if deadlines.is_due_soon(a.reply_due, cal=cal)
    ][:30]
    context = {
        "inbox": inbox.select_related("area").order_by("submitted_at")[:30],
        "inbox_count": inbox.count(),
        "objections": Objection.objects.filter(
            decision=Objection.Decision.PENDING, assignment__suggestion__campaign=campaign
        ).select_related("assignment__suggestion", "assignment__department"),
        "extensions": Extension.objects.filter(
            decision=Extension.Decision.PENDING, assignment__suggestion__campaign=campaign
        ).select_related("assignment__suggestion", "assignment__department"),
        "replies": live.filter(state=S.REPLIED).order_by("replied_at")[:30],
        "overdue": overdue.order_by("reply_due")[:30],
        "overdue_count": overdue.count(),
        "due_soon": due_soon,
        "pending_dues": live.filter(due_pending=True).count(),
    }
    return render(request, "suggestions/office.html", context)


@office_required
@require_http_methods(["GET", "POST"])
def office_suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    """The full record with the triage proposals, and the dispatch form."""
    suggestion = get_suggestion_for_office(request, pk)
    user = current_user(request)
    proposal = proposals.propose(suggestion) if suggestion.state == "submitted" else None
    merge_choices = None
    if proposal is not None and proposal.duplicates:
        merge_choices = Suggestion.objects.filter(pk__in=[s.pk for s, _x in proposal.duplicates])
    initial: dict[str, Any] = {"area": suggestion.area_id}
    if suggestion.named_department_id:
        initial["lead"] = suggestion.named_department_id
    elif proposal is not None and proposal.departments:
        initial["lead"] = proposal.departments[0][0].pk
    form = forms.DispatchForm(request.POST or None, initial=initial, merge_choices=merge_choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_dispatch(
                user,
                suggestion,
                kind=data["kind"],
                lead=data["lead"],
                co_units=data.get("co_units") or [],
                area=data["area"],
                merge=data.get("merge") or [],
                note=data.get("note", ""),
            )
        except actions.Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已交办。"))
        return redirect("suggestions:office_suggestion", pk=suggestion.pk)
    return render(
        request,
        "suggestions/office_suggestion.html",
        {
            "s": suggestion,
            "proposal": proposal,
            "form": form,
            "screen_form": forms.ScreenOutForm(),
            "reveal_form": forms.RevealForm(),
            "unpublish_form": forms.UnpublishForm(),
            "assignments": suggestion.assignments.select_related("department").order_by("pk"),
            "log": suggestion.log.select_related("assignment__department").order_by("at", "pk"),
        },
    )


@office_required
@require_POST
def screen_out(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_suggestion_for_office(request, pk)
    form = forms.ScreenOutForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            _("已标记为不予交办。"),
            lambda: actions.do_screen_out(current_user(request), suggestion, **form.cleaned_data),
        )
    else:
        messages.error(request, _("请选择原因并填写说明。"))
    return redirect("suggestions:office_suggestion", pk=suggestion.pk)


@office_required
@require_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_suggestion_for_office(request, pk)
    form = forms.UnpublishForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            _("已从公开栏撤下。"),
            lambda: actions.do_unpublish(
                current_user(request), suggestion, reason=form.cleaned_data["reason"]
            ),
        )
    else:
        messages.error(request, _("请填写撤下理由。"))
    return redirect("suggestions:office_suggestion", pk=suggestion.pk)


@office_required
@require_POST
def reveal_phone(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows the proposer's phone to the office once; the view is logged with its purpose."""
    suggestion = get_suggestion_for_office(request, pk)
    form = forms.RevealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写查看事由。"))
        return redirect("suggestions:office_suggestion", pk=suggestion.pk)
    user = current_user(request)
    phone = reveal(suggestion, "phone", user, form.cleaned_data["purpose"])
    name = reveal(suggestion, "name", user, form.cleaned_data["purpose"])
    return render(
        request, "suggestions/revealed.html", {"s": suggestion, "phone": phone, "name": name}
    )


@office_required
@require_http_methods(["GET", "POST"])
def decide_objection(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_objection_for_office(request, pk)
    initial = {"new_department": objection.proposed_department_id}
    form = forms.DecideObjectionForm(request.POST or None, initial=initial)
    return _decision_page(
        request,
        form,
        {"objection": objection, "title": _("异议处理")},
        _("已作出决定。"),
        lambda data: actions.do_decide_objection(
            current_user(request),
            objection,
            accept=data["decision"] == "accept",
            new_department=data.get("new_department"),
            note=data.get("note", ""),
        ),
    )


@office_required
@require_http_methods(["GET", "POST"])
def decide_extension(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_extension_for_office(request, pk)
    form = forms.DecideExtensionForm(request.POST or None)
    return _decision_page(
        request,
        form,
        {"extension": extension, "title": _("延期审批")},
        _("已审批。"),
        lambda data: actions.do_decide_extension(
            current_user(request),
            extension,
            approve=data["decision"] == "approve",
            note=data.get("note", ""),
        ),
    )


def _decision_page(
    request: HttpRequest,
    form: Form,
    context: dict[str, Any],
    done: str,
    decide: Callable[[dict[str, Any]], object],
) -> HttpResponse:
    """The office decides an objection or an extension, then goes back to its desk."""
    if request.method == "POST" and form.is_valid():
        _attempt(request, done, lambda: decide(form.cleaned_data))
        return redirect("suggestions:office")
    return render(request, "suggestions/decide.html", {"form": form, **context})


@office_required
@require_http_methods(["GET", "POST"])
def review_reply(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for_user(request, pk)
    suggestion = assignment.suggestion
    initial = {
        "decision": "approve",
        "publish": assignment.publishable
        and assignment.reply_public
        and assignment.role == Assignment.Role.LEAD,
        "public_text": proposals.public_text(suggestion),
    }
    form = forms.ApproveReplyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = current_user(request)
        try:
            if data["decision"] == "approve":
                actions.do_approve_reply(
                    user, assignment, publish=data["publish"], public_text=data["public_text"]
                )
                messages.success(request, _("已审核通过。"))
            else:
                actions.do_return_reply(user, assignment, reason=data["reason"])
                messages.success(request, _("已退回重办。"))
        except actions.Refused as exc:
            messages.error(request, str(exc))
            return redirect("suggestions:review_reply", pk=assignment.pk)
        return redirect("suggestions:office")
    return render(request, "suggestions/review_reply.html", {"a": assignment, "form": form})


@office_required
@require_POST
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for_user(request, pk)
    form = forms.ReassignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择新的承办单位并填写改派理由。"))
        return redirect(assignment)
    try:
        new = actions.do_reassign(current_user(request), assignment, **form.cleaned_data)
    except actions.Refused as exc:
        messages.error(request, str(exc))
        return redirect(assignment)
    messages.success(request, _("已改派。"))
    return redirect(new)


@office_required
@require_POST
def chase(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for_user(request, pk)
    try:
        sent = actions.do_chase(current_user(request), assignment)
        if sent:
            messages.success(request, _("已催办：短信已发给该单位登记的办理人员。"))
        else:
            messages.info(request, _("今天已催办过该件。"))
    except actions.Refused as exc:
        messages.error(request, str(exc))
    return redirect(assignment)


# --- the unit -------------------------------------------------------------------------------


@role_required(Role.DEPARTMENT, Role.OFFICE)
@require_GET
def unit(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    qs = assignments_for(user).filter(suggestion__campaign=current_campaign())
    state = request.GET.get("state", "open")
    if state == "open":
        qs = qs.exclude(state__in=[S.DONE, S.REASSIGNED])
    elif state in S.values:
        qs = qs.filter(state=state)
    today = timezone.localdate()
    cal = deadlines.load_calendar()
    rows = [
        {
            "a": a,
            "overdue": a.is_overdue(today),
            "due_soon": a.is_open and deadlines.is_due_soon(a.reply_due, cal=cal),
        }
        for a in qs.order_by("reply_due", "pk")[:300]
    ]
    return render(
        request,
        "suggestions/unit.html",
        {"rows": rows, "state": state, "states": S.choices, "department": user.department},
    )


@role_required(Role.DEPARTMENT, Role.OFFICE)
@require_GET
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for_user(request, pk)
    user = current_user(request)
    is_unit = actions.actor_kind(user, assignment) == "unit"
    context = {
        "a": assignment,
        "s": assignment.suggestion,
        "is_unit": is_unit,
        "can_accept": actions.can(user, assignment, S.IN_PROGRESS) and is_unit,
        "can_object": actions.can(user, assignment, S.OBJECTED)
        and not (
            assignment.objection_due and deadlines.is_late(timezone.now(), assignment.objection_due)
        ),
        "can_extend": actions.can(user, assignment, S.EXTENSION_REQUESTED),
        "can_reply": actions.can(user, assignment, S.REPLIED),
        "can_contact": is_unit and assignment.is_open,
        "can_chase": user.is_office and assignment.is_open,
        "can_reassign": actions.can(user, assignment, S.REASSIGNED)
        and assignment.state != S.OBJECTED,
        "reassign_form": forms.ReassignForm(),
        "objection_form": forms.ObjectionForm(prefix="objection"),
        "extension_form": forms.ExtensionForm(prefix="extension"),
        "reply_form": forms.ReplyForm(prefix="reply", initial={"theme": assignment.theme}),
        "contact_form": forms.ContactForm(
            prefix="contact",
            initial={"contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
        ),
        "message_form": forms.MessageForm(prefix="message"),
        "contacts": assignment.contacts.all(),
        "extensions": assignment.extensions.all(),
        "objections": assignment.objections.all(),
        "log": assignment.suggestion.log.filter(
            Q(assignment=assignment) | Q(assignment__isnull=True)
        ).order_by("at", "pk"),
        "remaining": deadlines.remaining(assignment.reply_due) if assignment.reply_due else None,
        "overdue": assignment.is_overdue(),
    }
    return render(request, "suggestions/assignment.html", context)


def _unit_post(request: HttpRequest, pk: int, form_class: Any, run: Any, done: str) -> HttpResponse:
    assignment = get_assignment_for_user(request, pk)
    user = current_user(request)
    if actions.actor_kind(user, assignment) != "unit":
        raise PermissionDenied
    prefix = getattr(form_class, "prefix_name", None)
    form = form_class(request.POST, prefix=prefix) if form_class is not None else None
    if form is not None and not form.is_valid():
        return render(
            request,
            "suggestions/unit_form.html",
            {"a": assignment, "form": form, "action": request.path},
        )
    try:
        run(user, assignment, form.cleaned_data if form is not None else {})
        messages.success(request, done)
    except actions.Refused as exc:
        messages.error(request, str(exc))
    return redirect(assignment)


@role_required(Role.DEPARTMENT)
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _unit_post(request, pk, None, lambda u, a, d: actions.do_accept(u, a), _("已签收。"))


@role_required(Role.DEPARTMENT)
@require_POST
def object_to(request: HttpRequest, pk: int) -> HttpResponse:
    return _unit_post(
        request,
        pk,
        forms.ObjectionForm,
        lambda u, a, d: actions.do_object(u, a, reason=d["reason"], proposed=d.get("proposed")),
        _("异议已提交，等待联席会议办公室决定。"),
    )


@role_required(Role.DEPARTMENT)
@require_POST
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    return _unit_post(
        request,
        pk,
        forms.ContactForm,
        lambda u, a, d: actions.do_record_contact(u, a, **d),
        _("已登记联系情况。"),
    )


@role_required(Role.DEPARTMENT)
@require_POST
def message(request: HttpRequest, pk: int) -> HttpResponse:
    return _unit_post(
        request,
        pk,
        forms.MessageForm,
        lambda u, a, d: actions.do_message_proposer(
            u, a, text=d["text"], idempotency_key=d["idempotency_key"]
        ),
        _("短信已发送给建议人，并已登记为联系记录。"),
    )


@role_required(Role.DEPARTMENT)
@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _unit_post(
        request,
        pk,
        forms.ExtensionForm,
        lambda u, a, d: actions.do_request_extension(u, a, days=d["days"], progress=d["progress"]),
        _("延期申请已提交。"),
    )


@role_required(Role.DEPARTMENT)
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    def run(user: User, a: Assignment, d: dict[str, Any]) -> None:
        done = actions.do_reply(
            user,
            a,
            actions.ReplyData(
                text=d["text"],
                public=d["public"],
                result=d.get("result", ""),
                validity=d["validity"],
                publishable=d["publishable"],
                not_public_reason=d.get("not_public_reason", ""),
                theme=d["theme"],
                plan=d.get("plan", ""),
            ),
        )
        if done.replied_late:
            messages.warning(request, _("本次答复已超过答复期限，将记为逾期答复。"))

    return _unit_post(request, pk, forms.ReplyForm, run, _("已答复，等待联席会议办公室审核。"))


# --- handlers (回执单) -------------------------------------------------------------------------


@role_required(Role.DEPARTMENT, Role.OFFICE)
@require_http_methods(["GET", "POST"])
def handlers(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    campaign = current_campaign()
    if user.role == Role.DEPARTMENT and user.department is not None:
        form = forms.HandlerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            actions.do_register_handler(user, campaign, user.department, **form.cleaned_data)
            messages.success(request, _("办理人员已登记。"))
            return redirect("suggestions:handlers")
        rows = Handler.objects.filter(campaign=campaign, department=user.department, is_active=True)
        return render(request, "suggestions/handlers.html", {"form": form, "rows": rows})
    registered = set(
        Handler.objects.filter(campaign=campaign, is_active=True).values_list(
            "department_id", flat=True
        )
    )
    departments = Department.objects.filter(is_active=True).annotate(
        handlers=Count(
            "suggestion_handlers",
            filter=Q(suggestion_handlers__campaign=campaign, suggestion_handlers__is_active=True),
        )
    )
    missing = [d for d in departments if d.pk not in registered]
    return render(
        request,
        "suggestions/handlers_office.html",
        {"departments": departments, "missing": missing},
    )


@role_required(Role.DEPARTMENT)
@require_POST
def remove_handler(request: HttpRequest, pk: int) -> HttpResponse:
    actions.do_remove_handler(current_user(request), get_handler_for_unit(request, pk))
    messages.success(request, _("办理人员已移除。"))
    return redirect("suggestions:handlers")


# --- unit reports ---------------------------------------------------------------------------


@role_required(Role.DEPARTMENT, Role.OFFICE)
@require_GET
def reports_index(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if user.role == Role.DEPARTMENT and user.department_id:
        return redirect("suggestions:review_form", dept=user.department_id)
    campaign = current_campaign()
    rows = list(
        Department.objects.filter(is_active=True)
        .annotate(
            received=Count(
                "suggestion_assignments",
                filter=Q(suggestion_assignments__suggestion__campaign=campaign)
                & ~Q(suggestion_assignments__state=S.REASSIGNED),
            )
        )
        .order_by("order")
    )
    today = timezone.localdate()
    week_of = deadlines.next_wednesday_due(today)
    signed = set(
        ReviewSignoff.objects.filter(campaign=campaign).values_list("department_id", flat=True)
    )
    weekly_done = set(
        WeeklyCase.objects.filter(campaign=campaign, week_of=week_of or today).values_list(
            "department_id", flat=True
        )
    )
    excellent = dict(
        ExcellentSuggestion.objects.filter(campaign=campaign)
        .values_list("department_id")
        .annotate(n=Count("pk"))
    )
    for d in rows:
        d.signed = d.pk in signed  # type: ignore[attr-defined]  # display only
        d.weekly_done = d.pk in weekly_done  # type: ignore[attr-defined]  # display only
        d.excellent = excellent.get(d.pk, 0)  # type: ignore[attr-defined]  # display only
    return render(request, "suggestions/reports_index.html", {"rows": rows, "week_of": week_of})


def _report_context(request: HttpRequest, dept: int) -> dict[str, Any]:
    department = get_unit_for_user(request, dept)
    user = current_user(request)
    return {
        "department": department,
        "campaign": current_campaign(),
        "can_edit": unit_may_edit(user, department),
    }


@role_required(Role.DEPARTMENT, Role.OFFICE)
@require_http_methods(["GET", "POST"])
def review_form(request: HttpRequest, dept: int) -> HttpResponse:
    ctx = _report_context(request, dept)
    campaign, department = ctx["campaign"], ctx["department"]
    signoff = ReviewSignoff.objects.filter(campaign=campaign, department=department).first()
    form = forms.SignoffForm(
        request.POST or None, initial={"opinion": signoff.opinion if signoff else ""}
    )
    if request.method == "POST":
        if not ctx["can_edit"]:
            raise PermissionDenied
        if form.is_valid():
            actions.do_sign_review(
                current_user(request), campaign, department, opinion=form.cleaned_data["opinion"]
            )
            messages.success(request, _("审查表已确认。"))
            return redirect("suggestions:review_form", dept=department.pk)
    ctx.update(
        {"form": form, "review": reports.review_form(campaign, department), "signoff": signoff}
    )
    return render(request, "suggestions/review_form.html", ctx)


@role_required(Role.DEPARTMENT, Role.OFFICE)
@require_GET
def handling_report(request: HttpRequest, dept: int) -> HttpResponse:
    ctx = _report_context(request, dept)
    ctx["report"] = reports.handling_report(ctx["campaign"], ctx["department"])
    ctx["meetings"] = Meeting.objects.filter(campaign=ctx["campaign"], department=ctx["department"])
    return render(request, "suggestions/handling_report.html", ctx)


@role_required(Role.DEPARTMENT, Role.OFFICE)
@require_http_methods(["GET", "POST"])
def excellent(request: HttpRequest, dept: int) -> HttpResponse:
    ctx = _report_context(request, dept)
    campaign, department = ctx["campaign"], ctx["department"]
    choices = reports.unit_assignments(campaign, department).filter(
        state=S.DONE, validity=Assignment.Validity.VALID
    )
    chosen = ExcellentSuggestion.objects.filter(
        campaign=campaign, department=department
    ).select_related("assignment__suggestion")
    form = forms.ExcellentForm(
        request.POST or None,
        choices=choices,
        initial={"picks": [e.assignment_id for e in chosen]},
    )
    if request.method == "POST":
        if not ctx["can_edit"]:
            raise PermissionDenied
        if form.is_valid():
            picks = [(a, a.suggestion.title) for a in form.cleaned_data["picks"]]
            try:
                actions.do_recommend_excellent(current_user(request), campaign, department, picks)
                messages.success(request, _("优秀意见建议已推荐。"))
                return redirect("suggestions:excellent", dept=department.pk)
            except actions.Refused as exc:
                form.add_error("picks", str(exc))
    rows = [
        (
            e,
            forms.ExcellentDetailsForm(
                prefix=f"e{e.pk}",
                initial={"title": e.title, "position": e.position, "party": e.party},
            ),
        )
        for e in chosen
    ]
    ctx.update({"form": form, "rows": rows})
    return render(request, "suggestions/excellent.html", ctx)


@role_required(Role.DEPARTMENT)
@require_POST
def excellent_details(request: HttpRequest, dept: int, pk: int) -> HttpResponse:
    ctx = _report_context(request, dept)
    if not ctx["can_edit"]:
        raise PermissionDenied
    item = get_object_or_404(
        ExcellentSuggestion, pk=pk, department=ctx["department"], campaign=ctx["campaign"]
    )
    form = forms.ExcellentDetailsForm(request.POST, prefix=f"e{item.pk}")
    if form.is_valid():
        actions.do_edit_excellent(current_user(request), item, **form.cleaned_data)
        messages.success(request, _("已保存。"))
    else:
        messages.error(request, _("请填写意见建议标题。"))
    return redirect("suggestions:excellent", dept=dept)


@role_required(Role.DEPARTMENT, Role.OFFICE)
@require_http_methods(["GET", "POST"])
def weekly(request: HttpRequest, dept: int) -> HttpResponse:
    ctx = _report_context(request, dept)
    campaign, department = ctx["campaign"], ctx["department"]
    today = timezone.localdate()
    week_of = deadlines.next_wednesday_due(today)
    form = forms.WeeklyCaseForm(
        request.POST or None, choices=reports.unit_assignments(campaign, department)
    )
    if request.method == "POST":
        if not ctx["can_edit"]:
            raise PermissionDenied
        if form.is_valid():
            actions.do_submit_weekly_case(
                current_user(request),
                campaign,
                department,
                week_of=week_of or today,
                **form.cleaned_data,
            )
            messages.success(request, _("本周典型案例已报送。"))
            return redirect("suggestions:weekly", dept=department.pk)
    ctx.update(
        {
            "form": form,
            "week_of": week_of,
            "cases": WeeklyCase.objects.filter(campaign=campaign, department=department),
        }
    )
    return render(request, "suggestions/weekly.html", ctx)


@role_required(Role.DEPARTMENT, Role.OFFICE)
@require_http_methods(["GET", "POST"])
def meetings(request: HttpRequest, dept: int) -> HttpResponse:
    ctx = _report_context(request, dept)
    campaign, department = ctx["campaign"], ctx["department"]
    form = forms.MeetingForm(
        request.POST or None, choices=reports.unit_assignments(campaign, department)
    )
    if request.method == "POST":
        if not ctx["can_edit"]:
            raise PermissionDenied
        if form.is_valid():
            actions.do_record_meeting(
                current_user(request), campaign, department, **form.cleaned_data
            )
            messages.success(request, _("恳谈记录已保存。"))
            return redirect("suggestions:meetings", dept=department.pk)
    ctx.update(
        {"form": form, "rows": Meeting.objects.filter(campaign=campaign, department=department)}
    )
    return render(request, "suggestions/meetings.html", ctx)


@office_required
@require_GET
def excellent_export(request: HttpRequest) -> HttpResponse:
    """附件5 for every unit, for the office: name and phone in the clear, each view logged."""
    user = current_user(request)
    header = [
        "承办单位", "序号", "意见建议标题", "建议人姓名", "联系电话", "工作单位", "职务", "党派",
        "正文", "办理情况",
    ]  # fmt: skip
    rows: list[list[object]] = []
    picks = ExcellentSuggestion.objects.filter(campaign=current_campaign()).select_related(
        "department", "assignment__suggestion"
    )
    for e in picks.order_by("department__order", "order"):
        s = e.assignment.suggestion
        purpose = _("推荐优秀意见建议报送")
        rows.append(
            [
                e.department.name,
                e.order,
                e.title,
                reveal(s, "name", user, purpose),
                reveal(s, "phone", user, purpose),
                s.work_unit,
                e.position,
                e.party,
                s.text,
                e.assignment.reply_text,
            ]
        )
    data = excel.write_xlsx(
        {"推荐优秀意见建议": (header, [[_safe_cell(v) for v in r] for r in rows])}
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="excellent-suggestions.xlsx"'
    return response


@role_required(Role.OFFICE, Role.DEPARTMENT)
@require_GET
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A suggestion's photo, for the office and the units it was dispatched to."""
    item = get_photo_for_user(request, pk)
    with item.image.open("rb") as handle:
        data = handle.read()  # at most 5 MB: checked on upload
    response = HttpResponse(data, content_type=_photo_type(item.image.name))
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _photo_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}.get(
        extension, "application/octet-stream"
    )
