"""Every view against every persona: who may read and who may write what."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minping.consultations import actions

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db

EVERYONE = {
    "office", "reviewer", "dept_a", "dept_b", "statistics", "district", "tallier",
    "supervisor", "representative", "citizen", "outsider",
}  # fmt: skip
READERS = {"office", "supervisor", "dept_a"}
UNIT = {"dept_a"}
OFFICE = {"office"}


def pdf(name="a.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n", content_type="application/pdf")


@pytest.fixture
def world(clock, personas, make_draft, comment_on):
    dept = personas.dept_a
    c = make_draft()
    option = actions.do_add_option(dept, c, label="方案一", description="一")
    actions.do_add_option(dept, c, label="方案二", description="二")
    attachment = actions.do_add_attachment(dept, c, kind="draft", title="征求意见稿", upload=pdf())
    actions.do_submit(dept, c)
    actions.do_publish(personas.office, c)
    comment = comment_on(c, phone="19900001111")
    opinion = actions.do_group(dept, c, comments=[comment], summary="提高标准")
    symposium = actions.do_schedule_symposium(
        dept,
        c,
        kind="general",
        held_on=MONDAY.date() + dt.timedelta(days=14),
        held_time=dt.time(9),
        place="会议室",
    )
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=14), 15))
    actions.do_record_symposium_minutes(
        dept, symposium, minutes="记录", signed=True, scan=pdf("scan.pdf"), opinions=[]
    )
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=1)))
    hearing = actions.do_plan_hearing(
        dept, c, held_on=MONDAY.date() + dt.timedelta(days=45), held_time=dt.time(9), place="听证室",
        seats=10, registration_closes_on=MONDAY.date() + dt.timedelta(days=20), selection_method="抽签",
    )  # fmt: skip
    actions.do_announce_hearing(dept, hearing)
    registration = actions.do_register(
        hearing, actions.RegistrationData("报名人", "19900002222", "for", "居民", True)
    )
    participant = actions.do_invite(dept, hearing, name="专家", category="expert")
    draft = make_draft(title="另一草稿")
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=31)))
    actions.do_apply_clock(c)
    delegate = actions.do_add_delegate(dept, c, name="代表", category="npc", took_part=True)
    return SimpleNamespace(
        c=c, option=option, attachment=attachment, comment=comment, opinion=opinion,
        symposium=symposium, hearing=hearing, registration=registration, participant=participant,
        draft=draft, delegate=delegate,
    )  # fmt: skip


def url(name, *args):
    return reverse(f"consultations:{name}", args=args)


def test_public_pages_are_open_to_everyone_but_drafts_are_not(world, access_matrix):
    w = world
    for page in [
        url("index"),
        url("detail", w.c.pk),
        url("hearing", w.hearing.pk),
        url("attachment", w.attachment.pk),
    ]:
        access_matrix(page, EVERYONE, anonymous_allowed=True)
    access_matrix(
        url("comment", w.c.pk),
        EVERYONE,
        method="post",
        data={"text": "意见内容很长", "agree": "on"},
        anonymous_allowed=True,
    )
    access_matrix(url("detail", w.draft.pk), set())
    access_matrix(url("report", w.c.pk), set())  # not published yet


def test_staff_pages_are_for_the_department_the_office_and_supervisors(world, access_matrix):
    w = world
    access_matrix(url("manage"), READERS | {"dept_b"})
    access_matrix(url("oversight"), {"office", "supervisor"})
    access_matrix(url("new"), {"dept_a", "dept_b"})
    for page in [
        url("staff", w.c.pk), url("comments", w.c.pk), url("weigh", w.c.pk), url("export", w.c.pk),
        url("report_edit", w.c.pk), url("symposium", w.symposium.pk), url("symposium_scan", w.symposium.pk),
        url("hearing_staff", w.hearing.pk),
    ]:  # fmt: skip
        access_matrix(page, READERS)
    for page in [url("edit", w.draft.pk), url("symposium_new", w.c.pk), url("hearing_new", w.c.pk)]:
        access_matrix(page, UNIT)


def test_department_writes_are_for_its_own_staff_only(world, access_matrix):
    w = world
    posts = [
        (url("submit", w.draft.pk), {}),
        (url("add_option", w.draft.pk), {"label": "方案", "description": "说明"}),
        (url("remove_option", w.option.pk), {}),
        (url("add_attachment", w.draft.pk), {"kind": "draft", "title": "t"}),
        (url("record_comment", w.c.pk), {"text": "来信意见"}),
        (url("moderate", w.comment.pk), {"decision": "show", "public_text": "公开内容"}),
        (url("reveal_phone", w.comment.pk), {}),
        (url("ungroup", w.comment.pk), {}),
        (url("group", w.c.pk), {"comments": [w.comment.pk], "summary": "新意见"}),
        (url("decide", w.opinion.pk), {"decision": "adopted"}),
        (url("submit_report", w.c.pk), {}),
        (url("symposium_participant", w.symposium.pk), {"name": "甲", "category": "npc"}),
        (url("symposium_materials", w.symposium.pk), {"sent_on": "2025-09-02"}),
        (url("symposium_minutes", w.symposium.pk), {"minutes": "记录"}),
        (url("hearing_announce", w.hearing.pk), {}),
        (url("hearing_invite", w.hearing.pk), {"name": "乙", "category": "deputy"}),
        (url("hearing_draw", w.hearing.pk), {"seats": 1}),
        (url("hearing_publish", w.hearing.pk), {}),
        (url("hearing_minutes", w.hearing.pk), {"minutes": "记录"}),
        (url("hearing_report", w.hearing.pk), {"report": "报告"}),
        (url("hearing_select", w.registration.pk), {}),
        (url("registration_phone", w.registration.pk), {}),
        (url("add_delegate", w.c.pk), {"name": "代表", "category": "npc"}),
        (url("remove_delegate", w.delegate.pk), {}),
        (url("hearing_sign_in", w.participant.pk), {}),
        (url("hearing_remove", w.participant.pk), {}),
    ]
    for page, data in posts:
        access_matrix(page, UNIT, method="post", data=data)


def test_office_decisions_are_for_the_office_only(world, access_matrix):
    w = world
    for page, data in [
        (url("publish", w.draft.pk), {}),
        (url("return", w.draft.pk), {"reason": "理由"}),
        (url("approve_report", w.c.pk), {}),
        (url("return_report", w.c.pk), {"reason": "理由"}),
        (url("archive", w.c.pk), {}),
        (url("approve_delegates", w.c.pk), {}),
    ]:
        access_matrix(page, OFFICE, method="post", data=data)
