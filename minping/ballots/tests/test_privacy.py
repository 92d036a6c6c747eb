"""What a stored ballot, token and receipt may and may not hold; what logs may not hold."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.db import models

from minping.accounts.models import AuditEntry
from minping.ballots import actions
from minping.ballots.models import Ballot, BallotToken, Receipt
from minping.ballots.tests.conftest import answers_for, post_data

pytestmark = pytest.mark.django_db


def _field_names(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.get_fields() if not f.auto_created or f.concrete}


def test_a_stored_ballot_has_no_token_user_ip_or_time() -> None:
    assert _field_names(Ballot) == {"id", "box", "status", "answers", "opinions", "questionnaire"}
    for field in Ballot._meta.get_fields():
        assert not isinstance(field, models.DateTimeField | models.DateField | models.TimeField)
        assert not isinstance(field, models.GenericIPAddressField)
        related = getattr(field, "related_model", None)
        assert related is None or related.__name__ == "BallotBox", field.name


def test_a_ballot_primary_key_is_random_128_bit_hex(evaluation: Any, open_box: Any) -> None:
    for code in open_box.codes[:3]:
        actions.do_cast_ballot(code, answers_for(evaluation.design))
    ids = list(Ballot.objects.values_list("id", flat=True))
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert not isinstance(Ballot._meta.pk, models.AutoField | models.BigAutoField)
    assert len({i[:6] for i in ids}) == 3  # not a counter, not a time prefix


def test_tokens_and_receipts_do_not_point_at_ballots_or_times() -> None:
    for model in (BallotToken, Receipt):
        for field in model._meta.get_fields():
            assert getattr(field, "related_model", None) is not Ballot, (model, field.name)
            assert not isinstance(field, models.DateTimeField), (model, field.name)
    assert "token" not in " ".join(
        f.name for f in Receipt._meta.get_fields() if f.name != "token_digest"
    )


def test_the_receipt_table_does_not_name_the_token(evaluation: Any, open_box: Any) -> None:
    code = open_box.codes[0]
    actions.do_cast_ballot(code, answers_for(evaluation.design))
    stored = Receipt.objects.values_list("token_digest", "code").get()
    assert code not in stored[0] and code not in stored[1]


def test_logs_and_audit_never_hold_ballot_content_next_to_a_token(
    evaluation: Any, open_box: Any, client: Any, caplog: Any
) -> None:
    code = open_box.codes[0]
    data = post_data(evaluation.design, "dissatisfied")
    first_dept = evaluation.design.department_list()[0]["id"]
    data[f"o_{first_dept}"] = "窗口排队时间太长独特意见"
    caplog.set_level(logging.DEBUG)
    response = client.post(f"/ballots/v/{code}/", data)
    assert response.status_code == 302
    assert Ballot.objects.get().opinions == {str(first_dept): "窗口排队时间太长独特意见"}
    for record in caplog.records:
        text = record.getMessage()
        assert not (code in text and ("独特意见" in text or "dissatisfied" in text)), text
    for entry in AuditEntry.objects.all():
        text = f"{entry.before} {entry.after} {entry.object_repr}"
        assert "独特意见" not in text and "dissatisfied" not in text
