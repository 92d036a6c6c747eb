"""A Triage over the 16 reference areas and the city's 33 departments (ids are the names)."""

from __future__ import annotations

import pytest

from minping.campaigns.seeddata import GROUPS_2023
from minping.triage import (
    DEPARTMENT_ALIASES,
    DEPARTMENT_KEYWORDS,
    REFERENCE_AREAS,
    DeptProfile,
    Triage,
)

DEPARTMENTS = [name for _, names in GROUPS_2023 for name in names]


@pytest.fixture(scope="session")
def triage() -> Triage:
    profiles = [
        DeptProfile(name, name, DEPARTMENT_KEYWORDS[name], DEPARTMENT_ALIASES.get(name, ()))
        for name in DEPARTMENTS
    ]
    return Triage(REFERENCE_AREAS, profiles)
