"""Random sequences of attempted steps by random people never break the workflow's rules."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minping.suggestions import actions
from minping.suggestions.models import Assignment, Suggestion, TransitionLog

pytestmark = pytest.mark.django_db
S = Assignment.State

STEPS = ["accept", "object", "decide_objection", "extend", "decide_extension", "reply",
         "approve", "return", "rate_unsatisfied", "reopen"]  # fmt: skip
PEOPLE = ["office", "dept_a", "dept_b", "proposer"]


def _office(user):
    if user is None or not user.is_office:
        raise actions.Refused("office only")  # the view's role check
    return user


def _pending(queryset):
    item = queryset.filter(decision="pending").first()
    if item is None:
        raise actions.Refused("nothing pending")
    return item


RUN = {
    "accept": lambda u, a: actions.do_accept(u, a),
    "object": lambda u, a: actions.do_object(u, a, reason="不属于本单位"),
    "decide_objection": lambda u, a: actions.do_decide_objection(
        _office(u), _pending(a.objections), accept=False
    ),
    "extend": lambda u, a: actions.do_request_extension(u, a, days=2, progress="正在协调处理"),
    "decide_extension": lambda u, a: actions.do_decide_extension(
        _office(u), _pending(a.extensions), approve=True
    ),
    "reply": lambda u, a: actions.do_reply(
        u, a, actions.ReplyData(text="已经研究并答复建议人。", theme="t")
    ),
    "approve": lambda u, a: actions.do_approve_reply(u, a),
    "return": lambda u, a: actions.do_return_reply(u, a, reason="答复不具体"),
    "rate_unsatisfied": lambda u, a: actions.do_rate(a.suggestion, rating="unsatisfied"),
    "reopen": lambda u, a: actions.do_reopen(a.suggestion, reason="还是不满意"),
}


def attempt(step, who, personas, a):
    user = None if who == "proposer" else getattr(personas, who)
    RUN[step](user, Assignment.objects.get(pk=a.pk))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from(STEPS), st.sampled_from(PEOPLE)), max_size=12))
def test_every_change_is_allowed_by_the_table_taken_by_its_role_and_logged_once(
    clock, personas, make_suggestion, dispatch, sequence
):
    with transaction.atomic():
        a = dispatch(make_suggestion())
        for step, who in sequence:
            before = Assignment.objects.get(pk=a.pk).state
            logs = TransitionLog.objects.filter(assignment=a).count()
            try:
                with transaction.atomic():
                    attempt(step, who, personas, a)
            except actions.Refused:
                assert Assignment.objects.get(pk=a.pk).state == before
                assert TransitionLog.objects.filter(assignment=a).count() == logs
                continue
            after = Assignment.objects.get(pk=a.pk).state
            new_logs = list(TransitionLog.objects.filter(assignment=a).order_by("pk"))[logs:]
            if after != before:
                assert after in actions.ALLOWED[before]
                assert [(r.from_state, r.to_state) for r in new_logs] == [(before, after)]
                role = actions.ACTOR[(before, after)]
                assert role == {"office": "office", "dept_a": "unit", "proposer": "proposer"}[who]
        s = Suggestion.objects.get(pk=a.suggestion_id)
        assert s.reopen_count <= 1
        final = Assignment.objects.get(pk=a.pk)
        if final.state == S.DONE:
            assert s.state == Suggestion.State.CLOSED
        if final.replied_at is not None and final.reply_due is not None:
            local = timezone.localtime(final.replied_at).date()
            assert final.replied_late == (local > final.reply_due)
        transaction.set_rollback(True)
