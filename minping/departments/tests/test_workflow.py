"""The review chain: allowed moves, guards, the log and returns."""

from __future__ import annotations

import pytest

from minping.departments.actions import NotEditable, do_transition
from minping.departments.models import Material, Transition
from minping.departments.tests.conftest import save_report, walk
from minping.departments.tests.files import signed_pdf
from minping.departments.workflow import ALLOWED, TransitionRefused

S = Material.State


def test_every_state_is_in_the_table_and_published_only_reopens_as_a_draft() -> None:
    assert set(ALLOWED) == set(S.values)
    assert ALLOWED[S.PUBLISHED] == {S.DRAFT}
    for state in (S.SUBMITTED, S.REVIEWED, S.SIGNED, S.CLEARED):
        assert S.RETURNED in ALLOWED[state]


def test_report_walks_the_whole_chain_and_each_step_is_logged(scoped, campaign, publicist) -> None:
    material = save_report(scoped.dept_a, campaign).material
    walk(material, scoped, publicist)
    assert material.state == S.PUBLISHED
    assert material.published_version == material.current_version
    steps = list(material.transitions.values_list("to_state", flat=True))
    assert steps == ["submitted", "reviewed", "signed", "cleared", "published"]
    signed = material.transitions.get(to_state="signed")
    assert signed.signer == "分管副市长（测试）" and signed.signed_page


def test_report_without_the_heads_signed_page_cannot_be_submitted(scoped, campaign) -> None:
    material = save_report(scoped.dept_a, campaign, signed=False).material
    with pytest.raises(TransitionRefused, match="签字页"):
        do_transition(scoped.dept_a, material, S.SUBMITTED)
    assert Material.objects.get(pk=material.pk).state == S.DRAFT


def test_report_missing_a_required_part_cannot_be_submitted(scoped, campaign) -> None:
    text = "一、年度职能目标完成情况\n" + "完成了目标。" * 300
    material = save_report(scoped.dept_a, campaign, text=text).material
    with pytest.raises(TransitionRefused, match="存在问题和下年工作打算"):
        do_transition(scoped.dept_a, material, S.SUBMITTED)


def test_other_departments_staff_cannot_submit(scoped, campaign) -> None:
    material = save_report(scoped.dept_a, campaign).material
    with pytest.raises(TransitionRefused, match="本部门"):
        do_transition(scoped.dept_b, material, S.SUBMITTED)


def test_desk_reviewer_outside_its_portfolio_cannot_review(scoped, campaign, publicist) -> None:
    material = save_report(scoped.dept_b, campaign).material
    do_transition(scoped.dept_b, material, S.SUBMITTED)
    with pytest.raises(TransitionRefused, match="分管口"):
        do_transition(scoped.reviewer, material, S.REVIEWED)


def test_signature_step_needs_the_signer_and_for_reports_the_signed_page(
    scoped, campaign, publicist
) -> None:
    material = walk(save_report(scoped.dept_a, campaign).material, scoped, publicist, to="reviewed")
    with pytest.raises(TransitionRefused, match="分管领导"):
        do_transition(scoped.reviewer, material, S.SIGNED, signed_page=signed_pdf())
    with pytest.raises(TransitionRefused, match="签字页"):
        do_transition(scoped.reviewer, material, S.SIGNED, signer="副市长")


def test_steps_cannot_be_skipped(scoped, campaign, publicist) -> None:
    material = walk(
        save_report(scoped.dept_a, campaign).material, scoped, publicist, to="submitted"
    )
    with pytest.raises(TransitionRefused):
        do_transition(publicist, material, S.CLEARED)
    with pytest.raises(TransitionRefused):
        do_transition(scoped.office, material, S.PUBLISHED)


def test_publicity_reviewer_returns_with_comments_and_department_resubmits(
    scoped, campaign, publicist
) -> None:
    material = walk(save_report(scoped.dept_a, campaign).material, scoped, publicist, to="signed")
    with pytest.raises(TransitionRefused, match="修改意见"):
        do_transition(publicist, material, S.RETURNED, comment=" ")
    do_transition(publicist, material, S.RETURNED, comment="第三部分涉及未公开数据，请删去。")
    material.refresh_from_db()
    assert material.state == S.RETURNED and material.is_editable()
    version = save_report(scoped.dept_a, campaign)
    assert version.number == 2
    assert version.signed_page  # the head's signed page carries over
    do_transition(scoped.dept_a, material, S.SUBMITTED)
    assert (
        Transition.objects.filter(material=material, to_state=S.RETURNED)
        .get()
        .comment.startswith("第三部分")
    )


