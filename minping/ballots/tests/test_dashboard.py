"""The ballots app's dashboard cards, navigation and public links (through the registry)."""

from __future__ import annotations

from typing import Any

import pytest

from minping.ballots import actions
from minping.ballots.tests.conftest import answers_for

pytestmark = pytest.mark.django_db


def test_the_office_sees_open_venues_and_unfinished_paper_on_the_dashboard(
    client: Any, personas: Any, evaluation: Any, open_box: Any
) -> None:
    actions.do_enter_paper(
        personas.statistics, open_box, open_box.codes[0], answers_for(evaluation.design)
    )
    client.force_login(personas.office)
    page = client.get("/accounts/").content.decode()
    assert "正在投票的会场" in page and open_box.venue.name in page
    assert "待完成的纸质票录入" in page
    assert 'href="/ballots/"' in page  # the 市民评议 menu entry


def test_departments_get_no_ballots_menu(client: Any, personas: Any, evaluation: Any) -> None:
    client.force_login(personas.dept_a)
    page = client.get("/accounts/").content.decode()
    assert 'href="/ballots/"' not in page


def test_the_public_home_page_links_to_voting_and_the_board(client: Any, evaluation: Any) -> None:
    page = client.get("/").content.decode()
    assert "/ballots/v/" in page and "/ballots/board/" in page


def test_the_ballot_speaks_english_when_asked(client: Any, evaluation: Any, open_box: Any) -> None:
    page = client.get(
        f"/ballots/v/{open_box.codes[0]}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Submit ballot" in page and "Meeting-discipline questionnaire" in page
