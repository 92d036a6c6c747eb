"""The analysis pages: counts by channel and district, distributions, free texts, Excel,
and the score table (the office all rows, a department its own row once published)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from minping.surveys import actions
from minping.surveys.tests.conftest import full_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(open_survey: Any) -> Any:
    survey = open_survey.survey
    for i, code in enumerate(open_survey.codes[:3]):
        answers = full_answers(survey, ["satisfied", "fairly", "dissatisfied"][i])
        answers["suggestion"] = ["希望多建公园", "公交要准点", ""][i]
        answers["improve"] = ["i1", "i2"]
        actions.submit_with_code(code, {k: v for k, v in answers.items() if v})
    return open_survey


def test_the_results_page_shows_counts_charts_and_scores(
    login: Any, personas: Any, answered: Any
) -> None:
    page = login(personas.statistics).get(f"/surveys/{answered.survey.pk}/results/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "data-total>3<" in html
    assert "东胜区" in html and "<svg" in html
    assert "市教育体育局" in html and "60.00" in html  # (100 + 80 + 0) / 3
    assert "赋分" in html


def test_free_texts_are_listed_and_searchable(login: Any, personas: Any, answered: Any) -> None:
    client = login(personas.office)
    html = client.get(f"/surveys/{answered.survey.pk}/texts/").content.decode()
    assert "希望多建公园" in html and "公交要准点" in html
    found = client.get(f"/surveys/{answered.survey.pk}/texts/", {"q": "公交"}).content.decode()
    assert "公交要准点" in found and "希望多建公园" not in found


def test_the_excel_export_has_anonymous_rows_and_the_summary(
    login: Any, personas: Any, answered: Any
) -> None:
    client = login(personas.statistics)
    data = client.get(f"/surveys/{answered.survey.pk}/responses.xlsx").content
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["答卷", "得分", "分布"]
    rows = list(book["答卷"].values)
    assert rows[0][:2] == ("渠道", "旗区") and len(rows) == 4
    assert {r[1] for r in rows[1:]} == {"东胜区"}
    assert any("满意" in str(c) for c in rows[1])
    summary = load_workbook(
        io.BytesIO(client.get(f"/surveys/{answered.survey.pk}/summary.xlsx").content)
    )
    assert summary.sheetnames == ["得分", "分布"]


def test_a_department_sees_its_own_score_only_once_published(
    login: Any, personas: Any, answered: Any
) -> None:
    from minping.campaigns.models import Department

    survey = answered.survey
    url = f"/surveys/{survey.pk}/scores/"
    assert login(personas.dept_b).get(url).status_code == 404
    actions.do_transition(personas.statistics, survey, "closed")
    response = login(personas.office).post(f"/surveys/{survey.pk}/publish/", {"confirm": "on"})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.is_published and len(survey.manifest_digest) == 64
    html = login(personas.dept_b).get(url).content.decode()
    assert "市公安局" in html and "市教育体育局" not in html
    office = login(personas.office).get(url).content.decode()
    assert "市公安局" in office and "市教育体育局" in office
    assert Department.objects.filter(name="市公安局").exists()


def test_the_preview_and_the_detail_page_render(login: Any, personas: Any, survey: Any) -> None:
    client = login(personas.statistics)
    assert "您常住的旗区" in client.get(f"/surveys/{survey.pk}/preview/").content.decode()
    detail = client.get(f"/surveys/{survey.pk}/").content.decode()
    assert "使用标准问卷模板" in detail and "开始试调查" in detail


def test_issuing_codes_and_printing_slips(login: Any, personas: Any, survey: Any) -> None:
    client = login(personas.statistics)
    response = client.post(f"/surveys/{survey.pk}/codes/", {"label": "政府网站", "count": 3})
    assert response.status_code == 302
    batch = survey.batches.get()
    html = client.get(f"/surveys/{survey.pk}/codes/{batch.pk}/slips/").content.decode()
    assert html.count("data-code") == 3 and "<svg" in html
    pdf = client.get(f"/surveys/{survey.pk}/codes/{batch.pk}/slips/", {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
