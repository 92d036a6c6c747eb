"""Who reaches which ballots page (role × view)."""

from __future__ import annotations

from typing import Any

import pytest

from minping.ballots.tests.conftest import vote_and_seal

pytestmark = pytest.mark.django_db

STAFF = {"office", "statistics", "supervisor", "tallier", "district"}
MANAGERS = {"office", "statistics"}
OVERSEERS = {"office", "statistics", "supervisor", "tallier"}


def test_session_pages(access_matrix: Any, evaluation: Any) -> None:
    session = evaluation.session.pk
    access_matrix("/ballots/", allowed=STAFF)
    access_matrix(f"/ballots/session/{session}/", allowed=STAFF)
    access_matrix(f"/ballots/session/{session}/preview/", allowed=STAFF)
    access_matrix(f"/ballots/session/{session}/design/", allowed=MANAGERS)


def test_box_pages_of_the_main_venue(access_matrix: Any, evaluation: Any) -> None:
    box = evaluation.main.pk
    access_matrix(f"/ballots/box/{box}/", allowed=OVERSEERS)
    access_matrix(f"/ballots/box/{box}/slips/", allowed=MANAGERS)
    access_matrix(f"/ballots/box/{box}/paper/", allowed=MANAGERS)
    access_matrix(f"/ballots/box/{box}/seal/", allowed={"office"})


def test_a_district_officer_runs_only_the_branch_venue_of_the_district(
    access_matrix: Any, evaluation: Any
) -> None:
    box = evaluation.branch.pk
    access_matrix(f"/ballots/box/{box}/", allowed=STAFF)
    access_matrix(f"/ballots/box/{box}/slips/", allowed=MANAGERS | {"district"})
    access_matrix(f"/ballots/box/{box}/paper/", allowed=MANAGERS | {"district"})


def test_writes_are_for_the_office_or_statistics(access_matrix: Any, evaluation: Any) -> None:
    box = evaluation.main.pk
    access_matrix(f"/ballots/box/{box}/issue/", allowed=MANAGERS, method="post", data={"count": 1})
    access_matrix(
        f"/ballots/box/{box}/state/", allowed={"office"}, method="post", data={"to_state": "open"}
    )
    access_matrix(
        f"/ballots/session/{evaluation.session.pk}/prepare/", allowed=MANAGERS, method="post"
    )


def test_export_and_results_before_publication(access_matrix: Any, evaluation: Any) -> None:
    vote_and_seal(evaluation, {evaluation.main: ["satisfied"] * 10})
    session = evaluation.session.pk
    access_matrix(f"/ballots/session/{session}/export.zip", allowed=OVERSEERS)
    access_matrix(f"/ballots/session/{session}/results/", allowed=OVERSEERS)
    access_matrix(f"/ballots/session/{session}/results.xlsx", allowed=OVERSEERS)
    access_matrix(f"/ballots/session/{session}/tally/", allowed=OVERSEERS)


def test_the_ballot_and_the_board_are_public(
    access_matrix: Any, evaluation: Any, open_box: Any
) -> None:
    everyone = {
        "office", "reviewer", "dept_a", "dept_b", "statistics", "district", "tallier",
        "supervisor", "representative", "citizen", "outsider",
    }  # fmt: skip
    access_matrix("/ballots/board/", allowed=everyone, anonymous_allowed=True)
    access_matrix(
        f"/ballots/board/{open_box.pk}/receipts/", allowed=everyone, anonymous_allowed=True
    )
    access_matrix(f"/ballots/v/{open_box.codes[0]}/", allowed=everyone, anonymous_allowed=True)
    access_matrix("/ballots/v/", allowed=everyone, anonymous_allowed=True)
