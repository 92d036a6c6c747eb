"""Shared pieces for demo data: every app's ``demo.py`` gets a :class:`DemoContext`.

An app's ``demo.load(ctx)`` must be idempotent (running ``load_demo`` twice changes
nothing) and must create synthetic people only: names from ``ctx.faker`` (zh_CN, seeded),
ID numbers from :func:`minping.lib.idnumber.make`, phones from ``ctx.fake_mobile()``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

from minping.lib import idnumber

DEMO_PASSWORD = "minping2026"  # noqa: S105 - printed on the console for the demo only
DEMO_YEAR = 2026
DEMO_FIRST_DAY = dt.date(2027, 1, 12)


@dataclass
class DemoContext:
    campaign: Any
    users: dict[str, Any] = field(default_factory=dict)
    seed: int = 2026
    logins: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.faker = Faker("zh_CN")
        self.faker.seed_instance(self.seed)
        self.random = random.Random(self.seed)  # noqa: S311 - demo data, not security

    def fake_mobile(self) -> str:
        # 199 0xxx xxxx: a synthetic range, never a number from the seeds.
        return f"1990{self.random.randrange(10**7):07d}"

    def fake_id_number(self, *, age: int | None = None, region: str = "150602") -> str:
        age = age if age is not None else self.random.randint(20, 70)
        birth = dt.date(
            DEMO_FIRST_DAY.year - age, self.random.randint(1, 12), self.random.randint(1, 28)
        )
        return idnumber.make(region, birth, self.random.randrange(1000))

    def add_login(self, username: str, description: str) -> None:
        self.logins.append((username, description))
