"""Views: parse with a form, call one ``do_*`` action, redirect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minping.accounts.access import current_user, role_required
from minping.accounts.models import Role, User
from minping.consultations import actions, forms
from minping.consultations.access import (
    PUBLIC_STATES,
    current_campaign,
    get_attachment,
    get_comment_for_unit,
    get_consultation_for_office,
    get_consultation_for_staff,
    get_consultation_for_unit,
    get_delegate_for_unit,
    get_hearing_for_staff,
    get_hearing_for_unit,
    get_opinion_for_unit,
    get_option_for_unit,
    get_participant_for_unit,
    get_public_consultation,
    get_public_hearing,
    get_registration_for_unit,
    get_symposium_for_staff,
    get_symposium_for_unit,
    is_unit_of,
    staff_consultations,
)
from minping.consultations.models import (
    MIN_DELEGATES,
    MIN_PERIOD_DAYS,
    REPORT_OVERDUE_DAYS,
    Comment,
    Consultation,
    Hearing,
    Opinion,
    Report,
)
from minping.lib import charts, excel, ratelimit

S = Consultation.State
staff_required = role_required(Role.OFFICE, Role.DEPARTMENT, Role.SUPERVISOR)
unit_required = role_required(Role.DEPARTMENT)
office_required = role_required(Role.OFFICE)
readers_required = role_required(Role.OFFICE, Role.SUPERVISOR)

# Submissions per client address (minping.lib.ratelimit: proxy-aware, shared cache if set).
COMMENTS = ratelimit.Limit("consultations.comment", attempts=5, window=600)
REGISTRATIONS = ratelimit.Limit("consultations.register", attempts=3, window=600)


def _run(request: HttpRequest, step: Callable[[], Any], success: str) -> bool:
    try:
        step()
    except actions.Refused as exc:
        messages.error(request, str(exc))
        return False
    if success:
        messages.success(request, success)
    return True


def _staff_url(c: Consultation) -> str:
    return reverse("consultations:staff", args=[c.pk])


# --- public ---------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    items = list(
        Consultation.objects.filter(campaign=campaign, state__in=PUBLIC_STATES)
        .select_related("department")
        .annotate(n_comments=Count("comments"))
        .order_by("closes_on")
    )
    for c in items:
        actions.do_apply_clock(c)
    open_items = [c for c in items if c.state == S.OPEN]
    upcoming = [c for c in items if c.state == S.PUBLISHED]
    closed = [c for c in items if c.state not in (S.OPEN, S.PUBLISHED)]
    closed.sort(key=lambda c: c.closes_on or dt.date.min, reverse=True)
    return render(
        request,
        "consultations/index.html",
        {"campaign": campaign, "open": open_items, "upcoming": upcoming, "closed": closed},
    )


def _detail_context(request: HttpRequest, c: Consultation, form: Any = None) -> dict[str, Any]:
    sections = list(
        c.sections.annotate(
            n_comments=Count("comments", filter=~Q(comments__channel__in=["symposium", "hearing"]))
        )
    )
    shown = list(c.comments.filter(status=Comment.Status.SHOWN).select_related("section", "option"))
    by_section: dict[int | None, list[Comment]] = {}
    for comment in shown:
        by_section.setdefault(comment.section_id, []).append(comment)
    for s in sections:
        s.shown = by_section.get(s.pk, [])  # type: ignore[attr-defined]  # template convenience
    accepts = c.accepts_comments()
    if form is None and accepts:
        wanted = request.GET.get("section", "")
        form = forms.CommentForm(
            consultation=c, initial={"section": int(wanted)} if wanted.isdigit() else None
        )
    options = list(c.options.annotate(n_support=Count("supporters")))
    supporters = sum(o.n_support for o in options) or 1
    for o in options:
        o.share = round(100 * o.n_support / supporters)  # type: ignore[attr-defined]  # template convenience
    return {
        "c": c,
        "sections": sections,
        "general": by_section.get(None, []),
        "n_received": c.comments.exclude(channel__in=["symposium", "hearing"]).count(),
        "n_shown": len(shown),
        "options": options,
        "accepts": accepts,
        "form": form,
        "privacy": forms.PRIVACY,
        "attachments": c.attachments.all(),
        "hearing": Hearing.objects.filter(consultation=c)
        .exclude(stage=Hearing.Stage.PLANNED)
        .first(),
        "report": Report.objects.filter(consultation=c).first()
        if c.state in (S.REPORT_PUBLISHED, S.ARCHIVED)
        else None,
        "days_left": c.days_left(),
    }


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_public_consultation(pk)
    return render(request, "consultations/detail.html", _detail_context(request, c))


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_public_consultation(pk)
    form = forms.CommentForm(request.POST, consultation=c)
    if form.is_valid():
        data = form.cleaned_data
        thanks = _("您的意见已收到，经承办单位审核后公开。感谢您的参与！")
        if data.get("website"):
            messages.success(request, thanks)  # a bot: say nothing different, store nothing
            return redirect(c.get_absolute_url())
        if ratelimit.fail(COMMENTS, request):
            messages.error(request, _("提交太频繁，请10分钟后再试。"))
            return render(
                request, "consultations/detail.html", _detail_context(request, c, form), status=429
            )
        ok = _run(
            request,
            lambda: actions.do_comment(
                c,
                actions.CommentData(
                    text=data["text"],
                    section=data.get("section"),
                    option=data.get("option"),
                    name=data.get("name", ""),
                    phone=data.get("phone", ""),
                ),
                user=request.user if isinstance(request.user, User) else None,
            ),
            thanks,
        )
        if ok:
            return redirect(c.get_absolute_url() + "#comment-form")
    return render(request, "consultations/detail.html", _detail_context(request, c, form))


@require_GET
def public_report(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_public_consultation(pk)
    report = Report.objects.filter(consultation=c).first()
    if report is None or c.state not in (S.REPORT_PUBLISHED, S.ARCHIVED):
        raise Http404("no published report")
    return render(request, "consultations/report.html", {"c": c, "report": report})


@require_http_methods(["GET", "POST"])
def hearing(request: HttpRequest, pk: int) -> HttpResponse:
    h = get_public_hearing(pk)
    form = forms.RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("website"):
            messages.success(request, _("报名已收到。"))
            return redirect("consultations:hearing", pk=h.pk)
        if ratelimit.fail(REGISTRATIONS, request):
            messages.error(request, _("提交太频繁，请10分钟后再试。"))
        else:
            result: list[Any] = []
            ok = _run(
                request,
                lambda: result.append(
                    actions.do_register(
                        h,
                        actions.RegistrationData(
                            name=data["name"],
                            phone=data["phone"],
                            side=data["side"],
                            interest=data["interest"],
                            is_stakeholder=data["is_stakeholder"],
                            statement=data.get("statement", ""),
                        ),
                    )
                ),
                "",
            )
            if ok:
                messages.success(
                    request,
                    _("报名成功，报名编号 %(code)s。请记下编号，用于核对抽签结果。")
                    % {"code": result[0].code},
                )
                return redirect("consultations:hearing", pk=h.pk)
    participants = list(h.participants.all()) if h.stage != Hearing.Stage.ANNOUNCED else []
    return render(
        request,
        "consultations/hearing.html",
        {
            "h": h,
            "c": h.consultation,
            "form": form if h.registration_open() else None,
            "participants": participants,
            "n_registrations": h.registrations.count(),
        },
    )


@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = get_attachment(request, pk)
    return FileResponse(
        item.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"{item.title}.pdf",
    )


# --- department and office: the consultation ------------------------------------------------


@staff_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    items = staff_consultations(user).annotate(
        n_comments=Count("comments"),
        n_pending=Count("comments", filter=Q(comments__status=Comment.Status.PENDING)),
    )
    return render(
        request,
        "consultations/manage.html",
        {"items": items, "can_create": user.role == Role.DEPARTMENT},
    )


@unit_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    form = forms.DraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result: list[Consultation] = []
        if _run(
            request,
            lambda: result.append(
                actions.do_save_draft(current_user(request), form.cleaned_data, campaign=campaign)
            ),
            _("草稿已保存。"),
        ):
            return redirect(_staff_url(result[0]))
    return render(request, "consultations/edit.html", {"form": form, "c": None})


@unit_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_unit(request, pk)
    if c.state != S.DRAFT:
        messages.error(request, _("已提交的征求意见稿不能修改；如需修改，请办公室退回。"))
        return redirect(_staff_url(c))
    form = forms.DraftForm(request.POST or None, initial=forms.DraftForm.initial_for(c))
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: actions.do_save_draft(current_user(request), form.cleaned_data, consultation=c),
            _("草稿已保存。"),
        )
    ):
        return redirect(_staff_url(c))
    return render(request, "consultations/edit.html", {"form": form, "c": c})


@staff_required
@require_GET
def staff(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_staff(request, pk)
    user = current_user(request)
    today = timezone.localdate()
    return render(
        request,
        "consultations/staff.html",
        {
            "c": c,
            "is_unit": is_unit_of(user, c),
            "is_office": user.is_office,
            "log": c.log.select_related("actor"),
            "missing": c.missing_notice_content(),
            "period_days": c.period_days(),
            "effective_days": c.period_days(today),
            "shortened": c.is_shortened(today),
            "min_days": MIN_PERIOD_DAYS,
            "options": c.options.annotate(n_support=Count("supporters")),
            "attachments": c.attachments.all(),
            "sections": c.sections.all(),
            "n_comments": c.comments.count(),
            "n_pending": c.comments.filter(status=Comment.Status.PENDING).count(),
            "symposia": c.symposia.all(),
            "hearing": Hearing.objects.filter(consultation=c).first(),
            "report": Report.objects.filter(consultation=c).first(),
            "delegates": c.delegates.all(),
            "delegate_form": forms.DelegateForm(),
            "min_delegates": MIN_DELEGATES,
            "option_form": forms.OptionForm(),
            "attachment_form": forms.AttachmentForm(),
            "reason_form": forms.ReasonForm(),
            "publish_form": forms.PublishForm(),
            "can": {to: actions.can(user, c, to) for to in S.values},
        },
    )


@unit_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_unit(request, pk)
    _run(
        request, lambda: actions.do_submit(current_user(request), c), _("已提交市政府办公室审查。")
    )
    return redirect(_staff_url(c))


@office_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_office(request, pk)
    form = forms.PublishForm(request.POST)
    form.is_valid()
    _run(
        request,
        lambda: actions.do_publish(
            current_user(request),
            c,
            accept_shortened=form.cleaned_data.get("accept_shortened", False),
        ),
        _("已发布。"),
    )
    return redirect(_staff_url(c))


@office_required
@require_POST
def return_draft(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_office(request, pk)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: actions.do_return(current_user(request), c, reason=form.cleaned_data["reason"]),
            _("已退回承办单位。"),
        )
    else:
        messages.error(request, _("请填写退回理由。"))
    return redirect(_staff_url(c))


@unit_required
@require_POST
def add_option(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_unit(request, pk)
    form = forms.OptionForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: actions.do_add_option(
                current_user(request),
                c,
                label=form.cleaned_data["label"],
                description=form.cleaned_data["description"],
            ),
            _("备选方案已添加。"),
        )
    else:
        messages.error(request, _("请填写方案名称和说明。"))
    return redirect(_staff_url(c))


@unit_required
@require_POST
def remove_option(request: HttpRequest, pk: int) -> HttpResponse:
    option = get_option_for_unit(request, pk)
    c = option.consultation
    _run(request, lambda: actions.do_remove_option(current_user(request), option), _("已删除。"))
    return redirect(_staff_url(c))


@unit_required
@require_POST
def add_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_unit(request, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        _run(
            request,
            lambda: actions.do_add_attachment(
                current_user(request),
                c,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            ),
            _("附件已上传。"),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(_staff_url(c))


@unit_required
@require_POST
def add_delegate(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_unit(request, pk)
    form = forms.DelegateForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: actions.do_add_delegate(
                current_user(request),
                c,
                name=form.cleaned_data["name"],
                category=form.cleaned_data["category"],
                took_part=form.cleaned_data["took_part"],
            ),
            _("列席代表已添加。"),
        )
    else:
        _form_errors(request, form)
    return redirect(_staff_url(c) + "#delegates")


@unit_required
@require_POST
def remove_delegate(request: HttpRequest, pk: int) -> HttpResponse:
    delegate = get_delegate_for_unit(request, pk)
    c = delegate.consultation
    _run(
        request, lambda: actions.do_remove_delegate(current_user(request), delegate), _("已删除。")
    )
    return redirect(_staff_url(c) + "#delegates")


@office_required
@require_POST
def approve_delegates(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_office(request, pk)
    _run(
        request,
        lambda: actions.do_approve_delegates(current_user(request), c),
        _("列席代表名单已审核确定。"),
    )
    return redirect(_staff_url(c) + "#delegates")


# --- moderation -----------------------------------------------------------------------------


@staff_required
@require_GET
def comments(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_staff(request, pk)
    status = request.GET.get("status", Comment.Status.PENDING)
    rows = c.comments.select_related("section", "option", "opinion")
    if status in Comment.Status.values:
        rows = rows.filter(status=status)
    items = [
        (x, forms.ModerateForm(initial={"public_text": x.public_text, "decision": "show"}))
        for x in rows
    ]
    return render(
        request,
        "consultations/comments.html",
        {
            "c": c,
            "items": items,
            "status": status,
            "statuses": Comment.Status.choices,
            "is_unit": is_unit_of(current_user(request), c),
            "record_form": forms.RecordCommentForm(consultation=c),
        },
    )


@unit_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_comment_for_unit(request, pk)
    form = forms.ModerateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: actions.do_moderate(
                current_user(request),
                item,
                show=data["decision"] == "show",
                public_text=data.get("public_text", ""),
                reason=data.get("reason", ""),
            ),
            _("第%(n)s条意见已审核。") % {"n": item.number},
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"#{item.number} {error}")
    return redirect(reverse("consultations:comments", args=[item.consultation_id]))


@unit_required
@require_POST
def reveal_phone(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_comment_for_unit(request, pk)
    try:
        phone = actions.do_reveal_phone(current_user(request), item)
    except actions.Refused as exc:
        messages.error(request, str(exc))
        return redirect(reverse("consultations:comments", args=[item.consultation_id]))
    return render(
        request,
        "consultations/revealed.html",
        {
            "phone": phone,
            "label": f"#{item.number}",
            "back": reverse("consultations:comments", args=[item.consultation_id]),
        },
    )


@unit_required
@require_POST
def record_comment(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_unit(request, pk)
    form = forms.RecordCommentForm(request.POST, consultation=c)
    if form.is_valid():
        _run(
            request,
            lambda: actions.do_record_comment(
                current_user(request),
                c,
                text=form.cleaned_data["text"],
                section=form.cleaned_data.get("section"),
            ),
            _("来信意见已录入。"),
        )
    else:
        messages.error(request, _("请填写意见内容。"))
    return redirect(reverse("consultations:comments", args=[c.pk]))


# --- weighing (第二十条) -----------------------------------------------------------------------


@staff_required
@require_GET
def weigh(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_staff(request, pk)
    loose = c.comments.filter(opinion__isnull=True).select_related("section", "option")
    opinions = list(
        c.opinions.select_related("section")
        .annotate(size=Count("comments"))
        .order_by("-size", "pk")
    )
    grouped: dict[int, list[Comment]] = {}
    for x in c.comments.filter(opinion__isnull=False).select_related("section"):
        assert x.opinion_id is not None  # noqa: S101 - filtered above
        grouped.setdefault(x.opinion_id, []).append(x)
    rows = [
        (
            o,
            grouped.get(o.pk, []),
            forms.DecideForm(
                initial={
                    "decision": o.decision if o.decision != "pending" else "",
                    "reply": o.reply,
                }
            ),
        )
        for o in opinions
    ]
    return render(
        request,
        "consultations/weigh.html",
        {
            "c": c,
            "loose": loose,
            "rows": rows,
            "group_form": forms.GroupForm(consultation=c),
            "is_unit": is_unit_of(current_user(request), c),
            "problems": actions.report_problems(c),
            "decided": sum(o.decision != Opinion.Decision.PENDING for o in opinions),
        },
    )


@unit_required
@require_POST
def group(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_unit(request, pk)
    form = forms.GroupForm(request.POST, consultation=c)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: actions.do_group(
                current_user(request),
                c,
                comments=data["comments"],
                opinion=data.get("opinion"),
                summary=data.get("summary", ""),
                section=data.get("section"),
            ),
            _("已归纳。"),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(reverse("consultations:weigh", args=[c.pk]))


@unit_required
@require_POST
def ungroup(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_comment_for_unit(request, pk)
    _run(request, lambda: actions.do_ungroup(current_user(request), item), _("已移出。"))
    return redirect(reverse("consultations:weigh", args=[item.consultation_id]))


@unit_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = get_opinion_for_unit(request, pk)
    form = forms.DecideForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: actions.do_decide(
                current_user(request),
                opinion,
                decision=form.cleaned_data["decision"],
                reply=form.cleaned_data.get("reply", ""),
            ),
            _("采纳情况已保存。"),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(
        reverse("consultations:weigh", args=[opinion.consultation_id]) + f"#o{opinion.pk}"
    )


def _text_cell(value: str) -> str:
    """openpyxl stores a string starting with "=" as a formula: a citizen's text must stay text."""
    return "'" + value if value.startswith("=") else value


