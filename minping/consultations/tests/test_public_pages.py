"""The public pages: reading, commenting, moderation, and personal data never shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from minping.accounts.models import PiiAccess
from minping.consultations import actions
from minping.consultations.models import Comment

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db


def post_comment(client, c, **data):
    payload = {"text": "建议提高车位配建标准到1.5个。", "agree": "on", **data}
    return client.post(reverse("consultations:comment", args=[c.pk]), payload)


def test_the_list_shows_open_consultations_with_days_left_and_hides_drafts(
    clock, client, make_open, make_draft
):
    make_open()
    make_draft(title="尚未提交的草稿")
    page = client.get(reverse("consultations:index")).content.decode()
    assert "中心城区停车管理办法" in page and "还剩29天" in page
    assert "尚未提交的草稿" not in page


def test_a_citizen_comments_on_an_article_and_sees_it_only_after_moderation(
    clock, client, personas, make_open
):
    c = make_open()
    second = c.sections.get(number=2)
    response = post_comment(client, c, section=second.pk, name="王小明", phone="19900001234")
    assert response.status_code == 302
    page = client.get(c.get_absolute_url()).content.decode()
    assert "审核后公开" in client.get(response["Location"]).content.decode()
    assert "提高车位配建标准" not in page
    comment = Comment.objects.get()
    assert comment.section == second and comment.status == Comment.Status.PENDING
    actions.do_moderate(personas.dept_a, comment, show=True, public_text=comment.public_text)
    page = client.get(c.get_absolute_url()).content.decode()
    assert "提高车位配建标准" in page and "1条意见" in page


def test_names_phones_and_numbers_typed_into_the_text_never_reach_the_public(
    clock, client, personas, make_open
):
    c = make_open()
    post_comment(client, c, text="我是王小明，电话19900001234，身份证150602199001011234，建议增加车位。",
                 name="王小明", phone="19900001234")  # fmt: skip
    comment = Comment.objects.get()
    actions.do_moderate(personas.dept_a, comment, show=True, public_text=comment.public_text)
    page = client.get(c.get_absolute_url()).content.decode()
    assert "建议增加车位" in page
    for secret in ["19900001234", "199****1234", "150602199001011234", "王小明", "王*明"]:
        assert secret not in page
    report_free = client.get(reverse("consultations:index")).content.decode()
    assert "19900001234" not in report_free


def test_a_hidden_comment_keeps_its_reason_and_stays_off_the_page(
    clock, client, personas, make_open
):
    c = make_open()
    post_comment(client, c, text="一些攻击性的话，与决策无关。")
    comment = Comment.objects.get()
    with pytest.raises(actions.Refused, match="说明理由"):
        actions.do_moderate(personas.dept_a, comment, show=False)
    actions.do_moderate(personas.dept_a, comment, show=False, reason="含有人身攻击（第八条）")
    comment.refresh_from_db()
    assert comment.hidden_reason == "含有人身攻击（第八条）"
    assert "攻击性" not in client.get(c.get_absolute_url()).content.decode()


def test_the_department_sees_a_masked_phone_and_revealing_it_is_logged(
    clock, login, personas, make_open, client
):
    c = make_open()
    post_comment(client, c, phone="19900001234")
    comment = Comment.objects.get()
    page = (
        login(personas.dept_a).get(reverse("consultations:comments", args=[c.pk])).content.decode()
    )
    assert "199****1234" in page and "19900001234" not in page
    revealed = client.post(
        reverse("consultations:reveal_phone", args=[comment.pk])
    ).content.decode()
    assert "19900001234" in revealed
    assert PiiAccess.objects.filter(field="phone", actor=personas.dept_a).count() == 1


def test_a_hearing_registrant_s_phone_is_masked_for_the_department_and_revealed_with_a_log(
    clock, login, personas, make_open
):
    c = make_open()
    h = actions.do_plan_hearing(
        personas.dept_a, c, held_on=MONDAY.date() + dt.timedelta(days=40), held_time=dt.time(9),
        place="听证室", seats=10, registration_closes_on=MONDAY.date() + dt.timedelta(days=20),
        selection_method="公开抽签",
    )  # fmt: skip
    actions.do_announce_hearing(personas.dept_a, h)
    r = actions.do_register(
        h, actions.RegistrationData("报名人", "19900003333", "for", "居民", True)
    )
    client = login(personas.dept_a)
    page = client.get(reverse("consultations:hearing_staff", args=[h.pk])).content.decode()
    assert "199****3333" in page and "19900003333" not in page
    shown = client.post(reverse("consultations:registration_phone", args=[r.pk])).content.decode()
    assert "19900003333" in shown
    assert PiiAccess.objects.filter(
        object_type="consultations.Registration", actor=personas.dept_a
    ).exists()


def test_the_form_keeps_the_input_and_says_what_is_wrong(clock, client, make_open):
    c = make_open()
    response = post_comment(client, c, text="好", agree="", phone="123")
    page = response.content.decode()
    assert response.status_code == 200
    assert "请阅读并勾选参与须知" in page and "11位手机号码" in page
    assert Comment.objects.count() == 0


def test_a_bot_filling_the_hidden_field_is_thanked_and_ignored(clock, client, make_open):
    c = make_open()
    response = post_comment(client, c, website="http://spam.example")
    assert response.status_code == 302 and Comment.objects.count() == 0


def test_one_address_may_send_five_comments_in_ten_minutes(clock, client, make_open):
    c = make_open()
    for _ in range(5):
        assert post_comment(client, c).status_code == 302
    response = post_comment(client, c)
    assert response.status_code == 429 and "提交太频繁" in response.content.decode()
    assert Comment.objects.count() == 5


def test_after_the_last_day_the_form_is_gone_and_a_post_is_refused(clock, client, make_open):
    c = make_open()
    clock.move_to(at(MONDAY.date() + dt.timedelta(days=30)))
    page = client.get(c.get_absolute_url()).content.decode()
    assert "征求意见已结束" in page and 'id="comment-form"' not in page
    post_comment(client, c)
    assert Comment.objects.count() == 0


def test_a_preference_for_an_option_is_counted_on_the_page(clock, client, personas, make_draft):
    c = make_draft()
    one = actions.do_add_option(personas.dept_a, c, label="方案一", description="分时段收费")
    actions.do_add_option(personas.dept_a, c, label="方案二", description="统一收费")
    actions.do_submit(personas.dept_a, c)
    actions.do_publish(personas.office, c)
    post_comment(client, c, option=one.pk)
    post_comment(client, c, option=one.pk)
    page = client.get(c.get_absolute_url()).content.decode()
    assert "2人支持" in page and "0人支持" in page


def test_the_published_hearing_list_shows_surnames_only(clock, client, personas, make_open):
    c = make_open()
    h = actions.do_plan_hearing(
        personas.dept_a, c, held_on=MONDAY.date() + dt.timedelta(days=40), held_time=dt.time(9),
        place="听证室", seats=10, registration_closes_on=MONDAY.date() + dt.timedelta(days=20),
        selection_method="公开抽签",
    )  # fmt: skip
    actions.do_announce_hearing(personas.dept_a, h)
    response = client.post(
        reverse("consultations:hearing", args=[h.pk]),
        {"name": "欧阳小明", "phone": "19900005678", "side": "for", "interest": "周边居民",
         "is_stakeholder": "on", "agree": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    for i in range(9):
        actions.do_invite(
            personas.dept_a, h, name=f"代表{i}", category="stakeholder" if i < 5 else "expert"
        )
    actions.do_select(personas.dept_a, h.registrations.get())
    actions.do_publish_participants(personas.dept_a, h)
    page = client.get(reverse("consultations:hearing", args=[h.pk])).content.decode()
    assert "欧阳小明" not in page and "19900005678" not in page and "欧**" in page
