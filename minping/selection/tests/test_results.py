from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from minping.accounts.pii import reveal
from minping.selection.models import Representative

pytestmark = pytest.mark.django_db


def plain_ids_and_phones(draw) -> list[str]:
    values = []
    for rep in Representative.objects.filter(draw=draw).select_related("entry", "volunteer"):
        source = rep.source()
        values += [reveal(source, "id_number", None, "test"), reveal(source, "phone", None, "test")]
    return values


def sheet_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        " ".join(str(c) for c in row if c is not None)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def test_the_composition_tables_count_the_seated_people(drawn, personas, login) -> None:
    page = login(personas.statistics).get(reverse("selection:composition")).content.decode()
    assert "一、市级主会场" in page and "二、地区分会场" in page
    # 人大代表 at the main venue: 2 in session 1, 0 in the others, 2 in total.
    row = page[page.index("<td>人大代表</td>") :].split("</tr>")[0]
    assert [c.split("<")[0] for c in row.split('<td class="num">')[1:]] == ["2", "0", "0", "2"]
    assert "<svg" in page  # the per-venue chart


def test_the_excel_export_has_the_seed_tables_and_the_masked_list(drawn, personas, login):
    response = login(personas.statistics).get(reverse("selection:composition_export"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:5] == [
        "主会场",
        "分会场第1场",
        "分会场第2场",
        "分会场第3场",
        "分会场三场合计",
    ]
    text = sheet_text(response.content)
    assert "人大代表" in text
    for value in plain_ids_and_phones(drawn):
        assert value not in text


def test_a_district_officer_sees_only_their_district_masked(drawn, personas, login) -> None:
    client = login(personas.district)  # 东胜区
    page = client.get(reverse("selection:district") + "?district=999").content.decode()
    assert "东胜区分会场市民代表" in page
    theirs = Representative.objects.filter(
        draw=drawn, venue__district__name="东胜区", session__number=1
    )
    others = Representative.objects.filter(draw=drawn, venue__district__name="康巴什区")
    assert theirs.exists() and others.exists()
    for rep in theirs:
        assert rep.name in page
    for rep in others:
        assert rep.name not in page
    export = client.get(reverse("selection:district_export") + "?district=1")
    text = sheet_text(export.content)
    assert all(rep.name not in text for rep in others)
    for value in plain_ids_and_phones(drawn):
        assert value not in page and value not in text


def test_lists_per_venue_and_session_show_reserves_and_probabilities(drawn, personas, login):
    from minping.campaigns.models import Venue

    venue = Venue.objects.get(district__name="东胜区")
    page = (
        login(personas.supervisor)
        .get(reverse("selection:list") + f"?session=1&venue={venue.pk}")
        .content.decode()
    )
    assert "备选" in page and "入选" in page
    assert "退出并替补" not in page  # the supervisor watches, does not replace
    for value in plain_ids_and_phones(drawn):
        assert value not in page


def test_before_the_draw_the_tables_and_export_show_the_quota_plan(seeded, personas, login):
    client = login(personas.office)
    page = client.get(reverse("selection:composition")).content.decode()
    assert "尚未抽样，下表为名额方案" in page
    row = page[page.index("<th>三场合计</th>") :].split("</tr>")[0]
    assert [c.split("<")[0] for c in row.split('<th class="num">')[1:]] == [
        "1200", "240", "690", "750", "525", "330", "225", "345", "195"
    ]  # fmt: skip
    export = client.get(reverse("selection:composition_export"))
    book = load_workbook(io.BytesIO(export.content))
    last = list(book["主会场"].iter_rows(values_only=True))[-1]
    assert last == ("合计", 100, 100, 100, 300)


def test_the_contact_list_shows_phones_and_logs_every_one(drawn, personas, login) -> None:
    from minping.accounts.models import PiiAccess

    seated = Representative.objects.filter(draw=drawn, status="selected")
    before = PiiAccess.objects.count()
    response = login(personas.statistics).get(reverse("selection:contact_export"))
    text = sheet_text(response.content)
    rep = seated.exclude(entry=None).select_related("entry").first()
    phone = reveal(rep.entry, "phone", None, "test")
    id_number = reveal(rep.entry, "id_number", None, "test")
    assert phone in text and id_number not in text
    logged = PiiAccess.objects.filter(actor=personas.statistics, field="phone")
    assert logged.count() == seated.count() == PiiAccess.objects.count() - before - 2


def test_ids_and_phones_stay_out_of_logs_and_the_audit_chain_through_the_draw(
    ready, personas, caplog, settings
) -> None:
    from minping.accounts.models import AuditEntry
    from minping.selection import actions

    settings.MINPING_SMS_BACKEND = "minping.lib.sms.ConsoleBackend"
    with caplog.at_level("DEBUG"):
        draw = actions.do_commit_draw(personas.statistics, ready, mode="systematic", seed="z")
        actions.do_reveal_seed(personas.statistics, draw)
        actions.do_run_draw(personas.statistics, draw)
        actions.do_create_representative_accounts(personas.statistics, draw)
        rep = Representative.objects.filter(draw=draw, status="selected").first()
        actions.do_replace_representative(personas.statistics, rep, "联系不上")
    audit = " ".join(str(e.payload()) for e in AuditEntry.objects.all())
    for value in plain_ids_and_phones(draw):
        assert value not in caplog.text and value not in audit
