"""The office sees which department is late at which step; each role gets its cards."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from minping.departments.actions import do_transition
from minping.departments.dashboard import cards, nav, public_links
from minping.departments.models import Material, late_step
from minping.departments.tests.conftest import save_report, walk

S = Material.State


def test_item_is_late_at_the_first_passed_step_it_has_not_reached(deadlines) -> None:
    by_stage = deadlines
    on_review_day = dt.datetime(2025, 12, 14, tzinfo=dt.UTC)  # after submit and review deadlines
    assert late_step(S.DRAFT, by_stage, on_review_day).stage == "materials_submitted"
    assert late_step(S.SUBMITTED, by_stage, on_review_day).stage == "materials_reviewed"
    assert late_step(S.REVIEWED, by_stage, on_review_day) is None
    assert late_step(S.RETURNED, by_stage, on_review_day).stage == "materials_submitted"


def test_board_names_the_step_each_department_is_late_at(
    login, scoped, campaign, deadlines, publicist
) -> None:
    material = save_report(scoped.dept_a, campaign).material
    do_transition(scoped.dept_a, material, S.SUBMITTED)
    with time_machine.travel(dt.datetime(2025, 12, 14, tzinfo=dt.UTC), tick=False):
        page = login(scoped.office).get(reverse("departments:board")).content.decode()
    summary = page[page.index("late-summary") : page.index("第一组")]
    review_line = summary[summary.index("政务科室审核（") :].split("</p>")[0]
    submit_line = summary[summary.index("部门材料提交（") :].split("</p>")[0]
    # dept_a's report waits for the desk review; its other five items were never submitted.
    assert "市发展和改革委员会<small>（1）" in review_line and "市公安局" not in review_line
    assert "市发展和改革委员会<small>（5）" in submit_line
    assert "市公安局<small>（6）" in submit_line


def test_department_card_counts_items_to_do_and_late(rf, scoped, campaign, deadlines) -> None:
    request = rf.get("/")
    request.user = scoped.dept_a
    with time_machine.travel(dt.datetime(2025, 12, 11, tzinfo=dt.UTC), tick=False):
        [card] = cards(request)
    assert card.count == 6 and card.level == "danger"
    assert "逾期6项" in card.body


def test_reviewer_card_counts_items_waiting_in_its_portfolio(
    rf, scoped, campaign, publicist
) -> None:
    walk(save_report(scoped.dept_a, campaign).material, scoped, publicist, to="submitted")
    walk(save_report(scoped.dept_b, campaign).material, scoped, publicist, to="submitted")
    request = rf.get("/")
    request.user = scoped.reviewer
    [card] = cards(request)
    assert card.count == 1


def test_nav_shows_each_role_its_page(rf, personas, campaign) -> None:
    def labels(user):
        request = rf.get("/")
        request.user = user
        return [item.label for item in nav(request)]

    assert "本部门材料" in labels(personas.dept_a)
    assert "材料审核" in labels(personas.reviewer)
    assert "材料进度" in labels(personas.office)
    assert labels(personas.citizen) == ["部门述职材料"]
    assert [link.label for link in public_links(campaign)][0] == "部门述职材料"


def test_review_queue_lists_only_the_reviewers_departments(
    login, scoped, campaign, publicist
) -> None:
    walk(save_report(scoped.dept_a, campaign).material, scoped, publicist, to="submitted")
    walk(save_report(scoped.dept_b, campaign).material, scoped, publicist, to="submitted")
    page = login(scoped.reviewer).get(reverse("departments:review_queue")).content.decode()
    assert "市发展和改革委员会" in page and "市公安局 ·" not in page
