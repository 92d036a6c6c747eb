"""Citizens' suggestions never vanish with the campaign they were filed in."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError

from minping.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db


def test_a_campaign_with_suggestions_cannot_be_deleted(campaign, make_suggestion):
    suggestion = make_suggestion()
    with pytest.raises(ProtectedError) as refused:
        campaign.delete()
    assert suggestion in refused.value.protected_objects
    assert Suggestion.objects.filter(pk=suggestion.pk).exists()
