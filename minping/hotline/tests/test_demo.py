"""The demo: synthetic people, a rota published in advance, past duties with calls."""

from __future__ import annotations

import pytest
from django.utils import timezone

from minping.demo import DemoContext
from minping.hotline import demo
from minping.hotline.models import Call, Duty, DutyPerson, Rota, RotaLog
from minping.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db


def test_the_demo_builds_a_published_rota_with_past_calls_and_is_safe_to_run_twice(
    campaign, personas
):
    ctx = DemoContext(campaign=campaign, users={"office": personas.office})
    demo.load(ctx)
    counts = (DutyPerson.objects.count(), Duty.objects.count(), Call.objects.count())
    demo.load(ctx)
    assert (DutyPerson.objects.count(), Duty.objects.count(), Call.objects.count()) == counts

    assert DutyPerson.objects.filter(kind="leader").count() == 6
    assert DutyPerson.objects.filter(kind="head").count() == 33
    rota = Rota.objects.get()
    assert rota.is_published and rota.published_at.date() < rota.start
    today = timezone.localdate()
    assert Duty.objects.filter(date__gt=today).exists()
    past = Duty.objects.filter(date__lt=today)
    assert past.exists() and not past.filter(calls__isnull=True).exists()
    linked = Call.objects.exclude(suggestion=None)
    assert linked.exists()
    assert set(Suggestion.objects.filter(channel="phone").values_list("number", flat=True)) == set(
        linked.values_list("suggestion_id", flat=True)
    )
    assert RotaLog.objects.filter(after_publication=True).exists()
    assert not [
        p for p in DutyPerson.objects.all() if p.phone and not str(p.phone).startswith("199")
    ]
