"""The surveys demo (smaller): a published survey whose export verifies; running it twice
changes nothing."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from minping.demo import DemoContext
from minping.surveys import demo, reports, verify
from minping.surveys.models import Response, Survey

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_a_survey_that_verifies_and_is_idempotent(
    campaign: Any, personas: Any, monkeypatch: Any
) -> None:
    for name, value in [("CODES_PER_DISTRICT", 6), ("CODE_RESPONSES", 40),
                        ("PAPER_RESPONSES", 5), ("LINK_RESPONSES", 7)]:  # fmt: skip
        monkeypatch.setattr(demo, name, value)
    ctx = DemoContext(campaign=campaign)
    ctx.users = {"tjj": personas.statistics, "office": personas.office}
    demo.load(ctx)
    demo.load(ctx)
    survey = Survey.objects.get()
    assert survey.is_published and survey.questions.count() == 15
    assert Response.objects.count() == 47
    assert Response.objects.filter(channel="paper").count() == 5
    data, digest = reports.export_zip(survey)
    assert digest == survey.manifest_digest
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {n.rsplit("/", 1)[-1]: archive.read(n) for n in archive.namelist()}
    assert verify.verify_files(files, digest=digest).ok
