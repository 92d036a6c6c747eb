"""Writes for the hotline rota: each ``do_*`` is one atomic, audited change.

The rota's life is the :data:`ALLOWED` table (draft → published) with a guard per step;
every change writes a :class:`RotaLog` row. A call that needs follow-up becomes a citizen
suggestion through :func:`minping.suggestions.actions.do_submit` (channel 电话).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minping import workdays
from minping.accounts import audit
from minping.accounts.models import User
from minping.accounts.pii import reveal
from minping.campaigns.models import Campaign, Department, District
from minping.hotline import rota as core
from minping.hotline.models import (
    Call,
    Duty,
    DutyMember,
    DutyPerson,
    Reminder,
    Rota,
    RotaLog,
    Unavailability,
)
from minping.lib import sms
from minping.suggestions import actions as suggestion_actions
from minping.suggestions import deadlines
from minping.suggestions.models import Area, Suggestion

RS = Rota.State
MAX_DAYS = 400


class Refused(Exception):
    """A step the rules do not allow now; the message is shown as it is."""


# --- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonData:
    kind: str
    name: str
    title: str
    department: Department | None
    phone: str = ""
    order: int = 0
    is_active: bool = True


def _person_fields(person: DutyPerson) -> dict[str, object]:
    return {
        "kind": person.kind,
        "name": person.name,
        "title": person.title,
        "department": person.department_id,
        "order": person.order,
        "is_active": person.is_active,
    }


@transaction.atomic
def do_save_person(
    actor: User, person: DutyPerson | None, data: PersonData, *, keep_phone: bool = False
) -> DutyPerson:
    """Creates or updates a duty person; an empty phone with ``keep_phone`` keeps the old one."""
    before = _person_fields(person) if person is not None else None
    person = person or DutyPerson()
    person.kind = data.kind
    person.name = data.name
    person.title = data.title
    person.department = data.department if data.kind == DutyPerson.Kind.HEAD else None
    person.order = data.order
    person.is_active = data.is_active
    if data.phone or not keep_phone:
        person.phone = data.phone
    person.save()
    audit.record(
        actor,
        "hotline.save_person",
        person,
        before=before,
        after={**_person_fields(person), "phone_changed": bool(data.phone)},
    )
    return person


@transaction.atomic
def do_import_people(actor: User, rows: Iterable[PersonData]) -> list[DutyPerson]:
    """Creates every checked row, or none (one transaction)."""
    created = [DutyPerson.objects.create(**row.__dict__) for row in rows]
    audit.record(actor, "hotline.import_people", None, after={"count": len(created)})
    return created


@transaction.atomic
def do_add_unavailability(
    actor: User, person: DutyPerson, *, start: dt.date, end: dt.date, reason: str
) -> Unavailability:
    period = Unavailability.objects.create(person=person, start=start, end=end, reason=reason)
    audit.record(
        actor,
        "hotline.add_unavailability",
        person,
        after={"start": start.isoformat(), "end": end.isoformat(), "reason": reason},
    )
    return period


@transaction.atomic
def do_remove_unavailability(actor: User, period: Unavailability) -> None:
    audit.record(
        actor,
        "hotline.remove_unavailability",
        period.person,
        before={"start": period.start.isoformat(), "end": period.end.isoformat()},
    )
    period.delete()


# --- building a rota ------------------------------------------------------------------------


def parse_slots(text: str) -> list[tuple[dt.time, dt.time]]:
    """``"09:00-11:00, 15:00-17:00"`` as sorted (start, end) pairs; ValueError with a reason."""
    slots: list[tuple[dt.time, dt.time]] = []
    for part in text.replace("，", ",").replace("－", "-").replace("—", "-").split(","):
        part = part.strip().replace("–", "-").replace("~", "-")
        if not part:
            continue
        try:
            first, second = (p.strip() for p in part.split("-"))
            start = dt.time.fromisoformat(first.zfill(5))
            end = dt.time.fromisoformat(second.zfill(5))
        except ValueError as exc:
            raise ValueError(
                _("时段“%(part)s”格式不正确，应如 09:00-11:00") % {"part": part}
            ) from exc
        if end <= start:
            raise ValueError(_("时段“%(part)s”的结束时间须晚于开始时间") % {"part": part})
        slots.append((start, end))
    if not slots:
        raise ValueError(_("请至少填写一个接听时段，如 09:00-11:00"))
    slots.sort()
    for (_s1, e1), (s2, _e2) in zip(slots, slots[1:], strict=False):
        if s2 < e1:
            raise ValueError(_("接听时段不能重叠"))
    return slots


def rota_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """The working days of the period on the official calendar (调休 included).

    Raises :class:`Refused` when a year of the period has no official calendar yet.
    """
    cal = deadlines.load_calendar()
    try:
        cal.check_years(start, end)
    except workdays.UnknownYear as exc:
        raise Refused(
            _("%(year)d年的节假日安排尚未录入，无法确定工作日。请先在节假日表中录入后再排班。")
            % {"year": exc.year}
        ) from exc
    return core.working_days(start, end, lambda day: workdays.is_workday(cal, day))


def _pool(kind: str, per_duty: int) -> core.Pool:
    people = DutyPerson.objects.filter(kind=kind, is_active=True).prefetch_related(
        "unavailable_periods"
    )
    return core.Pool(
        kind,
        tuple(core.Person(p.pk, p.unavailable_days()) for p in people),
        per_duty,
    )


def _fill(rota: Rota) -> core.Plan:
    slots = parse_slots(rota.slots)
    days = rota_days(rota.start, rota.end)
    if not days:
        raise Refused(_("所选期间没有工作日。"))
    pools = [
        _pool(DutyPerson.Kind.LEADER, rota.leaders_per_duty),
        _pool(DutyPerson.Kind.HEAD, rota.heads_per_duty),
    ]
    plan = core.plan_rota(days, len(slots), pools)
    duties: dict[tuple[dt.date, int], Duty] = {}
    for day in days:
        for index, (starts, ends) in enumerate(slots):
            duties[(day, index)] = Duty.objects.create(
                rota=rota, date=day, starts=starts, ends=ends
            )
    DutyMember.objects.bulk_create(
        [
            DutyMember(
                duty=duties[(seat.day, seat.slot)],
                pool=seat.pool,
                position=seat.position,
                person_id=key,
            )
            for seat, key in plan.seats
        ]
    )
    return plan


def _log(
    rota: Rota,
    kind: str,
    actor: User | None,
    description: str,
    *,
    duty: Duty | None = None,
    other: Duty | None = None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> RotaLog:
    return RotaLog.objects.create(
        rota=rota,
        kind=kind,
        duty=duty,
        other_duty=other,
        description=description[:300],
        reason=reason[:300],
        after_publication=rota.is_published and kind in (RotaLog.Kind.SWAP, RotaLog.Kind.REPLACE),
        actor=actor if actor is not None and actor.pk else None,
        at=now or timezone.now(),
    )


@dataclass(frozen=True)
class RotaData:
    title: str
    start: dt.date
    end: dt.date
    slots: str
    leaders_per_duty: int = 1
    heads_per_duty: int = 1
    hotline_number: str = "12345"


@transaction.atomic
def do_create_rota(
    actor: User | None, campaign: Campaign, data: RotaData, *, now: dt.datetime | None = None
) -> Rota:
    """Creates a draft rota and fills it by the fair round-robin of :mod:`minping.hotline.rota`."""
    if (data.end - data.start).days > MAX_DAYS:
        raise Refused(_("排班期间不能超过%(n)d天。") % {"n": MAX_DAYS})
    rota = Rota.objects.create(
        campaign=campaign,
        title=data.title,
        start=data.start,
        end=data.end,
        slots=data.slots,
        leaders_per_duty=data.leaders_per_duty,
        heads_per_duty=data.heads_per_duty,
        hotline_number=data.hotline_number,
        created_by=actor,
        created_at=now or timezone.now(),
    )
    plan = _fill(rota)
    _log(rota, RotaLog.Kind.GENERATE, actor, _generated_text(plan), now=now)
    audit.record(
        actor,
        "hotline.create_rota",
        rota,
        after={"start": data.start.isoformat(), "end": data.end.isoformat(), "slots": data.slots},
    )
    return rota


def _generated_text(plan: core.Plan) -> str:
    return _("共%(n)d个值班席位，空缺%(gaps)d个") % {"n": len(plan.seats), "gaps": len(plan.gaps)}


@transaction.atomic
def do_regenerate(actor: User, rota: Rota, *, now: dt.datetime | None = None) -> Rota:
    """Draft only: builds the duties again (after people or unavailable dates changed)."""
    rota = Rota.objects.select_for_update().get(pk=rota.pk)
    if rota.is_published:
        raise Refused(_("排班表已公布，不能重新生成；请逐项调整并说明原因。"))
    if Call.objects.filter(duty__rota=rota).exists():
        raise Refused(_("已有来电记录，不能重新生成。"))
    rota.duties.all().delete()
    plan = _fill(rota)
    _log(rota, RotaLog.Kind.GENERATE, actor, _generated_text(plan), now=now)
    audit.record(actor, "hotline.regenerate_rota", rota, after={"gaps": len(plan.gaps)})
    return rota


# --- the rota's state machine ---------------------------------------------------------------

ALLOWED: dict[str, set[str]] = {RS.DRAFT: {RS.PUBLISHED}, RS.PUBLISHED: set()}


def _guard_publish(rota: Rota, now: dt.datetime) -> None:
    if DutyMember.objects.filter(duty__rota=rota, person__isnull=True).exists():
        raise Refused(_("还有空缺的值班席位，请先补齐再公布。"))
    overlapping = Rota.objects.filter(
        campaign_id=rota.campaign_id, state=RS.PUBLISHED, start__lte=rota.end, end__gte=rota.start
    ).first()
    if overlapping is not None:
        raise Refused(
            _("与已公布的“%(title)s”（%(start)s至%(end)s）日期重叠，不能同时公布。")
            % {"title": overlapping.title, "start": overlapping.start.isoformat(),
               "end": overlapping.end.isoformat()}
        )  # fmt: skip
    first = rota.duties.order_by("date").values_list("date", flat=True).first()
    if first is None:
        raise Refused(_("排班表没有值班，不能公布。"))
    if first <= timezone.localdate(now):
        raise Refused(
            _("排班须提前向社会公布：第一天值班（%(date)s）须晚于今天。")
            % {"date": first.isoformat()}
        )


GUARDS: dict[tuple[str, str], Callable[[Rota, dt.datetime], None]] = {
    (RS.DRAFT, RS.PUBLISHED): _guard_publish,
}


@transaction.atomic
def do_publish(actor: User | None, rota: Rota, *, now: dt.datetime | None = None) -> Rota:
    now = now or timezone.now()
    rota = Rota.objects.select_for_update().get(pk=rota.pk)
    to = RS.PUBLISHED
    if to not in ALLOWED[rota.state]:
        raise Refused(_("排班表已公布。"))
    GUARDS[(rota.state, to)](rota, now)
    rota.state = to
    rota.published_at = now
    rota.save(update_fields=["state", "published_at"])
    _log(rota, RotaLog.Kind.PUBLISH, actor, _("排班表向社会公布"), now=now)
    audit.record(actor, "hotline.publish_rota", rota, after={"state": to})
    return rota


# --- changing duties --------------------------------------------------------------------------


def _busy_on(day: dt.date, rota: Rota, exclude: Iterable[int] = ()) -> set[int]:
    return set(
        DutyMember.objects.filter(duty__rota=rota, duty__date=day, person__isnull=False)
        .exclude(pk__in=list(exclude))
        .values_list("person_id", flat=True)
    )


def _guard_change(rota: Rota, duties: Iterable[Duty], reason: str, now: dt.datetime) -> None:
    today = timezone.localdate(now)
    for duty in duties:
        if duty.date <= today and rota.is_published:
            raise Refused(
                _("%(date)s的值班已开始或已过去，不能再调整。") % {"date": duty.date.isoformat()}
            )
    if rota.is_published and not reason.strip():
        raise Refused(_("排班表已公布，调整须说明原因（原因将在公示页显示）。"))


def _check_can_take(person: DutyPerson, duty: Duty, busy: set[int]) -> None:
    if not core.may_take(core.Person(person.pk, person.unavailable_days()), duty.date, busy):
        raise Refused(
            _("%(name)s在%(date)s不能值班（已登记不能值班或当天已有值班）。")
            % {"name": person.name, "date": duty.date.isoformat()}
        )


@transaction.atomic
def do_swap(
    actor: User, first: DutyMember, second: DutyMember, *, reason: str = "",
    now: dt.datetime | None = None,
) -> None:  # fmt: skip
    """对调: two seats of the same pool on different duties exchange their people."""
    now = now or timezone.now()
    a = (
        DutyMember.objects.select_for_update(of=("self",))
        .select_related("duty__rota", "person")
        .get(pk=first.pk)
    )
    b = (
        DutyMember.objects.select_for_update(of=("self",))
        .select_related("duty__rota", "person")
        .get(pk=second.pk)
    )
    rota = a.duty.rota
    if b.duty.rota_id != rota.pk:
        raise Refused(_("只能对调同一排班表中的值班。"))
    if a.pool != b.pool:
        raise Refused(_("市政府领导只能与市政府领导对调，部门负责人只能与部门负责人对调。"))
    if a.duty_id == b.duty_id or a.person_id == b.person_id:
        raise Refused(_("请选择两个不同人员的值班。"))
    _guard_change(rota, [a.duty, b.duty], reason, now)
    if a.person is not None and a.duty.date != b.duty.date:
        _check_can_take(a.person, b.duty, _busy_on(b.duty.date, rota, exclude=[b.pk]))
    if b.person is not None and a.duty.date != b.duty.date:
        _check_can_take(b.person, a.duty, _busy_on(a.duty.date, rota, exclude=[a.pk]))
    a_person, b_person = a.person, b.person
    # The unique (duty, person) constraint is checked per row: clear one side first.
    DutyMember.objects.filter(pk=a.pk).update(person=None)
    DutyMember.objects.filter(pk=b.pk).update(person=a_person)
    DutyMember.objects.filter(pk=a.pk).update(person=b_person)
    text = _("%(d1)s %(p1)s ↔ %(d2)s %(p2)s") % {
        "d1": a.duty,
        "p1": a_person.name if a_person else "—",
        "d2": b.duty,
        "p2": b_person.name if b_person else "—",
    }
    _log(rota, RotaLog.Kind.SWAP, actor, text, duty=a.duty, other=b.duty, reason=reason, now=now)
    audit.record(
        actor,
        "hotline.swap",
        rota,
        before={"a": a.pk, "a_person": a_person.pk if a_person else None,
                "b": b.pk, "b_person": b_person.pk if b_person else None},
        after={"reason": reason},
    )  # fmt: skip


@transaction.atomic
def do_replace(
    actor: User, member: DutyMember, person: DutyPerson, *, reason: str = "",
    now: dt.datetime | None = None,
) -> None:  # fmt: skip
    """替换: another person of the same kind takes the seat (or fills a gap)."""
    now = now or timezone.now()
    seat = (
        DutyMember.objects.select_for_update(of=("self",))
        .select_related("duty__rota", "person")
        .get(pk=member.pk)
    )
    rota = seat.duty.rota
    if person.kind != seat.pool:
        raise Refused(_("替换人员须与原席位同一类别。"))
    if not person.is_active:
        raise Refused(_("%(name)s已不参加排班。") % {"name": person.name})
    if seat.person_id == person.pk:
        raise Refused(_("替换人员与原值班人员相同。"))
    _guard_change(rota, [seat.duty], reason, now)
    _check_can_take(person, seat.duty, _busy_on(seat.duty.date, rota, exclude=[seat.pk]))
    before = seat.person
    seat.person = person
    seat.save(update_fields=["person"])
    text = _("%(duty)s %(old)s → %(new)s") % {
        "duty": seat.duty,
        "old": before.name if before else _("空缺"),
        "new": person.name,
    }
    _log(rota, RotaLog.Kind.REPLACE, actor, text, duty=seat.duty, reason=reason, now=now)
    audit.record(
        actor,
        "hotline.replace",
        seat,
        before={"person": before.pk if before else None},
        after={"person": person.pk, "reason": reason},
    )


# --- calls and summaries ----------------------------------------------------------------------


def summary_due(duty: Duty, cal: workdays.Calendar | None = None) -> dt.date | None:
    """The summary is due by the end of the next working day (None: year not entered)."""
    try:
        return workdays.add_workdays(cal or deadlines.load_calendar(), duty.date, 1)
    except workdays.UnknownYear:
        return None


def recording_open(
    duty: Duty, user: User, now: dt.datetime | None = None, cal: workdays.Calendar | None = None
) -> bool:
    """Calls are recorded from the duty's start until its summary is due (the office: any time
    after the start, to correct the record)."""
    now = now or timezone.now()
    if not duty.rota.is_published or not duty.has_started(now):
        return False
    if user.is_office:
        return True
    due = summary_due(duty, cal)
    return due is None or timezone.localdate(now) <= due


@dataclass(frozen=True)
class CallData:
    received_at: dt.datetime
    caller_name: str
    caller_phone: str
    district: District | None
    area: Area
    subject: str
    summary: str
    answer: str
    needs_follow_up: bool
    named_department: Department | None = None


def _follow_up_text(data: CallData) -> str:
    text = data.summary
    if data.answer:
        text += "\n" + _("【现场答复】") + data.answer
    return text


def _file_suggestion(actor: User, call: Call, data: CallData, now: dt.datetime) -> Suggestion:
    suggestion, _new = suggestion_actions.do_submit(
        call.duty.rota.campaign,
        suggestion_actions.Intake(
            area=data.area,
            title=data.subject,
            text=_follow_up_text(data),
            name=data.caller_name,
            phone=data.caller_phone,
            district=data.district,
            named_department=data.named_department,
        ),
        idempotency_key=f"hotline-{call.idempotency_key}"[:64],
        channel=Suggestion.Channel.PHONE,
        entered_by=actor,
        now=now,
    )
    return suggestion


def do_record_call(
    actor: User,
    duty: Duty,
    data: CallData,
    *,
    idempotency_key: str,
    now: dt.datetime | None = None,
) -> tuple[Call, bool]:
    """Records a call; with follow-up, files it as a suggestion (channel 电话) and links it.

    The same ``idempotency_key`` (one per rendered form) gives back the first call.
    """
    now = now or timezone.now()
    existing = Call.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    duty = Duty.objects.select_related("rota__campaign").get(pk=duty.pk)
    if not recording_open(duty, actor, now):
        raise Refused(_("不在本班次的来电登记时间内（值班开始后至次一工作日结束）。"))
    if data.received_at > now + dt.timedelta(minutes=5):
        raise Refused(_("来电时间不能晚于现在。"))
    try:
        with transaction.atomic():
            call = Call.objects.create(
                duty=duty,
                received_at=data.received_at,
                caller_name=data.caller_name,
                caller_phone=data.caller_phone,
                district=data.district,
                area=data.area,
                subject=data.subject,
                summary=data.summary,
                answer=data.answer,
                needs_follow_up=data.needs_follow_up,
                idempotency_key=idempotency_key,
                recorded_by=actor,
                recorded_at=now,
            )
            if data.needs_follow_up:
                call.suggestion = _file_suggestion(actor, call, data, now)
                call.save(update_fields=["suggestion"])
            audit.record(
                actor,
                "hotline.record_call",
                call,
                after={
                    "duty": duty.pk,
                    "follow_up": data.needs_follow_up,
                    "suggestion": call.suggestion_id,
                },
            )
    except IntegrityError:
        existing = Call.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing, False
    return call, True


@transaction.atomic
def do_follow_up(actor: User, call: Call, *, now: dt.datetime | None = None) -> Suggestion:
    """Files a call recorded without follow-up as a suggestion afterwards (the office)."""
    now = now or timezone.now()
    call = Call.objects.select_for_update().select_related("duty__rota__campaign").get(pk=call.pk)
    if call.suggestion_id:
        raise Refused(_("该来电已转为意见建议（编号%(n)s）。") % {"n": call.suggestion_id})
    data = CallData(
        received_at=call.received_at,
        caller_name=reveal(call, "caller_name", actor, "来电转意见建议")
        if call.caller_name
        else "",
        caller_phone=reveal(call, "caller_phone", actor, "来电转意见建议")
        if call.caller_phone
        else "",
        district=call.district,
        area=call.area,
        subject=call.subject,
        summary=call.summary,
        answer=call.answer,
        needs_follow_up=True,
    )
    suggestion = _file_suggestion(actor, call, data, now)
    call.needs_follow_up = True
    call.suggestion = suggestion
    call.save(update_fields=["needs_follow_up", "suggestion"])
    audit.record(actor, "hotline.follow_up", call, after={"suggestion": suggestion.number})
    return suggestion


@transaction.atomic
def do_save_summary(actor: User, duty: Duty, text: str, *, now: dt.datetime | None = None) -> Duty:
    """值班小结: written by the leader's office once the duty has started; may be revised."""
    now = now or timezone.now()
    duty = Duty.objects.select_for_update().select_related("rota").get(pk=duty.pk)
    if not duty.rota.is_published or not duty.has_started(now):
        raise Refused(_("值班开始后才能填写值班小结。"))
    before = {"summary": duty.summary}
    duty.summary = text
    duty.summary_by = actor
    duty.summary_at = now
    duty.save(update_fields=["summary", "summary_by", "summary_at"])
    audit.record(actor, "hotline.summary", duty, before=before, after={"summary": text[:200]})
    return duty


