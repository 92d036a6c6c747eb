"""The official calendar of the years the tests use, built once per session."""

from __future__ import annotations

import pytest

from minping.workdays import Calendar

YEARS = range(2021, 2027)


@pytest.fixture(scope="session")
def official() -> Calendar:
    return Calendar.from_chinesecalendar(YEARS)
