"""Views of the ballots app: staff pages, the phone ballot, the public bulletin board."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import segno
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minping import tally
from minping.accounts.access import current_user, role_required
from minping.accounts.models import Role
from minping.ballots import actions, reports
from minping.ballots.access import (
    OVERSEERS,
    can_key_paper,
    get_box_for_user,
    get_results_session,
    get_session_for_user,
    is_manager,
    is_published,
)
from minping.ballots.forms import (
    BallotForm,
    DesignForm,
    ExpectedForm,
    IssueTokensForm,
    PaperBallotForm,
    PublishForm,
    SealForm,
    SessionMoveForm,
    TallyUploadForm,
    TokenCodeForm,
    TransitionForm,
)
from minping.ballots.models import (
    BallotBox,
    BallotDesign,
    BallotToken,
    PaperEntry,
    Publication,
    Receipt,
    TallyUpload,
    pretty_code,
    shown,
    token_digest,
)
from minping.campaigns.models import Campaign
from minping.lib import charts, ratelimit
from minping.lib.excel import write_xlsx

STAFF = (*OVERSEERS, Role.DISTRICT)
SESSION_MOVE_LABELS = [
    ("open", gettext_lazy("全部开始投票")),
    ("closed", gettext_lazy("全部结束投票")),
    ("seal_unused", gettext_lazy("封存未发放凭证的会场")),
]


# --- staff: sessions, design, boxes -------------------------------------------------------


@require_GET
@role_required(*STAFF)
def index(request: HttpRequest) -> HttpResponse:
    campaign = Campaign.objects.current()
    sessions = (
        campaign.sessions.select_related("group").annotate(boxes=Count("ballot_boxes"))
        if campaign
        else []
    )
    return render(request, "ballots/index.html", {"campaign": campaign, "sessions": sessions})


@require_GET
@role_required(*STAFF)
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id)
    user = current_user(request)
    boxes = reports.boxes_of(session)
    if user.role == Role.DISTRICT:
        boxes = [b for b in boxes if b.venue.district_id == user.district_id]
    design = BallotDesign.objects.filter(session=session).first()
    context = {
        "session": session,
        "boxes": boxes,
        "design": design,
        "manager": is_manager(user),
        "all_sealed": reports.all_sealed(session),
        "session_root": reports.session_root(session),
        "published": is_published(session),
        "move_choices": SESSION_MOVE_LABELS,
        "uploads": TallyUpload.objects.filter(session=session)[:5],
        "totals": {
            "issued": sum(b.issued for b in boxes),
            "expected": sum(b.expected for b in boxes),
        },
    }
    return render(request, "ballots/session.html", context)


@require_POST
@role_required(Role.OFFICE, Role.STATISTICS)
def session_prepare(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id, manage=True)
    actions.do_prepare_boxes(current_user(request), session)
    messages.success(request, _("已为每个会场建立票箱。"))
    return redirect("ballots:session", session.pk)


@require_POST
@role_required(Role.OFFICE)
def session_transition(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id, manage=True)
    form = SessionMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("无效的操作。"))
        return redirect("ballots:session", session.pk)
    try:
        boxes = actions.do_transition_session(
            current_user(request), session, form.cleaned_data["move"]
        )
    except actions.ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(n)d个会场：%(names)s")
            % {"n": len(boxes), "names": "、".join(b.venue.name for b in boxes)},
        )
    return redirect("ballots:session", session.pk)


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE, Role.STATISTICS)
def design_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id, manage=True)
    design = actions.get_or_create_design(session)
    if request.method == "POST" and not design.is_locked:
        form = DesignForm(request.POST)
        if form.is_valid():
            try:
                actions.do_save_design(current_user(request), design, form.values())
            except actions.ActionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("评议票设计已保存。"))
                return redirect("ballots:preview", session.pk)
    else:
        form = DesignForm(initial=DesignForm.initial_for(design))
    return render(
        request,
        "ballots/design.html",
        {
            "session": session,
            "design": design,
            "form": form,
            "departments": design.department_list(),
        },
    )


@require_GET
@role_required(*STAFF)
def preview(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id)
    design = actions.get_or_create_design(session)
    form = BallotForm(design=design)
    return render(
        request,
        "ballots/preview.html",
        {"session": session, "design": design, "form": form},
    )


def _box_context(request: HttpRequest, box: BallotBox) -> dict[str, Any]:
    user = current_user(request)
    counts = box.tokens.aggregate(used=Count("pk", filter=Q(used=True)))
    return {
        "box": box,
        "session": box.session,
        "manager": is_manager(user),
        "can_key": can_key_paper(user, box),
        "used": counts["used"] or 0,
        "ballots": box.ballots.count(),
        "receipts": box.receipts.count(),
        "pending_paper": box.paper_entries.values("token_code").distinct().count(),
        "batches": box.tokens.values("batch").annotate(n=Count("pk")).order_by("batch"),
        "issue_form": IssueTokensForm(initial={"count": max(box.expected - box.issued, 1)}),
        "expected_form": ExpectedForm(initial={"expected": box.expected}),
        "logs": box.logs.select_related("actor").all(),
        "entry_url": request.build_absolute_uri(reverse("ballots:vote_start")) + f"?box={box.pk}",
    }


@require_GET
@role_required(*STAFF)
def box_detail(request: HttpRequest, box_id: str) -> HttpResponse:
    box = get_box_for_user(request, box_id)
    return render(request, "ballots/box.html", _box_context(request, box))


@require_POST
@role_required(Role.OFFICE, Role.STATISTICS)
def box_issue(request: HttpRequest, box_id: str) -> HttpResponse:
    box = get_box_for_user(request, box_id, manage=True)
    form = IssueTokensForm(request.POST)
    if form.is_valid():
        try:
            tokens = actions.do_issue_tokens(current_user(request), box, form.cleaned_data["count"])
        except actions.ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("已生成%(n)d张评议凭证，请打印后发放。") % {"n": len(tokens)}
            )
            return redirect("ballots:box", box.pk)
    context = _box_context(request, box)
    context["issue_form"] = form
    return render(request, "ballots/box.html", context, status=400)


@require_POST
@role_required(Role.OFFICE, Role.STATISTICS)
def box_expected(request: HttpRequest, box_id: str) -> HttpResponse:
    box = get_box_for_user(request, box_id, manage=True)
    form = ExpectedForm(request.POST)
    if form.is_valid():
        actions.do_set_expected(current_user(request), box, form.cleaned_data["expected"])
        messages.success(request, _("应到人数已保存。"))
        return redirect("ballots:box", box.pk)
    context = _box_context(request, box)
    context["expected_form"] = form
    return render(request, "ballots/box.html", context, status=400)


@require_POST
@role_required(Role.OFFICE)
def box_transition(request: HttpRequest, box_id: str) -> HttpResponse:
    box = get_box_for_user(request, box_id, manage=True)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("无效的操作。"))
        return redirect("ballots:box", box.pk)
    try:
        if form.cleaned_data["to_state"] == "open":
            actions.do_open_box(current_user(request), box)
            messages.success(request, _("已开始投票。"))
        else:
            actions.do_close_box(current_user(request), box)
            messages.success(request, _("已结束投票，不再接受手机提交。"))
    except actions.ActionError as exc:
        messages.error(request, exc.message)
    return redirect("ballots:box", box.pk)


def _qr_svg(url: str) -> SafeString:
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2)
    return mark_safe(svg)  # noqa: S308 - segno's own SVG of a URL built from our token code


@require_GET
@role_required(*STAFF)
def box_slips(request: HttpRequest, box_id: str) -> HttpResponse:
    """Print-friendly slips: QR code + short code per unused token (optionally one batch)."""
    box = get_box_for_user(request, box_id)
    if not (is_manager(current_user(request)) or can_key_paper(current_user(request), box)):
        raise Http404
    tokens = box.tokens.filter(used=False).order_by("batch", "code")
    batch = request.GET.get("batch", "")
    if batch.isdigit():
        tokens = tokens.filter(batch=int(batch))
    base = request.build_absolute_uri(reverse("ballots:vote_start"))
    slips = [
        {
            "code": t.pretty,
            "qr": _qr_svg(request.build_absolute_uri(reverse("ballots:vote", args=[t.code]))),
        }
        for t in tokens[:2000]
    ]
    context = {"box": box, "slips": slips, "base": base}
    if request.GET.get("format") == "pdf":
        from weasyprint import HTML  # imported here: a heavy library only this page needs

        pdf = HTML(string=render_to_string("ballots/slips_pdf.html", context)).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"tokens-session{box.session.number}-{box.venue_id}-{batch or 'all'}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "ballots/slips.html", context)


# --- paper ballots ------------------------------------------------------------------------


def _paper_mismatches(box: BallotBox) -> list[dict[str, Any]]:
    entries = list(box.paper_entries.select_related("operator"))
    by_code: dict[str, list[PaperEntry]] = {}
    for entry in entries:
        by_code.setdefault(entry.token_code, []).append(entry)
    return [
        {"code": code, "pretty": pretty_code(code), "entries": group}
        for code, group in sorted(by_code.items())
        if len(group) >= 2
    ]


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE, Role.STATISTICS, Role.DISTRICT)
def paper_entry(request: HttpRequest, box_id: str) -> HttpResponse:
    box = get_box_for_user(request, box_id)
    user = current_user(request)
    if not can_key_paper(user, box):
        raise Http404
    design = actions.get_or_create_design(box.session)
    status = 200
    if request.method == "POST":
        form = PaperBallotForm(request.POST, design=design)
        if form.is_valid():
            try:
                outcome = actions.do_enter_paper(
                    user, box, form.cleaned_data["token_code"], form.content()
                )
            except actions.ActionError as exc:
                form.add_error(None, exc.message)
                status = 400
            else:
                text = {
                    "waiting": _("已录入第一遍，请另一名录入员再次录入这张票。"),
                    "counted": _("两次录入一致，已计票。"),
                    "mismatch": _("两次录入不一致，已列入待复核清单。"),
                }[outcome.state]
                level = messages.WARNING if outcome.state == "mismatch" else messages.SUCCESS
                messages.add_message(request, level, text)
                return redirect("ballots:paper", box.pk)
        else:
            status = 400
    else:
        form = PaperBallotForm(design=design)
    waiting = box.paper_entries.values("token_code").annotate(n=Count("pk")).filter(n=1).count()
    return render(
        request,
        "ballots/paper.html",
        {
            "box": box,
            "form": form,
            "mismatches": _paper_mismatches(box),
            "waiting": waiting,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE, Role.STATISTICS, Role.DISTRICT)
def paper_resolve(request: HttpRequest, box_id: str, code: str) -> HttpResponse:
    box = get_box_for_user(request, box_id)
    user = current_user(request)
    if not can_key_paper(user, box):
        raise Http404
    mismatch = next((m for m in _paper_mismatches(box) if m["code"] == code), None)
    if mismatch is None:
        raise Http404
    design = actions.get_or_create_design(box.session)
    if request.method == "POST":
        data = request.POST.copy()
        data["token_code"] = code
        form = PaperBallotForm(data, design=design)
        if form.is_valid():
            try:
                actions.do_resolve_paper(user, box, code, form.content())
            except actions.ActionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("复核完成，已计票。"))
                return redirect("ballots:paper", box.pk)
    else:
        form = PaperBallotForm(design=design, initial={"token_code": pretty_code(code)})
    labels = _entry_labels(design)
    entries = [
        {"operator": e.operator, "status": e.get_status_display(), "lines": labels(e)}
        for e in mismatch["entries"]
    ]
    return render(
        request,
        "ballots/paper_resolve.html",
        {"box": box, "form": form, "pretty": mismatch["pretty"], "entries": entries},
    )


def _entry_labels(design: Any) -> Any:
    choice_labels = {c["key"]: shown(c["label"]) for c in design.choices}
    items = {q["id"]: q for q in design.questionnaire}

    def lines(entry: PaperEntry) -> list[tuple[str, str]]:
        out = []
        for dept in design.department_list():
            value = entry.answers.get(str(dept["id"]))
            if isinstance(value, dict):
                text = "，".join(f"{k}={v}" for k, v in value.items())
            else:
                text = choice_labels.get(value, "" if value is None else str(value))
            out.append((dept["name"], text or _("（未填）")))
        for item_id, answer in entry.questionnaire.items():
            item = items.get(item_id, {})
            options = {o["key"]: shown(o["label"]) for o in item.get("options", [])}
            out.append((shown(item.get("text", item_id)), options.get(answer, answer)))
        return out

    return lines


# --- seal ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE)
def box_seal(request: HttpRequest, box_id: str) -> HttpResponse:
    box = get_box_for_user(request, box_id, manage=True)
    if request.method == "POST":
        form = SealForm(request.POST)
        if form.is_valid():
            try:
                actions.do_seal_box(current_user(request), box, form.cleaned_data["note"])
            except actions.ActionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("已封存，封存哈希已在公示栏公布。"))
                return redirect("ballots:box", box.pk)
    else:
        form = SealForm()
    counts = box.ballots.aggregate(
        total=Count("pk"),
        blank=Count("pk", filter=Q(status="blank")),
        invalid=Count("pk", filter=Q(status="invalid")),
    )
    return render(
        request,
        "ballots/seal.html",
        {
            "box": box,
            "form": form,
            "counts": counts,
            "unused": box.issued - counts["total"],
            "pending_paper": box.paper_entries.exists(),
        },
    )


# --- export, tally, results ---------------------------------------------------------------


@require_GET
@role_required(*OVERSEERS)
def export_download(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id)
    if not reports.all_sealed(session):
        messages.error(request, _("所有会场封存后才能导出。"))
        return redirect("ballots:session", session.pk)
    data, _manifest = reports.export_zip(session)
    response = HttpResponse(data, content_type="application/zip")
    filename = f"minping-{session.campaign.year}-session{session.number}-export.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@role_required(Role.TALLIER, Role.OFFICE, Role.STATISTICS, Role.SUPERVISOR)
def tally_upload(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id)
    user = current_user(request)
    can_upload = user.role == Role.TALLIER
    form = TallyUploadForm()
    if request.method == "POST":
        if not can_upload:
            raise Http404
        form = TallyUploadForm(request.POST, request.FILES)
        if form.is_valid() and not reports.all_sealed(session):
            form.add_error(None, _("所有会场封存后才能上传统计结果。"))
        if form.is_valid():
            raw = form.cleaned_data["result_file"].read()
            try:
                theirs = tally.read_results(raw)
            except (ValueError, KeyError, TypeError):
                form.add_error("result_file", _("无法读取该文件：须为导出格式的 results.json。"))
            else:
                ours = reports.results(session)
                differences = [
                    {"path": d.path, "ours": d.ours, "theirs": d.theirs}
                    for d in tally.compare_results(ours, theirs)
                ]
                actions.do_record_tally(
                    user,
                    session,
                    filename=form.cleaned_data["result_file"].name,
                    sha256=hashlib.sha256(raw).hexdigest(),
                    signed_by=form.cleaned_data["signed_by"],
                    content=raw.decode("utf-8", "replace"),
                    differences=differences,
                )
                if differences:
                    messages.warning(
                        request,
                        _("第三方结果与系统结果有%(n)d处不一致。") % {"n": len(differences)},
                    )
                else:
                    messages.success(request, _("第三方结果与系统结果完全一致。"))
                return redirect("ballots:tally", session.pk)
    uploads = TallyUpload.objects.filter(session=session).select_related("uploaded_by")
    return render(
        request,
        "ballots/tally.html",
        {"session": session, "form": form, "uploads": uploads, "can_upload": can_upload},
    )


def _score_chart(rows: list[reports.DepartmentRow]) -> Any:
    items = [(r.name, float(r.weighted_score)) for r in rows if r.weighted_score is not None]
    return charts.bar_chart(items, max_value=100, title=_("各部门加权得分"))


@require_GET
def results_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_results_session(request, session_id)
    if not reports.all_sealed(session):
        return render(request, "ballots/results.html", {"session": session, "not_sealed": True})
    res = reports.results(session)
    rows = reports.department_rows(session, res)
    design = actions.get_or_create_design(session)
    series = [shown(c["label"]) for c in design.choices] if design.scale == "choices" else []
    stacked = None
    if series:
        stacked = charts.stacked_bar_chart(
            [
                (r.name, [float(r.counts.get(c["key"], 0)) for c in design.choices])
                for r in rows
                if not r.suppressed
            ],
            series,
            title=_("评价等级分布"),
        )
    venue_rows = reports.venue_rows(session, res)
    venue_chart = charts.bar_chart(
        [(v["name"], float(v["totals"].valid)) for v in venue_rows if v["totals"]],
        unit=_("张"),
        title=_("各会场有效票数"),
        color=charts.PALETTE[0],
    )
    user = request.user
    overseer = getattr(user, "role", None) in OVERSEERS or getattr(user, "is_superuser", False)
    group_cells = [(name, cell) for name, cell in res.groups.items()]
    return render(
        request,
        "ballots/results.html",
        {
            "session": session,
            "results": res,
            "rows": rows,
            "venues": venue_rows,
            "venue_chart": venue_chart,
            "chart": _score_chart(rows),
            "stacked": stacked,
            "groups": group_cells,
            "published": is_published(session),
            "publication": Publication.objects.filter(session=session).first(),
            "can_publish": getattr(user, "role", None) == Role.OFFICE,
            "overseer": overseer,
            "publish_form": PublishForm(),
            "session_root": reports.session_root(session),
            "print": request.GET.get("print") == "1",
        },
    )


@require_GET
def results_xlsx(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_results_session(request, session_id)
    if not reports.all_sealed(session):
        raise Http404
    res = reports.results(session)
    rows = reports.department_rows(session, res)
    suppressed = _("票数不足，不公布")
    dept_sheet: tuple[list[str], list[list[object]]] = (
        [_("名次"), _("部门"), _("有效评价数"), _("满意率（%）"), _("加权得分"), _("考核赋分")],
        [
            [r.rank, r.name, r.answers, r.satisfaction_rate, r.weighted_score, r.points]
            if not r.suppressed
            else ["", r.name, suppressed, "", "", ""]
            for r in rows
        ],
    )
    venue_rows = reports.venue_rows(session, res)
    venue_sheet: tuple[list[str], list[list[object]]] = (
        [_("会场"), _("发放"), _("回收"), _("有效"), _("空白"), _("废票"), *[r.name for r in rows]],
        [
            [
                v["name"],
                v["totals"].issued if v["totals"] else "",
                v["totals"].returned if v["totals"] else "",
                v["totals"].valid if v["totals"] else "",
                v["totals"].blank if v["totals"] else "",
                v["totals"].invalid if v["totals"] else "",
                *[c if c is not None else suppressed for c in v["cells"]],
            ]
            for v in venue_rows
        ],
    )
    data = write_xlsx({_("部门得分"): dept_sheet, _("分会场"): venue_sheet})
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="minping-{session.campaign.year}-session{session.number}-scores.xlsx"'
    )
    return response


@require_POST
@role_required(Role.OFFICE)
def publish(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request, session_id, manage=True)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请确认后再发布。"))
        return redirect("ballots:results", session.pk)
    try:
        _data, manifest = reports.export_zip(session)
        actions.do_publish(
            current_user(request), session, reports.session_root(session), manifest.digest
        )
    except actions.ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("评议结果已发布。"))
    return redirect("ballots:results", session.pk)


# --- the phone ballot (public, no login) ----------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def vote_start(request: HttpRequest) -> HttpResponse:
    """Type the code printed on the slip (for phones that cannot scan the QR code).

    ``?box=<id>``: the entry page of one venue (shown on its screen), which refuses a token
    of another venue.
    """
    box_id = request.GET.get("box") or request.POST.get("box") or None
    box = BallotBox.objects.select_related("venue", "session").filter(pk=box_id).first()
    form = TokenCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token = actions.token_for_voting(
                form.cleaned_data["code"], box_id=box.pk if box else None
            )
        except actions.TokenProblem as exc:
            if _guessing(request, exc):
                return ratelimit.too_many(request, TOKEN_LOOKUP)
            form.add_error("code", exc.message)
        else:
            return redirect("ballots:vote", token.code)
    return render(request, "ballots/vote_start.html", {"form": form, "box": box})


# Codes that were never issued, per client address. Only failed lookups are counted and
# only after the lookup: a valid code is never held up, even from a venue's shared address
# (a code carries ~54 random bits, so the limit guards the database, not the codes).
TOKEN_LOOKUP = ratelimit.Limit("ballots.token", attempts=30)


def _guessing(request: HttpRequest, problem: actions.TokenProblem) -> bool:
    return problem.code == "forged" and ratelimit.fail(TOKEN_LOOKUP, request)


def _vote_problem(request: HttpRequest, problem: actions.TokenProblem) -> HttpResponse:
    status = {"forged": 404, "malformed": 404}.get(problem.code, 409)
    return render(
        request,
        "ballots/vote_problem.html",
        {"message": problem.message, "code": problem.code},
        status=status,
    )


# The token in the URL is a bearer secret that a cross-site attacker cannot know, and the
# view carries no session authority: CSRF protection adds nothing but a cookie round trip
# that slow phones and strict browsers may fail.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, code: str) -> HttpResponse:
    try:
        token = actions.token_for_voting(code)
    except actions.TokenProblem as problem:
        if _guessing(request, problem):
            return ratelimit.too_many(request, TOKEN_LOOKUP)
        return _vote_problem(request, problem)
    if token.used:
        receipt = Receipt.objects.filter(token_digest=_digest(token)).first()
        if receipt is None:
            return _vote_problem(
                request,
                actions.TokenProblem(
                    _("这张评议凭证已使用（纸质票已计票），不能再次投票。"), "used"
                ),
            )
        url = reverse("ballots:receipt", args=[receipt.code])
        return redirect(f"{url}?again=1" if request.method == "POST" else url)
    design = actions.design_of(token)
    blank = None
    if request.method == "POST":
        form = BallotForm(request.POST, design=design)
        if form.is_valid():
            try:
                result = actions.do_cast_ballot(
                    token.code, form.content(), token=token, design=design
                )
            except actions.TokenProblem as problem:
                return _vote_problem(request, problem)
            except actions.ActionError as exc:
                form.add_error(None, exc.message)
            else:
                url = reverse("ballots:receipt", args=[result.receipt])
                return redirect(f"{url}?again=1" if result.repeated else url)
        status = 400
    else:
        form = BallotForm(design=design)
        blank = _blank_ballot(design)
        status = 200
    return render(
        request,
        "ballots/vote.html",
        {
            "form": form,
            "blank": blank,
            "design": design,
            "box": token.box,
            "session": token.box.session,
        },
        status=status,
    )


# The empty ballot's fields as HTML, per design content and language: every phone of a
# session gets the same ~70 radio buttons, and rendering them through Django's widget
# templates was most of the vote page's time. Keyed on the content itself, so a changed
# design can never be served from here; small (one entry per session design × language).
_BLANK_BALLOTS: dict[tuple[str, str], SafeString] = {}


def _blank_ballot(design: BallotDesign) -> SafeString:
    key = (
        get_language() or "",
        json.dumps(
            [
                design.scale,
                design.choices,
                design.criteria,
                design.allow_opinion,
                design.questionnaire,
                design.department_list(),
            ],
            sort_keys=True,
        ),
    )
    html = _BLANK_BALLOTS.get(key)
    if html is None:
        if len(_BLANK_BALLOTS) >= 64:
            _BLANK_BALLOTS.clear()
        html = render_to_string("ballots/_ballot_fields.html", {"form": BallotForm(design=design)})
        _BLANK_BALLOTS[key] = html
    return html


def _digest(token: BallotToken) -> str:
    return token_digest(token.code)


@require_GET
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    found = (
        Receipt.objects.select_related("box__venue", "box__session")
        .filter(code=code.upper())
        .first()
    )
    if found is None:
        raise Http404
    return render(
        request,
        "ballots/receipt.html",
        {"receipt": found, "again": request.GET.get("again") == "1"},
    )


# --- the public bulletin board --------------------------------------------------------------


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    campaign = Campaign.objects.current()
    sessions: list[dict[str, Any]] = []
    if campaign:
        for session in campaign.sessions.select_related("group").order_by("number"):
            boxes = reports.boxes_of(session)
            if not boxes:
                continue
            sessions.append(
                {
                    "session": session,
                    "boxes": boxes,
                    "root": reports.session_root(session),
                    "published": is_published(session),
                    "publication": Publication.objects.filter(session=session).first(),
                }
            )
    return render(request, "ballots/board.html", {"campaign": campaign, "sessions": sessions})


@require_GET
def board_receipts(request: HttpRequest, box_id: str) -> HttpResponse:
    """Counted receipt codes of one box, sorted by code: no choices, no times, no order."""
    box = BallotBox.objects.select_related("venue", "session").filter(pk=box_id).first()
    if box is None:
        raise Http404
    codes = list(box.receipts.order_by("code").values_list("code", flat=True))
    query = request.GET.get("q", "").strip().upper().replace("-", "")
    found = None
    if query:
        found = query in set(codes)
    return render(
        request,
        "ballots/board_receipts.html",
        {"box": box, "codes": codes, "query": query, "found": found},
    )
