"""Dispatch moments (time zones, after office hours), due moments, lateness and days left."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from minping.workdays import (
    SHANGHAI,
    due_at,
    is_late,
    local_date,
    next_workday,
    remaining_workdays,
)

D = dt.date.fromisoformat
UTC = dt.UTC


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def test_the_due_moment_is_the_close_of_the_fifth_working_day_in_shanghai(official):
    due = due_at(official, local("2025-01-24 09:30"), 5, SHANGHAI)
    assert due == local("2025-02-07 23:59:59")
    assert due.utcoffset() == dt.timedelta(hours=8)


def test_a_dispatch_after_office_hours_gets_the_same_due_date_as_one_in_the_morning(official):
    morning = due_at(official, local("2025-01-24 08:05"), 5, SHANGHAI)
    late_evening = due_at(official, local("2025-01-24 23:40"), 5, SHANGHAI)
    assert morning == late_evening


def test_a_utc_timestamp_is_counted_from_its_shanghai_date(official):
    # 17:00 UTC on Sunday 26 Jan is 01:00 on Monday 27 Jan in Shanghai.
    utc_moment = dt.datetime(2025, 1, 26, 17, 0, tzinfo=UTC)
    assert due_at(official, utc_moment, 5, SHANGHAI).date() == D("2025-02-10")
    assert due_at(official, D("2025-01-26"), 5, SHANGHAI).date() == D("2025-02-08")


def test_another_time_zone_can_be_asked_for(official):
    urumqi = ZoneInfo("Asia/Urumqi")  # UTC+6
    moment = dt.datetime(2025, 1, 26, 17, 0, tzinfo=UTC)  # 23:00 Sunday in Urumqi
    assert due_at(official, moment, 5, urumqi).date() == D("2025-02-08")


def test_the_close_of_day_can_be_set_to_office_closing_time(official):
    due = due_at(official, D("2025-01-24"), 5, SHANGHAI, close_of_day=dt.time(17, 30))
    assert due == local("2025-02-07 17:30")


def test_a_reply_on_the_due_date_is_on_time_up_to_midnight():
    due = D("2025-02-07")
    assert not is_late(local("2025-02-07 23:59:59.900"), due)
    assert is_late(local("2025-02-08 00:00:01"), due)
    # 17:00 UTC on the 7th is already the 8th in Shanghai.
    assert is_late(dt.datetime(2025, 2, 7, 17, 0, tzinfo=UTC), due)
    assert not is_late(D("2025-02-07"), due)


def test_working_days_left_count_the_due_date_but_not_today(official):
    due = D("2025-02-07")
    assert remaining_workdays(official, local("2025-01-27 10:00"), due) == 3
    assert remaining_workdays(official, local("2025-01-29 10:00"), due) == 3  # on a holiday
    assert remaining_workdays(official, local("2025-02-06 10:00"), due) == 1
    assert remaining_workdays(official, local("2025-02-07 10:00"), due) == 0


def test_working_days_overdue_are_negative_and_lateness_is_judged_by_date(official):
    due = D("2025-02-07")
    assert remaining_workdays(official, local("2025-02-08 10:00"), due) == -1  # 调休 Saturday
    assert remaining_workdays(official, local("2025-02-11 10:00"), due) == -3
    # Due Friday 14 March, now Saturday: no working day has passed, but it is late.
    assert remaining_workdays(official, local("2025-03-15 10:00"), D("2025-03-14")) == 0
    assert is_late(local("2025-03-15 10:00"), D("2025-03-14"))


def test_a_weekly_duty_on_a_holiday_wednesday_moves_to_the_next_working_day(official):
    assert next_workday(official, D("2025-01-29")) == D("2025-02-05")
    assert next_workday(official, D("2025-10-08")) == D("2025-10-09")
    assert next_workday(official, D("2026-02-18")) == D("2026-02-24")
    assert next_workday(official, D("2025-03-05")) == D("2025-03-05")


def test_a_naive_datetime_is_taken_as_local_time(official):
    naive = dt.datetime(2025, 1, 26, 23, 30)  # Sunday evening, no time zone
    assert due_at(official, naive, 5, SHANGHAI).date() == D("2025-02-08")
    assert local_date(naive) == D("2025-01-26")
    assert local_date(D("2025-01-26")) == D("2025-01-26")
