"""Quotas and a committed draw never vanish with the session, venue or campaign they use."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from minping.campaigns.models import Session, Venue
from minping.selection.actions import do_commit_draw
from minping.selection.models import Draw, Quota

pytestmark = pytest.mark.django_db


def test_a_session_with_quotas_cannot_be_deleted_and_the_office_is_told_why(
    seeded, personas, login
) -> None:
    session = Session.objects.get(campaign=seeded, number=1)
    quotas = Quota.objects.filter(session=session).count()
    assert quotas > 0
    with pytest.raises(ProtectedError) as refused:
        session.delete()
    assert any(isinstance(row, Quota) for row in refused.value.protected_objects)
    response = login(personas.office).post(
        reverse("campaigns:session_delete", args=[session.pk]), follow=True
    )
    assert "这个场次已有关联数据（名额），不能删除" in response.content.decode()
    assert Quota.objects.filter(session=session).count() == quotas


def test_a_venue_with_quotas_cannot_be_deleted(seeded, personas, login) -> None:
    venue = Venue.objects.filter(campaign=seeded, quotas__isnull=False).distinct().first()
    with pytest.raises(ProtectedError) as refused:
        venue.delete()
    assert any(isinstance(row, Quota) for row in refused.value.protected_objects)
    response = login(personas.office).post(
        reverse("campaigns:venue_delete", args=[venue.pk]), follow=True
    )
    assert "这个会场已有关联数据（名额），不能删除" in response.content.decode()
    assert Venue.objects.filter(pk=venue.pk).exists()


def test_a_campaign_with_a_committed_draw_cannot_be_deleted(campaign, personas) -> None:
    do_commit_draw(personas.statistics, campaign, mode="systematic")
    with pytest.raises(ProtectedError) as refused:
        campaign.delete()
    assert any(isinstance(row, Draw) for row in refused.value.protected_objects)
    assert Draw.objects.filter(campaign=campaign).exists()
