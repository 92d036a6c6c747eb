"""Views of the surveys app: the bureau's pages, the public questionnaire, the scores."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import segno
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minping.accounts.access import current_user, role_required
from minping.accounts.models import Role
from minping.campaigns.models import Campaign
from minping.lib import charts
from minping.lib.excel import TableError, read_table
from minping.lib.phone import InvalidPhone, parse_any
from minping.surveys import actions, reports
from minping.surveys.access import (
    get_call_list_for_user,
    get_contact_for_user,
    get_scores_survey,
    get_survey_for_user,
    is_manager,
)
from minping.surveys.forms import (
    CallListForm,
    CallOutcomeForm,
    CodeForm,
    ConfirmForm,
    DrawForm,
    IssueCodesForm,
    PaperForm,
    QuestionForm,
    ResponseForm,
    SearchForm,
    SurveyForm,
    TransitionForm,
)
from minping.surveys.models import (
    CallContact,
    CallList,
    CodeBatch,
    PaperEntry,
    Question,
    Receipt,
    Survey,
    pretty_code,
    secret_digest,
)

MANAGERS = (Role.OFFICE, Role.STATISTICS)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPEN_LINK_PER_HOUR = 30  # per address: a household may share one, a script may not


def _questions(survey: Survey) -> list[Question]:
    return list(survey.questions.select_related("department"))


# The empty questionnaire's fields as HTML, per locked survey and language: every phone gets
# the same ~60 radio buttons, and rendering them through Django's widget templates was most
# of the page's time. Only a locked design is cached (it can no longer change), keyed on
# the survey and its lock time; small (one entry per survey × language).
_BLANK_FORMS: dict[tuple[int, str, str], SafeString] = {}


def _blank_fields(survey: Survey, questions: list[Question]) -> SafeString | None:
    if survey.locked_at is None:
        return None
    key = (survey.pk, survey.locked_at.isoformat(), get_language() or "")
    html = _BLANK_FORMS.get(key)
    if html is None:
        if len(_BLANK_FORMS) >= 64:
            _BLANK_FORMS.clear()
        html = render_to_string("surveys/_fields.html", {"form": ResponseForm(questions=questions)})
        _BLANK_FORMS[key] = html
    return html


# --- staff: surveys and design ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def index(request: HttpRequest) -> HttpResponse:
    campaign = Campaign.objects.current()
    form = SurveyForm(request.POST or None, initial={"min_answers": 30})
    if request.method == "POST":
        if campaign is None:
            raise Http404
        if form.is_valid():
            survey = actions.do_create_survey(current_user(request), campaign, form.cleaned_data)
            messages.success(request, _("问卷已创建，可以使用标准模板或逐题设计。"))
            return redirect("surveys:detail", survey.pk)
    surveys = (
        Survey.objects.filter(campaign=campaign).annotate(
            counted=Count("responses", filter=Q(responses__pilot=False))
        )
        if campaign
        else []
    )
    return render(
        request,
        "surveys/index.html",
        {"campaign": campaign, "surveys": surveys, "form": form},
        status=400 if form.errors else 200,
    )


NEXT_STATES = {
    "draft": [("pilot", gettext_lazy("开始试调查")), ("open", gettext_lazy("开始正式调查（锁定设计）"))],
    "pilot": [("draft", gettext_lazy("结束试调查（清除试调查答卷）")), ("open", gettext_lazy("开始正式调查（清除试调查答卷并锁定设计）"))],
    "open": [("closed", gettext_lazy("结束调查并封存"))],
    "closed": [("open", gettext_lazy("重新开始调查"))],
}  # fmt: skip


@require_GET
@role_required(*MANAGERS)
def detail(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    moves = [(state, str(label)) for state, label in NEXT_STATES[survey.state]]
    if survey.is_published:
        moves = [m for m in moves if m[0] != "open"]
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "questions": _questions(survey),
            "moves": moves,
            "channels": reports.channel_counts(survey),
            "pilot_count": survey.responses.filter(pilot=True).count(),
            "batches": survey.batches.annotate(used=Count("codes", filter=Q(codes__used=True))),
            "call_lists": survey.call_lists.all(),
            "pending_paper": survey.paper_entries.values("code").distinct().count(),
            "open_url": request.build_absolute_uri(
                reverse("surveys:open_answer", args=[survey.pk])
            ),
            "pilot_url": request.build_absolute_uri(reverse("surveys:pilot", args=[survey.pk])),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def edit(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    if request.method == "POST":
        form = SurveyForm(request.POST)
        if form.is_valid():
            try:
                actions.do_save_survey(current_user(request), survey, form.cleaned_data)
            except actions.ActionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("已保存。"))
                return redirect("surveys:detail", survey.pk)
    else:
        form = SurveyForm(initial=SurveyForm.initial_for(survey))
    return render(
        request,
        "surveys/edit.html",
        {"survey": survey, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def question_edit(request: HttpRequest, survey_id: int, question_id: int = 0) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    question = None
    if question_id:
        question = survey.questions.filter(pk=question_id).first()
        if question is None:
            raise Http404
    if request.method == "POST":
        form = QuestionForm(request.POST, existing=question)
        if form.is_valid():
            try:
                actions.do_save_question(current_user(request), survey, question, form.values())
            except actions.ActionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("题目已保存。"))
                return redirect("surveys:detail", survey.pk)
    elif question is not None:
        form = QuestionForm(initial=QuestionForm.initial_for(question), existing=question)
    else:
        n = survey.questions.count() + 1
        form = QuestionForm(initial={"order": n, "key": f"q{n}", "max_picks": 0})
    return render(
        request,
        "surveys/question.html",
        {"survey": survey, "question": question, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@role_required(*MANAGERS)
def question_delete(request: HttpRequest, survey_id: int, question_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    question = survey.questions.filter(pk=question_id).first()
    if question is None:  # already deleted (a second click): nothing left to do
        return redirect("surveys:detail", survey.pk)
    try:
        actions.do_delete_question(current_user(request), question)
    except actions.ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("题目已删除。"))
    return redirect("surveys:detail", survey.pk)


@require_POST
@role_required(*MANAGERS)
def use_template(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    try:
        created = actions.do_use_standard_template(current_user(request), survey)
    except actions.ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已套用标准问卷（%(n)d题）。") % {"n": len(created)})
    return redirect("surveys:detail", survey.pk)


@require_GET
@role_required(*MANAGERS)
def preview(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    form = ResponseForm(questions=_questions(survey))
    return render(request, "surveys/preview.html", {"survey": survey, "form": form})


@require_POST
@role_required(*MANAGERS)
def transition(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("无效的操作。"))
        return redirect("surveys:detail", survey.pk)
    try:
        survey = actions.do_transition(current_user(request), survey, form.cleaned_data["to_state"])
    except actions.ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("问卷状态：%(s)s。") % {"s": survey.get_state_display()})
    return redirect("surveys:detail", survey.pk)


# --- codes and slips ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def codes(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    form = IssueCodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = actions.do_issue_codes(
                current_user(request),
                survey,
                label=form.cleaned_data["label"],
                count=form.cleaned_data["count"],
                district=form.cleaned_data["district"],
            )
        except actions.ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("已生成%(n)d个调查码（第%(b)d批）。") % {"n": batch.count, "b": batch.number},
            )
            return redirect("surveys:codes", survey.pk)
    batches = survey.batches.select_related("district").annotate(
        used=Count("codes", filter=Q(codes__used=True))
    )
    return render(
        request,
        "surveys/codes.html",
        {"survey": survey, "form": form, "batches": batches},
        status=400 if form.errors else 200,
    )


def _qr_svg(url: str) -> SafeString:
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2)
    return mark_safe(svg)  # noqa: S308 - segno's own SVG of a URL built from our code


@require_GET
@role_required(*MANAGERS)
def slips(request: HttpRequest, survey_id: int, batch_id: int) -> HttpResponse:
    """A4 slips: QR code + short code per unused code of one batch (print or PDF)."""
    survey = get_survey_for_user(request, survey_id)
    batch = CodeBatch.objects.filter(pk=batch_id, survey=survey).first()
    if batch is None:
        raise Http404
    base = request.build_absolute_uri(reverse("surveys:answer_start"))
    items = [
        {
            "code": c.pretty,
            "qr": _qr_svg(request.build_absolute_uri(reverse("surveys:answer", args=[c.code]))),
        }
        for c in batch.codes.filter(used=False).order_by("code")[:5000]
    ]
    context = {"survey": survey, "batch": batch, "slips": items, "base": base}
    if request.GET.get("format") == "pdf":
        from weasyprint import HTML  # imported here: a heavy library only this page needs

        pdf = HTML(string=render_to_string("surveys/slips_pdf.html", context)).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="survey{survey.pk}-batch{batch.number}.pdf"'
        )
        return response
    return render(request, "surveys/slips.html", context)


# --- paper questionnaires -----------------------------------------------------------------


def _mismatches(survey: Survey) -> list[dict[str, Any]]:
    by_code: dict[str, list[PaperEntry]] = {}
    for entry in survey.paper_entries.select_related("operator"):
        by_code.setdefault(entry.code, []).append(entry)
    return [
        {"code": code, "pretty": pretty_code(code), "entries": group}
        for code, group in sorted(by_code.items())
        if len(group) >= 2
    ]


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def paper(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    questions = _questions(survey)
    form = PaperForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = actions.do_enter_paper(
                current_user(request), survey, form.cleaned_data["paper_code"], form.answers()
            )
        except actions.ActionError as exc:
            form.add_error(None, exc.message)
        else:
            text = {
                "waiting": _("已录入第一遍，请另一名录入员再次录入这份问卷。"),
                "counted": _("两次录入一致，已计入。"),
                "mismatch": _("两次录入不一致，已列入待复核清单。"),
            }[outcome.state]
            level = messages.WARNING if outcome.state == "mismatch" else messages.SUCCESS
            messages.add_message(request, level, text)
            return redirect("surveys:paper", survey.pk)
    waiting = survey.paper_entries.values("code").annotate(n=Count("pk")).filter(n=1).count()
    return render(
        request,
        "surveys/paper.html",
        {"survey": survey, "form": form, "mismatches": _mismatches(survey), "waiting": waiting},
        status=400 if form.errors else 200,
    )


def _entry_lines(questions: list[Question], entry: PaperEntry) -> list[tuple[str, str]]:
    out = []
    for q in questions:
        value = entry.answers.get(q.key)
        labels = q.option_labels()
        if isinstance(value, list):
            text = "；".join(str(labels.get(v, v)) for v in value)
        elif value is None:
            text = _("（未填）")
        else:
            text = labels.get(value, value)
        out.append((q.text, text))
    return out


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def paper_resolve(request: HttpRequest, survey_id: int, code: str) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    mismatch = next((m for m in _mismatches(survey) if m["code"] == code), None)
    if mismatch is None:
        raise Http404
    questions = _questions(survey)
    if request.method == "POST":
        data = request.POST.copy()
        data["paper_code"] = code
        form = PaperForm(data, questions=questions)
        if form.is_valid():
            try:
                actions.do_resolve_paper(current_user(request), survey, code, form.answers())
            except actions.ActionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("复核完成，已计入。"))
                return redirect("surveys:paper", survey.pk)
    else:
        form = PaperForm(questions=questions, initial={"paper_code": mismatch["pretty"]})
    entries = [
        {"operator": e.operator, "lines": _entry_lines(questions, e)} for e in mismatch["entries"]
    ]
    return render(
        request,
        "surveys/paper_resolve.html",
        {"survey": survey, "form": form, "pretty": mismatch["pretty"], "entries": entries},
    )


# --- phone callbacks ----------------------------------------------------------------------

UPLOAD_COLUMNS = {
    "name": ["姓名", "name"],
    "phone": ["电话", "联系电话", "手机号码", "手机", "phone"],
    "district": ["旗区", "district"],
}


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def calls(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    form = CallListForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        people = _call_people(survey, form)
        if people is not None:
            call_list = actions.do_create_call_list(
                current_user(request),
                survey,
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                people=people,
            )
            messages.success(
                request, _("名单已建立：%(n)d人。") % {"n": call_list.contacts.count()}
            )
            return redirect("surveys:call_list", call_list.pk)
    lists = survey.call_lists.annotate(n=Count("contacts"))
    return render(
        request,
        "surveys/calls.html",
        {"survey": survey, "form": form, "lists": lists},
        status=400 if form.errors else 200,
    )


def _call_people(survey: Survey, form: CallListForm) -> list[tuple[str, Any, Any]] | None:
    from minping.campaigns.models import District

    if form.cleaned_data["source"] == "representatives":
        people = actions.representatives_for_calls(survey.campaign)
        if not people:
            form.add_error("source", _("本年度还没有入选的市民代表（或没有联系电话）。"))
            return None
        return people
    upload = form.cleaned_data["upload"]
    try:
        table = read_table(upload.read(), upload.name, UPLOAD_COLUMNS, {"name", "phone"})
    except TableError as exc:
        form.add_error("upload", "；".join(p.reason for p in exc.problems))
        return None
    districts = {d.name: d for d in District.objects.all()}
    people = []
    problems = []
    for row in table:
        try:
            phone = parse_any(row.values.get("phone", ""))
        except InvalidPhone as exc:
            problems.append(_("第%(n)d行：%(e)s") % {"n": row.number, "e": exc})
            continue
        people.append(
            (row.values["name"][:50], phone, districts.get(row.values.get("district", "")))
        )
    if problems:
        form.add_error("upload", "；".join(problems[:10]))
        return None
    if not people:
        form.add_error("upload", _("名单是空的。"))
        return None
    return people


def _call_list_context(call_list: CallList) -> dict[str, Any]:
    progress = reports.callback_progress(call_list)
    return {
        "call_list": call_list,
        "survey": call_list.survey,
        "progress": progress,
        "population": call_list.contacts.count(),
        "chart": charts.bar_chart(
            [(label, float(n)) for label, n in progress["outcomes"]], title=_("回访结果")
        ),
        "sample": call_list.contacts.filter(sample_rank__isnull=False).select_related(
            "district", "interviewer"
        )[:200],
    }


@require_GET
@role_required(*MANAGERS)
def call_list(request: HttpRequest, list_id: int) -> HttpResponse:
    found = get_call_list_for_user(request, list_id)
    context = _call_list_context(found)
    context["draw_form"] = DrawForm(initial={"size": min(300, context["population"])})
    return render(request, "surveys/call_list.html", context)


@require_POST
@role_required(*MANAGERS)
def call_draw(request: HttpRequest, list_id: int) -> HttpResponse:
    found = get_call_list_for_user(request, list_id)
    form = DrawForm(request.POST)
    if form.is_valid():
        seed = form.cleaned_data["seed"].strip() or actions.new_seed()
        try:
            drawn = actions.do_draw_sample(
                current_user(request), found, form.cleaned_data["size"], seed
            )
        except actions.ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("已抽取%(n)d人，随机种子 %(seed)s。") % {"n": len(drawn), "seed": seed}
            )
            return redirect("surveys:call_list", found.pk)
    context = _call_list_context(found)
    context["draw_form"] = form
    return render(request, "surveys/call_list.html", context, status=400)


@require_GET
@role_required(*MANAGERS)
def call_next(request: HttpRequest, list_id: int) -> HttpResponse:
    """The next person to call: never called first, then those with attempts left."""
    found = get_call_list_for_user(request, list_id)
    candidates = found.contacts.filter(
        sample_rank__isnull=False,
        outcome__in=[CallContact.Outcome.PENDING, CallContact.Outcome.NO_ANSWER],
        attempts__lt=CallContact.MAX_ATTEMPTS,
    ).order_by("attempts", "sample_rank")
    contact = candidates.first()
    if contact is None:
        messages.success(request, _("样本中的每个人都已回访完毕。"))
        return redirect("surveys:call_list", found.pk)
    return redirect("surveys:contact", contact.pk)


def _contact_context(request: HttpRequest, contact: CallContact) -> dict[str, Any]:
    return {
        "contact": contact,
        "call_list": contact.call_list,
        "survey": contact.call_list.survey,
        "calls": contact.calls.select_related("interviewer"),
        "outcome_form": CallOutcomeForm(),
        "revealed": None,
    }


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def contact(request: HttpRequest, contact_id: int) -> HttpResponse:
    found = get_contact_for_user(request, contact_id)
    context = _contact_context(request, found)
    if request.method == "POST":
        form = CallOutcomeForm(request.POST)
        if form.is_valid():
            try:
                found = actions.do_record_call(
                    current_user(request),
                    found,
                    form.cleaned_data["outcome"],
                    form.cleaned_data["note"],
                )
            except actions.ActionError as exc:
                form.add_error(None, exc.message)
            else:
                if found.outcome == CallContact.Outcome.REACHED:
                    return redirect("surveys:contact_answers", found.pk)
                messages.success(request, _("已记录：%(o)s。") % {"o": found.get_outcome_display()})
                return redirect("surveys:call_next", found.call_list_id)
        context["outcome_form"] = form
        return render(request, "surveys/contact.html", context, status=400)
    return render(request, "surveys/contact.html", context)


@require_POST
@role_required(*MANAGERS)
def contact_reveal(request: HttpRequest, contact_id: int) -> HttpResponse:
    found = get_contact_for_user(request, contact_id)
    context = _contact_context(request, found)
    context["revealed"] = actions.do_reveal_phone(current_user(request), found)
    response = render(request, "surveys/contact.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def contact_answers(request: HttpRequest, contact_id: int) -> HttpResponse:
    found = get_contact_for_user(request, contact_id)
    survey = found.call_list.survey
    if found.outcome != CallContact.Outcome.REACHED or found.answered:
        return redirect("surveys:contact", found.pk)
    form = ResponseForm(request.POST or None, questions=_questions(survey), enforce_required=False)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_enter_phone_response(current_user(request), found, form.answers())
        except actions.ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("电话回访答卷已计入。"))
            return redirect("surveys:call_next", found.call_list_id)
    return render(
        request,
        "surveys/contact_answers.html",
        {"contact": found, "survey": survey, "form": form},
        status=400 if form.errors else 200,
    )


# --- analysis, export, scores -------------------------------------------------------------


def _by_rank(rows: list[Any]) -> list[Any]:
    """Departments with a score by rank, then those without (in questionnaire order)."""
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0))


@require_GET
@role_required(*MANAGERS)
def results(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    answers = reports.answers_of(survey)
    channels = reports.channel_counts(survey)
    districts = reports.district_counts(survey)
    score_rows = reports.scores(survey, answers)
    dists = []
    for d in reports.distributions(survey, answers):
        chart = None
        if d.rows and d.answered:
            chart = charts.bar_chart(
                [(label, float(count)) for label, count, _p in d.rows], unit=_("人")
            )
        dists.append({"d": d, "chart": chart})
    departments = _by_rank([r for r in score_rows if r.target.kind == "department"])
    areas = [r for r in score_rows if r.target.kind == "area"]
    digest = survey.manifest_digest if survey.state == Survey.State.CLOSED else ""
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "total": sum(n for _l, n in channels),
            "channels": channels,
            "channel_chart": charts.bar_chart(
                [(label, float(n)) for label, n in channels], unit=_("份"), title=_("各渠道答卷")
            ),
            "district_chart": charts.bar_chart(
                [(label, float(n)) for label, n in districts], unit=_("份"), title=_("各旗区答卷")
            ),
            "departments": departments,
            "areas": areas,
            "score_chart": charts.bar_chart(
                [(r.target.name, float(r.score)) for r in departments if r.score is not None],
                max_value=100,
            ),
            "dists": dists,
            "digest": digest,
            "publish_form": ConfirmForm(),
            "can_publish": current_user(request).role == Role.OFFICE,
        },
    )


@require_GET
@role_required(*MANAGERS)
def texts(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = Paginator(reports.free_texts(survey, query), 50).get_page(request.GET.get("page"))
    return render(
        request, "surveys/texts.html", {"survey": survey, "form": form, "page": page, "q": query}
    )


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@role_required(*MANAGERS)
def responses_xlsx(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    return _download(reports.responses_xlsx(survey), XLSX, f"survey{survey.pk}-responses.xlsx")


@require_GET
@role_required(*MANAGERS)
def summary_xlsx(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    return _download(reports.summary_xlsx(survey), XLSX, f"survey{survey.pk}-summary.xlsx")


@require_GET
@role_required(*MANAGERS)
def export(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    if survey.state != Survey.State.CLOSED:
        messages.error(request, _("调查结束并封存后才能导出。"))
        return redirect("surveys:results", survey.pk)
    data, _digest = reports.export_zip(survey)
    return _download(data, "application/zip", f"survey{survey.pk}-export.zip")


@require_POST
@role_required(Role.OFFICE)
def publish(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request, survey_id)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请确认后再发布。"))
        return redirect("surveys:results", survey.pk)
    try:
        actions.do_publish(current_user(request), survey, reports.export_zip(survey)[1])
    except actions.ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("得分已发布给各部门。"))
    return redirect("surveys:scores", survey.pk)


@require_GET
@role_required(Role.OFFICE, Role.STATISTICS, Role.DEPARTMENT)
def scores(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The score table: the office and the bureau all rows; a department its own row."""
    survey = get_scores_survey(request, survey_id)
    user = current_user(request)
    rows = _by_rank([r for r in reports.scores(survey) if r.target.kind == "department"])
    if not is_manager(user):
        rows = [r for r in rows if r.target.id == str(user.department_id)]
    return render(
        request,
        "surveys/scores.html",
        {"survey": survey, "rows": rows, "manager": is_manager(user)},
    )


