"""Ballot boxes, the third party's tally and a publication never vanish with their session."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from minping.ballots.models import BallotBox, Publication, TallyUpload
from minping.campaigns.models import Session

pytestmark = pytest.mark.django_db


def _refused_rows(session: Session) -> list[Any]:
    with pytest.raises(ProtectedError) as refused:
        session.delete()
    return list(refused.value.protected_objects)


def test_a_session_with_ballot_boxes_cannot_be_deleted_and_the_office_is_told_why(
    evaluation: Any, personas: Any, login: Any
) -> None:
    session = evaluation.session
    assert any(isinstance(row, BallotBox) for row in _refused_rows(session))
    response = login(personas.office).post(
        reverse("campaigns:session_delete", args=[session.pk]), follow=True
    )
    assert "这个场次已有关联数据" in response.content.decode()
    assert "票箱" in response.content.decode()
    assert BallotBox.objects.filter(session=session).exists()


def test_a_session_with_a_tally_upload_or_a_publication_cannot_be_deleted(
    personas: Any,
) -> None:
    session = Session.objects.get(number=2)
    TallyUpload.objects.create(
        session=session, uploaded_by=personas.tallier, filename="t.json", sha256="0" * 64,
        signed_by="第三方", content="{}",
    )  # fmt: skip
    Publication.objects.create(session=session, published_by=personas.office)
    rows = _refused_rows(session)
    assert any(isinstance(row, TallyUpload) for row in rows)
    assert any(isinstance(row, Publication) for row in rows)
