"""Writes for suggestions: each ``do_*`` is one atomic, audited change.

The assignment workflow is the :data:`ALLOWED` table plus one guard per transition
(:data:`GUARDS`): who may take the step and what must hold. :func:`transition` is the only
place that changes ``Assignment.state``, and it writes a :class:`TransitionLog` row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from minping.accounts import audit
from minping.accounts.models import Role, User
from minping.accounts.pii import reveal
from minping.campaigns.models import Campaign, Department, District
from minping.lib import sms
from minping.lib.fields import blind_index
from minping.suggestions import deadlines
from minping.suggestions.models import (
    Area,
    Assignment,
    ContactRecord,
    ExcellentSuggestion,
    Extension,
    FormKey,
    Handler,
    Meeting,
    Objection,
    PhoneCode,
    Photo,
    Reminder,
    ReviewSignoff,
    Suggestion,
    TransitionLog,
    WeeklyCase,
    new_tracking_number,
)

S = Assignment.State
SS = Suggestion.State


class Refused(Exception):
    """A step that the rules do not allow now; the message is shown as it is."""


# --- the state machine ----------------------------------------------------------------------

ALLOWED: dict[str, set[str]] = {
    S.DISPATCHED: {S.IN_PROGRESS, S.OBJECTED, S.REPLIED, S.REASSIGNED},
    S.OBJECTED: {S.IN_PROGRESS, S.REASSIGNED},
    S.IN_PROGRESS: {S.EXTENSION_REQUESTED, S.REPLIED, S.REASSIGNED},
    S.EXTENSION_REQUESTED: {S.IN_PROGRESS},
    S.REPLIED: {S.DONE, S.RETURNED},
    S.RETURNED: {S.REPLIED},
    S.DONE: {S.RETURNED},
    S.REASSIGNED: set(),
}

SUGGESTION_ALLOWED: dict[str, set[str]] = {
    SS.SUBMITTED: {SS.DISPATCHED, SS.NOT_DISPATCHED},
    SS.DISPATCHED: {SS.CLOSED},
    SS.NOT_DISPATCHED: set(),
    SS.CLOSED: {SS.DISPATCHED},
}

# Who takes each step: "unit" (staff of the assignment's department), "office", "proposer".
ACTOR: dict[tuple[str, str], str] = {
    (S.DISPATCHED, S.IN_PROGRESS): "unit",
    (S.DISPATCHED, S.OBJECTED): "unit",
    (S.DISPATCHED, S.REPLIED): "unit",
    (S.OBJECTED, S.IN_PROGRESS): "office",
    (S.OBJECTED, S.REASSIGNED): "office",
    (S.DISPATCHED, S.REASSIGNED): "office",
    (S.IN_PROGRESS, S.REASSIGNED): "office",
    (S.IN_PROGRESS, S.EXTENSION_REQUESTED): "unit",
    (S.IN_PROGRESS, S.REPLIED): "unit",
    (S.EXTENSION_REQUESTED, S.IN_PROGRESS): "office",
    (S.REPLIED, S.DONE): "office",
    (S.REPLIED, S.RETURNED): "office",
    (S.RETURNED, S.REPLIED): "unit",
    (S.DONE, S.RETURNED): "proposer",
}


def actor_kind(user: User | None, assignment: Assignment) -> str:
    if user is None or not user.is_authenticated:
        return "proposer"
    if user.is_office:
        return "office"
    if user.role == Role.DEPARTMENT and user.department_id == assignment.department_id:
        return "unit"
    return "other"


def _guard_objection_window(a: Assignment, now: dt.datetime) -> None:
    if a.objection_due is not None and deadlines.is_late(now, a.objection_due):
        raise Refused(
            _("异议须在交办后1个工作日内提出（截止%(date)s），已超过期限。")
            % {"date": a.objection_due.isoformat()}
        )


def _guard_extension(a: Assignment, now: dt.datetime) -> None:
    if a.kind != Assignment.Kind.TRANSFER:
        raise Refused(_("转阅件无需申请延期。"))
    if a.reply_due is not None and deadlines.is_late(now, a.reply_due):
        raise Refused(
            _("延期须在答复期限（%(date)s）之前申请，已超过期限，请尽快答复。")
            % {"date": a.reply_due.isoformat()}
        )
    if a.extensions.filter(decision=Extension.Decision.APPROVED).exists():
        raise Refused(_("本件已延期一次，不能再次申请延期。"))


def _guard_reply(a: Assignment, now: dt.datetime) -> None:
    if a.needs_contact():
        raise Refused(_("市民代表提出的意见建议，须先联系建议人并登记联系情况，才能答复。"))


def _guard_reopen(a: Assignment, now: dt.datetime) -> None:
    if not a.suggestion.can_be_reopened():
        raise Refused(_("只有评价为“不满意”的意见建议可以申请重办，且只能重办一次。"))


GUARDS: dict[tuple[str, str], Callable[[Assignment, dt.datetime], None]] = {
    (S.DISPATCHED, S.OBJECTED): _guard_objection_window,
    (S.IN_PROGRESS, S.EXTENSION_REQUESTED): _guard_extension,
    (S.DISPATCHED, S.REPLIED): _guard_reply,
    (S.IN_PROGRESS, S.REPLIED): _guard_reply,
    (S.RETURNED, S.REPLIED): _guard_reply,
    (S.DONE, S.RETURNED): _guard_reopen,
}


def can(user: User | None, assignment: Assignment, to: str) -> bool:
    """Whether ``user`` may move ``assignment`` to ``to`` (role and table; not the guards)."""
    step = (assignment.state, to)
    return to in ALLOWED.get(assignment.state, set()) and ACTOR.get(step) == actor_kind(
        user, assignment
    )


def transition(
    assignment: Assignment,
    to: str,
    actor: User | None,
    *,
    note: str = "",
    now: dt.datetime | None = None,
    check_actor: bool = True,
) -> None:
    """Moves the assignment to ``to`` after the table and the guard agree; logs the step."""
    now = now or timezone.now()
    step = (assignment.state, to)
    if to not in ALLOWED.get(assignment.state, set()):
        raise Refused(
            _("当前状态“%(state)s”下不能进行此操作。") % {"state": assignment.get_state_display()}
        )
    if check_actor and ACTOR[step] != actor_kind(actor, assignment):
        raise Refused(_("这一步不由您办理。"))
    guard = GUARDS.get(step)
    if guard is not None:
        guard(assignment, now)
    before = assignment.state
    assignment.state = to
    assignment.save(update_fields=["state"])
    TransitionLog.objects.create(
        suggestion=assignment.suggestion,
        assignment=assignment,
        from_state=before,
        to_state=to,
        actor=actor if actor is not None and actor.pk else None,
        actor_role=ACTOR[step],
        at=now,
        note=note[:500],
    )


def _suggestion_transition(
    suggestion: Suggestion,
    to: str,
    actor: User | None,
    *,
    note: str = "",
    role: str = "",
    now: dt.datetime | None = None,
) -> None:
    if to not in SUGGESTION_ALLOWED.get(suggestion.state, set()):
        raise Refused(
            _("当前状态“%(state)s”下不能进行此操作。") % {"state": suggestion.get_state_display()}
        )
    before = suggestion.state
    suggestion.state = to
    suggestion.save(update_fields=["state"])
    TransitionLog.objects.create(
        suggestion=suggestion,
        from_state=before,
        to_state=to,
        actor=actor if actor is not None and actor.pk else None,
        actor_role=role,
        at=now or timezone.now(),
        note=note[:500],
    )


def _lock(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_for_update().select_related("suggestion").get(pk=assignment.pk)


def _close_if_finished(
    suggestion: Suggestion, actor: User | None, now: dt.datetime | None = None
) -> None:
    live = suggestion.assignments.exclude(state=S.REASSIGNED)
    if (
        suggestion.state == SS.DISPATCHED
        and live.exists()
        and not live.exclude(state=S.DONE).exists()
    ):
        _suggestion_transition(suggestion, SS.CLOSED, actor, role="system", now=now)
        text = _("您的意见建议（编号%(n)s）已办结，请查看答复并评价。") % {"n": suggestion.number}
        transaction.on_commit(lambda: _notify_proposer(suggestion, text))


def _notify_proposer(suggestion: Suggestion, text: str) -> None:
    if suggestion.phone:
        sms.send(reveal(suggestion, "phone", None, "短信通知建议人"), text)


def claim(key: str) -> bool:
    """Claims a form's one-time key inside the caller's transaction; False if already used."""
    if not key:
        return True
    try:
        with transaction.atomic():
            FormKey.objects.create(key=key)
    except IntegrityError:
        return False
    return True


# --- phone verification ---------------------------------------------------------------------

CODE_TTL = dt.timedelta(minutes=10)
CODE_RESEND = dt.timedelta(seconds=60)
CODES_PER_PHONE_PER_HOUR = 5
CODES_PER_CLIENT_PER_HOUR = 10
CODE_ATTEMPTS = 5


def _code_hash(phone_index: str, code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{phone_index}:{code}".encode(), hashlib.sha256
    ).hexdigest()


@transaction.atomic
def do_send_phone_code(phone: str, *, client: str, now: dt.datetime | None = None) -> None:
    """Sends a 6-digit code by SMS, within the rate limits (per phone and per client)."""
    now = now or timezone.now()
    index = blind_index(phone, "phone")
    recent = PhoneCode.objects.filter(created_at__gte=now - dt.timedelta(hours=1))
    last = recent.filter(phone_index=index).order_by("-created_at").first()
    if last is not None and now - last.created_at < CODE_RESEND:
        raise Refused(_("验证码已发送，请60秒后再试。"))
    if recent.filter(phone_index=index).count() >= CODES_PER_PHONE_PER_HOUR:
        raise Refused(_("该手机号一小时内获取验证码次数过多，请稍后再试。"))
    if client and recent.filter(client=client).count() >= CODES_PER_CLIENT_PER_HOUR:
        raise Refused(_("获取验证码过于频繁，请稍后再试。"))
    code = f"{secrets.randbelow(10**6):06d}"
    PhoneCode.objects.create(
        phone_index=index, code_hash=_code_hash(index, code), created_at=now, client=client
    )
    sms.send(phone, _("【三民活动】您的验证码是%(code)s，10分钟内有效。") % {"code": code})


def check_phone_code(phone: str, code: str, *, now: dt.datetime | None = None) -> PhoneCode:
    """The matching unused code, or :class:`Refused`.

    Every attempt is counted and committed before a wrong code is refused, so guessing stops
    after :data:`CODE_ATTEMPTS` tries. Call it outside the transaction that uses the code.
    """
    now = now or timezone.now()
    index = blind_index(phone, "phone")
    error = ""
    with transaction.atomic():
        row = (
            PhoneCode.objects.select_for_update()
            .filter(phone_index=index, used_at__isnull=True, created_at__gte=now - CODE_TTL)
            .order_by("-created_at")
            .first()
        )
        if row is None:
            error = _("请先获取验证码，或验证码已过期，请重新获取。")
        elif row.attempts >= CODE_ATTEMPTS:
            error = _("验证码错误次数过多，请重新获取。")
        else:
            row.attempts += 1
            row.save(update_fields=["attempts"])
            if not hmac.compare_digest(row.code_hash, _code_hash(index, code.strip())):
                error = _("验证码不正确。")
    if error or row is None:
        raise Refused(error)
    return row


# --- intake ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Intake:
    area: Area
    title: str
    text: str
    name: str
    phone: str
    age: int | None = None
    work_unit: str = ""
    named_department: Department | None = None
    district: District | None = None
    is_representative: bool = False


def do_submit(
    campaign: Campaign,
    intake: Intake,
    *,
    idempotency_key: str,
    channel: str,
    proposer: User | None = None,
    entered_by: User | None = None,
    phone_code: str | None = None,
    photos: Iterable[UploadedFile] = (),
    now: dt.datetime | None = None,
) -> tuple[Suggestion, bool]:
    """Records a suggestion; returns it and whether it is new.

    The same ``idempotency_key`` (one per rendered form) gives back the first suggestion, so
    a double click or a retried request never files two. ``phone_code`` is checked when the
    proposer is an anonymous citizen.
    """
    existing = Suggestion.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    code_row = (
        check_phone_code(intake.phone, phone_code, now=now) if phone_code is not None else None
    )
    try:
        with transaction.atomic():
            suggestion = Suggestion(
                campaign=campaign,
                number=new_tracking_number(campaign.year),
                idempotency_key=idempotency_key,
                channel=channel,
                area=intake.area,
                named_department=intake.named_department,
                district=intake.district,
                title=intake.title,
                text=intake.text,
                name=intake.name,
                age=intake.age,
                phone=intake.phone,
                work_unit=intake.work_unit,
                is_representative=intake.is_representative,
                proposer=proposer,
                entered_by=entered_by,
                submitted_at=now or timezone.now(),
            )
            suggestion.save()
            # Claimed atomically: a code already used by a parallel request is refused.
            if code_row is not None and not PhoneCode.objects.filter(
                pk=code_row.pk, used_at__isnull=True
            ).update(used_at=suggestion.submitted_at):
                raise Refused(_("请先获取验证码，或验证码已过期，请重新获取。"))
            for upload in photos:
                photo = Photo(suggestion=suggestion, image=upload)
                photo.width = getattr(upload, "image_width", 0) or 0
                photo.height = getattr(upload, "image_height", 0) or 0
                photo.save()
            TransitionLog.objects.create(
                suggestion=suggestion, to_state=SS.SUBMITTED, actor=entered_by or proposer,
                actor_role="proposer" if entered_by is None else "office", note=channel,
                at=suggestion.submitted_at,
            )  # fmt: skip
            audit.record(
                entered_by or proposer,
                "suggestions.submit",
                suggestion,
                after={"channel": channel, "area": intake.area.code},
            )
    except IntegrityError:
        existing = Suggestion.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing, False
    transaction.on_commit(
        lambda: sms.send(
            intake.phone,
            _("【三民活动】您的意见建议已收到，查询编号%(n)s。") % {"n": suggestion.number},
        )
    )
    return suggestion, True


# --- dispatch -------------------------------------------------------------------------------


def _new_assignment(
    actor: User | None,
    suggestion: Suggestion,
    department: Department,
    *,
    kind: str,
    role: str,
    now: dt.datetime,
    previous: Assignment | None = None,
) -> Assignment:
    dues = deadlines.dues_from(now, with_reply=kind == Assignment.Kind.TRANSFER)
    assignment = Assignment.objects.create(
        suggestion=suggestion,
        department=department,
        kind=kind,
        role=role,
        dispatched_at=now,
        dispatched_by=actor,
        previous=previous,
        objection_due=dues.objection,
        reply_due=dues.reply,
        due_pending=dues.objection is None
        or (kind == Assignment.Kind.TRANSFER and dues.reply is None),
    )
    TransitionLog.objects.create(
        suggestion=suggestion,
        assignment=assignment,
        to_state=S.DISPATCHED,
        actor=actor,
        actor_role="office",
        at=now,
        note=f"{assignment.get_kind_display()} {assignment.get_role_display()} {department}",
    )
    text = _("【三民活动】新交办意见建议%(n)s（%(kind)s），答复期限%(d)s，请及时签收办理。") % {
        "n": suggestion.number,
        "kind": assignment.get_kind_display(),
        "d": assignment.reply_due.isoformat() if assignment.reply_due else _("期限待定"),
    }
    phones = _handler_phones(suggestion.campaign_id, department.pk)
    transaction.on_commit(lambda: _send_all(phones, text))
    return assignment


def _send_all(phones: list[str], text: str) -> None:
    for phone in phones:
        sms.send(phone, text)


@transaction.atomic
def do_dispatch(
    actor: User,
    suggestion: Suggestion,
    *,
    kind: str,
    lead: Department,
    co_units: Iterable[Department] = (),
    area: Area | None = None,
    merge: Iterable[Suggestion] = (),
    note: str = "",
    now: dt.datetime | None = None,
) -> list[Assignment]:
    """交办: one lead unit and optional co-handling units, for this suggestion and every
    similar one merged into its group (并案办理, each still answered separately)."""
    now = now or timezone.now()
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.state != SS.SUBMITTED:
        raise Refused(
            _("该意见建议已处理（%(s)s），请勿重复交办。") % {"s": suggestion.get_state_display()}
        )
    co = [d for d in co_units if d.pk != lead.pk]
    created: list[Assignment] = []
    group = [suggestion, *[m for m in merge if m.pk != suggestion.pk]]
    for item in group:
        item = Suggestion.objects.select_for_update().get(pk=item.pk)
        if item.state != SS.SUBMITTED:
            raise Refused(_("并案的意见建议 %(n)s 已处理，不能再并案。") % {"n": item.number})
        if area is not None and item.pk == suggestion.pk:
            item.area = area
        if item.pk != suggestion.pk:
            item.group_leader = suggestion
        item.save(update_fields=["area", "group_leader"])
        created.append(
            _new_assignment(actor, item, lead, kind=kind, role=Assignment.Role.LEAD, now=now)
        )
        for unit in co:
            created.append(
                _new_assignment(actor, item, unit, kind=kind, role=Assignment.Role.CO, now=now)
            )
        _suggestion_transition(item, SS.DISPATCHED, actor, note=note, role="office", now=now)
    audit.record(
        actor,
        "suggestions.dispatch",
        suggestion,
        after={
            "kind": kind,
            "lead": lead.pk,
            "co": [d.pk for d in co],
            "merged": [s.pk for s in group[1:]],
        },
    )
    return created


@transaction.atomic
def do_screen_out(actor: User, suggestion: Suggestion, *, reason: str, note: str) -> Suggestion:
    """不予交办: the item is out of scope (涉法, 信访, 纪检投诉, other); it is only counted."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    suggestion.invalid_reason = reason
    suggestion.screening_note = note
    suggestion.save(update_fields=["invalid_reason", "screening_note"])
    _suggestion_transition(suggestion, SS.NOT_DISPATCHED, actor, note=note, role="office")
    audit.record(actor, "suggestions.screen_out", suggestion, after={"reason": reason})
    text = _("【三民活动】您的意见建议（编号%(n)s）不予交办：%(note)s") % {
        "n": suggestion.number,
        "note": note,
    }
    transaction.on_commit(lambda: _notify_proposer(suggestion, text))
    return suggestion


