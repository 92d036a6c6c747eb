from __future__ import annotations

import pytest

from minping.suggestions import demo
from minping.suggestions.models import Assignment, Suggestion

pytestmark = pytest.mark.django_db


def test_demo_builds_suggestions_in_many_states_and_is_idempotent(
    clock, campaign, personas, monkeypatch
):
    from minping.demo import DemoContext

    monkeypatch.setattr(demo, "COUNT", 40)
    ctx = DemoContext(campaign=campaign)
    ctx.users["office"] = personas.office
    demo.load(ctx)
    assert Suggestion.objects.count() == 40
    states = set(Suggestion.objects.values_list("state", flat=True))
    assert {"submitted", "dispatched", "closed"} <= states
    assert Assignment.objects.filter(state="done").exists()
    demo.load(ctx)
    assert Suggestion.objects.count() == 40
