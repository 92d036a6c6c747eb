"""Automatic seating: deterministic, reserved rows kept free, never two people on one seat."""

from __future__ import annotations

from typing import Any

import pytest

from minping.meetings import actions
from minping.meetings.models import SeatAssignment, SeatLayout

pytestmark = pytest.mark.django_db


def layout(personas: Any, venue: Any, **fields: Any) -> SeatLayout:
    values = {"rows": 3, "seats_per_row": 3, "aisles_after": "", "leader_rows": "1"}
    values.update(fields)
    return actions.do_save_layout(personas.office, venue, **values)


def seating(day: Any) -> list[tuple[str, int, int]]:
    return [
        (a.representative.name, a.row, a.seat)
        for a in SeatAssignment.objects.filter(session=day.session, venue=day.branch)
        .select_related("representative")
        .order_by("row", "seat")
    ]


def test_seats_go_by_category_then_name_from_the_first_free_row(day: Any, personas: Any) -> None:
    layout(personas, day.branch)
    assert actions.do_auto_assign_seats(personas.district, day.session, day.branch) == 6
    first, second = day.categories
    expected = sorted(
        day.seated, key=lambda r: (0 if r.category_id == first.pk else 1, r.name, r.pk)
    )
    got = seating(day)
    assert [name for name, _row, _seat in got] == [r.name for r in expected]
    assert {row for _name, row, _seat in got} == {2, 3}  # row 1 is kept for leaders


def test_running_it_again_gives_the_same_chart(day: Any, personas: Any) -> None:
    layout(personas, day.branch)
    actions.do_auto_assign_seats(personas.district, day.session, day.branch)
    before = seating(day)
    actions.do_auto_assign_seats(personas.district, day.session, day.branch)
    assert seating(day) == before


def test_a_hall_too_small_is_refused_and_nothing_changes(day: Any, personas: Any) -> None:
    layout(personas, day.branch, rows=2)  # 3 seats for 6 people
    with pytest.raises(actions.MeetingError, match="座位不足"):
        actions.do_auto_assign_seats(personas.district, day.session, day.branch)
    assert not SeatAssignment.objects.exists()


def test_moving_someone_onto_a_taken_seat_swaps_the_two(day: Any, personas: Any) -> None:
    layout(personas, day.branch)
    actions.do_auto_assign_seats(personas.district, day.session, day.branch)
    a, b = SeatAssignment.objects.order_by("row", "seat")[:2]
    actions.do_move_seat(personas.district, a, b.row, b.seat)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.row, a.seat, b.row, b.seat) == (2, 2, 2, 1)
    seats = list(SeatAssignment.objects.values_list("row", "seat"))
    assert len(seats) == len(set(seats))


def test_nobody_is_moved_into_a_reserved_row_or_off_the_plan(day: Any, personas: Any) -> None:
    layout(personas, day.branch)
    actions.do_auto_assign_seats(personas.district, day.session, day.branch)
    a = SeatAssignment.objects.first()
    for row, seat in [(1, 1), (4, 1), (2, 9)]:
        with pytest.raises(actions.MeetingError):
            actions.do_move_seat(personas.district, a, row, seat)
