"""Writes of the meetings app: each ``do_*`` is one atomic change with its audit entry.

The app builds on ``selection``: it reads its Representative rows and replaces a no-show
through ``selection.actions.do_replace_representative`` (never a copy of that rule).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from minping.accounts import audit
from minping.accounts.models import User
from minping.campaigns.models import Campaign, Session, Venue
from minping.meetings.models import (
    Agenda,
    Attendance,
    Credential,
    DisciplineNote,
    SeatAssignment,
    SeatLayout,
    Slot,
    TimerLog,
    mask_person,
    new_code,
    new_screen_key,
    normalise_code,
)
from minping.selection import actions as selection_actions
from minping.selection.models import Representative

SEATED = [Representative.Status.SELECTED, Representative.Status.PROMOTED]


class MeetingError(Exception):
    """A refused meeting-day change, with a message for the person."""


# --- agenda and timer ---------------------------------------------------------------------


def ensure_agenda(session: Session) -> Agenda:
    """The session's agenda, made on first use from its group's speaking order."""
    agenda = Agenda.objects.filter(session=session).first()
    if agenda is not None:
        return agenda
    with transaction.atomic():
        agenda, created = Agenda.objects.get_or_create(
            session=session, defaults={"starts_at": Agenda.default_start(session)}
        )
        if created and session.group_id:
            departments = list(session.group.ordered_departments()) if session.group else []
            Slot.objects.bulk_create(
                Slot(agenda=agenda, department=d, order=i) for i, d in enumerate(departments, 1)
            )
    return agenda


@transaction.atomic
def do_update_agenda(
    actor: User,
    agenda: Agenda,
    *,
    starts_at: dt.datetime,
    slot_seconds: int,
    all_sessions: bool = False,
) -> Agenda:
    """The start time of this session; the slot length of this session or of every
    session of the campaign."""
    before = {"starts_at": agenda.starts_at.isoformat(), "slot_seconds": agenda.slot_seconds}
    warning = min(60, max(slot_seconds // 5, 5))
    agenda.starts_at = starts_at
    agenda.slot_seconds = slot_seconds
    agenda.warning_seconds = warning
    agenda.save(update_fields=["starts_at", "slot_seconds", "warning_seconds"])
    if all_sessions:
        for session in Session.objects.filter(campaign_id=agenda.session.campaign_id):
            ensure_agenda(session)
        Agenda.objects.filter(session__campaign_id=agenda.session.campaign_id).update(
            slot_seconds=slot_seconds, warning_seconds=warning
        )
    audit.record(
        actor,
        "meetings.update_agenda",
        agenda,
        before=before,
        after={
            "starts_at": starts_at.isoformat(),
            "slot_seconds": slot_seconds,
            "all_sessions": all_sessions,
        },
    )
    return agenda


@transaction.atomic
def do_move_slot(actor: User, slot: Slot, direction: str) -> Slot:
    """Swaps a department with its neighbour in the speaking order (before anyone spoke)."""
    agenda = Agenda.objects.select_for_update().get(pk=slot.agenda_id)
    slots = list(agenda.slots.order_by("order"))
    if any(s.state != Slot.State.WAITING for s in slots):
        raise MeetingError(_("述职已经开始，不能再调整顺序"))
    index = next(i for i, s in enumerate(slots) if s.pk == slot.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(slots):
        return slot
    a, b = slots[index], slots[other]
    a.order, b.order = b.order, a.order
    Slot.objects.bulk_update([a, b], ["order"])
    audit.record(
        actor,
        "meetings.move_slot",
        a,
        before={"order": b.order},
        after={"order": a.order, "direction": direction},
    )
    return a


@transaction.atomic
def do_set_press_lane(actor: User, slot: Slot, on: bool) -> Slot:
    before = {"press_lane": slot.press_lane}
    slot.press_lane = on
    slot.save(update_fields=["press_lane"])
    audit.record(actor, "meetings.set_press_lane", slot, before=before, after={"press_lane": on})
    return slot


def _move(actor: User | None, slot: Slot, to: str, now: dt.datetime) -> None:
    if not slot.can_move_to(to):
        raise MeetingError(
            _("“%(state)s”状态下不能执行此操作") % {"state": slot.get_state_display()}
        )
    before = slot.state
    if to == Slot.State.RUNNING and before == Slot.State.WAITING:
        slot.started_at = now
    elif to == Slot.State.RUNNING and before == Slot.State.PAUSED and slot.paused_at:
        slot.paused_seconds += (now - slot.paused_at).total_seconds()
        slot.paused_at = None
    elif to == Slot.State.PAUSED:
        slot.paused_at = now
    elif to == Slot.State.FINISHED:
        if before == Slot.State.PAUSED and slot.paused_at:
            slot.paused_seconds += (now - slot.paused_at).total_seconds()
            slot.paused_at = None
        slot.spoken_seconds = round(slot.elapsed(now), 1)
        slot.finished_at = now
    slot.state = to
    slot.save(
        update_fields=[
            "state",
            "started_at",
            "paused_at",
            "paused_seconds",
            "finished_at",
            "spoken_seconds",
        ]
    )
    TimerLog.objects.create(slot=slot, actor=actor, from_state=before, to_state=to, created_at=now)


TIMER_COMMANDS = ("start", "pause", "resume", "finish", "next")


@transaction.atomic
def do_timer(actor: User, agenda: Agenda, command: str) -> Agenda:
    """The operator's buttons. ``next`` ends the current speech (if any) and calls up the
    next department; ``start`` starts the called-up department's clock."""
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    now = timezone.now()
    slots = list(agenda.slots.order_by("order"))
    current = next((s for s in slots if s.pk == agenda.current_id), None)
    if current is None:
        current = next((s for s in slots if s.state != Slot.State.FINISHED), None)
        if current is None:
            raise MeetingError(_("全部部门已述职完毕"))
    before = {"slot": current.pk, "state": current.state}
    if command == "start":
        _move(actor, current, Slot.State.RUNNING, now)
    elif command == "pause":
        _move(actor, current, Slot.State.PAUSED, now)
    elif command == "resume":
        if current.state != Slot.State.PAUSED:
            raise MeetingError(_("计时没有暂停"))
        _move(actor, current, Slot.State.RUNNING, now)
    elif command == "finish":
        _move(actor, current, Slot.State.FINISHED, now)
    elif command == "next":
        if current.state in (Slot.State.RUNNING, Slot.State.PAUSED):
            _move(actor, current, Slot.State.FINISHED, now)
        elif current.state == Slot.State.WAITING:
            raise MeetingError(_("当前部门还没有开始述职"))
        following = next(
            (s for s in slots if s.order > current.order and s.state == "waiting"), None
        )
        if following is None:
            raise MeetingError(_("已是最后一个部门"))
        current = following
    else:
        raise MeetingError(_("未知操作"))
    agenda.current = current
    agenda.save(update_fields=["current"])
    audit.record(
        actor,
        f"meetings.timer_{command}",
        agenda,
        before=before,
        after={"slot": current.pk, "state": current.state},
    )
    return agenda


