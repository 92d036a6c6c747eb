"""The department's and the office's pages, driven through their forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from minping.consultations import actions
from minping.consultations.models import Comment, Consultation, Opinion

from .conftest import MONDAY, TEXT, at

pytestmark = pytest.mark.django_db
S = Consultation.State


def form_data(**overrides):
    data = {
        "title": "停车管理办法", "summary": "内容", "basis": "依据", "feedback_channels": "在线",
        "contact": "市发改委 0477-0000000", "text": TEXT, "opens_on": "2025-09-01",
        "closes_on": "2025-09-30", "shortened_reason": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_a_department_drafts_through_the_form_and_sees_its_mistakes_kept(clock, personas, login):
    client = login(personas.dept_a)
    response = client.post(
        reverse("consultations:new"), form_data(closes_on="2025-09-10", summary="")
    )
    page = response.content.decode()
    assert response.status_code == 200 and "停车管理办法" in page
    assert "须说明缩短的依据和理由" in page and "这个字段是必填项" in page
    response = client.post(reverse("consultations:new"), form_data())
    c = Consultation.objects.get()
    assert response["Location"] == reverse("consultations:staff", args=[c.pk])
    assert c.department == personas.dept_a.department and c.sections.count() == 3
    edit = client.get(reverse("consultations:edit", args=[c.pk])).content.decode()
    assert "第二条 新建住宅小区" in edit  # the text comes back as it was typed


def test_the_office_reviews_a_shortened_period_on_the_page(clock, personas, login, make_draft):
    c = make_draft(
        closes_on=MONDAY.date() + dt.timedelta(days=19), shortened_reason="上级要求年底前出台"
    )
    actions.do_submit(personas.dept_a, c)
    client = login(personas.office)
    page = client.get(reverse("consultations:staff", args=[c.pk])).content.decode()
    assert "期限为20日，少于30日" in page and "上级要求年底前出台" in page
    follow = client.post(
        reverse("consultations:publish", args=[c.pk]), follow=True
    ).content.decode()
    assert "请审查缩短期限" in follow
    client.post(reverse("consultations:publish", args=[c.pk]), {"accept_shortened": "on"})
    c.refresh_from_db()
    assert c.state == S.OPEN
    assert c.log.get(to_state=S.PUBLISHED).note == "认可缩短期限的理由"


def test_a_symposium_too_close_is_refused_with_the_working_day_deadline(
    clock, personas, login, make_open
):
    c = make_open()
    client = login(personas.dept_a)
    page = client.post(
        reverse("consultations:symposium_new", args=[c.pk]),
        {"kind": "general", "held_on": "2025-09-05", "held_time": "09:00", "place": "会议室"},
        follow=True,
    ).content.decode()
    assert "最迟须于2025-08-29送达" in page
    assert not c.symposia.exists()


def test_the_weighing_page_groups_comments_and_decides_them(
    clock, personas, login, make_open, comment_on
):
    c = make_open()
    first = comment_on(c, "建议1.5个车位。")
    second = comment_on(c, "车位标准偏低。")
    client = login(personas.dept_a)
    client.post(
        reverse("consultations:group", args=[c.pk]),
        {"comments": [first.pk, second.pk], "summary": "提高车位配建标准"},
    )
    opinion = Opinion.objects.get()
    assert set(opinion.comments.all()) == {first, second}
    page = client.post(
        reverse("consultations:decide", args=[opinion.pk]),
        {"decision": "not_adopted", "reply": ""},
        follow=True,
    ).content.decode()
    assert "须说明理由和依据" in page
    client.post(
        reverse("consultations:decide", args=[opinion.pk]),
        {"decision": "not_adopted", "reply": "用地不足"},
    )
    page = client.get(reverse("consultations:weigh", args=[c.pk])).content.decode()
    assert "提高车位配建标准" in page and "未采纳" in page and "用地不足" in page


def test_the_oversight_page_flags_a_report_overdue_and_charts_comments(
    clock, personas, login, make_open, comment_on
):
    c = make_open()
    comment_on(c)
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=70)))
    page = login(personas.supervisor).get(reverse("consultations:oversight")).content.decode()
    assert "截止超过30日未提交公众参与情况报告" in page
    assert "1条意见超过3日未审核" in page
    assert "<svg" in page and "各项征求意见收到的意见数" in page
    assert Consultation.objects.get().state == S.CLOSED


def test_a_letter_is_recorded_and_can_be_moderated_like_an_online_comment(
    clock, personas, login, make_open
):
    c = make_open()
    client = login(personas.dept_a)
    client.post(
        reverse("consultations:record_comment", args=[c.pk]), {"text": "来信：建议增加充电桩。"}
    )
    letter = Comment.objects.get()
    assert letter.channel == "letter" and letter.status == Comment.Status.PENDING
    client.post(
        reverse("consultations:moderate", args=[letter.pk]),
        {"decision": "hide", "reason": ""},
    )
    assert Comment.objects.get().status == Comment.Status.PENDING  # a reason is required
    client.post(
        reverse("consultations:moderate", args=[letter.pk]),
        {"decision": "show", "public_text": "建议增加充电桩。"},
    )
    assert Comment.objects.get().status == Comment.Status.SHOWN


def test_an_attachment_must_be_a_pdf(clock, personas, login, make_draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = make_draft()
    client = login(personas.dept_a)
    fake = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    page = client.post(
        reverse("consultations:add_attachment", args=[c.pk]),
        {"kind": "draft", "title": "稿", "file": fake},
        follow=True,
    ).content.decode()
    assert "请上传PDF文件" in page and not c.attachments.exists()
    real = SimpleUploadedFile("x.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    client.post(
        reverse("consultations:add_attachment", args=[c.pk]),
        {"kind": "draft", "title": "稿", "file": real},
    )
    assert c.attachments.count() == 1
