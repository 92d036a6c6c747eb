"""Every meeting-day write leaves an audit entry; attendance carries nothing of the ballots."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from minping.accounts.models import AuditEntry
from minping.meetings import actions
from minping.meetings.models import Attendance, Credential

pytestmark = pytest.mark.django_db


def verbs() -> list[str]:
    return list(
        AuditEntry.objects.filter(verb__startswith="meetings.").values_list("verb", flat=True)
    )


def test_each_action_writes_its_audit_entry(day: Any, personas: Any) -> None:
    office = personas.office
    agenda = actions.ensure_agenda(day.session)
    slot = agenda.slots.order_by("order").first()
    actions.do_update_agenda(office, agenda, starts_at=agenda.starts_at, slot_seconds=480)
    actions.do_move_slot(office, slot, "down")
    actions.do_set_press_lane(office, slot, True)
    actions.do_timer(office, agenda, "start")
    actions.do_issue_representative_credentials(office, day.session.campaign)
    card = Credential.objects.filter(representative=day.seated[0]).get()
    actions.do_reissue_credential(office, card)
    actions.do_add_credential(
        office, day.session.campaign, kind="staff", name="甲", unit="乙", venues=[day.main]
    )
    actions.do_import_credentials(
        office, day.session.campaign, [actions.CredentialRow("press", "丙", "丁", [day.main])]
    )
    actions.do_manual_check_in(personas.district, day.session, day.branch, day.seated[1])
    actions.do_save_layout(office, day.branch, rows=2, seats_per_row=5)
    actions.do_auto_assign_seats(office, day.session, day.branch)
    seat = day.seated[2].seat
    actions.do_move_seat(office, seat, 2, 5)
    actions.do_log_discipline(personas.supervisor, day.session, day.branch, timezone.now(), "好")
    assert sorted(set(verbs())) == sorted(
        {
            "meetings.update_agenda",
            "meetings.move_slot",
            "meetings.set_press_lane",
            "meetings.timer_start",
            "meetings.issue_representative_credentials",
            "meetings.reissue_credential",
            "meetings.add_credential",
            "meetings.import_credentials",
            "meetings.check_in",
            "meetings.save_layout",
            "meetings.auto_assign_seats",
            "meetings.move_seat",
            "meetings.log_discipline",
        }
    )


def test_a_repeated_scan_is_not_audited_twice(day: Any, personas: Any) -> None:
    for _ in range(2):
        actions.do_manual_check_in(personas.district, day.session, day.branch, day.seated[1])
    assert verbs().count("meetings.check_in") == 1


def test_attendance_has_no_field_that_could_hold_a_ballot_token() -> None:
    names = {f.name for f in Attendance._meta.get_fields()}
    assert names == {
        "id", "representative", "session", "venue", "checked_in_at", "checked_in_by",
        "method", "is_late",
    }  # fmt: skip