def screen_key(agenda: Agenda) -> str:
    """The session's screen-link secret, made on first use (like the agenda itself)."""
    if not agenda.screen_key:
        Agenda.objects.filter(pk=agenda.pk, screen_key="").update(screen_key=new_screen_key())
        agenda.refresh_from_db(fields=["screen_key"])
    return agenda.screen_key


@transaction.atomic
def do_rotate_screen_key(actor: User, agenda: Agenda) -> Agenda:
    """A new screen link; the old one stops working at once (its next poll is a 404)."""
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    had = bool(agenda.screen_key)
    agenda.screen_key = new_screen_key()
    agenda.save(update_fields=["screen_key"])
    # The audit names no key: whoever reads the log must not be able to open the screen.
    audit.record(actor, "meetings.rotate_screen_key", agenda, before={"had_key": had}, after={})
    return agenda


def timer_state(agenda: Agenda, now: dt.datetime | None = None) -> dict[str, Any]:
    """What every screen needs to draw the clock on its own; times in epoch milliseconds."""
    now = now or timezone.now()
    slots = list(agenda.slots.select_related("department").order_by("order"))
    current = next((s for s in slots if s.pk == agenda.current_id), None)
    if current is None:
        current = next((s for s in slots if s.state != Slot.State.FINISHED), None)

    def ms(value: dt.datetime | None) -> int | None:
        return int(value.timestamp() * 1000) if value else None

    lane = None
    if current is not None:
        done = [s for s in slots if s.order < current.order and s.state == Slot.State.FINISHED]
        if done and done[-1].press_lane:
            lane = done[-1].department.name
    following = None
    if current is not None:
        following = next(
            (s.department.name for s in slots if s.order > current.order and s.state == "waiting"),
            None,
        )
    return {
        "now": ms(now),
        "limit": agenda.slot_seconds,
        "warning": agenda.warning_seconds,
        "slot": None
        if current is None
        else {
            "id": current.pk,
            "order": current.order,
            "department": current.department.name,
            "state": current.state,
            "started_at": ms(current.started_at),
            "paused_at": ms(current.paused_at),
            "paused": current.paused_seconds,
            "elapsed": round(current.elapsed(now), 2),
        },
        "next": following,
        "press_lane": lane,
        "done": sum(1 for s in slots if s.state == Slot.State.FINISHED),
        "total": len(slots),
    }


