from __future__ import annotations

import datetime as dt

import pytest

from minping.suggestions import actions, reports
from minping.suggestions.models import Assignment, Extension, Suggestion, TransitionLog

from .conftest import SHANGHAI

S = Assignment.State
pytestmark = pytest.mark.django_db


def reply_data(**kw):
    return actions.ReplyData(
        text="已实地查看，年内增设充电桩二十个，并加强巡查。", theme="充电桩", **kw
    )


def test_every_state_in_the_table_has_an_actor_for_each_allowed_step():
    for state, nexts in actions.ALLOWED.items():
        for to in nexts:
            assert (state, to) in actions.ACTOR, (state, to)
    assert actions.ALLOWED[S.REASSIGNED] == set()


def test_dispatch_stores_due_dates_on_the_chinese_calendar(clock, make_suggestion, dispatch):
    a = dispatch(make_suggestion())
    assert a.objection_due == dt.date(2025, 9, 30)
    # 5 working days after Monday 2025-09-29: 09-30, then the National Day holiday, 10-09 (Thu),
    # 10-10 (Fri), 10-11 (a Saturday worked in lieu), 10-13 (Mon).
    assert a.reply_due == dt.date(2025, 10, 13)
    assert not a.due_pending
    assert a.suggestion.state == Suggestion.State.DISPATCHED


def test_a_dispatch_on_a_working_sunday_ends_on_a_working_saturday(
    clock, make_suggestion, dispatch
):
    clock.move_to(dt.datetime(2025, 9, 28, 16, tzinfo=SHANGHAI))  # 调休: Sunday worked
    a = dispatch(make_suggestion())
    assert a.objection_due == dt.date(2025, 9, 29)
    assert a.reply_due == dt.date(2025, 10, 11)  # Saturday, worked in lieu


def test_a_year_without_an_official_calendar_gives_due_date_pending(
    campaign, make_suggestion, dispatch
):
    import time_machine

    from minping.suggestions.models import CalendarYear

    with time_machine.travel(dt.datetime(2027, 3, 1, 10, tzinfo=SHANGHAI), tick=False):
        a = dispatch(make_suggestion())
        assert a.reply_due is None and a.due_pending
        assert not a.is_overdue()
        # The office enters 2027's notice (here: no exceptions), and the due date appears.
        CalendarYear.objects.create(year=2027, source="manual")
        assert actions.do_fill_pending_dues() == 1
    a.refresh_from_db()
    assert a.reply_due == dt.date(2027, 3, 8) and not a.due_pending


def test_only_the_assigned_unit_can_take_the_units_steps(
    clock, personas, make_suggestion, dispatch
):
    a = dispatch(make_suggestion())
    with pytest.raises(actions.Refused):
        actions.do_accept(personas.dept_b, a)
    with pytest.raises(actions.Refused):
        actions.do_accept(personas.office, a)
    actions.do_accept(personas.dept_a, a)
    a.refresh_from_db()
    assert a.state == S.IN_PROGRESS


def test_each_transition_writes_one_log_row(clock, personas, make_suggestion, dispatch):
    a = dispatch(make_suggestion())
    before = TransitionLog.objects.filter(assignment=a).count()
    actions.do_accept(personas.dept_a, a)
    actions.do_reply(personas.dept_a, a, reply_data())
    rows = list(TransitionLog.objects.filter(assignment=a).order_by("pk"))[before:]
    assert [(r.from_state, r.to_state, r.actor_role) for r in rows] == [
        (S.DISPATCHED, S.IN_PROGRESS, "unit"),
        (S.IN_PROGRESS, S.REPLIED, "unit"),
    ]


def test_objection_after_one_working_day_is_refused(clock, personas, make_suggestion, dispatch):
    a = dispatch(make_suggestion())
    clock.move_to(dt.datetime(2025, 10, 1, 9, tzinfo=SHANGHAI))
    with pytest.raises(actions.Refused, match="1个工作日内"):
        actions.do_object(personas.dept_a, a, reason="不属于本单位职责")


def test_accepted_objection_reassigns_with_fresh_due_dates(
    clock, personas, make_suggestion, dispatch
):
    a = dispatch(make_suggestion())
    objection = actions.do_object(personas.dept_a, a, reason="属于公安交管职责")
    clock.move_to(dt.datetime(2025, 9, 30, 15, tzinfo=SHANGHAI))
    new = actions.do_decide_objection(
        personas.office, objection, accept=True, new_department=personas.dept_b.department
    )
    a.refresh_from_db()
    assert a.state == S.REASSIGNED
    assert new is not None and new.department == personas.dept_b.department
    assert new.previous == a and new.reply_due == dt.date(2025, 10, 14)
    # The first unit can no longer act on it.
    with pytest.raises(actions.Refused):
        actions.do_reply(personas.dept_a, a, reply_data())


