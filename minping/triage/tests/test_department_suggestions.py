"""The likely handling department is among the first three proposals."""

from __future__ import annotations

import pytest

from minping.triage import DeptProfile, Triage, department_name_terms

from .corpus import SUGGESTIONS

WITH_DEPARTMENT = [(dept, text) for _, dept, text in SUGGESTIONS if dept]


@pytest.mark.parametrize(
    ("dept", "text"), WITH_DEPARTMENT, ids=[t[:12] for _, t in WITH_DEPARTMENT]
)
def test_the_handling_department_is_in_the_first_three(triage, dept, text):
    proposed = [d for d, _ in triage.suggest_department(text)]
    assert dept in proposed


def test_most_clear_cases_have_the_department_first(triage):
    first = [triage.suggest_department(text)[0][0] == dept for dept, text in WITH_DEPARTMENT]
    assert sum(first) >= 0.8 * len(first)


def test_a_department_named_in_the_text_comes_first(triage):
    text = "建议市水利局和住建部门一起把小区门口的积水问题解决了。"
    assert triage.suggest_department(text)[0][0] == "市水利局"


def test_a_short_name_of_the_department_is_recognised(triage):
    assert triage.suggest_department("请人社局回复一下")[0][0] == "市人力资源和社会保障局"
    assert triage.suggest_department("住建部门一直不回复")[0][0] == "市住房和城乡建设局"


def test_department_ids_are_the_callers_ids():
    triage = Triage([], [DeptProfile(7, "市公安局"), DeptProfile(9, "市民政局", ("低保",))])
    assert triage.suggest_department("低保申请太难")[0] == (9, 100.0)
    assert triage.suggest_department("公安局")[0][0] == 7


def test_a_text_about_nothing_a_department_does_proposes_none(triage):
    assert triage.suggest_department("你好，谢谢。") == []


@pytest.mark.parametrize(
    ("name", "terms"),
    [
        ("市公安局", ("市公安局", "公安局", "公安")),
        ("市卫生健康委员会", ("市卫生健康委员会", "卫生健康委员会", "卫生健康")),
        ("市人民政府金融工作办公室", ("市人民政府金融工作办公室", "金融工作办公室", "金融")),
        (
            "市住房和城乡建设局",
            ("市住房和城乡建设局", "住房和城乡建设局", "住房和城乡建设", "住房", "城乡建设"),
        ),
    ],
)
def test_the_ways_a_department_is_named(name, terms):
    assert department_name_terms(name) == terms


def test_the_office_sees_which_names_and_words_point_to_a_department(triage):
    text = "建议公安局加大反诈宣传，最近诈骗电话很多。"
    evidence = triage.department_evidence(text, "市公安局")
    assert evidence[0] == "公安局"
    assert "诈骗" in evidence
    assert "公安" not in evidence  # contained in 公安局, already shown
