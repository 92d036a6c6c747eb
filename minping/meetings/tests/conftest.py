"""Fixtures for the meetings tests: a small draw for session 1 (main venue and 东胜区)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

NAMES = ["王小明", "李华", "赵一鸣", "孙丽娟", "周强", "吴敏", "郑浩然", "冯雪"]


@dataclass
class Day:
    session: Any
    other_session: Any
    main: Any
    branch: Any  # 东胜区分会场
    far: Any  # another district's branch venue
    categories: list[Any]
    seated: list[Any] = field(default_factory=list)  # at the branch venue
    main_seated: list[Any] = field(default_factory=list)
    reserves: list[Any] = field(default_factory=list)


def make_rep(
    draw: Any, session: Any, venue: Any, category: Any, name: str, rank: int, **extra: Any
) -> Any:
    from minping.selection.models import Representative

    return Representative.objects.create(
        draw=draw,
        session=session,
        venue=venue,
        category=category,
        person_key=f"{session.pk}-{venue.pk}-{category.pk}-{rank}-{name}",
        name=name,
        employer="某公司",
        rank=rank,
        status=extra.pop("status", Representative.Status.SELECTED),
        **extra,
    )


@pytest.fixture
def day(personas: Any) -> Day:
    from minping.campaigns.models import Category, Session, Venue
    from minping.selection.models import Draw, Representative

    session = Session.objects.get(number=1)
    other = Session.objects.get(number=2)
    main = Venue.objects.get(kind="main")
    branch = Venue.objects.get(name="东胜区分会场")
    far = Venue.objects.exclude(pk__in=[main.pk, branch.pk]).filter(kind="branch").first()
    categories = list(Category.objects.order_by("order")[:2])
    draw = Draw.objects.create(
        campaign=session.campaign,
        mode=Draw.Mode.SYSTEMATIC,
        status=Draw.Status.DONE,
        commitment="0" * 64,
        sealed_seed="test-seed",
    )
    result = Day(session, other, main, branch, far, categories)
    for i, name in enumerate(NAMES[:6]):
        result.seated.append(make_rep(draw, session, branch, categories[i % 2], name, i + 1))
    for i, name in enumerate(NAMES[6:]):
        result.main_seated.append(make_rep(draw, session, main, categories[0], name, i + 1))
    for i, name in enumerate(["钱备一", "钱备二"]):
        result.reserves.append(
            make_rep(
                draw,
                session,
                branch,
                categories[0],
                name,
                10 + i,
                status=Representative.Status.RESERVE,
            )
        )
    make_rep(draw, other, branch, categories[0], "别场次", 1)
    return result


@pytest.fixture
def credentials(day: Day, personas: Any) -> dict[str, Any]:
    """A live credential per seated representative, by name."""
    from minping.meetings.actions import do_issue_representative_credentials
    from minping.meetings.models import Credential

    do_issue_representative_credentials(personas.office, day.session.campaign)
    return {c.name: c for c in Credential.objects.filter(is_revoked=False)}