def test_rejected_objection_keeps_the_original_reply_clock(
    clock, personas, make_suggestion, dispatch
):
    a = dispatch(make_suggestion())
    objection = actions.do_object(personas.dept_a, a, reason="不属于本单位职责")
    actions.do_decide_objection(personas.office, objection, accept=False, note="属本单位职责")
    a.refresh_from_db()
    assert a.state == S.IN_PROGRESS and a.reply_due == dt.date(2025, 10, 13)


def test_extension_counts_from_the_old_due_date(clock, personas, make_suggestion, dispatch):
    a = dispatch(make_suggestion())
    actions.do_accept(personas.dept_a, a)
    ext = actions.do_request_extension(
        personas.dept_a, a, days=3, progress="已联系供电公司勘察线路，方案正在审批。"
    )
    actions.do_decide_extension(personas.office, ext, approve=True)
    a.refresh_from_db()
    ext.refresh_from_db()
    assert ext.decision == Extension.Decision.APPROVED
    assert ext.old_due == dt.date(2025, 10, 13) and a.reply_due == dt.date(2025, 10, 16)
    with pytest.raises(actions.Refused, match="已延期一次"):
        actions.do_request_extension(personas.dept_a, a, days=1, progress="再次申请延期的理由")


def test_extension_after_the_due_date_is_refused(clock, personas, make_suggestion, dispatch):
    a = dispatch(make_suggestion())
    actions.do_accept(personas.dept_a, a)
    clock.move_to(dt.datetime(2025, 10, 14, 9, tzinfo=SHANGHAI))
    with pytest.raises(actions.Refused, match="之前申请"):
        actions.do_request_extension(personas.dept_a, a, days=2, progress="情况复杂需要更多时间")


def test_extension_of_more_than_five_working_days_is_refused(
    clock, personas, make_suggestion, dispatch
):
    a = dispatch(make_suggestion())
    actions.do_accept(personas.dept_a, a)
    with pytest.raises(actions.Refused, match="1至5"):
        actions.do_request_extension(personas.dept_a, a, days=6, progress="情况复杂需要更多时间")


def test_reply_on_the_due_date_is_on_time_and_after_it_is_marked_late(
    clock, personas, make_suggestion, dispatch
):
    on_time = dispatch(make_suggestion())
    late = dispatch(make_suggestion(title="另一条建议"))
    clock.move_to(dt.datetime(2025, 10, 13, 23, 30, tzinfo=SHANGHAI))
    actions.do_reply(personas.dept_a, on_time, reply_data())
    clock.move_to(dt.datetime(2025, 10, 14, 0, 30, tzinfo=SHANGHAI))
    actions.do_reply(personas.dept_a, late, reply_data())
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert on_time.replied_late is False
    assert late.replied_late is True and late.state == S.REPLIED


def test_a_returned_reply_counts_as_unanswered_until_the_unit_answers_again(
    clock, personas, make_suggestion, dispatch
):
    a = dispatch(make_suggestion())
    actions.do_reply(personas.dept_a, a, reply_data())
    assert reports.stats(a.suggestion.campaign).replied == 1
    actions.do_return_reply(personas.office, a, reason="答复不具体")
    a.refresh_from_db()
    assert a.state == S.RETURNED and a.replied_at is None and a.replied_late is None
    assert reports.stats(a.suggestion.campaign).replied == 0
    actions.do_reply(personas.dept_a, a, reply_data())
    a.refresh_from_db()
    assert a.replied_at is not None and a.replied_late is False


def test_a_representatives_suggestion_needs_a_contact_record_before_the_reply(
    clock, personas, make_suggestion, dispatch
):
    a = dispatch(make_suggestion(representative=True))
    with pytest.raises(actions.Refused, match="联系建议人"):
        actions.do_reply(personas.dept_a, a, reply_data())
    actions.do_record_contact(
        personas.dept_a,
        a,
        contacted_at=dt.datetime(2025, 9, 29, 11, tzinfo=SHANGHAI),
        method="phone",
        reached=True,
        note="电话告知已收悉",
    )
    actions.do_reply(personas.dept_a, a, reply_data())
    a.refresh_from_db()
    assert a.state == S.REPLIED


