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
    client.cookies["django_language"] = "en"  # the header's language switch sets it
    page = client.get(f"/ballots/v/{open_box.codes[0]}/").content.decode()
    assert "Submit ballot" in page and "Meeting-discipline questionnaire" in page


def test_a_district_officer_sees_the_own_venue_box_while_it_votes(
    client: Any, personas: Any, evaluation: Any
) -> None:
    evaluation.tokens(evaluation.branch, 5)
    actions.do_open_box(personas.office, evaluation.branch)
    evaluation.tokens(evaluation.main, 5)
    actions.do_open_box(personas.office, evaluation.main)
    client.force_login(personas.district)
    page = client.get("/accounts/").content.decode()
    assert "本会场票箱：投票中" in page and "已发放5张凭证" in page
    assert f'href="/ballots/box/{evaluation.branch.pk}/"' in page
    assert f"/ballots/box/{evaluation.main.pk}/" not in page  # not the officer's venue


def test_the_tallier_is_asked_to_tally_a_sealed_session_until_a_result_is_uploaded(
    client: Any, personas: Any, evaluation: Any
) -> None:
    from minping.ballots.tests.conftest import vote_and_seal

    client.force_login(personas.tallier)
    assert "待第三方统计的场次" not in client.get("/accounts/").content.decode()
    vote_and_seal(evaluation, {evaluation.main: ["satisfied"]})
    page = client.get("/accounts/").content.decode()
    assert "待第三方统计的场次" in page
    assert f'href="/ballots/session/{evaluation.session.pk}/tally/"' in page
    actions.do_record_tally(
        personas.tallier,
        evaluation.session,
        filename="results.json",
        sha256="0" * 64,
        signed_by="第三方统计员",
        content="{}",
        differences=[],
    )
    assert "待第三方统计的场次" not in client.get("/accounts/").content.decode()
