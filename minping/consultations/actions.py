"""Writes for consultations: each ``do_*`` is one atomic, audited change.

The lifecycle is the :data:`ALLOWED` table plus one guard per step (:data:`GUARDS`) and the
role that takes it (:data:`ACTOR`); :func:`transition` is the only place that changes
``Consultation.state`` and it writes a :class:`TransitionLog` row.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from minping import triage, workdays
from minping.accounts import audit
from minping.accounts.models import Role, User
from minping.accounts.pii import reveal
from minping.campaigns.models import Campaign, Department
from minping.consultations import rules
from minping.consultations.models import (
    CONCENTRATED_MIN,
    HEARING_LIST_DAYS,
    HEARING_NOTICE_DAYS,
    MIN_DELEGATES,
    SYMPOSIUM_NOTICE_WORKDAYS,
    Attachment,
    Comment,
    Consultation,
    Delegate,
    Hearing,
    Opinion,
    Option,
    Participant,
    Registration,
    Report,
    Section,
    Symposium,
    SymposiumParticipant,
    TransitionLog,
)

S = Consultation.State
D = Opinion.Decision


class Refused(Exception):
    """A step that the rules do not allow now; the message is shown as it is."""


# --- the state machine ----------------------------------------------------------------------

ALLOWED: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.DRAFT, S.PUBLISHED},
    S.PUBLISHED: {S.OPEN},
    S.OPEN: {S.CLOSED},
    S.CLOSED: {S.REPORT_SUBMITTED},
    S.REPORT_SUBMITTED: {S.CLOSED, S.REPORT_PUBLISHED},
    S.REPORT_PUBLISHED: {S.ARCHIVED},
    S.ARCHIVED: set(),
}

# Who takes each step: "unit" (staff of the 决策承办单位), "office" or "system" (the clock).
ACTOR: dict[tuple[str, str], str] = {
    (S.DRAFT, S.SUBMITTED): "unit",
    (S.SUBMITTED, S.DRAFT): "office",
    (S.SUBMITTED, S.PUBLISHED): "office",
    (S.PUBLISHED, S.OPEN): "system",
    (S.OPEN, S.CLOSED): "system",
    (S.CLOSED, S.REPORT_SUBMITTED): "unit",
    (S.REPORT_SUBMITTED, S.CLOSED): "office",
    (S.REPORT_SUBMITTED, S.REPORT_PUBLISHED): "office",
    (S.REPORT_PUBLISHED, S.ARCHIVED): "office",
}


def actor_kind(user: User | None, consultation: Consultation) -> str:
    if user is None:
        return "system"
    if user.is_office:
        return "office"
    if user.role == Role.DEPARTMENT and user.department_id == consultation.department_id:
        return "unit"
    return "other"


def _today(now: dt.datetime) -> dt.date:
    return timezone.localdate(now)


def _check_period(c: Consultation, now: dt.datetime, *, accept_shortened: bool) -> None:
    missing = c.missing_notice_content()
    if missing:
        raise Refused(
            _("公开征求意见须说明以下内容（第十二条）：%(items)s。") % {"items": "、".join(missing)}
        )
    assert c.opens_on is not None and c.closes_on is not None  # noqa: S101 - checked above
    today = _today(now)
    if c.closes_on < c.opens_on:
        raise Refused(_("截止日期不能早于开始日期。"))
    if c.closes_on < today:
        raise Refused(_("截止日期已过，请重新确定征求意见期限。"))
    if c.is_shortened(today):
        if not c.shortened_reason.strip():
            raise Refused(
                _(
                    "征求意见期限为%(days)s日，少于30日（第十一条）：须填写缩短期限的依据和理由，"
                    "并在起草说明中专门阐述。"
                )
                % {"days": c.period_days(today)}
            )
        if not accept_shortened:
            raise Refused(
                _("征求意见期限少于30日：请审查缩短期限的依据和理由，认可后方可发布，否则请退回。")
            )
    if c.options.count() == 1:
        raise Refused(_("备选方案须有两个以上（第九条），或者不设备选方案。"))


def _guard_submit(c: Consultation, now: dt.datetime, **kw: Any) -> None:
    _check_period(c, now, accept_shortened=True)


def _guard_publish(c: Consultation, now: dt.datetime, **kw: Any) -> None:
    _check_period(c, now, accept_shortened=bool(kw.get("accept_shortened")))


def _guard_open(c: Consultation, now: dt.datetime, **kw: Any) -> None:
    if c.opens_on is None or _today(now) < c.opens_on:
        raise Refused(_("征求意见尚未开始。"))


def _guard_close(c: Consultation, now: dt.datetime, **kw: Any) -> None:
    if c.closes_on is None or _today(now) <= c.closes_on:
        raise Refused(_("征求意见期限尚未届满。"))


def needs_weighing(comments: QuerySet[Comment]) -> QuerySet[Comment]:
    """Comments not yet under an opinion; a comment the moderator hid (abuse, off topic) is
    exempt, but what was said at a symposium or hearing is always weighed."""
    return comments.filter(opinion__isnull=True).exclude(
        status=Comment.Status.HIDDEN,
        channel__in=[Comment.Channel.ONLINE, Comment.Channel.LETTER],
    )


def report_problems(c: Consultation) -> list[str]:
    """What still stops the department from submitting the report (第二十条)."""
    problems: list[str] = []
    loose = needs_weighing(c.comments.all()).count()
    if loose:
        problems.append(_("还有%(n)s条意见未归入任何归纳意见。") % {"n": loose})
    pending = c.opinions.filter(decision=D.PENDING).count()
    if pending:
        problems.append(_("还有%(n)s条归纳意见未研判采纳情况。") % {"n": pending})
    for symposium in c.symposia.all():
        if symposium.held_on <= timezone.localdate() and not symposium.minutes.strip():
            problems.append(_("%(s)s尚未录入会议记录。") % {"s": symposium.get_kind_display()})
    hearing = Hearing.objects.filter(consultation=c).first()
    if hearing is not None and hearing.stage != Hearing.Stage.REPORTED:
        problems.append(_("听证会尚未形成听证报告。"))
    return problems


def _guard_report(c: Consultation, now: dt.datetime, **kw: Any) -> None:
    problems = report_problems(c)
    if problems:
        raise Refused(" ".join(problems))
    if not Report.objects.filter(consultation=c).exclude(overview="").exists():
        raise Refused(_("请先填写公众参与情况概述。"))


GUARDS: dict[tuple[str, str], Callable[..., None]] = {
    (S.DRAFT, S.SUBMITTED): _guard_submit,
    (S.SUBMITTED, S.PUBLISHED): _guard_publish,
    (S.PUBLISHED, S.OPEN): _guard_open,
    (S.OPEN, S.CLOSED): _guard_close,
    (S.CLOSED, S.REPORT_SUBMITTED): _guard_report,
}


def can(user: User | None, c: Consultation, to: str) -> bool:
    """Whether ``user`` may move ``c`` to ``to`` (role and table; not the guards)."""
    return to in ALLOWED.get(c.state, set()) and ACTOR.get((c.state, to)) == actor_kind(user, c)


def transition(
    c: Consultation,
    to: str,
    actor: User | None,
    *,
    note: str = "",
    now: dt.datetime | None = None,
    **guard_args: Any,
) -> None:
    """Moves ``c`` to ``to`` after the table, the role and the guard agree; logs the step."""
    now = now or timezone.now()
    step = (c.state, to)
    if to not in ALLOWED.get(c.state, set()):
        raise Refused(_("当前状态“%(state)s”下不能进行此操作。") % {"state": c.get_state_display()})
    if ACTOR[step] != actor_kind(actor, c):
        raise Refused(_("这一步不由您办理。"))
    guard = GUARDS.get(step)
    if guard is not None:
        guard(c, now, **guard_args)
    before = c.state
    c.state = to
    c.save(update_fields=["state"])
    TransitionLog.objects.create(
        consultation=c,
        from_state=before,
        to_state=to,
        actor=actor,
        actor_role=ACTOR[step],
        at=now,
        note=note[:500],
    )
    audit.record(actor, f"consultations.{to}", c, before={"state": before}, after={"state": to})


# --- drafting (决策承办单位) ------------------------------------------------------------------


def _require_unit(user: User, c: Consultation) -> None:
    if actor_kind(user, c) != "unit":
        raise Refused(_("只有决策承办单位可以办理。"))


def _require_office(user: User) -> None:
    if not user.is_office:
        raise Refused(_("只有市政府办公室可以办理。"))


def _require_draft(c: Consultation) -> None:
    if c.state != S.DRAFT:
        raise Refused(_("已提交的征求意见稿不能修改；如需修改，请办公室退回。"))


DRAFT_FIELDS = [
    "title",
    "summary",
    "basis",
    "feedback_channels",
    "contact",
    "drafting_notes",
    "opens_on",
    "closes_on",
    "shortened_reason",
]


def do_save_draft(
    user: User,
    data: dict[str, Any],
    *,
    consultation: Consultation | None = None,
    campaign: Campaign | None = None,
) -> Consultation:
    """Creates or updates a draft; the full text is sanitised and split into sections."""
    with transaction.atomic():
        if consultation is None:
            if user.role != Role.DEPARTMENT or user.department_id is None or campaign is None:
                raise Refused(_("只有决策承办单位可以起草征求意见。"))
            department = Department.objects.get(pk=user.department_id)
            c = Consultation(campaign=campaign, department=department, created_by=user)
            before: dict[str, Any] = {}
        else:
            c = Consultation.objects.select_for_update().get(pk=consultation.pk)
            _require_unit(user, c)
            _require_draft(c)
            before = audit.snapshot(c, DRAFT_FIELDS)
        for name in DRAFT_FIELDS:
            if name in data:
                setattr(c, name, data[name] if data[name] is not None else getattr(c, name))
        if "text" in data:
            c.text_html = rules.sanitize(data["text"] or "")
        c.save()
        if "text" in data:
            c.sections.all().delete()
            Section.objects.bulk_create(
                [
                    Section(
                        consultation=c, number=s.number, heading=s.heading, body_html=s.body_html
                    )
                    for s in rules.split_sections(c.text_html)
                ]
            )
        audit.record(
            user,
            "consultations.save_draft",
            c,
            before=before,
            after={**audit.snapshot(c, DRAFT_FIELDS), "sections": c.sections.count()},
        )
    return c


def do_add_option(user: User, c: Consultation, *, label: str, description: str) -> Option:
    with transaction.atomic():
        _require_unit(user, c)
        _require_draft(c)
        order = (c.options.aggregate(m=Max("order"))["m"] or 0) + 1
        option = Option.objects.create(
            consultation=c, label=label, description=description, order=order
        )
        audit.record(user, "consultations.add_option", option, after={"label": label})
    return option


def do_remove_option(user: User, option: Option) -> None:
    c = option.consultation
    with transaction.atomic():
        _require_unit(user, c)
        _require_draft(c)
        audit.record(user, "consultations.remove_option", option, before={"label": option.label})
        option.delete()


MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def do_add_attachment(
    user: User, c: Consultation, *, kind: str, title: str, upload: UploadedFile
) -> Attachment:
    with transaction.atomic():
        _require_unit(user, c)
        if c.state not in (S.DRAFT, S.SUBMITTED, S.PUBLISHED, S.OPEN):
            raise Refused(_("征求意见结束后不能再上传材料。"))
        attachment = Attachment(consultation=c, kind=kind, title=title, size=upload.size or 0)
        attachment.file.save(upload.name or "file.pdf", upload, save=False)
        attachment.save()
        audit.record(
            user, "consultations.add_attachment", attachment, after={"title": title, "kind": kind}
        )
    return attachment


def _lock(c: Consultation) -> None:
    """Locks the row and refreshes ``c`` in place, so the caller's object stays current."""
    list(Consultation.objects.select_for_update().filter(pk=c.pk).values_list("pk", flat=True))
    c.refresh_from_db()


