"""Ballot design: the session's 11 departments, a configurable scale, a preview, then locked."""

from __future__ import annotations

from typing import Any

import pytest

from minping.ballots.models import BallotDesign

pytestmark = pytest.mark.django_db


def _form(**changes: str) -> dict[str, str]:
    data = {
        "scale": "choices",
        "choices_text": "满意,100,是\n基本满意,80,是\n不满意,0,否",
        "criteria_text": "",
        "satisfied_at": "60",
        "allow_opinion": "on",
        "questionnaire_text": "是否有人授意您评价？\n会场秩序如何？|良好/一般/较差",
        "conversion_basis": "weighted_score",
        "points_max": "10",
        "points_floor": "0",
        "instructions": "请如实评价。",
    }
    data.update(changes)
    return data


def test_the_design_lists_the_eleven_departments_of_the_sessions_group(
    client: Any, personas: Any, evaluation: Any
) -> None:
    client.force_login(personas.statistics)
    page = client.get(f"/ballots/session/{evaluation.session.pk}/design/").content.decode()
    group = evaluation.session.group
    names = [d.name for d in group.ordered_departments()]
    assert len(names) == 11
    assert all(name in page for name in names)
    assert "满意,100,是" in page  # the default scale
    assert "是否有人暗示或授意您对被评议部门作出评价？" in page  # the default questionnaire


def test_saving_a_design_shows_it_in_the_preview(
    client: Any, personas: Any, evaluation: Any
) -> None:
    client.force_login(personas.statistics)
    url = f"/ballots/session/{evaluation.session.pk}/design/"
    response = client.post(url, _form())
    assert response.status_code == 302
    design = BallotDesign.objects.get(session=evaluation.session)
    assert design.questionnaire[1]["options"] == [
        {"key": "o1", "label": "良好"},
        {"key": "o2", "label": "一般"},
        {"key": "o3", "label": "较差"},
    ]
    preview = client.get(response["Location"]).content.decode()
    assert "会场秩序如何？" in preview and "较差" in preview and "请如实评价。" in preview


def test_a_score_scale_and_criteria_can_be_chosen(
    client: Any, personas: Any, evaluation: Any
) -> None:
    client.force_login(personas.statistics)
    url = f"/ballots/session/{evaluation.session.pk}/design/"
    client.post(url, _form(scale="criteria", criteria_text="工作实绩,60\n服务态度,40"))
    design = BallotDesign.objects.get(session=evaluation.session)
    assert design.scale == "criteria"
    assert [c["weight"] for c in design.criteria] == [60, 40]
    preview = client.get(f"/ballots/session/{evaluation.session.pk}/preview/").content.decode()
    assert preview.count("工作实绩") == 11


def test_a_malformed_grade_line_is_explained(client: Any, personas: Any, evaluation: Any) -> None:
    client.force_login(personas.statistics)
    url = f"/ballots/session/{evaluation.session.pk}/design/"
    response = client.post(url, _form(choices_text="满意,一百,是\n不满意,0,否"))
    assert response.status_code == 200
    assert "第1行格式应为：名称,分值,是否计入满意" in response.content.decode()


def test_the_design_is_locked_once_the_first_token_is_issued(
    client: Any, personas: Any, evaluation: Any
) -> None:
    client.force_login(personas.office)
    client.post(f"/ballots/box/{evaluation.main.pk}/issue/", {"count": "3"})
    design = BallotDesign.objects.get(session=evaluation.session)
    assert design.is_locked and len(design.departments) == 11
    client.force_login(personas.statistics)
    url = f"/ballots/session/{evaluation.session.pk}/design/"
    response = client.post(url, _form(scale="score"))
    assert "评议票设计已锁定" in response.content.decode()
    design.refresh_from_db()
    assert design.scale == "choices"
