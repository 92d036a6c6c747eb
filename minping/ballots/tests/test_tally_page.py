"""The third-party tally page gives the tallier the export to recount offline."""

from __future__ import annotations

from typing import Any

import pytest

from minping.ballots.tests.conftest import vote_and_seal

pytestmark = pytest.mark.django_db


def test_the_tally_page_links_the_export_the_tallier_recounts(
    client: Any, personas: Any, evaluation: Any
) -> None:
    vote_and_seal(evaluation, {evaluation.main: ["satisfied", "dissatisfied"]})
    client.force_login(personas.tallier)
    page = client.get(f"/ballots/session/{evaluation.session.pk}/tally/").content.decode()
    export = f"/ballots/session/{evaluation.session.pk}/export.zip"
    assert f'href="{export}"' in page
    assert client.get(export)["Content-Type"] == "application/zip"
