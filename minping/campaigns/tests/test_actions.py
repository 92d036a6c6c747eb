from __future__ import annotations

import pytest
from django.db.models import ProtectedError

from minping.accounts.models import AuditEntry
from minping.campaigns import actions
from minping.campaigns.models import Campaign, DepartmentGroup, Session


def test_deleting_something_that_cascades_elsewhere_is_refused(campaign):
    group = DepartmentGroup.objects.get(campaign=campaign, number=1)
    # A group's memberships would go with it (CASCADE): the guard refuses.
    with pytest.raises(ProtectedError):
        actions._refuse_if_in_use(group)


def test_an_unused_session_can_be_deleted_and_the_deletion_is_audited(campaign):
    session = Session.objects.get(campaign=campaign, number=3)
    actions.do_delete_session(None, session)
    assert not Session.objects.filter(campaign=campaign, number=3).exists()
    entry = AuditEntry.objects.get(verb="campaigns.delete_session")
    assert entry.before["number"] == 3


def test_only_one_campaign_is_current(campaign):
    other = actions.do_create_campaign(None, year=2026, title="2026")
    assert not other.is_current
    actions.do_set_current_campaign(None, other)
    assert list(Campaign.objects.filter(is_current=True)) == [other]
    assert Campaign.objects.current() == other


def test_an_update_records_before_and_after(campaign):
    actions.do_update_campaign(None, campaign, title="新标题")
    entry = AuditEntry.objects.get(verb="campaigns.update_campaign")
    assert entry.after == {"title": "新标题"}
    assert entry.before["title"].startswith("2025年")


def test_a_group_update_keeps_the_given_order(campaign):
    group = DepartmentGroup.objects.get(campaign=campaign, number=3)
    departments = list(group.ordered_departments())
    actions.do_update_group(
        None, group, number=3, name="第三组", departments=list(reversed(departments))
    )
    assert list(group.ordered_departments()) == list(reversed(departments))