# --- reminders --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderRun:
    sent: int = 0
    no_phone: int = 0


def reminder_days(today: dt.date) -> list[dt.date]:
    """Tomorrow up to the next working day: a Friday run reminds Monday's duty."""
    cal = deadlines.load_calendar()
    try:
        last = workdays.add_workdays(cal, today, 1)
    except workdays.UnknownYear:
        last = today + dt.timedelta(days=1)
    days = []
    day = today + dt.timedelta(days=1)
    while day <= last:
        days.append(day)
        day += dt.timedelta(days=1)
    return days


def do_send_reminders(now: dt.datetime | None = None) -> ReminderRun:
    """Daily: an SMS to each person on a published duty of the coming working day, once."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = no_phone = 0
    members = DutyMember.objects.filter(
        duty__rota__state=RS.PUBLISHED,
        duty__date__in=reminder_days(today),
        person__isnull=False,
    ).select_related("duty__rota", "person")
    for member in members:
        person = member.person
        assert person is not None  # noqa: S101 - filtered above
        if not person.phone:
            no_phone += 1
            continue
        key = f"duty:{member.pk}:{person.pk}"
        text = _(
            "【三民活动】市长热线值班提醒：%(name)s，您于%(date)s %(time)s接听市长热线%(number)s，"
            "请准时到岗。"
        ) % {
            "name": person.name,
            "date": member.duty.date.isoformat(),
            "time": f"{member.duty.starts:%H:%M}-{member.duty.ends:%H:%M}",
            "number": member.duty.rota.hotline_number,
        }
        try:
            with transaction.atomic():
                Reminder.objects.create(key=key, member=member, sent_at=now)
                phone = reveal(person, "phone", None, "市长热线值班提醒")
                audit.record(None, "hotline.remind", member, after={"date": str(member.duty.date)})
        except IntegrityError:
            continue
        sms.send(phone, text)
        sent += 1
    return ReminderRun(sent=sent, no_phone=no_phone)
