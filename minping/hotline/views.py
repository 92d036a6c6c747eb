"""Views: parse with a form, call one ``do_*`` action, redirect."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minping.accounts.access import current_user, office_required, role_required
from minping.accounts.models import Role
from minping.accounts.pii import reveal
from minping.campaigns.models import Deadline
from minping.hotline import actions, forms, importing, reports
from minping.hotline.access import (
    current_campaign,
    duties_for,
    get_call_for_user,
    get_duty_for_user,
    get_member_for_office,
    get_person_for_office,
    get_rota_for_office,
    get_unavailability_for_office,
)
from minping.hotline.models import Call, Duty, DutyMember, DutyPerson, Rota
from minping.lib import charts, excel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_PROBLEMS_KEY = "hotline_import_problems"
PUBLIC_PAST = 30
UPCOMING = 15  # the next three weeks or so; the month tables hold the rest


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe_cell(value: object) -> object:
    """Stops spreadsheet formula injection through typed text."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return value


# --- public -------------------------------------------------------------------------------------


def _published_duties(campaign: Any) -> Any:
    return Duty.objects.filter(rota__campaign=campaign, rota__state=Rota.State.PUBLISHED)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The published rota (排班公示), upcoming first, and the calls of past duties (值班公示)."""
    campaign = current_campaign()
    today = timezone.localdate()
    duties = _published_duties(campaign)
    upcoming = reports.duty_rows(
        duties.filter(date__gte=today).order_by("date", "starts"), limit=UPCOMING
    )
    past = reports.duty_rows(
        duties.filter(date__lt=today).order_by("-date", "-starts"), limit=PUBLIC_PAST
    )
    months = sorted({(d.year, d.month) for d in duties.values_list("date", flat=True)})
    rota = Rota.objects.filter(campaign=campaign, state=Rota.State.PUBLISHED).first()
    return render(
        request,
        "hotline/index.html",
        {
            "campaign": campaign,
            "days": reports.group_by_date(upcoming),
            "past": past,
            "months": [dt.date(y, m, 1) for y, m in months],
            "hotline_number": rota.hotline_number if rota else "12345",
            "today": today,
        },
    )


@require_GET
def month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """A printable month table of the published rota."""
    try:
        first = dt.date(year, month, 1)
    except ValueError as exc:
        raise Http404("no such month") from exc
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    campaign = current_campaign()
    rows = reports.duty_rows(
        _published_duties(campaign).filter(date__range=(first, last)).order_by("date", "starts")
    )
    return render(
        request,
        "hotline/month.html",
        {"campaign": campaign, "first": first, "rows": rows, "today": timezone.localdate()},
    )


# --- office: people ---------------------------------------------------------------------------


@office_required
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    persons = DutyPerson.objects.select_related("department").annotate(
        n_duties=Count("duties", filter=Q(duties__duty__rota__state=Rota.State.PUBLISHED))
    )
    return render(
        request,
        "hotline/people.html",
        {
            "leaders": [p for p in persons if p.kind == DutyPerson.Kind.LEADER],
            "heads": [p for p in persons if p.kind == DutyPerson.Kind.HEAD],
        },
    )


def _person_data(data: dict[str, Any]) -> actions.PersonData:
    return actions.PersonData(
        kind=data["kind"],
        name=data["name"],
        title=data["title"],
        department=data.get("department"),
        phone=data.get("phone", ""),
        order=data.get("order") or 0,
        is_active=bool(data.get("is_active")),
    )


@office_required
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    form = forms.PersonForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        person = actions.do_save_person(
            current_user(request), None, _person_data(form.cleaned_data)
        )
        messages.success(request, _("已添加值班人员：%(name)s") % {"name": person.name})
        return redirect("hotline:person", pk=person.pk)
    return render(request, "hotline/person_form.html", {"form": form, "person": None})


@office_required
@require_http_methods(["GET", "POST"])
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a person; the phone field left empty keeps the stored phone."""
    person = get_person_for_office(request, pk)
    initial = {
        "kind": person.kind,
        "name": person.name,
        "title": person.title,
        "department": person.department_id,
        "order": person.order,
        "is_active": person.is_active,
    }
    form = forms.PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.do_save_person(
            current_user(request), person, _person_data(form.cleaned_data), keep_phone=True
        )
        messages.success(request, _("已保存。"))
        return redirect("hotline:person", pk=person.pk)
    form.fields["phone"].help_text = _("已登记：%(phone)s；留空则不修改") % {
        "phone": person.phone or _("无")
    }
    upcoming = (
        DutyMember.objects.filter(person=person, duty__date__gte=timezone.localdate())
        .select_related("duty__rota")
        .order_by("duty__date", "duty__starts")[:20]
    )
    return render(
        request,
        "hotline/person_form.html",
        {
            "form": form,
            "person": person,
            "periods": person.unavailable_periods.all(),
            "unavailable_form": forms.UnavailabilityForm(),
            "reveal_form": forms.RevealForm(),
            "upcoming": upcoming,
        },
    )