# --- the unit's steps -----------------------------------------------------------------------


@transaction.atomic
def do_accept(actor: User, assignment: Assignment, *, now: dt.datetime | None = None) -> Assignment:
    assignment = _lock(assignment)
    transition(assignment, S.IN_PROGRESS, actor, note=gettext_noop("签收"), now=now)
    assignment.accepted_at = now or timezone.now()
    assignment.save(update_fields=["accepted_at"])
    audit.record(actor, "suggestions.accept", assignment)
    return assignment


@transaction.atomic
def do_object(
    actor: User,
    assignment: Assignment,
    *,
    reason: str,
    proposed: Department | None = None,
    now: dt.datetime | None = None,
) -> Objection:
    assignment = _lock(assignment)
    transition(assignment, S.OBJECTED, actor, note=reason, now=now)
    objection = Objection.objects.create(
        assignment=assignment,
        reason=reason,
        proposed_department=proposed,
        raised_by=actor,
        raised_at=now or timezone.now(),
    )
    audit.record(actor, "suggestions.object", assignment, after={"reason": reason})
    return objection


@transaction.atomic
def do_decide_objection(
    actor: User,
    objection: Objection,
    *,
    accept: bool,
    new_department: Department | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> Assignment | None:
    """Accepted: the assignment ends as 已改派 and a new one goes to ``new_department`` with
    fresh due dates. Rejected: the unit keeps it and the reply clock was never paused."""
    now = now or timezone.now()
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.decision != Objection.Decision.PENDING:
        raise Refused(_("该异议已作出决定。"))
    assignment = _lock(objection.assignment)
    objection.decision = Objection.Decision.ACCEPTED if accept else Objection.Decision.REJECTED
    objection.decision_note = note
    objection.decided_at = now
    objection.save(update_fields=["decision", "decision_note", "decided_at"])
    new: Assignment | None = None
    if accept:
        if new_department is None or new_department.pk == assignment.department_id:
            raise Refused(_("同意改派时须选择另一个承办单位。"))
        transition(assignment, S.REASSIGNED, actor, note=note, now=now)
        new = _new_assignment(
            actor,
            assignment.suggestion,
            new_department,
            kind=assignment.kind,
            role=assignment.role,
            now=now,
            previous=assignment,
        )
    else:
        transition(assignment, S.IN_PROGRESS, actor, note=note or _("维持交办"), now=now)
    audit.record(
        actor,
        "suggestions.decide_objection",
        assignment,
        after={"accepted": accept, "new": new.pk if new else None},
    )
    return new


@transaction.atomic
def do_reassign(
    actor: User,
    assignment: Assignment,
    *,
    new_department: Department,
    note: str,
    now: dt.datetime | None = None,
) -> Assignment:
    """改派 by the office without an objection (a wrong unit noticed later): the old
    assignment ends as 已改派 and the new unit gets fresh due dates."""
    now = now or timezone.now()
    assignment = _lock(assignment)
    if new_department.pk == assignment.department_id:
        raise Refused(_("同意改派时须选择另一个承办单位。"))
    transition(assignment, S.REASSIGNED, actor, note=note, now=now)
    new = _new_assignment(
        actor, assignment.suggestion, new_department, kind=assignment.kind,
        role=assignment.role, now=now, previous=assignment,
    )  # fmt: skip
    audit.record(actor, "suggestions.reassign", assignment, after={"new": new.pk})
    return new


@transaction.atomic
def do_record_contact(
    actor: User,
    assignment: Assignment,
    *,
    contacted_at: dt.datetime,
    method: str,
    reached: bool,
    note: str,
    idempotency_key: str = "",
) -> ContactRecord | None:
    assignment = _lock(assignment)
    if not assignment.is_open and actor_kind(actor, assignment) == "unit":
        raise Refused(_("本件已答复，无需再登记联系情况。"))
    return _unit_contact(
        actor,
        assignment,
        idempotency_key,
        "suggestions.contact",
        {"method": method},
        contacted_at=contacted_at,
        method=method,
        reached=reached,
        note=note,
    )


def _unit_contact(
    actor: User,
    assignment: Assignment,
    idempotency_key: str,
    verb: str,
    after: dict[str, Any] | None,
    **fields: Any,
) -> ContactRecord | None:
    """The handling unit's contact with the proposer, once per form (None for a repeat)."""
    if actor_kind(actor, assignment) != "unit":
        raise Refused(_("这一步不由您办理。"))
    if not claim(idempotency_key):
        return None
    record = ContactRecord.objects.create(assignment=assignment, recorded_by=actor, **fields)
    audit.record(actor, verb, assignment, after=after)
    return record


@transaction.atomic
def do_message_proposer(
    actor: User, assignment: Assignment, *, text: str, idempotency_key: str = ""
) -> ContactRecord | None:
    """Relays the unit's message to the proposer by SMS: units never see the phone number."""
    assignment = _lock(assignment)
    record = _unit_contact(
        actor,
        assignment,
        idempotency_key,
        "suggestions.message_proposer",
        None,
        contacted_at=timezone.now(),
        method=ContactRecord.Method.SMS,
        reached=True,
        note=text,
    )
    if record is None:
        return None
    suggestion = assignment.suggestion
    message = _("【%(unit)s】关于您的意见建议（编号%(n)s）：%(text)s") % {
        "unit": assignment.department.short_name or assignment.department.name,
        "n": suggestion.number,
        "text": text,
    }
    transaction.on_commit(lambda: _notify_proposer(suggestion, message))
    return record


@transaction.atomic
def do_request_extension(
    actor: User,
    assignment: Assignment,
    *,
    days: int,
    progress: str,
    now: dt.datetime | None = None,
) -> Extension:
    if not 1 <= days <= deadlines.MAX_EXTENSION_WORKDAYS:
        raise Refused(_("延期时长为1至5个工作日。"))
    assignment = _lock(assignment)
    transition(assignment, S.EXTENSION_REQUESTED, actor, note=progress, now=now)
    extension = Extension.objects.create(
        assignment=assignment,
        days=days,
        progress=progress,
        requested_by=actor,
        requested_at=now or timezone.now(),
        old_due=assignment.reply_due,
    )
    audit.record(actor, "suggestions.request_extension", assignment, after={"days": days})
    return extension


@transaction.atomic
def do_decide_extension(
    actor: User,
    extension: Extension,
    *,
    approve: bool,
    note: str = "",
    now: dt.datetime | None = None,
) -> Extension:
    """Approved: the new due date counts the granted working days from the old due date."""
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    if extension.decision != Extension.Decision.PENDING:
        raise Refused(_("该延期申请已审批。"))
    assignment = _lock(extension.assignment)
    before = assignment.reply_due
    transition(assignment, S.IN_PROGRESS, actor, note=note, now=now)
    extension.decision = Extension.Decision.APPROVED if approve else Extension.Decision.REFUSED
    extension.decision_note = note
    extension.decided_at = now or timezone.now()
    if approve and assignment.reply_due is not None:
        extension.new_due = deadlines.add(assignment.reply_due, extension.days)
        assignment.reply_due = extension.new_due
        assignment.due_pending = extension.new_due is None
        assignment.save(update_fields=["reply_due", "due_pending"])
    extension.save(update_fields=["decision", "decision_note", "decided_at", "new_due"])
    audit.record(
        actor,
        "suggestions.decide_extension",
        assignment,
        before={"reply_due": before.isoformat() if before else None},
        after={
            "approved": approve,
            "reply_due": assignment.reply_due.isoformat() if assignment.reply_due else None,
        },
    )
    if approve and assignment.reply_due is not None:
        suggestion = assignment.suggestion
        transaction.on_commit(
            lambda: _notify_proposer(
                suggestion,
                _("您的意见建议（编号%(n)s）办理延期至%(d)s，阶段性进展：%(p)s")
                % {"n": suggestion.number, "d": extension.new_due, "p": extension.progress[:60]},
            )
        )
    return extension


@dataclass(frozen=True)
class ReplyData:
    text: str
    public: bool = True
    result: str = ""
    validity: str = Assignment.Validity.VALID
    publishable: bool = True
    not_public_reason: str = ""
    theme: str = ""
    plan: str = ""


@transaction.atomic
def do_reply(
    actor: User, assignment: Assignment, data: ReplyData, *, now: dt.datetime | None = None
) -> Assignment:
    """The unit's answer with its per-item review fields. A reply after the due date is
    accepted and marked late; with the due date still pending, lateness is decided later."""
    now = now or timezone.now()
    assignment = _lock(assignment)
    transition(assignment, S.REPLIED, actor, note=gettext_noop("答复"), now=now)
    if assignment.accepted_at is None:
        assignment.accepted_at = now
    assignment.replied_at = now
    assignment.replied_late = (
        deadlines.is_late(now, assignment.reply_due) if assignment.reply_due else None
    )
    assignment.reply_text = data.text
    assignment.reply_public = data.public
    assignment.result = data.result
    assignment.validity = data.validity
    assignment.publishable = data.publishable and data.validity == Assignment.Validity.VALID
    assignment.not_public_reason = data.not_public_reason
    assignment.theme = data.theme
    assignment.plan = data.plan
    assignment.save()
    audit.record(
        actor,
        "suggestions.reply",
        assignment,
        after={"late": assignment.replied_late, "validity": data.validity},
    )
    return assignment


@transaction.atomic
def do_approve_reply(
    actor: User,
    assignment: Assignment,
    *,
    publish: bool = False,
    public_text: str = "",
    now: dt.datetime | None = None,
) -> Assignment:
    """The office accepts the reply (办结) and, for the lead unit, moderates the public board."""
    now = now or timezone.now()
    assignment = _lock(assignment)
    transition(assignment, S.DONE, actor, note=gettext_noop("审核通过"), now=now)
    assignment.done_at = now
    assignment.save(update_fields=["done_at"])
    suggestion = Suggestion.objects.select_for_update().get(pk=assignment.suggestion_id)
    if publish:
        if assignment.role != Assignment.Role.LEAD or not assignment.publishable:
            raise Refused(_("承办单位审查为不予公开的意见建议不能发布到公开栏。"))
        if not public_text.strip():
            raise Refused(_("请填写去除个人信息后的公开内容。"))
        suggestion.is_published = True
        suggestion.public_text = public_text
        suggestion.published_at = now
        suggestion.save(update_fields=["is_published", "public_text", "published_at"])
    audit.record(actor, "suggestions.approve_reply", assignment, after={"publish": publish})
    _close_if_finished(suggestion, actor, now)
    return assignment


@transaction.atomic
def do_unpublish(actor: User, suggestion: Suggestion, *, reason: str) -> Suggestion:
    """Takes an item off the public board (moderation after the fact)."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not suggestion.is_published:
        raise Refused(_("该意见建议未在公开栏发布。"))
    suggestion.is_published = False
    suggestion.save(update_fields=["is_published"])
    audit.record(actor, "suggestions.unpublish", suggestion, after={"reason": reason})
    return suggestion


@transaction.atomic
def do_return_reply(actor: User, assignment: Assignment, *, reason: str) -> Assignment:
    assignment = _lock(assignment)
    transition(assignment, S.RETURNED, actor, note=reason)
    due = deadlines.add(timezone.now(), deadlines.REPLY_WORKDAYS)
    assignment.reply_due = due
    assignment.due_pending = due is None
    # The returned reply stays in the history (Reply rows); the assignment counts as
    # unanswered again until the unit replies anew.
    assignment.replied_at = None
    assignment.replied_late = None
    assignment.save(update_fields=["reply_due", "due_pending", "replied_at", "replied_late"])
    audit.record(actor, "suggestions.return_reply", assignment, after={"reason": reason})
    return assignment


# --- the proposer's steps -------------------------------------------------------------------


@transaction.atomic
def do_rate(suggestion: Suggestion, *, rating: str, comment: str = "") -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not suggestion.can_be_rated():
        raise Refused(_("该意见建议尚未办结或已经评价。"))
    suggestion.rating = rating
    suggestion.rating_comment = comment
    suggestion.rated_at = timezone.now()
    suggestion.save(update_fields=["rating", "rating_comment", "rated_at"])
    TransitionLog.objects.create(
        suggestion=suggestion,
        from_state=suggestion.state,
        to_state=suggestion.state,
        actor_role="proposer",
        note=f"rating:{rating}",
    )
    audit.record(None, "suggestions.rate", suggestion, after={"rating": rating})
    return suggestion


@transaction.atomic
def do_reopen(suggestion: Suggestion, *, reason: str) -> Assignment:
    """重办, once, after a 不满意 rating: the lead unit answers again within 5 working days."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    lead = suggestion.lead_assignment()
    if lead is None:
        raise Refused(_("没有可重办的交办记录。"))
    lead = _lock(lead)
    transition(lead, S.RETURNED, None, note=reason)
    due = deadlines.add(timezone.now(), deadlines.REPLY_WORKDAYS)
    lead.reply_due = due
    lead.due_pending = due is None
    lead.replied_at = None
    lead.replied_late = None
    lead.save(update_fields=["reply_due", "due_pending", "replied_at", "replied_late"])
    suggestion.reopen_count += 1
    suggestion.rating = ""
    suggestion.save(update_fields=["reopen_count", "rating"])
    _suggestion_transition(suggestion, SS.DISPATCHED, None, note=reason, role="proposer")
    audit.record(None, "suggestions.reopen", suggestion, after={"reason": reason})
    return lead


# --- handlers and unit reports --------------------------------------------------------------


@transaction.atomic
def do_register_handler(
    actor: User,
    campaign: Campaign,
    department: Department,
    *,
    name: str,
    title: str,
    landline: str,
    mobile: str,
    idempotency_key: str = "",
) -> Handler | None:
    if not claim(idempotency_key):
        return None
    handler = Handler.objects.create(
        campaign=campaign,
        department=department,
        name=name,
        title=title,
        landline=landline,
        mobile=mobile,
    )
    audit.record(actor, "suggestions.register_handler", handler, after={"name": name})
    return handler


@transaction.atomic
def do_remove_handler(actor: User, handler: Handler) -> None:
    handler.is_active = False
    handler.save(update_fields=["is_active"])
    audit.record(actor, "suggestions.remove_handler", handler)


@transaction.atomic
def do_sign_review(
    actor: User, campaign: Campaign, department: Department, *, opinion: str
) -> ReviewSignoff:
    signoff, _created = ReviewSignoff.objects.update_or_create(
        campaign=campaign,
        department=department,
        defaults={"opinion": opinion, "signed_by": actor, "signed_at": timezone.now()},
    )
    audit.record(actor, "suggestions.sign_review", signoff, after={"opinion": opinion[:100]})
    return signoff


@transaction.atomic
def do_recommend_excellent(
    actor: User,
    campaign: Campaign,
    department: Department,
    picks: list[tuple[Assignment, str]],
) -> list[ExcellentSuggestion]:
    """Replaces the unit's list of excellent suggestions (5–10, fewer only if it handled
    fewer than 5)."""
    handled = Assignment.objects.filter(
        suggestion__campaign=campaign, department=department, state=S.DONE
    ).count()
    low = min(5, handled)
    if not low <= len(picks) <= 10 or not picks:
        raise Refused(_("请推荐5至10条优秀意见建议（本单位已办结%(n)d条）。") % {"n": handled})
    ExcellentSuggestion.objects.filter(campaign=campaign, department=department).delete()
    rows = [
        ExcellentSuggestion.objects.create(
            campaign=campaign, department=department, assignment=a, order=i, title=title
        )
        for i, (a, title) in enumerate(picks, start=1)
    ]
    audit.record(
        actor,
        "suggestions.recommend_excellent",
        department,
        after={"assignments": [a.pk for a, _t in picks]},
    )
    return rows


@transaction.atomic
def do_edit_excellent(
    actor: User, item: ExcellentSuggestion, *, title: str, position: str, party: str
) -> ExcellentSuggestion:
    """The 附件5 details the unit learnt from the proposer: title, 职务, 党派."""
    item.title, item.position, item.party = title, position, party
    item.save(update_fields=["title", "position", "party"])
    audit.record(actor, "suggestions.edit_excellent", item, after={"title": title})
    return item


@transaction.atomic
def do_submit_weekly_case(
    actor: User,
    campaign: Campaign,
    department: Department,
    *,
    week_of: dt.date,
    title: str,
    progress: str,
    assignments: Iterable[Assignment] = (),
) -> WeeklyCase:
    case, _created = WeeklyCase.objects.update_or_create(
        campaign=campaign,
        department=department,
        week_of=week_of,
        defaults={"title": title, "progress": progress, "submitted_by": actor},
    )
    case.assignments.set(list(assignments))
    audit.record(actor, "suggestions.weekly_case", case, after={"week_of": week_of.isoformat()})
    return case


@transaction.atomic
def do_record_meeting(
    actor: User,
    campaign: Campaign,
    department: Department,
    *,
    theme: str,
    held_on: dt.date,
    place: str,
    participants: int,
    summary: str,
    assignments: Iterable[Assignment] = (),
) -> Meeting:
    meeting, _created = Meeting.objects.update_or_create(
        campaign=campaign,
        department=department,
        theme=theme,
        held_on=held_on,
        defaults={
            "place": place,
            "participants": participants,
            "summary": summary,
            "recorded_by": actor,
        },
    )
    meeting.assignments.set(list(assignments))
    audit.record(actor, "suggestions.meeting", meeting, after={"theme": theme})
    return meeting


# --- reminders ------------------------------------------------------------------------------


@transaction.atomic
def do_fill_pending_dues(actor: User | None = None) -> int:
    """Computes due dates that were "期限待定" once the year's calendar has been entered."""
    filled = 0
    for assignment in Assignment.objects.select_for_update().filter(due_pending=True):
        dues = deadlines.dues_from(
            assignment.dispatched_at, with_reply=assignment.kind == Assignment.Kind.TRANSFER
        )
        if dues.objection is None or (
            assignment.kind == Assignment.Kind.TRANSFER and dues.reply is None
        ):
            continue
        assignment.objection_due = dues.objection
        assignment.reply_due = dues.reply
        assignment.due_pending = False
        if assignment.replied_at is not None and dues.reply is not None:
            assignment.replied_late = deadlines.is_late(assignment.replied_at, dues.reply)
        assignment.save(update_fields=["objection_due", "reply_due", "due_pending", "replied_late"])
        audit.record(
            actor,
            "suggestions.fill_due",
            assignment,
            after={"reply_due": dues.reply.isoformat() if dues.reply else None},
        )
        filled += 1
    return filled


@dataclass(frozen=True)
class ReminderRun:
    due_soon: int = 0
    overdue: int = 0
    weekly: int = 0
    filled: int = 0


def _handler_phones(campaign_id: int, department_id: int) -> list[str]:
    return [
        reveal(h, "mobile", None, "短信提醒办理人员")
        for h in Handler.objects.filter(
            campaign_id=campaign_id, department_id=department_id, is_active=True
        )
        if h.mobile
    ]


def _remind_once(
    key: str, kind: str, department_id: int, campaign_id: int, text: str, a: Assignment | None
) -> bool:
    """Sends one reminder unless a reminder with ``key`` was already sent."""
    try:
        with transaction.atomic():
            phones = _handler_phones(campaign_id, department_id)
            Reminder.objects.create(
                key=key,
                kind=kind,
                department_id=department_id,
                assignment=a,
                recipients=len(phones),
            )
    except IntegrityError:
        return False
    for phone in phones:
        sms.send(phone, text)
    return True


def do_send_reminders(now: dt.datetime | None = None) -> ReminderRun:
    """Daily: due-soon and overdue reminders to each unit's registered handlers, and the
    Wednesday typical-case reminder. Each reminder is remembered, so a second run the same
    day sends nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    filled = do_fill_pending_dues()
    due_soon = overdue = weekly = 0
    open_states = [S.DISPATCHED, S.IN_PROGRESS, S.EXTENSION_REQUESTED, S.RETURNED, S.OBJECTED]
    rows = Assignment.objects.filter(state__in=open_states, reply_due__isnull=False).select_related(
        "suggestion", "department"
    )
    cal = deadlines.load_calendar()
    for a in rows:
        assert a.reply_due is not None  # noqa: S101 - filtered above
        if deadlines.is_late(now, a.reply_due):
            key = f"overdue:{a.pk}:{today.isoformat()}"
            text = _("【三民活动】意见建议%(n)s已超过答复期限（%(d)s），请尽快办理答复。") % {
                "n": a.suggestion.number,
                "d": a.reply_due.isoformat(),
            }
            if _remind_once(key, Reminder.Kind.OVERDUE, a.department_id,
                            a.suggestion.campaign_id, text, a):  # fmt: skip
                overdue += 1
        elif deadlines.is_due_soon(a.reply_due, now, cal):
            key = f"due_soon:{a.pk}:{a.reply_due.isoformat()}"
            text = _("【三民活动】意见建议%(n)s将于%(d)s到期，请按期答复。") % {
                "n": a.suggestion.number,
                "d": a.reply_due.isoformat(),
            }
            if _remind_once(key, Reminder.Kind.DUE_SOON, a.department_id,
                            a.suggestion.campaign_id, text, a):  # fmt: skip
                due_soon += 1
    wednesday = deadlines.next_wednesday_due(today)
    if wednesday == today:
        campaign = Campaign.objects.current()
        if campaign is not None:
            units = (
                Assignment.objects.filter(suggestion__campaign=campaign)
                .values_list("department_id", flat=True)
                .distinct()
            )
            for department_id in units:
                key = f"weekly:{department_id}:{today.isoformat()}"
                text = _("【三民活动】今天是典型案例报送日，请报送本周意见建议典型案例办理进展。")
                if _remind_once(key, Reminder.Kind.WEEKLY, department_id, campaign.pk, text, None):
                    weekly += 1
    return ReminderRun(due_soon=due_soon, overdue=overdue, weekly=weekly, filled=filled)


def do_chase(actor: User, assignment: Assignment, *, now: dt.datetime | None = None) -> bool:
    """催办: the office chases an open item; one SMS to the unit's handlers per item per day."""
    now = now or timezone.now()
    if not assignment.is_open:
        raise Refused(_("该件已答复或已办结，无需催办。"))
    text = _("【三民活动】联席会议办公室催办：意见建议%(n)s请尽快办理答复（期限%(d)s）。") % {
        "n": assignment.suggestion.number,
        "d": assignment.reply_due.isoformat() if assignment.reply_due else _("期限待定"),
    }
    key = f"chase:{assignment.pk}:{timezone.localdate(now).isoformat()}"
    with transaction.atomic():
        sent = _remind_once(
            key, Reminder.Kind.CHASE, assignment.department_id,
            assignment.suggestion.campaign_id, text, assignment,
        )  # fmt: skip
        if sent:
            audit.record(actor, "suggestions.chase", assignment)
    return sent