# --- the public questionnaire -------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def answer_start(request: HttpRequest) -> HttpResponse:
    """Type the code printed on the slip (for phones that cannot scan the QR code)."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            code = actions.code_for_answering(form.cleaned_data["code"])
        except actions.CodeProblem as exc:
            form.add_error("code", exc.message)
        else:
            return redirect("surveys:answer", code.code)
    return render(request, "surveys/answer_start.html", {"form": form})


def _problem(request: HttpRequest, problem: actions.CodeProblem) -> HttpResponse:
    status = 404 if problem.code in ("forged", "malformed") else 409
    return render(
        request, "surveys/answer_problem.html", {"message": problem.message}, status=status
    )


def _receipt_redirect(receipt: str, repeated: bool) -> HttpResponse:
    url = reverse("surveys:receipt", args=[receipt])
    return redirect(f"{url}?again=1" if repeated else url)


# The code in the URL is a bearer secret a cross-site attacker cannot know and the view
# carries no session authority: CSRF adds only a cookie round trip slow phones may fail.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, code: str) -> HttpResponse:
    try:
        found = actions.code_for_answering(code)
    except actions.CodeProblem as problem:
        return _problem(request, problem)
    survey = found.survey
    questions = _questions(survey)
    if found.used and request.method == "GET":
        receipt = Receipt.objects.filter(secret_digest=secret_digest(found.code)).first()
        if receipt is None:
            return _problem(
                request, actions.CodeProblem(_("这个调查码已用于纸质问卷，不能再在网上填写。"))
            )
        return _receipt_redirect(receipt.code, True)
    form = ResponseForm(request.POST or None, questions=questions)
    if request.method == "POST" and (found.used or form.is_valid()):
        try:
            result = actions.submit_with_code(
                found.code,
                form.answers() if not found.used else {},
                code=found,
                questions=[q.core() for q in questions],
            )
        except actions.CodeProblem as problem:
            return _problem(request, problem)
        except actions.ActionError as exc:
            form.add_error(None, exc.message)
        else:
            return _receipt_redirect(result.receipt, result.repeated)
    blank = _blank_fields(survey, questions) if request.method == "GET" else None
    return render(
        request,
        "surveys/answer.html",
        {"survey": survey, "form": form, "mode": "code", "blank": blank},
        status=400 if form.errors else 200,
    )


def _cookie_name(survey: Survey) -> str:
    return f"minping_survey_{survey.pk}"


def _rate_limited(request: HttpRequest, survey: Survey) -> bool:
    address = request.META.get("REMOTE_ADDR", "")
    hour = timezone.now().strftime("%Y%m%d%H")
    key = "surveys:link:" + hashlib.sha256(f"{survey.pk}:{address}:{hour}".encode()).hexdigest()
    count = cache.get_or_set(key, 0, timeout=3600) or 0
    if count >= OPEN_LINK_PER_HOUR:
        return True
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
    return False


@never_cache
@require_http_methods(["GET", "POST"])
def open_answer(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The public website's link: one response per browser, rate-limited per address."""
    survey = Survey.objects.filter(pk=survey_id, open_link=True).first()
    if survey is None:
        raise Http404
    nonce = request.COOKIES.get(_cookie_name(survey), "")
    existing = actions.receipt_for_nonce(survey, nonce)
    if existing:
        return _receipt_redirect(existing, True)
    if not survey.accepts_answers():
        try:
            actions.check_open(survey)
        except actions.CodeProblem as problem:
            return _problem(request, problem)
    questions = _questions(survey)
    form = ResponseForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        if _rate_limited(request, survey):
            form.add_error(None, _("提交过于频繁，请稍后再试。"))
        else:
            nonce = nonce or secrets.token_urlsafe(24)
            try:
                result = actions.submit_open_link(survey, nonce, form.answers())
            except actions.CodeProblem as problem:
                return _problem(request, problem)
            except actions.ActionError as exc:
                form.add_error(None, exc.message)
            else:
                response = _receipt_redirect(result.receipt, result.repeated)
                response.set_cookie(
                    _cookie_name(survey),
                    nonce,
                    max_age=3600 * 24 * 365,
                    httponly=True,
                    samesite="Lax",
                )
                return response
    response = render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "form": form,
            "mode": "link",
            "blank": _blank_fields(survey, questions) if request.method == "GET" else None,
        },
        status=400 if form.errors else 200,
    )
    if not nonce:
        response.set_cookie(
            _cookie_name(survey),
            secrets.token_urlsafe(24),
            max_age=3600 * 24 * 365,
            httponly=True,
            samesite="Lax",
        )
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def pilot(request: HttpRequest, survey_id: int) -> HttpResponse:
    """试调查: the same form, answers stored apart and wiped before the survey goes live."""
    survey = Survey.objects.filter(pk=survey_id, state=Survey.State.PILOT).first()
    if survey is None:
        raise Http404
    form = ResponseForm(request.POST or None, questions=_questions(survey))
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_pilot(survey, form.answers())
        except actions.ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("试调查答卷已提交（正式调查开始前会被清除）。"))
            return redirect("surveys:pilot", survey.pk)
    return render(
        request,
        "surveys/answer.html",
        {"survey": survey, "form": form, "mode": "pilot"},
        status=400 if form.errors else 200,
    )


@require_GET
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    found = Receipt.objects.select_related("survey").filter(code=code.upper()).first()
    if found is None:
        raise Http404
    return render(
        request,
        "surveys/receipt.html",
        {"receipt": found, "again": request.GET.get("again") == "1"},
    )


@require_GET
def check(request: HttpRequest) -> HttpResponse:
    """Anyone types a receipt code and learns whether that response was counted."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip().upper().replace("-", "") if form.is_valid() else ""
    found = Receipt.objects.select_related("survey").filter(code=query).first() if query else None
    return render(request, "surveys/check.html", {"form": form, "query": query, "found": found})