# --- credentials --------------------------------------------------------------------------


def _seated(campaign: Campaign) -> Any:
    return Representative.objects.filter(draw__campaign=campaign, status__in=SEATED)


@transaction.atomic
def do_issue_representative_credentials(actor: User, campaign: Campaign) -> int:
    """A 市民代表证 for every seated representative who has no live one yet."""
    have = set(
        Credential.objects.filter(
            campaign=campaign, is_revoked=False, representative__isnull=False
        ).values_list("representative_id", flat=True)
    )
    missing = [r for r in _seated(campaign).order_by("pk") if r.pk not in have]
    made = Credential.objects.bulk_create(
        [
            Credential(
                campaign=campaign,
                kind=Credential.Kind.REPRESENTATIVE,
                code=new_code(),
                name=r.name,
                unit=r.employer[:100],
                representative=r,
                session_id=r.session_id,
            )
            for r in missing
        ]
    )
    Through = Credential.venues.through
    Through.objects.bulk_create(
        [
            Through(credential_id=c.pk, venue_id=r.venue_id)
            for c, r in zip(made, missing, strict=True)
        ]
    )
    audit.record(
        actor, "meetings.issue_representative_credentials", campaign, after={"count": len(made)}
    )
    return len(made)


@transaction.atomic
def do_add_credential(
    actor: User,
    campaign: Campaign,
    *,
    kind: str,
    name: str,
    unit: str,
    venues: Iterable[Venue],
    session: Session | None = None,
) -> Credential:
    if kind == Credential.Kind.REPRESENTATIVE:
        raise MeetingError(_("市民代表证由抽样结果生成"))
    credential = Credential.objects.create(
        campaign=campaign, kind=kind, name=name, unit=unit, session=session
    )
    credential.venues.set(list(venues))
    audit.record(actor, "meetings.add_credential", credential, after={"kind": kind, "unit": unit})
    return credential


@dataclass(frozen=True)
class CredentialRow:
    kind: str
    name: str
    unit: str
    venues: list[Venue]


@transaction.atomic
def do_import_credentials(actor: User, campaign: Campaign, rows: list[CredentialRow]) -> int:
    """All rows or none: the view checked every row before calling."""
    made = Credential.objects.bulk_create(
        [
            Credential(campaign=campaign, kind=r.kind, name=r.name, unit=r.unit, code=new_code())
            for r in rows
        ]
    )
    Through = Credential.venues.through
    Through.objects.bulk_create(
        [
            Through(credential_id=c.pk, venue_id=v.pk)
            for c, r in zip(made, rows, strict=True)
            for v in r.venues
        ]
    )
    audit.record(actor, "meetings.import_credentials", campaign, after={"count": len(made)})
    return len(made)


def _revoke(credential: Credential, now: dt.datetime) -> None:
    credential.is_revoked = True
    credential.revoked_at = now
    credential.save(update_fields=["is_revoked", "revoked_at"])


@transaction.atomic
def do_reissue_credential(actor: User, credential: Credential) -> Credential:
    """A lost card: the old code stops working, a new card with a new code replaces it."""
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    if credential.is_revoked:
        raise MeetingError(_("该证件已作废"))
    venues = list(credential.venues.all())
    _revoke(credential, timezone.now())
    fresh = Credential.objects.create(
        campaign_id=credential.campaign_id,
        kind=credential.kind,
        name=credential.name,
        unit=credential.unit,
        representative_id=credential.representative_id,
        session_id=credential.session_id,
    )
    fresh.venues.set(venues)
    audit.record(
        actor, "meetings.reissue_credential", credential, after={"new_credential": fresh.pk}
    )
    return fresh


