from __future__ import annotations

import datetime as dt

import pytest

from minping.suggestions import deadlines
from minping.suggestions.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


def test_the_table_is_seeded_from_chinesecalendar_with_make_up_working_days(db):
    assert CalendarYear.objects.filter(year=2025).exists()
    sunday = CalendarDay.objects.get(date=dt.date(2025, 1, 26))
    assert sunday.is_workday  # 调休: Sunday worked before the Spring Festival
    assert not CalendarDay.objects.get(date=dt.date(2025, 10, 1)).is_workday


def test_editing_the_table_changes_the_next_deadline(db):
    start = dt.date(2025, 6, 2)  # Monday
    assert deadlines.add(start, 5) == dt.date(2025, 6, 9)
    CalendarDay.objects.create(date=dt.date(2025, 6, 4), is_workday=False, name="临时调整")
    assert deadlines.add(start, 5) == dt.date(2025, 6, 10)


def test_a_year_counts_only_once_it_is_declared_complete(db):
    CalendarDay.objects.create(date=dt.date(2030, 1, 1), is_workday=False, name="元旦")
    assert deadlines.add(dt.date(2030, 1, 2), 1) is None  # 期限待定, not a guess
    CalendarYear.objects.create(year=2030, source="manual")
    assert deadlines.add(dt.date(2030, 1, 2), 1) == dt.date(2030, 1, 3)
    assert deadlines.add(dt.date(2029, 12, 31), 1) is None  # 2029 is still unknown


def test_the_office_is_warned_in_december_when_next_years_notice_is_missing(client, personas):
    import time_machine

    client.force_login(personas.office)
    with time_machine.travel(dt.datetime(2025, 12, 2, 9), tick=False):
        page = client.get("/accounts/").content.decode()
        assert "2026年国务院节假日安排尚未录入" not in page  # 2026 is in chinesecalendar
        CalendarYear.objects.filter(year=2026).delete()
        page = client.get("/accounts/").content.decode()
        assert "2026年国务院节假日安排尚未录入" in page