@office_required
@require_POST
def person_unavailable(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_office(request, pk)
    form = forms.UnavailabilityForm(request.POST)
    if form.is_valid():
        actions.do_add_unavailability(current_user(request), person, **form.cleaned_data)
        messages.success(request, _("已登记不能值班的日期；草稿排班表重新生成后生效。"))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("hotline:person", pk=person.pk)


@office_required
@require_POST
def unavailable_delete(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_unavailability_for_office(request, pk)
    person_pk = period.person_id
    actions.do_remove_unavailability(current_user(request), period)
    messages.success(request, _("已删除。"))
    return redirect("hotline:person", pk=person_pk)


@office_required
@require_POST
def person_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows a duty person's phone once; the view is logged with its purpose."""
    person = get_person_for_office(request, pk)
    form = forms.RevealForm(request.POST)
    if not form.is_valid() or not person.phone:
        messages.error(request, _("请填写查看事由。") if person.phone else _("未登记手机。"))
        return redirect("hotline:person", pk=person.pk)
    phone = reveal(person, "phone", current_user(request), form.cleaned_data["purpose"])
    return render(
        request, "hotline/revealed.html", {"label": str(person), "values": [(_("手机"), phone)],
                                           "back": reverse("hotline:person", args=[person.pk])},
    )  # fmt: skip


@office_required
@require_http_methods(["GET", "POST"])
def people_import(request: HttpRequest) -> HttpResponse:
    """Checks the whole file first; imports all rows or none, with a report of every problem."""
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "columns": list(importing.COLUMNS.values())}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = excel.read_table(
                upload.read(), upload.name or "", importing.COLUMNS, importing.REQUIRED
            )
        except excel.TableError as exc:
            problems = exc.problems
        else:
            rows, problems = importing.check_rows(table)
            if not problems:
                created = actions.do_import_people(current_user(request), rows)
                messages.success(request, _("已导入%(n)d名值班人员。") % {"n": len(created)})
                return redirect("hotline:people")
        request.session[IMPORT_PROBLEMS_KEY] = [[p.row, p.column, p.reason] for p in problems]
        context["problems"] = problems
    return render(request, "hotline/import.html", context)


@office_required
@require_GET
def people_import_template(request: HttpRequest) -> HttpResponse:
    headers = [names[0] for names in importing.COLUMNS.values()]
    examples: list[list[object]] = [
        ["市政府领导", "王某某", "副市长", "", "", 1],
        ["部门主要负责人", "李某某", "局长", "市公安局", "", 2],
    ]
    return _xlsx(excel.write_xlsx({_("值班人员"): (headers, examples)}), "hotline-people.xlsx")


@office_required
@require_GET
def people_import_problems(request: HttpRequest) -> HttpResponse:
    rows = request.session.get(IMPORT_PROBLEMS_KEY)
    if rows is None:
        raise PermissionDenied
    data = excel.problems_xlsx([excel.Problem(int(r), str(c), str(m)) for r, c, m in rows])
    return _xlsx(data, "hotline-import-problems.xlsx")


# --- office: rotas ----------------------------------------------------------------------------


@office_required
@require_GET
def office(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    rotas = Rota.objects.filter(campaign=campaign).annotate(n_duties=Count("duties", distinct=True))
    rows = reports.duty_rows(
        Duty.objects.filter(rota__campaign=campaign, rota__state=Rota.State.PUBLISHED)
    )
    missed = [r for r in rows if r.status == reports.Status.MISSED]
    awaiting = [r for r in rows if r.status == reports.Status.AWAITING]
    today = timezone.localdate()
    return render(
        request,
        "hotline/office.html",
        {
            "rotas": rotas,
            "missed": missed,
            "awaiting": awaiting,
            "today_rows": [r for r in rows if r.duty.date == today],
            "people_count": DutyPerson.objects.filter(is_active=True).count(),
        },
    )


def _default_period(campaign: Any) -> tuple[dt.date, dt.date]:
    """From a week ahead (published in advance) to the campaign's 意见建议办结 deadline, or
    eight weeks when that deadline is not set or already near."""
    start = timezone.localdate() + dt.timedelta(days=7)
    end = start + dt.timedelta(days=55)
    answered = campaign.deadlines.filter(stage=Deadline.Stage.SUGGESTIONS_ANSWERED).first()
    if answered is not None and timezone.localdate(answered.due) > start + dt.timedelta(days=7):
        end = timezone.localdate(answered.due)
    return start, end


@office_required
@require_http_methods(["GET", "POST"])
def rota_new(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    start, end = _default_period(campaign)
    form = forms.RotaForm(
        request.POST or None,
        initial={"title": _("%(year)d年度市长热线值班表") % {"year": campaign.year},
                 "start": start, "end": end},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            rota = actions.do_create_rota(
                current_user(request), campaign, actions.RotaData(**form.cleaned_data)
            )
        except actions.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已生成排班表（草稿），请核对后公布。"))
            return redirect(rota)
    return render(request, "hotline/rota_form.html", {"form": form})


@office_required
@require_GET
def rota(request: HttpRequest, pk: int) -> HttpResponse:
    """The office's view of one rota: duties with status, fairness per person, the log."""
    rota = get_rota_for_office(request, pk)
    rows = reports.duty_rows(rota.duties.all())
    members = DutyMember.objects.filter(duty__rota=rota).select_related("duty", "person")
    if rota.is_published:
        members = members.filter(duty__date__gt=timezone.localdate())
    return render(
        request,
        "hotline/rota.html",
        {
            "rota": rota,
            "rows": rows,
            "people": reports.person_lines(rota, rows),
            "gaps": sum(1 for r in rows for m in r.leaders + r.heads if m.person is None),
            "log": rota.log.select_related("actor")[:50],
            "swap_form": forms.SwapForm(members=members),
            "today_date": timezone.localdate(),
        },
    )


@office_required
@require_POST
def rota_publish(request: HttpRequest, pk: int) -> HttpResponse:
    rota = get_rota_for_office(request, pk)
    try:
        actions.do_publish(current_user(request), rota)
        messages.success(request, _("排班表已向社会公布。"))
    except actions.Refused as exc:
        messages.error(request, str(exc))
    return redirect(rota)


@office_required
@require_POST
def rota_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    rota = get_rota_for_office(request, pk)
    try:
        actions.do_regenerate(current_user(request), rota)
        messages.success(request, _("已按最新的人员名单和不能值班日期重新生成。"))
    except actions.Refused as exc:
        messages.error(request, str(exc))
    return redirect(rota)


@office_required
@require_POST
def rota_swap(request: HttpRequest, pk: int) -> HttpResponse:
    rota = get_rota_for_office(request, pk)
    form = forms.SwapForm(request.POST, members=DutyMember.objects.filter(duty__rota=rota))
    if form.is_valid():
        try:
            actions.do_swap(
                current_user(request),
                form.cleaned_data["first"],
                form.cleaned_data["second"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("已对调。"))
        except actions.Refused as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(rota)


@office_required
@require_http_methods(["GET", "POST"])
def member_replace(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_office(request, pk)
    form = forms.ReplaceForm(request.POST or None, kind=member.pool)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_replace(
                current_user(request),
                member,
                form.cleaned_data["person"],
                reason=form.cleaned_data["reason"],
            )
        except actions.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已替换。"))
            return redirect(member.duty.rota)
    return render(request, "hotline/replace.html", {"form": form, "member": member})


# --- duties and calls -------------------------------------------------------------------------


@role_required(Role.OFFICE, Role.DEPARTMENT)
@require_GET
def duty(request: HttpRequest, pk: int) -> HttpResponse:
    duty = get_duty_for_user(request, pk)
    user = current_user(request)
    row = reports.duty_rows(Duty.objects.filter(pk=duty.pk))[0]
    return render(
        request,
        "hotline/duty.html",
        {
            "duty": duty,
            "row": row,
            "calls": duty.calls.select_related("area", "suggestion").order_by("received_at"),
            "can_record": actions.recording_open(duty, user),
            "summary_due": actions.summary_due(duty),
            "can_summarise": user.is_office and duty.rota.is_published and duty.has_started(),
        },
    )


@role_required(Role.OFFICE, Role.DEPARTMENT)
@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone-friendly call form; "needs follow-up" files a suggestion (channel 电话)."""
    duty = get_duty_for_user(request, pk)
    user = current_user(request)
    if not actions.recording_open(duty, user):
        messages.error(request, _("不在本班次的来电登记时间内（值班开始后至次一工作日结束）。"))
        return redirect(duty)
    form = forms.CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call, new = actions.do_record_call(
                user,
                duty,
                actions.CallData(
                    received_at=data["received_at"],
                    caller_name=data["caller_name"],
                    caller_phone=data["caller_phone"],
                    district=data["district"],
                    area=data["area"],
                    subject=data["subject"],
                    summary=data["summary"],
                    answer=data["answer"],
                    needs_follow_up=data["needs_follow_up"],
                    named_department=data["named_department"],
                ),
                idempotency_key=data["idempotency_key"],
            )
        except actions.Refused as exc:
            form.add_error(None, str(exc))
        else:
            if call.suggestion_id:
                text = _("来电已登记，并已转为意见建议，查询编号 %(n)s（可告知来电人）。") % {
                    "n": call.suggestion_id
                }
            else:
                text = _("来电已登记。")
            if not new:
                text = _("该来电已登记过，未重复登记。")
            messages.success(request, text)
            return redirect(call)
    return render(request, "hotline/call_form.html", {"form": form, "duty": duty})


@role_required(Role.OFFICE, Role.DEPARTMENT)
@require_GET
def call(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_call_for_user(request, pk)
    user = current_user(request)
    return render(
        request,
        "hotline/call.html",
        {"call": call, "reveal_form": forms.RevealForm() if user.is_office else None},
    )


@office_required
@require_POST
def call_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_call_for_user(request, pk)
    form = forms.RevealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写查看事由。"))
        return redirect(call)
    user = current_user(request)
    purpose = form.cleaned_data["purpose"]
    values = [
        (_("来电人姓名"), reveal(call, "caller_name", user, purpose) if call.caller_name else ""),
        (_("来电号码"), reveal(call, "caller_phone", user, purpose) if call.caller_phone else ""),
    ]
    return render(
        request,
        "hotline/revealed.html",
        {"label": str(call), "values": values, "back": call.get_absolute_url()},
    )


@office_required
@require_POST
def call_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_call_for_user(request, pk)
    try:
        suggestion = actions.do_follow_up(current_user(request), call)
        messages.success(request, _("已转为意见建议，查询编号 %(n)s。") % {"n": suggestion.number})
    except actions.Refused as exc:
        messages.error(request, str(exc))
    return redirect(call)


@office_required
@require_http_methods(["GET", "POST"])
def duty_summary(request: HttpRequest, pk: int) -> HttpResponse:
    duty = get_duty_for_user(request, pk)
    form = forms.SummaryForm(request.POST or None, initial={"summary": duty.summary})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_save_summary(current_user(request), duty, form.cleaned_data["summary"])
        except actions.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("值班小结已保存。"))
            return redirect(duty)
    return render(request, "hotline/summary_form.html", {"form": form, "duty": duty})


@role_required(Role.DEPARTMENT)
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """Department staff: the duties of their head (next ones first) and their calls."""
    user = current_user(request)
    today = timezone.localdate()
    duties = duties_for(user)
    upcoming = reports.duty_rows(duties.filter(date__gte=today).order_by("date", "starts"))
    past = reports.duty_rows(duties.filter(date__lt=today).order_by("-date", "-starts"), limit=20)
    return render(
        request,
        "hotline/mine.html",
        {
            "upcoming": upcoming,
            "past": past,
            "heads": DutyPerson.objects.filter(
                kind=DutyPerson.Kind.HEAD, department=user.department, is_active=True
            ),
        },
    )


# --- oversight ----------------------------------------------------------------------------------


@role_required(Role.OFFICE, Role.SUPERVISOR)
@require_GET
def oversight(request: HttpRequest) -> HttpResponse:
    """Done and missed duties, calls per duty, person and department, follow-ups, charts."""
    campaign = current_campaign()
    duties = Duty.objects.filter(rota__campaign=campaign, rota__state=Rota.State.PUBLISHED)
    rows = reports.duty_rows(duties.filter(date__lte=timezone.localdate()).order_by("-date"))
    calls = Call.objects.filter(duty__rota__campaign=campaign)
    follow_ups = calls.filter(suggestion__isnull=False).select_related("suggestion", "duty")
    states = (
        follow_ups.values("suggestion__state").annotate(n=Count("pk")).order_by("suggestion__state")
    )
    from minping.suggestions.models import Suggestion

    state_labels = dict(Suggestion.State.choices)
    rota_people: list[reports.PersonLine] = []
    for r in Rota.objects.filter(campaign=campaign, state=Rota.State.PUBLISHED):
        rota_people.extend(reports.person_lines(r, [x for x in rows if x.duty.rota_id == r.pk]))
    return render(
        request,
        "hotline/oversight.html",
        {
            "rows": rows,
            "missed": sum(1 for r in rows if r.status == reports.Status.MISSED),
            "done": sum(1 for r in rows if r.status == reports.Status.DONE),
            "total_calls": calls.count(),
            "follow_count": follow_ups.count(),
            "follow_ups": follow_ups.order_by("-received_at")[:50],
            "states": [(state_labels.get(s["suggestion__state"], ""), s["n"]) for s in states],
            "people": rota_people,
            "departments": reports.department_lines(rows),
            "week_chart": charts.bar_chart(
                reports.calls_per_week(calls), title=_("每周来电数（按周一日期）")
            ),
            "area_chart": charts.bar_chart(reports.calls_by_area(calls), title=_("来电问题类别")),
        },
    )


@role_required(Role.OFFICE, Role.SUPERVISOR)
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    rows = [[_safe_cell(v) for v in row] for row in reports.export_rows(campaign.pk)]
    header = [str(h) for h in reports.EXPORT_HEADER]
    stamp = timezone.localdate().isoformat()
    return _xlsx(excel.write_xlsx({_("来电记录"): (header, rows)}), f"hotline-calls-{stamp}.xlsx")
