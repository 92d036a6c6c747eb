"""Demo data: agendas with four 局长通道 departments per session, a card for every seated
representative plus speakers, press and staff, a seat layout per venue with everyone seated,
session 1 held (check-ins, timer records, two discipline notes).
Idempotent; rows of the held session are written in bulk to keep ``load_demo`` quick."""

from __future__ import annotations

import datetime as dt
import math

from minping.accounts.models import User
from minping.campaigns.models import Department, Session, Venue
from minping.demo import DemoContext
from minping.meetings import actions
from minping.meetings.models import (
    Attendance,
    Credential,
    DisciplineNote,
    SeatAssignment,
    SeatLayout,
    Slot,
    TimerLog,
)
from minping.selection.models import Representative

PRESS = ["市广播电视台", "鄂尔多斯日报社", "市融媒体中心"]
STAFF_UNITS = ["市人民政府办公室", "市统计局", "市公安局"]
PRESS_LANE_ORDERS = {1, 4, 7, 10}
SEATS_PER_ROW = 16


def load(ctx: DemoContext) -> None:
    office = ctx.users.get("office")
    campaign = ctx.campaign
    if office is None or not Representative.objects.filter(draw__campaign=campaign).exists():
        return
    sessions = list(Session.objects.filter(campaign=campaign).order_by("number"))
    for session in sessions:
        agenda = actions.ensure_agenda(session)
        if not agenda.slots.filter(press_lane=True).exists():
            agenda.slots.filter(order__in=PRESS_LANE_ORDERS).update(press_lane=True)
    actions.do_issue_representative_credentials(office, campaign)
    if not Credential.objects.filter(campaign=campaign, representative__isnull=True).exists():
        _other_credentials(ctx, office)
    venues = list(Venue.objects.filter(campaign=campaign).order_by("kind", "order"))
    for venue in venues:
        if not SeatLayout.objects.filter(venue=venue).exists():
            _layout(office, venue, sessions)
    for session in sessions:
        for venue in venues:
            if not SeatAssignment.objects.filter(session=session, venue=venue).exists():
                actions.do_auto_assign_seats(office, session, venue)
    if sessions and not Attendance.objects.filter(session=sessions[0]).exists():
        _hold(ctx, sessions[0], ctx.users.get("supervisor"))


def _other_credentials(ctx: DemoContext, office: User) -> None:
    rows: list[actions.CredentialRow] = []
    main = Venue.objects.get(campaign=ctx.campaign, kind=Venue.Kind.MAIN)
    venues = list(Venue.objects.filter(campaign=ctx.campaign))
    for department in Department.objects.filter(groups__campaign=ctx.campaign).order_by("order"):
        rows.append(
            actions.CredentialRow(
                Credential.Kind.SPEAKER, ctx.faker.name(), department.name[:100], [main]
            )
        )
    for i in range(6):
        rows.append(
            actions.CredentialRow(
                Credential.Kind.PRESS, ctx.faker.name(), PRESS[i % len(PRESS)], venues
            )
        )
    for i in range(8):
        rows.append(
            actions.CredentialRow(
                Credential.Kind.STAFF, ctx.faker.name(), STAFF_UNITS[i % len(STAFF_UNITS)], venues
            )
        )
    actions.do_import_credentials(office, ctx.campaign, rows)


def _layout(office: User, venue: Venue, sessions: list[Session]) -> None:
    most = max(
        (
            Representative.objects.filter(session=s, venue=venue, status__in=actions.SEATED).count()
            for s in sessions
        ),
        default=0,
    )
    reserved = 3 if venue.is_main else 2
    rows = reserved + max(1, math.ceil(most * 1.1 / SEATS_PER_ROW))
    actions.do_save_layout(
        office,
        venue,
        rows=rows,
        seats_per_row=SEATS_PER_ROW,
        aisles_after="4,12",
        leader_rows="1",
        speaker_rows="2" if venue.is_main else "",
        press_rows="3" if venue.is_main else "",
        staff_rows="" if venue.is_main else "2",
    )


def _hold(ctx: DemoContext, session: Session, supervisor: User | None) -> None:
    """Session 1 as it happened: ~94 % checked in, a few late, every department timed."""
    agenda = actions.ensure_agenda(session)
    start = agenda.starts_at
    attendance = []
    reps = Representative.objects.filter(session=session, status__in=actions.SEATED).order_by("pk")
    for rep in reps:
        roll = ctx.random.random()
        if roll < 0.06:
            continue  # absent
        minutes = -ctx.random.uniform(21, 55) if roll < 0.9 else -ctx.random.uniform(2, 20)
        at = start + dt.timedelta(minutes=minutes)
        attendance.append(
            Attendance(
                representative=rep,
                session=session,
                venue_id=rep.venue_id,
                checked_in_at=at,
                method=Attendance.Method.SCAN if roll < 0.97 else Attendance.Method.MANUAL,
                is_late=at > agenda.arrive_by(),
            )
        )
    Attendance.objects.bulk_create(attendance, batch_size=500)
    clock = start + dt.timedelta(minutes=12)  # after the opening words
    slots = list(agenda.slots.order_by("order"))
    logs = []
    for slot in slots:
        spoken = (
            ctx.random.uniform(470, 600)
            if ctx.random.random() < 0.75
            else 600 + ctx.random.uniform(10, 95)
        )
        slot.state = Slot.State.FINISHED
        slot.started_at = clock
        slot.spoken_seconds = round(spoken, 1)
        slot.finished_at = clock + dt.timedelta(seconds=spoken)
        logs += [
            TimerLog(slot=slot, from_state="waiting", to_state="running", created_at=clock),
            TimerLog(
                slot=slot, from_state="running", to_state="finished", created_at=slot.finished_at
            ),
        ]
        clock = slot.finished_at + dt.timedelta(seconds=40)
    Slot.objects.bulk_update(slots, ["state", "started_at", "spoken_seconds", "finished_at"])
    TimerLog.objects.bulk_create(logs)
    if slots:
        agenda.current = slots[-1]
        agenda.save(update_fields=["current"])
    main = Venue.objects.get(campaign=session.campaign, kind=Venue.Kind.MAIN)
    branch = Venue.objects.filter(campaign=session.campaign, kind=Venue.Kind.BRANCH).first()
    notes = [
        (main, start - dt.timedelta(minutes=25), "入场有序，证件查验到位。"),
        (branch or main, start + dt.timedelta(minutes=48), "后排两名代表接打手机，已提醒。"),
    ]
    DisciplineNote.objects.bulk_create(
        DisciplineNote(session=session, venue=v, observed_at=t, text=text, author=supervisor)
        for v, t, text in notes
    )