def do_submit(user: User, c: Consultation, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        _lock(c)
        transition(c, S.SUBMITTED, user, now=now)
        c.submitted_at = now
        c.return_reason = ""
        c.save(update_fields=["submitted_at", "return_reason"])


def do_return(user: User, c: Consultation, *, reason: str, now: dt.datetime | None = None) -> None:
    """The office sends a draft back (第十一条: e.g. a shortened period not well founded)."""
    if not reason.strip():
        raise Refused(_("请填写退回理由。"))
    with transaction.atomic():
        _lock(c)
        transition(c, S.DRAFT, user, note=reason, now=now)
        c.return_reason = reason
        c.save(update_fields=["return_reason"])


def do_publish(
    user: User, c: Consultation, *, accept_shortened: bool = False, now: dt.datetime | None = None
) -> None:
    """The office publishes; the period opens at once when its first day has come."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(c)
        note = _("认可缩短期限的理由") if accept_shortened and c.is_shortened(_today(now)) else ""
        transition(c, S.PUBLISHED, user, note=note, now=now, accept_shortened=accept_shortened)
        c.published_at = now
        c.save(update_fields=["published_at"])
        _apply_clock(c, now)


# --- the clock ------------------------------------------------------------------------------


def _clock_due(c: Consultation, now: dt.datetime) -> bool:
    today = _today(now)
    return (c.state == S.PUBLISHED and c.opens_on is not None and today >= c.opens_on) or (
        c.state == S.OPEN and c.closes_on is not None and today > c.closes_on
    )


def _apply_clock(c: Consultation, now: dt.datetime) -> bool:
    changed = False
    if c.state == S.PUBLISHED and c.opens_on is not None and _today(now) >= c.opens_on:
        transition(c, S.OPEN, None, now=now)
        changed = True
    if c.state == S.OPEN and c.closes_on is not None and _today(now) > c.closes_on:
        transition(c, S.CLOSED, None, now=now, note=_("征求意见期限届满，自动截止"))
        c.closed_at = now
        c.save(update_fields=["closed_at"])
        changed = True
    return changed


def do_apply_clock(c: Consultation, *, now: dt.datetime | None = None) -> Consultation:
    """Opens and closes ``c`` when its dates say so (the guard applied when it is read)."""
    now = now or timezone.now()
    if not _clock_due(c, now):
        return c  # the common case: a read, no transaction (SQLite would take its write lock)
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=c.pk)
        if _apply_clock(locked, now):
            c.state = locked.state
            c.closed_at = locked.closed_at
    return c


def do_close_due(*, now: dt.datetime | None = None) -> int:
    """Every consultation whose dates have come: opened or closed; safe to run twice."""
    now = now or timezone.now()
    count = 0
    for c in Consultation.objects.filter(state__in=[S.PUBLISHED, S.OPEN]):
        before = c.state
        do_apply_clock(c, now=now)
        count += c.state != before
    return count


# --- comments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentData:
    text: str
    section: Section | None = None
    option: Option | None = None
    name: str = ""
    phone: str = ""


def _next_number(c: Consultation) -> int:
    return (c.comments.aggregate(m=Max("number"))["m"] or 0) + 1


def _create_comment(c: Consultation, **fields: Any) -> Comment:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Comment.objects.create(consultation=c, number=_next_number(c), **fields)
        except IntegrityError:
            continue
    raise Refused(_("提交的人较多，请稍后再试。"))


def _redact(text: str, name: str = "") -> str:
    """Contact numbers and, when the commenter gave it, their own name, replaced by ***."""
    text = triage.redact_personal(text)
    name = name.strip()
    return text.replace(name, "***") if len(name) >= 2 else text


def do_comment(
    c: Consultation, data: CommentData, *, user: User | None = None, now: dt.datetime | None = None
) -> Comment:
    """A member of the public comments; it is shown only after the department moderates."""
    now = now or timezone.now()
    with transaction.atomic():
        do_apply_clock(c, now=now)
        if not c.accepts_comments(now):
            raise Refused(_("本次征求意见未在进行中，不能提交意见。"))
        if data.section is not None and data.section.consultation_id != c.pk:
            raise Refused(_("条文不属于本次征求意见。"))
        if data.option is not None and data.option.consultation_id != c.pk:
            raise Refused(_("方案不属于本次征求意见。"))
        comment = _create_comment(
            c,
            section=data.section,
            option=data.option,
            text=data.text,
            public_text=_redact(data.text, data.name),
            name=data.name,
            phone=data.phone,
            channel=Comment.Channel.ONLINE,
            submitted_at=now,
        )
        audit.record(
            user if user is not None and user.pk else None,
            "consultations.comment",
            comment,
            after={"section": data.section.number if data.section else None},
        )
    return comment


def do_record_comment(
    user: User,
    c: Consultation,
    *,
    text: str,
    channel: str = Comment.Channel.LETTER,
    section: Section | None = None,
    symposium: Symposium | None = None,
    hearing: Hearing | None = None,
) -> Comment:
    """An opinion received by letter or phone, or said at a symposium or hearing."""
    with transaction.atomic():
        _require_unit(user, c)
        if c.state in (S.DRAFT, S.SUBMITTED, S.REPORT_SUBMITTED, S.REPORT_PUBLISHED, S.ARCHIVED):
            raise Refused(_("当前阶段不能录入意见。"))
        comment = _create_comment(
            c,
            text=text,
            public_text=triage.redact_personal(text),
            channel=channel,
            section=section,
            symposium=symposium,
            hearing=hearing,
            status=Comment.Status.HIDDEN
            if channel != Comment.Channel.LETTER
            else Comment.Status.PENDING,
            hidden_reason=_("会议中提出的意见，在报告中汇总公开")
            if channel != Comment.Channel.LETTER
            else "",
        )
        audit.record(user, "consultations.record_comment", comment, after={"channel": channel})
    return comment


def do_moderate(
    user: User,
    comment: Comment,
    *,
    show: bool,
    public_text: str = "",
    reason: str = "",
    now: dt.datetime | None = None,
) -> None:
    """Shows a comment (with the text as edited for publication) or hides it with a reason."""
    c = comment.consultation
    with transaction.atomic():
        _require_unit(user, c)
        if show and not public_text.strip():
            raise Refused(_("请填写公开的意见内容。"))
        if not show and not reason.strip():
            raise Refused(_("不予公开须说明理由。"))
        before = {"status": comment.status}
        comment.status = Comment.Status.SHOWN if show else Comment.Status.HIDDEN
        if show:
            comment.public_text = triage.redact_personal(public_text)
            comment.hidden_reason = ""
        else:
            comment.hidden_reason = reason
        comment.moderated_by = user
        comment.moderated_at = now or timezone.now()
        comment.save(
            update_fields=["status", "public_text", "hidden_reason", "moderated_by", "moderated_at"]
        )
        audit.record(
            user,
            "consultations.moderate",
            comment,
            before=before,
            after={"status": comment.status, "reason": comment.hidden_reason},
        )


def do_reveal_phone(user: User, comment: Comment) -> str:
    _require_unit(user, comment.consultation)
    with transaction.atomic():
        phone = reveal(comment, "phone", user, _("回复征求意见的意见人"))
        audit.record(user, "consultations.reveal_phone", comment)
    return phone


def do_reveal_registration_phone(user: User, registration: Registration) -> str:
    """The department calls a registered person (selection result, hearing materials)."""
    _require_unit(user, registration.hearing.consultation)
    with transaction.atomic():
        phone = reveal(registration, "phone", user, _("通知听证报名人"))
        audit.record(user, "consultations.reveal_registration_phone", registration)
    return phone


# --- weighing (第二十条) -----------------------------------------------------------------------


def _require_weighing(user: User, c: Consultation) -> None:
    _require_unit(user, c)
    if c.state not in (S.OPEN, S.CLOSED):
        raise Refused(_("只有征求意见中或结束后、报告提交前可以归纳研判意见。"))


def do_group(
    user: User,
    c: Consultation,
    *,
    comments: Iterable[Comment],
    opinion: Opinion | None = None,
    summary: str = "",
    section: Section | None = None,
) -> Opinion:
    """Puts comments under one opinion: an existing one, or a new one with ``summary``."""
    chosen = list(comments)
    with transaction.atomic():
        _require_weighing(user, c)
        if not chosen:
            raise Refused(_("请至少选择一条意见。"))
        if any(comment.consultation_id != c.pk for comment in chosen):
            raise Refused(_("意见不属于本次征求意见。"))
        if opinion is None:
            if not summary.strip():
                raise Refused(_("请填写意见概要，或选择已有的归纳意见。"))
            opinion = Opinion.objects.create(consultation=c, summary=summary, section=section)
        elif opinion.consultation_id != c.pk:
            raise Refused(_("归纳意见不属于本次征求意见。"))
        Comment.objects.filter(pk__in=[x.pk for x in chosen]).update(opinion=opinion)
        audit.record(
            user,
            "consultations.group",
            opinion,
            after={"comments": sorted(x.number for x in chosen)},
        )
    return opinion


def do_ungroup(user: User, comment: Comment) -> None:
    with transaction.atomic():
        _require_weighing(user, comment.consultation)
        before = {"opinion": comment.opinion_id}
        comment.opinion = None
        comment.save(update_fields=["opinion"])
        audit.record(user, "consultations.ungroup", comment, before=before)


def do_decide(
    user: User, opinion: Opinion, *, decision: str, reply: str, now: dt.datetime | None = None
) -> None:
    """采纳/部分采纳/未采纳/不属于本次征求范围; every decision but 采纳 gives its reason."""
    with transaction.atomic():
        _require_weighing(user, opinion.consultation)
        if decision not in D.values or decision == D.PENDING:
            raise Refused(_("请选择采纳情况。"))
        if decision != D.ADOPTED and not reply.strip():
            raise Refused(_("未采纳、部分采纳或不属于本次征求范围的意见，须说明理由和依据。"))
        before = {"decision": opinion.decision}
        opinion.decision = decision
        opinion.reply = reply
        opinion.decided_by = user
        opinion.decided_at = now or timezone.now()
        opinion.save(update_fields=["decision", "reply", "decided_by", "decided_at"])
        audit.record(
            user, "consultations.decide", opinion, before=before, after={"decision": decision}
        )


# --- the report -----------------------------------------------------------------------------


def report_context(c: Consultation) -> dict[str, Any]:
    """Everything the 公众参与情况报告 states, computed from the records."""
    comments = list(c.comments.select_related("section", "option"))
    opinions = list(c.opinions.select_related("section").order_by("decision", "pk"))
    sizes = {o.pk: 0 for o in opinions}
    for comment in comments:
        if comment.opinion_id in sizes:
            sizes[comment.opinion_id] += 1
    rows: list[dict[str, Any]] = [
        {
            "opinion": o,
            "size": sizes[o.pk],
            "concentrated": sizes[o.pk] >= CONCENTRATED_MIN,
        }
        for o in opinions
    ]
    by_channel: dict[str, int] = {str(label): 0 for _v, label in Comment.Channel.choices}
    for comment in comments:
        by_channel[str(comment.get_channel_display())] += 1
    by_decision: dict[str, int] = {str(label): 0 for v, label in D.choices if v != D.PENDING}
    for o in opinions:
        if o.decision != D.PENDING:
            by_decision[str(o.get_decision_display())] += 1
    options = [(o, o.supporters.count()) for o in c.options.all()]
    hearing = Hearing.objects.filter(consultation=c).first()
    participants = list(hearing.participants.all()) if hearing else []
    return {
        "c": c,
        "total": len(comments),
        "by_channel": by_channel,
        "by_decision": by_decision,
        "rows": rows,
        "not_adopted": [r for r in rows if r["opinion"].decision == D.NOT_ADOPTED],
        "options": options,
        "symposia": [(s, s.participants.count(), s.opinions.count()) for s in c.symposia.all()],
        "hearing": hearing,
        "hearing_participants": len(participants),
        "hearing_stakeholders": sum(p.is_stakeholder for p in participants),
        "hearing_confirmed": sum(p.confirmed_minutes_at is not None for p in participants),
        "hearing_registrations": hearing.registrations.count() if hearing else 0,
        "period_days": c.period_days(),
    }


def do_save_report(user: User, c: Consultation, *, overview: str) -> Report:
    with transaction.atomic():
        _require_unit(user, c)
        if c.state != S.CLOSED:
            raise Refused(_("征求意见结束后、报告提交前可以编写报告。"))
        report, _created = Report.objects.get_or_create(consultation=c, defaults={"overview": ""})
        report.overview = overview
        report.save(update_fields=["overview"])
        audit.record(user, "consultations.save_report", report)
    return report


def do_submit_report(user: User, c: Consultation, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        _lock(c)
        transition(c, S.REPORT_SUBMITTED, user, now=now)
        report = Report.objects.get(consultation=c)
        report.body_html = render_to_string("consultations/_report_body.html", report_context(c))
        report.submitted_at = now
        report.return_reason = ""
        report.save(update_fields=["body_html", "submitted_at", "return_reason"])


def do_return_report(
    user: User, c: Consultation, *, reason: str, now: dt.datetime | None = None
) -> None:
    if not reason.strip():
        raise Refused(_("请填写退回理由。"))
    with transaction.atomic():
        _lock(c)
        transition(c, S.CLOSED, user, note=reason, now=now)
        Report.objects.filter(consultation=c).update(return_reason=reason)


def do_approve_report(user: User, c: Consultation, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        _lock(c)
        transition(c, S.REPORT_PUBLISHED, user, now=now)
        Report.objects.filter(consultation=c).update(approved_at=now, approved_by=user)


def do_archive(user: User, c: Consultation, *, now: dt.datetime | None = None) -> None:
    with transaction.atomic():
        _lock(c)
        transition(c, S.ARCHIVED, user, now=now)


# --- symposia (第十三条) ----------------------------------------------------------------------


def latest_materials_date(held_on: dt.date) -> dt.date | None:
    """The last day the materials may reach the participants: 5 working days before.

    None when the holiday calendar does not know the year yet (the check is then left to
    the department, and the page says so).
    """
    from minping.suggestions.deadlines import load_calendar  # the shared holiday table

    try:
        return workdays.add_workdays(load_calendar(), held_on, -SYMPOSIUM_NOTICE_WORKDAYS)
    except workdays.UnknownYear:
        return None


def _require_participation_stage(c: Consultation) -> None:
    if c.state not in (S.PUBLISHED, S.OPEN, S.CLOSED):
        raise Refused(_("座谈会、听证会在征求意见发布后、报告提交前组织。"))


def do_schedule_symposium(
    user: User,
    c: Consultation,
    *,
    kind: str,
    held_on: dt.date,
    held_time: dt.time,
    place: str,
    now: dt.datetime | None = None,
) -> Symposium:
    today = _today(now or timezone.now())
    with transaction.atomic():
        _require_unit(user, c)
        _require_participation_stage(c)
        latest = latest_materials_date(held_on)
        if latest is not None and latest < today:
            raise Refused(
                _(
                    "座谈会召开前5个工作日须将材料送达参会代表（第十三条）：%(date)s召开的座谈会，"
                    "材料最迟须于%(latest)s送达，已来不及。请推迟座谈会日期。"
                )
                % {"date": held_on.isoformat(), "latest": latest.isoformat()}
            )
        symposium = Symposium.objects.create(
            consultation=c, kind=kind, held_on=held_on, held_time=held_time, place=place
        )
        audit.record(
            user, "consultations.schedule_symposium", symposium, after={"held_on": str(held_on)}
        )
    return symposium


def do_add_symposium_participant(
    user: User, symposium: Symposium, *, name: str, category: str, affiliation: str = ""
) -> SymposiumParticipant:
    with transaction.atomic():
        _require_unit(user, symposium.consultation)
        participant = SymposiumParticipant.objects.create(
            symposium=symposium, name=name, category=category, affiliation=affiliation
        )
        audit.record(user, "consultations.add_symposium_participant", participant)
    return participant


def do_record_materials_sent(user: User, symposium: Symposium, *, sent_on: dt.date) -> None:
    with transaction.atomic():
        _require_unit(user, symposium.consultation)
        latest = latest_materials_date(symposium.held_on)
        if latest is not None and sent_on > latest:
            raise Refused(
                _(
                    "材料须于座谈会召开前5个工作日送达（第十三条），即最迟%(latest)s；"
                    "%(sent)s送达太晚，请推迟座谈会。"
                )
                % {"latest": latest.isoformat(), "sent": sent_on.isoformat()}
            )
        if not symposium.participants.exists():
            raise Refused(_("请先登记参会代表。"))
        symposium.materials_sent_on = sent_on
        symposium.save(update_fields=["materials_sent_on"])
        audit.record(
            user, "consultations.materials_sent", symposium, after={"sent_on": str(sent_on)}
        )


def do_record_symposium_minutes(
    user: User,
    symposium: Symposium,
    *,
    minutes: str,
    signed: bool,
    scan: UploadedFile | None,
    opinions: list[str],
    now: dt.datetime | None = None,
) -> None:
    """The minutes (signed by the participants) and the opinions said, for weighing."""
    c = symposium.consultation
    with transaction.atomic():
        _require_unit(user, c)
        if symposium.held_on > _today(now or timezone.now()):
            raise Refused(_("座谈会召开后才能录入会议记录。"))
        if signed and not (scan or symposium.minutes_scan):
            raise Refused(_("请上传参会人员签字的会议记录扫描件。"))
        symposium.minutes = minutes
        symposium.minutes_signed = signed
        if scan is not None:
            symposium.minutes_scan.save(scan.name or "minutes.pdf", scan, save=False)
        symposium.save(update_fields=["minutes", "minutes_signed", "minutes_scan"])
        for text in opinions:
            do_record_comment(
                user, c, text=text, channel=Comment.Channel.SYMPOSIUM, symposium=symposium
            )
        audit.record(
            user,
            "consultations.symposium_minutes",
            symposium,
            after={"signed": signed, "opinions": len(opinions)},
        )


# --- hearings (第十六条–第十九条) --------------------------------------------------------------


def do_plan_hearing(
    user: User,
    c: Consultation,
    *,
    held_on: dt.date,
    held_time: dt.time,
    place: str,
    seats: int,
    registration_closes_on: dt.date,
    selection_method: str,
) -> Hearing:
    with transaction.atomic():
        _require_unit(user, c)
        _require_participation_stage(c)
        if Hearing.objects.filter(consultation=c).exists():
            raise Refused(_("本次征求意见已安排听证会。"))
        if seats < rules.MIN_PARTICIPANTS:
            raise Refused(_("听证参加人原则上不少于10人（第十八条）。"))
        if registration_closes_on >= held_on:
            raise Refused(_("报名须在听证会举行之前截止。"))
        hearing = Hearing.objects.create(
            consultation=c,
            held_on=held_on,
            held_time=held_time,
            place=place,
            seats=seats,
            registration_closes_on=registration_closes_on,
            selection_method=selection_method,
        )
        audit.record(user, "consultations.plan_hearing", hearing, after={"held_on": str(held_on)})
    return hearing


def do_announce_hearing(user: User, hearing: Hearing, *, now: dt.datetime | None = None) -> None:
    """The public notice, at least 30 days before the hearing (第十七条)."""
    today = _today(now or timezone.now())
    with transaction.atomic():
        _require_unit(user, hearing.consultation)
        if hearing.stage != Hearing.Stage.PLANNED:
            raise Refused(_("听证公告已发布。"))
        days = (hearing.held_on - today).days
        if days < HEARING_NOTICE_DAYS:
            raise Refused(
                _(
                    "听证公告须在举行听证会的30日前发布（第十七条）：今天距%(date)s只有%(days)s日。"
                    "请推迟听证会。"
                )
                % {"date": hearing.held_on.isoformat(), "days": days}
            )
        hearing.stage = Hearing.Stage.ANNOUNCED
        hearing.announced_on = today
        hearing.save(update_fields=["stage", "announced_on"])
        audit.record(user, "consultations.announce_hearing", hearing)


@dataclass(frozen=True)
class RegistrationData:
    name: str
    phone: str
    side: str
    interest: str
    is_stakeholder: bool
    statement: str = ""


def do_register(
    hearing: Hearing, data: RegistrationData, *, now: dt.datetime | None = None
) -> Registration:
    """A member of the public asks to take part; one registration per phone number."""
    from minping.lib.fields import blind_index

    now = now or timezone.now()
    with transaction.atomic():
        if not hearing.registration_open(now):
            raise Refused(_("听证会报名未开放或已截止。"))
        if Registration.objects.filter(
            hearing=hearing, phone_index=blind_index(data.phone, "phone")
        ).exists():
            raise Refused(_("这个手机号已经报过名。"))
        for _attempt in range(5):
            code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
            if not Registration.objects.filter(hearing=hearing, code=code).exists():
                break
        registration = Registration.objects.create(
            hearing=hearing,
            code=code,
            name=data.name,
            phone=data.phone,
            side=data.side,
            interest=data.interest,
            is_stakeholder=data.is_stakeholder,
            statement=data.statement,
            registered_at=now,
        )
        audit.record(None, "consultations.register", registration)
    return registration


def _require_selecting(user: User, hearing: Hearing) -> None:
    _require_unit(user, hearing.consultation)
    if hearing.stage not in (Hearing.Stage.PLANNED, Hearing.Stage.ANNOUNCED):
        raise Refused(_("听证参加人名单已公布，不能再调整。"))


def do_invite(
    user: User, hearing: Hearing, *, name: str, category: str, side: str = ""
) -> Participant:
    """A fixed invitee (人大代表、政协委员、专家……, or a stakeholder representative)."""
    with transaction.atomic():
        _require_selecting(user, hearing)
        participant = Participant.objects.create(
            hearing=hearing,
            name=name,
            category=category,
            source=Participant.Source.INVITED,
            side=side,
        )
        audit.record(user, "consultations.invite", participant, after={"category": category})
    return participant


def _participant_from(registration: Registration, source: str) -> Participant:
    return Participant.objects.create(
        hearing=registration.hearing,
        registration=registration,
        name=registration.name,  # the sealed value is copied as it is
        category=(
            Participant.Category.STAKEHOLDER
            if registration.is_stakeholder
            else Participant.Category.OTHER
        ),
        source=source,
        side=f"{registration.get_side_display()}：{registration.interest}"[:120],
    )


def do_select(user: User, registration: Registration) -> Participant:
    """Picks a registered person directly (no draw needed for them)."""
    hearing = registration.hearing
    with transaction.atomic():
        _require_selecting(user, hearing)
        if hearing.drawn_at is not None and registration.is_stakeholder:
            raise Refused(_("利害关系人代表已通过抽签产生。"))
        if Participant.objects.filter(registration=registration).exists():
            raise Refused(_("此人已在听证参加人名单中。"))
        participant = _participant_from(registration, Participant.Source.REGISTERED)
        audit.record(user, "consultations.select", participant)
    return participant


def do_draw(
    user: User,
    hearing: Hearing,
    *,
    seats: int,
    seed: str = "",
    now: dt.datetime | None = None,
) -> list[Participant]:
    """Draws ``seats`` stakeholders among the registered ones, reproducibly (第十九条).

    The pool is every registered stakeholder not already on the list, by registration code;
    ``rules.draw(pool, seats, seed)`` picks. The seed and the pool are stored and published.
    """
    now = now or timezone.now()
    with transaction.atomic():
        _require_selecting(user, hearing)
        if hearing.drawn_at is not None:
            raise Refused(_("已经抽过签，结果不能重抽。"))
        if hearing.stage != Hearing.Stage.ANNOUNCED:
            raise Refused(_("请先发布听证公告，接受报名。"))
        if _today(now) <= hearing.registration_closes_on:
            raise Refused(_("报名截止后才能抽签。"))
        pool_regs = {
            r.code: r
            for r in hearing.registrations.filter(is_stakeholder=True, participant__isnull=True)
        }
        if seats < 1:
            raise Refused(_("请填写抽签名额。"))
        if len(pool_regs) <= seats:
            raise Refused(
                _("报名的利害关系人（%(n)s人）不多于名额（%(seats)s人），无需抽签，可直接选定。")
                % {"n": len(pool_regs), "seats": seats}
            )
        seed = seed.strip() or secrets.token_hex(8)
        codes = rules.draw(list(pool_regs), seats, seed)
        hearing.draw_seed = seed
        hearing.draw_pool = sorted(pool_regs)
        hearing.draw_seats = seats
        hearing.drawn_at = now
        hearing.save(update_fields=["draw_seed", "draw_pool", "draw_seats", "drawn_at"])
        drawn = [_participant_from(pool_regs[code], Participant.Source.DRAWN) for code in codes]
        audit.record(
            user,
            "consultations.draw",
            hearing,
            after={"seed": seed, "pool": hearing.draw_pool, "drawn": codes},
        )
    return drawn


def do_remove_participant(user: User, participant: Participant) -> None:
    with transaction.atomic():
        _require_selecting(user, participant.hearing)
        if participant.source == Participant.Source.DRAWN:
            raise Refused(_("抽签产生的参加人不能删除。"))
        audit.record(user, "consultations.remove_participant", participant)
        participant.delete()


def composition_messages(total: int, stakeholders: int) -> list[str]:
    messages = []
    for problem in rules.composition_problems(total, stakeholders):
        if problem == "too_few":
            messages.append(
                _("听证参加人原则上不少于10人（第十八条），目前只有%(n)s人。") % {"n": total}
            )
        else:
            messages.append(
                _(
                    "利害关系人代表一般不少于听证参加总人数的二分之一（第十八条）："
                    "%(total)s人中至少需要%(need)s人，目前%(n)s人。"
                )
                % {"total": total, "need": (total + 1) // 2, "n": stakeholders}
            )
    return messages


def do_publish_participants(
    user: User, hearing: Hearing, *, now: dt.datetime | None = None
) -> None:
    """Publishes the participant list, at least 7 days before the hearing (第十七条)."""
    today = _today(now or timezone.now())
    with transaction.atomic():
        _require_unit(user, hearing.consultation)
        if hearing.stage != Hearing.Stage.ANNOUNCED:
            raise Refused(_("请先发布听证公告。"))
        participants = list(hearing.participants.all())
        problems = composition_messages(
            len(participants), sum(p.is_stakeholder for p in participants)
        )
        if problems:
            raise Refused(" ".join(problems))
        days = (hearing.held_on - today).days
        if days < HEARING_LIST_DAYS:
            raise Refused(
                _(
                    "听证参加人名单须在举行听证会7日前公布（第十七条）：今天距%(date)s只有%(days)s日。"
                )
                % {"date": hearing.held_on.isoformat(), "days": days}
            )
        hearing.stage = Hearing.Stage.LIST_PUBLISHED
        hearing.list_published_on = today
        hearing.save(update_fields=["stage", "list_published_on"])
        audit.record(
            user, "consultations.publish_participants", hearing, after={"n": len(participants)}
        )


def do_sign_in(user: User, participant: Participant, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    hearing = participant.hearing
    with transaction.atomic():
        _require_unit(user, hearing.consultation)
        if hearing.stage not in (Hearing.Stage.LIST_PUBLISHED, Hearing.Stage.HELD):
            raise Refused(_("名单公布后、听证会当天签到。"))
        if _today(now) != hearing.held_on:
            raise Refused(_("只能在听证会当天签到。"))
        if participant.signed_in_at is not None:
            return
        participant.signed_in_at = now
        participant.save(update_fields=["signed_in_at"])
        audit.record(user, "consultations.sign_in", participant)


def do_record_hearing_minutes(
    user: User,
    hearing: Hearing,
    *,
    minutes: str,
    scan: UploadedFile | None,
    confirmed: Iterable[Participant],
    opinions: list[str],
    now: dt.datetime | None = None,
) -> None:
    """The hearing record, who confirmed it, and the opinions said (for weighing)."""
    now = now or timezone.now()
    c = hearing.consultation
    with transaction.atomic():
        _require_unit(user, c)
        if hearing.stage not in (Hearing.Stage.LIST_PUBLISHED, Hearing.Stage.HELD):
            raise Refused(_("听证会举行后才能录入记录。"))
        if _today(now) < hearing.held_on:
            raise Refused(_("听证会举行后才能录入记录。"))
        chosen = list(confirmed)
        if any(p.signed_in_at is None for p in chosen):
            raise Refused(_("未签到的参加人不能确认听证记录。"))
        hearing.minutes = minutes
        if scan is not None:
            hearing.minutes_scan.save(scan.name or "minutes.pdf", scan, save=False)
        hearing.stage = Hearing.Stage.HELD
        hearing.save(update_fields=["minutes", "minutes_scan", "stage"])
        hearing.participants.filter(pk__in=[p.pk for p in chosen]).update(confirmed_minutes_at=now)
        for text in opinions:
            do_record_comment(user, c, text=text, channel=Comment.Channel.HEARING, hearing=hearing)
        audit.record(
            user,
            "consultations.hearing_minutes",
            hearing,
            after={"confirmed": len(chosen), "opinions": len(opinions)},
        )


def do_write_hearing_report(user: User, hearing: Hearing, *, report: str) -> None:
    with transaction.atomic():
        _require_unit(user, hearing.consultation)
        if hearing.stage not in (Hearing.Stage.HELD, Hearing.Stage.REPORTED):
            raise Refused(_("请先录入听证会记录。"))
        if not hearing.participants.exclude(confirmed_minutes_at=None).exists():
            raise Refused(_("听证记录须经听证参加人确认并签字（第十七条）。"))
        hearing.report = report
        hearing.stage = Hearing.Stage.REPORTED
        hearing.save(update_fields=["report", "stage"])
        audit.record(user, "consultations.hearing_report", hearing)


# --- delegates at the government meeting (第二十一条–第二十三条) ------------------------------


def _require_delegate_stage(c: Consultation) -> None:
    if c.state not in (S.CLOSED, S.REPORT_SUBMITTED, S.REPORT_PUBLISHED):
        raise Refused(_("列席代表在征求意见结束后、提请审议前拟定。"))
    if c.delegates_approved_at is not None:
        raise Refused(_("列席代表名单已经办公室审核确定。"))


def do_add_delegate(
    user: User, c: Consultation, *, name: str, category: str, took_part: bool
) -> Delegate:
    """The department drafts the list of 相关方代表 for the government meeting."""
    with transaction.atomic():
        _require_unit(user, c)
        _require_delegate_stage(c)
        delegate = Delegate.objects.create(
            consultation=c, name=name, category=category, took_part=took_part
        )
        audit.record(user, "consultations.add_delegate", delegate, after={"category": category})
    return delegate


def do_remove_delegate(user: User, delegate: Delegate) -> None:
    with transaction.atomic():
        _require_unit(user, delegate.consultation)
        _require_delegate_stage(delegate.consultation)
        audit.record(user, "consultations.remove_delegate", delegate)
        delegate.delete()


def do_approve_delegates(user: User, c: Consultation, *, now: dt.datetime | None = None) -> None:
    """The office confirms the list (第二十二条: 报市人民政府办公室审核确定), at least 3 people."""
    with transaction.atomic():
        _require_office(user)
        _lock(c)
        _require_delegate_stage(c)
        n = c.delegates.count()
        if n < MIN_DELEGATES:
            raise Refused(
                _("列席政府会议的相关方代表一般不少于3人（第二十二条），目前%(n)s人。") % {"n": n}
            )
        c.delegates_approved_at = now or timezone.now()
        c.save(update_fields=["delegates_approved_at"])
        audit.record(user, "consultations.approve_delegates", c, after={"n": n})