def test_material_in_review_cannot_be_changed(scoped, campaign, publicist) -> None:
    walk(save_report(scoped.dept_a, campaign).material, scoped, publicist, to="submitted")
    with pytest.raises(NotEditable):
        save_report(scoped.dept_a, campaign)


def test_only_the_office_publishes(scoped, campaign, publicist) -> None:
    material = walk(save_report(scoped.dept_a, campaign).material, scoped, publicist, to="cleared")
    with pytest.raises(TransitionRefused, match="联席会议办公室"):
        do_transition(publicist, material, S.PUBLISHED)


def test_only_the_department_reopens_a_published_item_for_revision(
    scoped, campaign, publicist
) -> None:
    material = walk(save_report(scoped.dept_a, campaign).material, scoped, publicist)
    with pytest.raises(TransitionRefused, match="本部门"):
        do_transition(scoped.office, material, S.DRAFT)
    do_transition(scoped.dept_a, material, S.DRAFT)
    material.refresh_from_db()
    assert material.state == S.DRAFT and material.published_version is not None


def test_office_publishes_every_cleared_item_in_one_click(
    login, scoped, campaign, publicist
) -> None:
    from django.urls import reverse

    cleared = walk(save_report(scoped.dept_a, campaign).material, scoped, publicist, to="cleared")
    waiting = walk(save_report(scoped.dept_b, campaign).material, scoped, publicist, to="submitted")
    client = login(scoped.office)
    assert "全部发布到网上" in client.get(reverse("departments:board")).content.decode()
    response = client.post(reverse("departments:publish_cleared"), follow=True)
    assert "已发布1项材料" in response.content.decode()
    cleared.refresh_from_db()
    waiting.refresh_from_db()
    assert cleared.state == S.PUBLISHED and waiting.state == S.SUBMITTED
    assert cleared.transitions.last().actor == scoped.office


def test_desk_reviewer_reviews_and_signs_a_whole_department_at_once(
    login, scoped, campaign, publicist
) -> None:
    from django.urls import reverse

    from minping.departments.actions import do_save_version

    report = walk(save_report(scoped.dept_a, campaign).material, scoped, publicist, to="submitted")
    targets = do_save_version(
        scoped.dept_a,
        campaign,
        scoped.dept_a.department,
        "targets",
        data={"targets": [{"name": "稳投资", "content": "完成投资"}]},
    ).material
    do_transition(scoped.dept_a, targets, S.SUBMITTED)
    client = login(scoped.reviewer)
    department = scoped.dept_a.department
    queue = client.get(reverse("departments:review_queue")).content.decode()
    assert "2项待政务科室审核" in queue
    client.post(reverse("departments:review_department", args=[department.pk, "reviewed"]))
    report.refresh_from_db()
    targets.refresh_from_db()
    assert (report.state, targets.state) == (S.REVIEWED, S.REVIEWED)

    url = reverse("departments:review_department", args=[department.pk, "signed"])
    refused = client.post(url, {"bulk-signed-signer": "分管副市长"}, follow=True)
    assert "签字页" in refused.content.decode()  # the report needs the signed page: nothing moved
    targets.refresh_from_db()
    assert targets.state == S.REVIEWED

    client.post(url, {"bulk-signed-signer": "分管副市长", "bulk-signed-signed_page": signed_pdf()})
    report.refresh_from_db()
    targets.refresh_from_db()
    assert (report.state, targets.state) == (S.SIGNED, S.SIGNED)
    pages = {m.transitions.get(to_state=S.SIGNED).signed_page.name for m in (report, targets)}
    assert len(pages) == 1  # one signed sheet for both


def test_bulk_review_outside_the_portfolio_moves_nothing(
    login, scoped, campaign, publicist
) -> None:
    from django.urls import reverse

    material = walk(
        save_report(scoped.dept_b, campaign).material, scoped, publicist, to="submitted"
    )
    response = login(scoped.reviewer).post(
        reverse("departments:review_department", args=[scoped.dept_b.department_id, "reviewed"]),
        follow=True,
    )
    assert "分管口" in response.content.decode()
    material.refresh_from_db()
    assert material.state == S.SUBMITTED