def test_message_to_the_proposer_goes_by_sms_without_showing_the_unit_the_phone(
    clock, personas, make_suggestion, dispatch, outbox, django_capture_on_commit_callbacks
):
    a = dispatch(make_suggestion(phone="19900002222"))
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record = actions.do_message_proposer(
            personas.dept_a, a, text="您好，我们将于明天上门查看。"
        )
    assert record.method == "sms"
    assert [m.phone for m in outbox] == ["19900002222"]
    assert "上门查看" in outbox[0].text


def test_closing_rating_and_one_reopen(clock, personas, make_suggestion, dispatch):
    a = dispatch(make_suggestion())
    actions.do_reply(personas.dept_a, a, reply_data())
    actions.do_approve_reply(personas.office, a, publish=True, public_text="增设充电桩的建议")
    s = Suggestion.objects.get(pk=a.suggestion_id)
    assert s.state == Suggestion.State.CLOSED and s.is_published
    actions.do_rate(s, rating=Suggestion.Rating.UNSATISFIED)
    with pytest.raises(actions.Refused):
        actions.do_rate(s, rating=Suggestion.Rating.SATISFIED)
    lead = actions.do_reopen(s, reason="充电桩位置太远")
    assert lead.state == S.RETURNED and lead.reply_due == dt.date(2025, 10, 13)
    s.refresh_from_db()
    assert s.state == Suggestion.State.DISPATCHED and s.reopen_count == 1
    actions.do_reply(personas.dept_a, lead, reply_data())
    actions.do_approve_reply(personas.office, lead)
    s.refresh_from_db()
    actions.do_rate(s, rating=Suggestion.Rating.UNSATISFIED)
    with pytest.raises(actions.Refused, match="只能重办一次"):
        actions.do_reopen(s, reason="还是不满意")


def test_reopen_is_refused_when_the_proposer_was_satisfied(
    clock, personas, make_suggestion, dispatch
):
    a = dispatch(make_suggestion())
    actions.do_reply(personas.dept_a, a, reply_data())
    actions.do_approve_reply(personas.office, a)
    s = Suggestion.objects.get(pk=a.suggestion_id)
    actions.do_rate(s, rating=Suggestion.Rating.SATISFIED)
    with pytest.raises(actions.Refused):
        actions.do_reopen(s, reason="想再看看")


def test_lead_and_co_units_answer_separately_and_the_item_closes_when_both_are_done(
    clock, personas, make_suggestion, dispatch
):
    s = make_suggestion()
    lead = dispatch(s, co=[personas.dept_b.department])
    co = Assignment.objects.get(suggestion=s, role="co")
    assert co.reply_due == lead.reply_due
    actions.do_reply(personas.dept_a, lead, reply_data())
    actions.do_approve_reply(personas.office, lead)
    s.refresh_from_db()
    assert s.state == Suggestion.State.DISPATCHED
    actions.do_reply(personas.dept_b, co, reply_data())
    actions.do_approve_reply(personas.office, co)
    s.refresh_from_db()
    assert s.state == Suggestion.State.CLOSED


def test_merged_suggestions_are_dispatched_together_but_answered_separately(
    clock, personas, make_suggestion
):
    first = make_suggestion()
    second = make_suggestion(title="小区充电桩不够", phone="19900003333")
    created = actions.do_dispatch(
        personas.office, first, kind="transfer", lead=personas.dept_a.department, merge=[second]
    )
    assert len(created) == 2
    second.refresh_from_db()
    assert second.group_leader == first and second.state == Suggestion.State.DISPATCHED
    assert {a.suggestion_id for a in created} == {first.pk, second.pk}


def test_dispatching_twice_is_refused(clock, personas, make_suggestion, dispatch):
    s = make_suggestion()
    dispatch(s)
    with pytest.raises(actions.Refused, match="请勿重复交办"):
        dispatch(s)
    assert Assignment.objects.filter(suggestion=s).count() == 1


def test_unpublishable_items_cannot_go_on_the_public_board(
    clock, personas, make_suggestion, dispatch
):
    a = dispatch(make_suggestion())
    actions.do_reply(
        personas.dept_a, a, reply_data(publishable=False, not_public_reason="涉及个人隐私")
    )
    with pytest.raises(actions.Refused):
        actions.do_approve_reply(personas.office, a, publish=True, public_text="x")
    assert not Suggestion.objects.get(pk=a.suggestion_id).is_published
