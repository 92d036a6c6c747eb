"""Property test through the app: random frames and quotas in the database, drawn twice."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minping.selection import actions
from minping.selection.models import Quota, Representative, SampleFrame, Volunteer

from .conftest import add_volunteers, fill_frame

pytestmark = pytest.mark.django_db

DISTRICTS = ["东胜区", "康巴什区"]
strata = st.dictionaries(
    st.tuples(st.sampled_from([1, 2]), st.sampled_from([None, *DISTRICTS])),
    st.integers(min_value=0, max_value=3),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(npc=strata, volunteers=st.integers(min_value=0, max_value=2), spare=st.integers(0, 3))
def test_stored_draws_fill_every_quota_once_per_person_and_repeat_exactly(
    seeded: Any, personas: Any, npc: dict[tuple[int, str | None], int], volunteers: int, spare: int
) -> None:
    with transaction.atomic():
        Quota.objects.filter(campaign=seeded).update(count=0, seed_count=0)
        for (session, district), seats in npc.items():
            where = (
                {"venue__kind": "main"} if district is None else {"venue__district__name": district}
            )
            Quota.objects.filter(
                campaign=seeded, session__number=session, category__code="npc", **where
            ).update(count=seats, seed_count=seats)
        need = {d: 0 for d in DISTRICTS}
        for (_session, district), seats in npc.items():
            if district:
                need[district] += 2 * seats
        main = sum(2 * s for (_s, d), s in npc.items() if d is None)
        # Generous pools: the main venue (drawn first) may take anyone, from any district.
        fill_frame(seeded, "npc", {d: n + main + spare for d, n in need.items()}, main_only=main)
        add_volunteers(seeded, "东胜区", volunteers)

        results = []
        for seed in ("same", "same"):
            draw = actions.do_commit_draw(personas.statistics, seeded, mode="systematic", seed=seed)
            actions.do_reveal_seed(personas.statistics, draw)
            actions.do_run_draw(personas.statistics, draw)
            seats = list(
                Representative.objects.filter(draw=draw).values_list(
                    "person_key", "session__number", "venue__district__name", "status", "rank"
                )
            )
            results.append(sorted(seats))
            keys = [s[0] for s in seats]
            assert len(keys) == len(set(keys))  # nobody twice
            for (session, district), wanted in npc.items():
                got = [
                    s for s in seats if s[1] == session and s[2] == district and s[3] == "selected"
                ]
                assert len(got) == wanted
            # Undo the draw's side effects, so the second run sees the same frame.
            draw.delete()
            SampleFrame.objects.filter(campaign=seeded).update(status="ready")
            Volunteer.objects.filter(campaign=seeded).update(status="confirmed")
        assert results[0] == results[1]
        transaction.set_rollback(True)
