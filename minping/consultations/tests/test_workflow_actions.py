"""The consultation lifecycle: the table, its guards, the 30-day rule and the clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from minping.accounts.models import AuditEntry
from minping.consultations import actions
from minping.consultations.models import Consultation, TransitionLog

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db
S = Consultation.State


def test_a_draft_goes_through_office_review_opens_and_is_logged(clock, personas, make_draft):
    c = make_draft()
    actions.do_submit(personas.dept_a, c)
    assert c.state == S.SUBMITTED
    actions.do_publish(personas.office, c)
    assert c.state == S.OPEN  # the first day has come: published and opened at once
    steps = list(TransitionLog.objects.filter(consultation=c).values_list("to_state", "actor_role"))
    assert steps == [(S.SUBMITTED, "unit"), (S.PUBLISHED, "office"), (S.OPEN, "system")]
    assert AuditEntry.objects.filter(verb="consultations.published").exists()


def test_submitting_without_the_article_12_content_names_what_is_missing(
    clock, personas, make_draft
):
    c = make_draft(basis="", contact="")
    with pytest.raises(actions.Refused, match="决策依据、理由和影响、接收意见的部门及联系方式"):
        actions.do_submit(personas.dept_a, c)
    assert Consultation.objects.get(pk=c.pk).state == S.DRAFT


def test_a_period_under_30_days_needs_a_written_reason(clock, personas, make_draft):
    c = make_draft(closes_on=MONDAY.date() + dt.timedelta(days=28))  # 29 days, both ends counted
    with pytest.raises(actions.Refused, match="少于30日"):
        actions.do_submit(personas.dept_a, c)


def test_exactly_30_days_counting_both_ends_is_enough(clock, personas, make_draft):
    c = make_draft(closes_on=MONDAY.date() + dt.timedelta(days=29))
    actions.do_submit(personas.dept_a, c)
    actions.do_publish(personas.office, c)
    assert c.state == S.OPEN and c.period_days() == 30


def test_the_office_must_accept_a_shortened_period_or_return_it(clock, personas, make_draft):
    c = make_draft(
        closes_on=MONDAY.date() + dt.timedelta(days=14), shortened_reason="上级文件要求年底前出台"
    )
    actions.do_submit(personas.dept_a, c)
    with pytest.raises(actions.Refused, match="请审查缩短期限"):
        actions.do_publish(personas.office, c)
    actions.do_return(personas.office, c, reason="缩短理由不充分，请按规定征求意见30日")
    c.refresh_from_db()
    assert c.state == S.DRAFT and "不充分" in c.return_reason
    actions.do_save_draft(
        personas.dept_a, {"closes_on": MONDAY.date() + dt.timedelta(days=30)}, consultation=c
    )
    actions.do_submit(personas.dept_a, c)
    actions.do_publish(personas.office, c)
    assert c.state == S.OPEN


def test_a_late_publication_shortens_the_period_and_is_caught(clock, personas, make_draft):
    c = make_draft()
    actions.do_submit(personas.dept_a, c)
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=3)))  # only 27 days left
    with pytest.raises(actions.Refused, match="27日"):
        actions.do_submit(personas.dept_a, make_draft())
    with pytest.raises(actions.Refused, match="征求意见期限为27日"):
        actions.do_publish(personas.office, c)


def test_departments_cannot_publish_and_other_departments_cannot_submit(
    clock, personas, make_draft
):
    c = make_draft()
    with pytest.raises(actions.Refused):
        actions.do_submit(personas.dept_b, c)
    actions.do_submit(personas.dept_a, c)
    with pytest.raises(actions.Refused):
        actions.do_publish(personas.dept_a, c)


def test_a_consultation_closes_itself_when_read_after_its_last_day(clock, make_open, comment_on):
    from minping.consultations.access import get_public_consultation

    c = make_open()
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=29), 23))  # the last day, late evening
    comment_on(c)
    assert get_public_consultation(c.pk).state == S.OPEN
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=30), 0))
    assert get_public_consultation(c.pk).state == S.CLOSED
    with pytest.raises(actions.Refused, match="未在进行中"):
        comment_on(c)
    assert TransitionLog.objects.filter(consultation=c, to_state=S.CLOSED, actor=None).count() == 1


def test_the_daily_command_opens_and_closes_and_is_safe_twice(
    clock, personas, make_draft, make_open
):
    later = make_draft(
        opens_on=MONDAY.date() + dt.timedelta(days=5),
        closes_on=MONDAY.date() + dt.timedelta(days=40),
    )
    actions.do_submit(personas.dept_a, later)
    actions.do_publish(personas.office, later)
    assert later.state == S.PUBLISHED
    running = make_open()
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=31)))
    call_command("closeconsultations")
    call_command("closeconsultations")
    assert Consultation.objects.get(pk=later.pk).state == S.OPEN
    assert Consultation.objects.get(pk=running.pk).state == S.CLOSED
    assert TransitionLog.objects.filter(consultation=running, to_state=S.CLOSED).count() == 1


def test_the_draft_text_is_sanitised_and_split_into_articles(clock, make_draft):
    c = make_draft(
        text="<p>第一条 总则<script>alert(1)</script></p><p onclick='x()'>第二条 范围</p>"
    )
    assert "script" not in c.text_html and "onclick" not in c.text_html
    assert list(c.sections.values_list("number", "heading")) == [(1, "第一条"), (2, "第二条")]


def test_an_option_alone_is_refused_two_are_fine(clock, personas, make_draft):
    c = make_draft()
    actions.do_add_option(personas.dept_a, c, label="方案一", description="说明一")
    with pytest.raises(actions.Refused, match="两个以上"):
        actions.do_submit(personas.dept_a, c)
    actions.do_add_option(personas.dept_a, c, label="方案二", description="说明二")
    actions.do_submit(personas.dept_a, c)
