"""The demo: an open consultation with comments, a closed one with report and hearing, a draft."""

from __future__ import annotations

import pytest

from minping.consultations import demo
from minping.consultations.models import Comment, Consultation, Hearing, Participant

pytestmark = pytest.mark.django_db


def test_demo_builds_the_three_consultations_and_is_idempotent(clock, campaign, personas):
    from minping.accounts.actions import do_create_user
    from minping.campaigns.models import Department
    from minping.demo import DemoContext

    ctx = DemoContext(campaign=campaign)
    ctx.users.update(office=personas.office, fgw=personas.dept_a)
    for username, name in [("jyj", "市教育体育局"), ("czj", "市财政局")]:
        ctx.users[username] = do_create_user(
            None, username=username, password="x-Pass-2025", role="department",
            department=Department.objects.get(name=name),
        )  # fmt: skip
    demo.load(ctx)
    states = dict(Consultation.objects.values_list("title", "state"))
    assert states == {
        demo.OPEN_TITLE: "open",
        demo.CLOSED_TITLE: "report_published",
        demo.DRAFT_TITLE: "draft",
    }
    open_one = Consultation.objects.get(title=demo.OPEN_TITLE)
    assert open_one.comments.count() == 40
    assert open_one.comments.filter(status=Comment.Status.PENDING).exists()
    hearing = Hearing.objects.get()
    assert hearing.stage == Hearing.Stage.REPORTED and hearing.draw_seed
    assert Participant.objects.filter(hearing=hearing, source="drawn").count() == 7
    assert (
        "抽签种子为 20260815" in Consultation.objects.get(title=demo.CLOSED_TITLE).report.body_html
    )
    demo.load(ctx)
    assert Consultation.objects.count() == 3 and Comment.objects.count() == 40 + 22