# --- check-in -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckIn:
    """The answer shown in big letters at the door."""

    # ok, again, wrong_venue, wrong_session, revoked, not_found; card_valid / card_wrong_venue
    # for a staff, press or speaker card (admitted or not, never counted as attendance)
    outcome: str
    name: str = ""
    category: str = ""
    seat: str = ""
    at: dt.datetime | None = None
    venue: str = ""
    late: bool = False
    kind: str = ""

    @property
    def is_ok(self) -> bool:
        return self.outcome == "ok"


def _answer(outcome: str, rep: Representative, attendance: Attendance | None) -> CheckIn:
    seat = SeatAssignment.objects.filter(representative=rep).first()
    return CheckIn(
        outcome=outcome,
        name=mask_person(rep.name),
        category=rep.category.name,
        seat=seat.label() if seat else "",
        at=attendance.checked_in_at if attendance else None,
        venue=rep.venue.name,
        late=attendance.is_late if attendance else False,
    )


def _insert(
    actor: User, rep: Representative, venue: Venue, session: Session, method: str
) -> tuple[Attendance, bool]:
    """Insert the attendance row; a second scan finds the first (unique representative)."""
    now = timezone.now()
    agenda = ensure_agenda(session)
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                representative=rep,
                session=session,
                venue=venue,
                checked_in_at=now,
                checked_in_by=actor,
                method=method,
                is_late=now > agenda.arrive_by(),
            )
            audit.record(
                actor,
                "meetings.check_in",
                attendance,
                after={"venue": venue.pk, "method": method, "late": attendance.is_late},
            )
        return attendance, True
    except IntegrityError:
        return Attendance.objects.get(representative=rep), False


def do_check_in(actor: User, session: Session, venue: Venue, raw_code: str) -> CheckIn:
    """One indexed lookup of the credential code, then one insert. Safe to scan twice."""
    code = normalise_code(raw_code)
    credential = (
        Credential.objects.select_related(
            "representative", "representative__category", "representative__venue"
        )
        .filter(code=code)
        .first()
        if code
        else None
    )
    if credential is None:
        return CheckIn("not_found")
    if credential.is_revoked:
        return CheckIn("revoked", name=mask_person(credential.name))
    rep = credential.representative
    if rep is None:
        # Staff, press and speakers enter with a card too; only representatives are counted.
        admitted = credential.venues.filter(pk=venue.pk).exists()
        return CheckIn(
            "card_valid" if admitted else "card_wrong_venue",
            name=mask_person(credential.name),
            category=credential.unit,
            kind=credential.get_kind_display(),
        )
    if not rep.is_seated:
        return CheckIn("revoked", name=mask_person(rep.name))
    if rep.session_id != session.pk:
        return CheckIn("wrong_session", name=mask_person(rep.name), venue=rep.venue.name)
    if rep.venue_id != venue.pk:
        return CheckIn("wrong_venue", name=mask_person(rep.name), venue=rep.venue.name)
    attendance, created = _insert(actor, rep, venue, session, Attendance.Method.SCAN)
    return _answer("ok" if created else "again", rep, attendance)


def do_manual_check_in(actor: User, session: Session, venue: Venue, rep: Representative) -> CheckIn:
    """For a person who forgot the card: picked from the venue's list."""
    if rep.session_id != session.pk or rep.venue_id != venue.pk or not rep.is_seated:
        raise MeetingError(_("该代表不属于本场次本会场"))
    attendance, created = _insert(actor, rep, venue, session, Attendance.Method.MANUAL)
    return _answer("ok" if created else "again", rep, attendance)


@transaction.atomic
def do_replace_absent(actor: User, rep: Representative, reason: str) -> Representative:
    """An absent representative's seat goes to the next reserve of the same stratum, only
    before the session starts; the card is revoked, the reserve gets a card and the seat."""
    agenda = ensure_agenda(rep.session)
    if agenda.has_started():
        raise MeetingError(_("述职报告会已开始，不能再递补"))
    if Attendance.objects.filter(representative=rep).exists():
        raise MeetingError(_("该代表已签到，不能替补"))
    try:
        reserve = selection_actions.do_replace_representative(actor, rep, reason)
    except selection_actions.SelectionError as exc:
        raise MeetingError(str(exc)) from exc
    for credential in Credential.objects.filter(representative=rep, is_revoked=False):
        _revoke(credential, timezone.now())
    credential = Credential.objects.create(
        campaign=rep.session.campaign,
        kind=Credential.Kind.REPRESENTATIVE,
        name=reserve.name,
        unit=reserve.employer[:100],
        representative=reserve,
        session_id=reserve.session_id,
    )
    credential.venues.set([reserve.venue])
    SeatAssignment.objects.filter(representative=rep).update(representative=reserve)
    audit.record(
        actor,
        "meetings.replace_absent",
        rep,
        after={"reserve": reserve.pk, "credential": credential.pk, "reason": reason[:200]},
    )
    return reserve


