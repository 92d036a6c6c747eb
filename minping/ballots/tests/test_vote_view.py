"""The phone ballot page: works without JavaScript, one submit, a receipt, clear refusals."""

from __future__ import annotations

import re
from typing import Any

import pytest

from minping.ballots import actions
from minping.ballots.models import Ballot, Receipt, new_token_code
from minping.ballots.tests.conftest import post_data

pytestmark = pytest.mark.django_db


def test_the_ballot_page_lists_the_sessions_departments_and_questionnaire(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    response = client.get(f"/ballots/v/{open_box.codes[0]}/")
    assert response.status_code == 200
    page = response.content.decode()
    for dept in evaluation.design.department_list():
        assert dept["name"] in page
    assert "会场纪律调查表" in page and "满意" in page and "基本满意" in page
    assert "<script" not in page
    assert len(response.content) < 60_000  # a small page for a slow phone network


def test_submitting_redirects_to_a_receipt_found_on_the_public_board(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    response = client.post(f"/ballots/v/{open_box.codes[0]}/", post_data(evaluation.design))
    assert response.status_code == 302
    receipt = Receipt.objects.get()
    assert response["Location"] == f"/ballots/receipt/{receipt.code}/"
    page = client.get(response["Location"]).content.decode()
    assert "提交成功" in page and receipt.code[:5] in page
    board = client.get(f"/ballots/board/{open_box.pk}/receipts/?q={receipt.code}").content.decode()
    assert "已找到" in board
    assert "satisfied" not in board and "满意" not in board  # no choices on the board


def test_a_second_submit_from_another_tab_is_not_counted_again(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    code = open_box.codes[0]
    first = client.post(f"/ballots/v/{code}/", post_data(evaluation.design))
    second = client.post(f"/ballots/v/{code}/", post_data(evaluation.design, "dissatisfied"))
    assert Ballot.objects.count() == 1
    assert second.status_code == 302
    page = client.get(second["Location"]).content.decode()
    assert "这张评议凭证的评议票已经计入，本次提交未重复计入" in page
    assert first["Location"].split("?")[0] == second["Location"].split("?")[0]


def test_opening_a_used_token_again_shows_its_receipt(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    code = open_box.codes[0]
    client.post(f"/ballots/v/{code}/", post_data(evaluation.design))
    response = client.get(f"/ballots/v/{code}/")
    assert response.status_code == 302
    assert response["Location"] == f"/ballots/receipt/{Receipt.objects.get().code}/"


def test_a_ballot_missing_a_department_comes_back_with_the_answers_kept(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    data = post_data(evaluation.design, "fairly_satisfied")
    missing = evaluation.design.department_list()[3]
    del data[f"d_{missing['id']}"]
    response = client.post(f"/ballots/v/{open_box.codes[0]}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "请对该部门作出评价。" in page
    kept = re.findall(r'value="fairly_satisfied"[^>]*checked', page)
    assert len(kept) == len(evaluation.design.department_list()) - 1
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("code", "message", "status"),
    [
        ("XYZ", "凭证码格式不正确", 404),
        ("forged", "没有发放过", 404),
    ],
)
def test_malformed_and_forged_tokens_get_a_clear_chinese_message(
    client: Any, evaluation: Any, open_box: Any, code: str, message: str, status: int
) -> None:
    if code == "forged":
        code = new_token_code()
    response = client.get(f"/ballots/v/{code}/")
    assert response.status_code == status
    assert message in response.content.decode()


def test_a_closed_ballot_is_refused_with_a_clear_message(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    actions.do_close_box(evaluation.office, open_box)
    response = client.post(f"/ballots/v/{open_box.codes[0]}/", post_data(evaluation.design))
    assert response.status_code == 409
    assert "本会场的评议已结束，不再接受评议票" in response.content.decode()
    assert not Ballot.objects.exists()


def test_typing_the_code_leads_to_the_ballot(client: Any, evaluation: Any, open_box: Any) -> None:
    code = open_box.codes[0]
    pretty = f"{code[:4]}-{code[4:8]} {code[8:].lower()}"
    response = client.post("/ballots/v/", {"code": pretty})
    assert response.status_code == 302 and response["Location"] == f"/ballots/v/{code}/"


def test_a_venues_entry_page_refuses_a_token_of_another_venue(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    url = f"/ballots/v/?box={evaluation.branch.pk}"
    assert "东胜区分会场" in client.get(url).content.decode()
    response = client.post(url, {"code": open_box.codes[0], "box": evaluation.branch.pk})
    assert response.status_code == 200
    assert (
        f"这张评议凭证属于“{open_box.venue.name}”，不能在本会场使用。" in response.content.decode()
    )
    own = f"/ballots/v/?box={open_box.pk}"
    response = client.post(own, {"code": open_box.codes[0], "box": open_box.pk})
    assert response.status_code == 302


def test_the_english_ballot_translates_the_standard_choices_and_questions(
    client: Any, evaluation: Any, open_box: Any
) -> None:
    client.cookies["django_language"] = "en"  # the header's language switch sets it
    page = client.get(f"/ballots/v/{open_box.codes[0]}/").content.decode()
    assert "Satisfied" in page and "Fairly satisfied" in page and "Dissatisfied" in page
    assert "Not seen" in page and "Was the venue orderly" in page
    assert "基本满意" not in page and "会场秩序是否良好" not in page