@staff_required
@require_GET
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every comment with its handling, for the file the 承办单位 submits with the draft."""
    c = get_consultation_for_staff(request, pk)
    headers = [
        str(_("编号")),
        str(_("来源")),
        str(_("提交时间")),
        str(_("针对条文")),
        str(_("支持的方案")),
        str(_("意见内容")),
        str(_("公开状态")),
        str(_("不予公开的理由")),
        str(_("归入意见")),
        str(_("采纳情况")),
        str(_("答复或理由")),
    ]
    rows: list[list[object]] = []
    for x in c.comments.select_related("section", "option", "opinion"):
        rows.append(
            [
                x.number,
                str(x.get_channel_display()),
                timezone.localtime(x.submitted_at).strftime("%Y-%m-%d %H:%M"),
                f"{x.section.number} {x.section.heading}" if x.section else "",
                x.option.label if x.option else "",
                _text_cell(x.public_text or x.text),
                str(x.get_status_display()),
                _text_cell(x.hidden_reason),
                _text_cell(x.opinion.summary) if x.opinion else "",
                str(x.opinion.get_decision_display()) if x.opinion else "",
                _text_cell(x.opinion.reply) if x.opinion else "",
            ]
        )
    data = excel.write_xlsx({str(_("意见及处理情况")): (headers, rows)})
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="consultation-{c.pk}-comments.xlsx"'
    return response


# --- the report -----------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_staff(request, pk)
    user = current_user(request)
    existing = Report.objects.filter(consultation=c).first()
    form = forms.ReportForm(
        request.POST or None, initial={"overview": existing.overview if existing else ""}
    )
    if request.method == "POST":
        if not is_unit_of(user, c):
            raise Http404
        if form.is_valid() and _run(
            request,
            lambda: actions.do_save_report(user, c, overview=form.cleaned_data["overview"]),
            _("概述已保存。"),
        ):
            return redirect(reverse("consultations:report_edit", args=[c.pk]))
    return render(
        request,
        "consultations/report_edit.html",
        {
            "c": c,
            "form": form if is_unit_of(user, c) and c.state == S.CLOSED else None,
            "report": existing,
            "problems": actions.report_problems(c),
            "preview": actions.report_context(c),
            "can": {to: actions.can(user, c, to) for to in S.values},
            "reason_form": forms.ReasonForm(),
        },
    )


@unit_required
@require_POST
def submit_report(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_unit(request, pk)
    _run(
        request,
        lambda: actions.do_submit_report(current_user(request), c),
        _("报告已提交办公室审核。"),
    )
    return redirect(reverse("consultations:report_edit", args=[c.pk]))


@office_required
@require_POST
def approve_report(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_office(request, pk)
    _run(
        request,
        lambda: actions.do_approve_report(current_user(request), c),
        _("报告已批准并公布。"),
    )
    return redirect(reverse("consultations:report_edit", args=[c.pk]))


@office_required
@require_POST
def return_report(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_office(request, pk)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: actions.do_return_report(
                current_user(request), c, reason=form.cleaned_data["reason"]
            ),
            _("报告已退回承办单位。"),
        )
    else:
        messages.error(request, _("请填写退回理由。"))
    return redirect(reverse("consultations:report_edit", args=[c.pk]))


@office_required
@require_POST
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_office(request, pk)
    _run(request, lambda: actions.do_archive(current_user(request), c), _("已归档。"))
    return redirect(_staff_url(c))


# --- symposia -------------------------------------------------------------------------------


@unit_required
@require_http_methods(["GET", "POST"])
def symposium_new(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_unit(request, pk)
    form = forms.SymposiumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result: list[Any] = []
        data = form.cleaned_data
        if _run(
            request,
            lambda: result.append(
                actions.do_schedule_symposium(
                    current_user(request),
                    c,
                    kind=data["kind"],
                    held_on=data["held_on"],
                    held_time=data["held_time"],
                    place=data["place"],
                )
            ),
            _("座谈会已安排。"),
        ):
            return redirect("consultations:symposium", pk=result[0].pk)
    return render(
        request,
        "consultations/symposium_new.html",
        {"c": c, "form": form, "today": timezone.localdate()},
    )


@staff_required
@require_GET
def symposium(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_symposium_for_staff(request, pk)
    return render(
        request,
        "consultations/symposium.html",
        {
            "s": s,
            "c": s.consultation,
            "is_unit": is_unit_of(current_user(request), s.consultation),
            "latest": actions.latest_materials_date(s.held_on),
            "participants": s.participants.all(),
            "opinions": s.opinions.all(),
            "participant_form": forms.SymposiumParticipantForm(),
            "materials_form": forms.MaterialsSentForm(initial={"sent_on": timezone.localdate()}),
            "minutes_form": forms.SymposiumMinutesForm(
                initial={"minutes": s.minutes, "signed": s.minutes_signed}
            ),
        },
    )


def _symposium_step(
    request: HttpRequest, pk: int, form_class: Any, run: Callable[..., Any], done: str
) -> HttpResponse:
    s = get_symposium_for_unit(request, pk)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        _run(request, lambda: run(current_user(request), s, form), done)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("consultations:symposium", pk=s.pk)


@unit_required
@require_POST
def symposium_participant(request: HttpRequest, pk: int) -> HttpResponse:
    return _symposium_step(
        request,
        pk,
        forms.SymposiumParticipantForm,
        lambda user, s, form: actions.do_add_symposium_participant(
            user,
            s,
            name=form.cleaned_data["name"],
            category=form.cleaned_data["category"],
            affiliation=form.cleaned_data.get("affiliation", ""),
        ),
        _("参会代表已登记。"),
    )


@unit_required
@require_POST
def symposium_materials(request: HttpRequest, pk: int) -> HttpResponse:
    return _symposium_step(
        request,
        pk,
        forms.MaterialsSentForm,
        lambda user, s, form: actions.do_record_materials_sent(
            user, s, sent_on=form.cleaned_data["sent_on"]
        ),
        _("材料送达日期已登记。"),
    )


@unit_required
@require_POST
def symposium_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    return _symposium_step(
        request,
        pk,
        forms.SymposiumMinutesForm,
        lambda user, s, form: actions.do_record_symposium_minutes(
            user,
            s,
            minutes=form.cleaned_data["minutes"],
            signed=form.cleaned_data["signed"],
            scan=form.cleaned_data.get("scan"),
            opinions=form.opinion_lines(),
        ),
        _("会议记录已保存，会上意见已进入意见研判。"),
    )


@staff_required
@require_GET
def symposium_scan(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_symposium_for_staff(request, pk)
    if not s.minutes_scan:
        raise Http404("no scan")
    with s.minutes_scan.open("rb") as handle:
        data = handle.read()  # at most 10 MB: checked on upload
    suffix = s.minutes_scan.name.rsplit(".", 1)[-1].lower()
    kinds = {
        "pdf": "application/pdf",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "png": "image/png",
    }
    response = HttpResponse(data, content_type=kinds.get(suffix, "application/octet-stream"))
    response["Content-Disposition"] = f'attachment; filename="symposium-{s.pk}.{suffix}"'
    return response


# --- hearings -------------------------------------------------------------------------------


@unit_required
@require_http_methods(["GET", "POST"])
def hearing_new(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_unit(request, pk)
    form = forms.HearingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result: list[Any] = []
        if _run(
            request,
            lambda: result.append(
                actions.do_plan_hearing(
                    current_user(request),
                    c,
                    held_on=data["held_on"],
                    held_time=data["held_time"],
                    place=data["place"],
                    seats=data["seats"],
                    registration_closes_on=data["registration_closes_on"],
                    selection_method=data["selection_method"],
                )
            ),
            _("听证会已安排，请发布听证公告。"),
        ):
            return redirect("consultations:hearing_staff", pk=result[0].pk)
    return render(request, "consultations/hearing_new.html", {"c": c, "form": form})


@staff_required
@require_GET
def hearing_staff(request: HttpRequest, pk: int) -> HttpResponse:
    h = get_hearing_for_staff(request, pk)
    participants = list(h.participants.select_related("registration"))
    stakeholders = sum(p.is_stakeholder for p in participants)
    return render(
        request,
        "consultations/hearing_staff.html",
        {
            "h": h,
            "c": h.consultation,
            "is_unit": is_unit_of(current_user(request), h.consultation),
            "participants": participants,
            "stakeholders": stakeholders,
            "problems": actions.composition_messages(len(participants), stakeholders),
            "registrations": h.registrations.select_related("participant"),
            "pool": h.registrations.filter(is_stakeholder=True, participant__isnull=True).count(),
            "invite_form": forms.InviteForm(),
            "draw_form": forms.DrawForm(),
            "minutes_form": forms.HearingMinutesForm(hearing=h, initial={"minutes": h.minutes}),
            "report_form": forms.HearingReportForm(initial={"report": h.report}),
            "today": timezone.localdate(),
        },
    )


def _hearing_step(
    request: HttpRequest, h: Hearing, step: Callable[[], Any], done: str
) -> HttpResponse:
    _run(request, step, done)
    return redirect("consultations:hearing_staff", pk=h.pk)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


@unit_required
@require_POST
def hearing_announce(request: HttpRequest, pk: int) -> HttpResponse:
    h = get_hearing_for_unit(request, pk)
    return _hearing_step(
        request,
        h,
        lambda: actions.do_announce_hearing(current_user(request), h),
        _("听证公告已发布，开始接受报名。"),
    )


@unit_required
@require_POST
def hearing_invite(request: HttpRequest, pk: int) -> HttpResponse:
    h = get_hearing_for_unit(request, pk)
    form = forms.InviteForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("consultations:hearing_staff", pk=h.pk)
    data = form.cleaned_data
    return _hearing_step(
        request,
        h,
        lambda: actions.do_invite(
            current_user(request),
            h,
            name=data["name"],
            category=data["category"],
            side=data.get("side", ""),
        ),
        _("已加入听证参加人名单。"),
    )


@unit_required
@require_POST
def hearing_select(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_registration_for_unit(request, pk)
    return _hearing_step(
        request,
        registration.hearing,
        lambda: actions.do_select(current_user(request), registration),
        _("已加入听证参加人名单。"),
    )


@unit_required
@require_POST
def registration_phone(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_registration_for_unit(request, pk)
    phone = actions.do_reveal_registration_phone(current_user(request), registration)
    return render(
        request,
        "consultations/revealed.html",
        {
            "phone": phone,
            "label": registration.code,
            "back": reverse("consultations:hearing_staff", args=[registration.hearing_id]),
        },
    )


@unit_required
@require_POST
def hearing_draw(request: HttpRequest, pk: int) -> HttpResponse:
    h = get_hearing_for_unit(request, pk)
    form = forms.DrawForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("consultations:hearing_staff", pk=h.pk)
    return _hearing_step(
        request,
        h,
        lambda: actions.do_draw(
            current_user(request),
            h,
            seats=form.cleaned_data["seats"],
            seed=form.cleaned_data.get("seed", ""),
        ),
        _("抽签完成，种子和结果已记录。"),
    )


@unit_required
@require_POST
def hearing_remove(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_unit(request, pk)
    return _hearing_step(
        request,
        participant.hearing,
        lambda: actions.do_remove_participant(current_user(request), participant),
        _("已移出名单。"),
    )


@unit_required
@require_POST
def hearing_publish(request: HttpRequest, pk: int) -> HttpResponse:
    h = get_hearing_for_unit(request, pk)
    return _hearing_step(
        request,
        h,
        lambda: actions.do_publish_participants(current_user(request), h),
        _("听证参加人名单已公布。"),
    )


@unit_required
@require_POST
def hearing_sign_in(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_unit(request, pk)
    return _hearing_step(
        request,
        participant.hearing,
        lambda: actions.do_sign_in(current_user(request), participant),
        _("已签到。"),
    )


@unit_required
@require_POST
def hearing_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    h = get_hearing_for_unit(request, pk)
    form = forms.HearingMinutesForm(request.POST, request.FILES, hearing=h)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("consultations:hearing_staff", pk=h.pk)
    return _hearing_step(
        request,
        h,
        lambda: actions.do_record_hearing_minutes(
            current_user(request),
            h,
            minutes=form.cleaned_data["minutes"],
            scan=form.cleaned_data.get("scan"),
            confirmed=form.cleaned_data["confirmed"],
            opinions=form.opinion_lines(),
        ),
        _("听证会记录已保存，会上意见已进入意见研判。"),
    )


@unit_required
@require_POST
def hearing_report(request: HttpRequest, pk: int) -> HttpResponse:
    h = get_hearing_for_unit(request, pk)
    form = forms.HearingReportForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("consultations:hearing_staff", pk=h.pk)
    return _hearing_step(
        request,
        h,
        lambda: actions.do_write_hearing_report(
            current_user(request), h, report=form.cleaned_data["report"]
        ),
        _("听证报告已保存。"),
    )


# --- office oversight -----------------------------------------------------------------------


def overdue_steps(c: Consultation, today: dt.date, pending_old: int) -> list[str]:
    """What the office should chase for ``c`` today."""
    notes: list[str] = []
    if (
        c.state == S.SUBMITTED
        and c.submitted_at
        and (today - timezone.localdate(c.submitted_at)).days > 5
    ):
        notes.append(_("提交审查已超过5日"))
    closed_on = c.closes_on
    if c.state == S.CLOSED and closed_on and (today - closed_on).days > REPORT_OVERDUE_DAYS:
        notes.append(_("截止超过%(n)s日未提交公众参与情况报告") % {"n": REPORT_OVERDUE_DAYS})
    report = Report.objects.filter(consultation=c).first()
    if (
        c.state == S.REPORT_SUBMITTED
        and report is not None
        and report.submitted_at is not None
        and (today - timezone.localdate(report.submitted_at)).days > 5
    ):
        notes.append(_("报告待批准已超过5日"))
    if pending_old:
        notes.append(_("%(n)s条意见超过3日未审核") % {"n": pending_old})
    hearing = Hearing.objects.filter(consultation=c).first()
    if (
        hearing is not None
        and hearing.stage in (Hearing.Stage.PLANNED, Hearing.Stage.ANNOUNCED)
        and (hearing.held_on - today).days < 7
    ):
        notes.append(_("听证参加人名单未在听证会7日前公布"))
    return notes


@readers_required
@require_GET
def oversight(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    now = timezone.now()
    today = timezone.localdate(now)
    old = now - dt.timedelta(days=3)
    items = list(
        Consultation.objects.filter(campaign=campaign)
        .select_related("department")
        .annotate(
            n_comments=Count("comments"),
            n_pending_old=Count(
                "comments",
                filter=Q(comments__status=Comment.Status.PENDING, comments__submitted_at__lt=old),
            ),
        )
        .order_by("department__name", "opens_on")
    )
    rows = []
    for c in items:
        actions.do_apply_clock(c)
        rows.append(
            {
                "c": c,
                "days": c.period_days(),
                "overdue": overdue_steps(c, today, c.n_pending_old),
            }
        )
    to_review = [c for c in items if c.state == S.SUBMITTED]
    to_approve = [c for c in items if c.state == S.REPORT_SUBMITTED]
    chart = charts.bar_chart(
        [(c.title[:12], c.n_comments) for c in items if c.state not in (S.DRAFT, S.SUBMITTED)],
        unit=_("条"),
        title=_("各项征求意见收到的意见数"),
    )
    return render(
        request,
        "consultations/oversight.html",
        {
            "campaign": campaign,
            "rows": rows,
            "to_review": to_review,
            "to_approve": to_approve,
            "chart": chart,
            "n_overdue": sum(1 for r in rows if r["overdue"]),
        },
    )
