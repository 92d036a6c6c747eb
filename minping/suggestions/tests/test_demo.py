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
    assert Suggestion.objects.exclude(proposer__username="shimin").count() == 40
    states = set(Suggestion.objects.values_list("state", flat=True))
    assert {"submitted", "dispatched", "closed"} <= states
    assert Assignment.objects.filter(state="done").exists()
    demo.load(ctx)
    assert Suggestion.objects.count() == 42  # and the demo citizen's two


def test_the_demo_citizen_sees_an_answered_suggestion_to_rate_and_one_waiting(
    clock, campaign, personas, monkeypatch, client
):
    from minping.demo import DEMO_PASSWORD, DemoContext

    monkeypatch.setattr(demo, "COUNT", 0)
    ctx = DemoContext(campaign=campaign)
    ctx.users["office"] = personas.office
    demo.load(ctx)
    assert ("shimin" in dict(ctx.logins)) and client.login(
        username="shimin", password=DEMO_PASSWORD
    )
    page = client.get("/suggestions/").content.decode()
    mine = list(Suggestion.objects.filter(proposer__username="shimin").order_by("submitted_at"))
    assert len(mine) == 2 and all(s.title in page for s in mine)
    assert mine[0].can_be_rated() and mine[1].state == "submitted"
    demo.load(ctx)
    assert Suggestion.objects.filter(proposer__username="shimin").count() == 2