# --- seats --------------------------------------------------------------------------------


@transaction.atomic
def do_save_layout(actor: User, venue: Venue, **fields: Any) -> SeatLayout:
    layout, _created = SeatLayout.objects.get_or_create(venue=venue)
    before = {k: getattr(layout, k) for k in fields}
    for key, value in fields.items():
        setattr(layout, key, value)
    layout.save()
    audit.record(actor, "meetings.save_layout", layout, before=before, after=fields)
    return layout


def seating_order(reps: Iterable[Representative]) -> list[Representative]:
    """Category order, then home district (order, name; none last), then name, then id."""

    def key(rep: Representative) -> tuple[Any, ...]:
        source = rep.entry or rep.volunteer
        district = source.district if source is not None else None
        return (
            rep.category.order,
            rep.category_id,
            district is None,
            district.order if district else 0,
            district.name if district else "",
            rep.name,
            rep.pk,
        )

    return sorted(reps, key=key)


@transaction.atomic
def do_auto_assign_seats(actor: User, session: Session, venue: Venue) -> int:
    """Seats every seated representative of the session at the venue, from scratch."""
    layout = SeatLayout.objects.select_for_update().filter(venue=venue).first()
    if layout is None:
        raise MeetingError(_("请先设置会场座次布局"))
    reps = seating_order(
        Representative.objects.filter(
            session=session, venue=venue, status__in=SEATED
        ).select_related("category", "entry__district", "volunteer__district")
    )
    seats = layout.free_seats()
    if len(reps) > len(seats):
        raise MeetingError(
            _("座位不足：%(people)d名代表，%(seats)d个代表座位")
            % {"people": len(reps), "seats": len(seats)}
        )
    SeatAssignment.objects.filter(session=session, venue=venue).delete()
    SeatAssignment.objects.bulk_create(
        SeatAssignment(session=session, venue=venue, representative=r, row=row, seat=seat)
        for r, (row, seat) in zip(reps, seats, strict=False)
    )
    audit.record(
        actor,
        "meetings.auto_assign_seats",
        venue,
        after={"session": session.pk, "count": len(reps)},
    )
    return len(reps)


@transaction.atomic
def do_move_seat(actor: User, assignment: SeatAssignment, row: int, seat: int) -> SeatAssignment:
    """Moves one person; if the seat is taken, the two swap."""
    layout = SeatLayout.objects.filter(venue_id=assignment.venue_id).first()
    if layout is None or (row, seat) not in set(layout.free_seats()):
        raise MeetingError(_("没有这个代表座位"))
    before = {"row": assignment.row, "seat": assignment.seat}
    other = (
        SeatAssignment.objects.select_for_update()
        .filter(session_id=assignment.session_id, venue_id=assignment.venue_id, row=row, seat=seat)
        .exclude(pk=assignment.pk)
        .first()
    )
    if other is not None:
        # Park the other person on row 0 for a moment so the unique seat never clashes.
        other.row, other.seat = 0, 0
        other.save(update_fields=["row", "seat"])
    assignment.row, assignment.seat = row, seat
    assignment.save(update_fields=["row", "seat"])
    if other is not None:
        other.row, other.seat = before["row"], before["seat"]
        other.save(update_fields=["row", "seat"])
    audit.record(
        actor,
        "meetings.move_seat",
        assignment,
        before=before,
        after={"row": row, "seat": seat, "swapped_with": other.pk if other else None},
    )
    return assignment


# --- discipline ---------------------------------------------------------------------------


@transaction.atomic
def do_log_discipline(
    actor: User, session: Session, venue: Venue, observed_at: dt.datetime, text: str
) -> DisciplineNote:
    note = DisciplineNote.objects.create(
        session=session, venue=venue, observed_at=observed_at, text=text, author=actor
    )
    audit.record(actor, "meetings.log_discipline", note, after={"text": text[:200]})
    return note


def absent_filter(session: Session, venue: Venue) -> Q:
    return Q(session=session, venue=venue, status__in=SEATED, attendance__isnull=True)
