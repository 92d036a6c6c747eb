"""Random sequences of attempted steps by random people never break the lifecycle's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minping.consultations import actions
from minping.consultations.models import Comment, Consultation, TransitionLog

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db

STEPS = ["submit", "return", "publish", "publish_short", "comment", "weigh", "report",
         "submit_report", "return_report", "approve", "archive", "next_week"]  # fmt: skip
PEOPLE = ["office", "dept_a", "dept_b"]


def _weigh(user, c):
    for comment in actions.needs_weighing(c.comments.all()):
        opinion = actions.do_group(user, c, comments=[comment], summary="意见")
        actions.do_decide(user, opinion, decision="adopted", reply="")


RUN = {
    "submit": lambda u, c, k: actions.do_submit(u, c),
    "return": lambda u, c, k: actions.do_return(u, c, reason="请修改"),
    "publish": lambda u, c, k: actions.do_publish(u, c),
    "publish_short": lambda u, c, k: actions.do_publish(u, c, accept_shortened=True),
    "comment": lambda u, c, k: actions.do_comment(c, actions.CommentData(text="一条意见")),
    "weigh": lambda u, c, k: _weigh(u, c),
    "report": lambda u, c, k: actions.do_save_report(u, c, overview="概述"),
    "submit_report": lambda u, c, k: actions.do_submit_report(u, c),
    "return_report": lambda u, c, k: actions.do_return_report(u, c, reason="补充"),
    "approve": lambda u, c, k: actions.do_approve_report(u, c),
    "archive": lambda u, c, k: actions.do_archive(u, c),
}


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from(STEPS), st.sampled_from(PEOPLE)), max_size=14))
def test_every_change_is_allowed_by_the_table_taken_by_its_role_and_logged_once(
    clock, personas, make_draft, sequence
):
    clock.move_to(MONDAY)  # the fixture's clock is shared by all examples
    with transaction.atomic():
        c = make_draft(closes_on=MONDAY.date() + dt.timedelta(days=20), shortened_reason="急需出台")
        day = MONDAY
        for step, who in sequence:
            if step == "next_week":
                day = at(day.date() + dt.timedelta(days=7))
                clock.move_to(day)
                actions.do_apply_clock(Consultation.objects.get(pk=c.pk))
                continue
            user = getattr(personas, who)
            before = Consultation.objects.get(pk=c.pk).state
            logs = TransitionLog.objects.filter(consultation=c).count()
            try:
                with transaction.atomic():
                    RUN[step](user, Consultation.objects.get(pk=c.pk), None)
            except actions.Refused:
                assert Consultation.objects.get(pk=c.pk).state == before
                assert TransitionLog.objects.filter(consultation=c).count() == logs
        rows = list(TransitionLog.objects.filter(consultation=c).order_by("at", "pk"))
        state = Consultation.State.DRAFT
        for row in rows:
            assert row.from_state == state, "every step starts where the last one ended"
            assert row.to_state in actions.ALLOWED[row.from_state]
            assert row.actor_role == actions.ACTOR[(row.from_state, row.to_state)]
            if row.actor_role == "unit":
                assert row.actor == personas.dept_a
            elif row.actor_role == "office":
                assert row.actor == personas.office
            else:
                assert row.actor is None
            state = row.to_state
        final = Consultation.objects.get(pk=c.pk)
        assert final.state == state
        if final.state in (Consultation.State.DRAFT, Consultation.State.SUBMITTED):
            assert not Comment.objects.filter(consultation=c).exists(), (
                "no comments before publication"
            )
        transaction.set_rollback(True)
