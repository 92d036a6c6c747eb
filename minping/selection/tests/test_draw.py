from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from minping import sampling
from minping.accounts.models import AuditEntry, User
from minping.selection import actions
from minping.selection.models import Draw, Representative, SampleFrame, Volunteer

from .conftest import SMALL

pytestmark = pytest.mark.django_db


def test_the_commitment_is_the_hash_of_the_sealed_seed(ready, personas) -> None:
    draw = actions.do_commit_draw(personas.statistics, ready, mode="systematic", seed="abc")
    assert draw.commitment == sampling.commit("abc")
    assert draw.seed == "" and Draw.objects.get().sealed_seed.token  # sealed, not readable
    actions.do_reveal_seed(personas.statistics, draw)
    draw.refresh_from_db()
    assert draw.seed == "abc" and draw.status == "revealed"
    assert set(SampleFrame.objects.values_list("status", flat=True)) == {"locked"}


def test_a_commitment_after_the_frames_closed_is_refused(ready, personas) -> None:
    import datetime as dt

    from django.utils import timezone

    from minping.campaigns.models import Deadline

    Deadline.objects.create(
        campaign=ready, stage="frames_closed", due=timezone.now() - dt.timedelta(days=1)
    )
    with pytest.raises(actions.SelectionError, match="样本框已截止"):
        actions.do_commit_draw(personas.statistics, ready, mode="systematic")


def test_the_draw_fills_every_quota_once_per_person(drawn) -> None:
    seated = Representative.objects.filter(draw=drawn, status="selected")
    assert seated.count() == sum(SMALL.values())
    for (session, district, code), seats in SMALL.items():
        where = {"venue__kind": "main"} if district is None else {"venue__district__name": district}
        assert seated.filter(session__number=session, category__code=code, **where).count() == seats
    keys = list(Representative.objects.filter(draw=drawn).values_list("person_key", flat=True))
    assert len(keys) == len(set(keys))
    assert Representative.objects.filter(draw=drawn, status="reserve").exists()
    assert drawn.frame_hash and drawn.result_hash and drawn.min_probability
    log = list(drawn.log.values_list("to_status", flat=True))
    assert log == ["committed", "revealed", "done"]


def test_volunteers_learn_whether_they_were_drawn(drawn) -> None:
    statuses = set(Volunteer.objects.values_list("status", flat=True))
    assert "selected" in statuses and statuses <= {"selected", "reserve", "not_selected"}


def test_a_stratum_without_enough_people_stops_the_draw_and_is_named(small, personas, login):
    from .conftest import fill_frame

    fill_frame(small, "npc", {"东胜区": 2, "康巴什区": 3}, main_only=4)
    client = login(personas.statistics)
    page = client.get(reverse("selection:quotas")).content.decode()
    assert "第1场 · 东胜区分会场 · 人大代表" in page and "不能抽样" in page
    draw = actions.do_commit_draw(personas.statistics, small, mode="systematic")
    actions.do_reveal_seed(personas.statistics, draw)
    with pytest.raises(actions.DrawShortfall) as refused:
        actions.do_run_draw(personas.statistics, draw)
    assert refused.value.shortfalls
    assert not Representative.objects.exists()


def test_the_export_reproduces_the_draw_offline(drawn, tmp_path: Path, personas, login) -> None:
    response = login(personas.statistics).get(reverse("selection:draw_export"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(tmp_path)
        frame_csv = archive.read("draw/frame.csv").decode()
    for entry in Representative.objects.select_related("entry").exclude(entry=None)[:3]:
        assert entry.name not in frame_csv
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "minping.sampling", "verify", str(tmp_path / "draw")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("OK")


def test_a_drop_out_is_replaced_by_the_next_reserve_with_an_audit_entry(drawn, personas, login):
    rep = Representative.objects.filter(
        draw=drawn,
        status="selected",
        venue__district__name="东胜区",
        category__code="npc",
        session__number=1,
    ).first()
    reserves = list(
        Representative.objects.filter(
            draw=drawn,
            status="reserve",
            venue=rep.venue,
            category=rep.category,
            session=rep.session,
        ).order_by("rank")
    )
    client = login(personas.statistics)
    response = client.post(reverse("selection:replace", args=[rep.pk]), {"reason": "因病无法参加"})
    assert response.status_code == 302
    rep.refresh_from_db()
    reserves[0].refresh_from_db()
    assert rep.status == "dropped"
    assert reserves[0].status == "promoted" and reserves[0].replaces == rep
    entry = AuditEntry.objects.filter(verb="selection.replace_representative").get()
    assert entry.after["replaced_by"] == reserves[0].pk and entry.after["reason"] == "因病无法参加"


def test_representatives_get_phone_login_accounts(drawn, personas) -> None:
    from django.contrib.auth import authenticate

    from minping.accounts.pii import reveal
    from minping.lib.sms import LocmemBackend

    LocmemBackend.outbox.clear()
    created = actions.do_create_representative_accounts(personas.statistics, drawn)
    seated = Representative.objects.filter(draw=drawn, status="selected")
    assert created == seated.count()
    rep = seated.exclude(entry=None).first()
    user = rep.user
    assert user.role == "representative" and user.must_change_password
    phone = reveal(rep.entry, "phone", None, "test")
    message = next(m for m in LocmemBackend.outbox if m.phone == phone)
    password = message.text.split("初始密码")[1][:8]
    assert authenticate(username=phone, password=password) == user
    assert actions.do_create_representative_accounts(personas.statistics, drawn) == 0
    assert User.objects.filter(role="representative").count() == created + 1  # + persona


def test_the_public_page_shows_the_commitment_then_the_seed(ready, personas, client) -> None:
    url = reverse("selection:draw_public", args=[ready.year])
    assert "尚未公布种子承诺" in client.get(url).content.decode()
    draw = actions.do_commit_draw(personas.statistics, ready, mode="systematic", seed="s33d")
    page = client.get(url).content.decode()
    assert draw.commitment in page and "s33d" not in page
    actions.do_reveal_seed(personas.statistics, draw)
    assert "s33d" in client.get(url).content.decode()


def test_the_draw_page_walks_through_the_steps(
    ready, personas, login, django_capture_on_commit_callbacks
) -> None:
    client = login(personas.statistics)
    client.post(reverse("selection:draw_commit"), {"mode": "systematic", "seed": ""})
    client.post(reverse("selection:draw_reveal"), {"confirm": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("selection:draw_run"), {"confirm": "on"})
    draw = Draw.objects.get()
    assert draw.status == "done" and len(draw.seed) == 32
    page = client.get(reverse("selection:draw")).content.decode()
    assert draw.commitment in page and draw.seed in page and "下载复核包" in page


def test_the_fair_lottery_reports_probabilities(ready, personas) -> None:
    draw = actions.do_commit_draw(personas.statistics, ready, mode="maximin", seed="x")
    actions.do_reveal_seed(personas.statistics, draw)
    actions.do_run_draw(personas.statistics, draw)
    probabilities = list(
        Representative.objects.filter(draw=draw).values_list("probability", flat=True)
    )
    assert all(p is not None and 0 < p <= 1 for p in probabilities)
    draw.refresh_from_db()
    with zipfile.ZipFile(io.BytesIO(bytes(draw.export))) as archive:
        rows = archive.read("draw/probabilities.csv").decode().splitlines()
    # Everyone in the frame gets a probability in the lottery, drawn or not.
    from minping.selection.models import FrameEntry

    assert len(rows) - 1 == FrameEntry.objects.count() + Volunteer.objects.count()
    draw.refresh_from_db()
    assert draw.min_probability is not None and draw.min_probability > 0


def test_the_accounts_button_opens_accounts_through_a_background_task(drawn, personas, login):
    client = login(personas.statistics)
    response = client.post(reverse("selection:draw_accounts"), {"confirm": "on"})
    assert response.status_code == 302
    seated = Representative.objects.filter(draw=drawn, status="selected")
    assert seated.filter(user__isnull=False).count() == seated.count()
    page = client.get(reverse("selection:draw")).content.decode()
    assert "已开通账号" in page and "<h2>开通市民代表账号</h2>" not in page


def test_a_draw_refused_in_the_background_says_why_on_the_draw_page(
    small, personas, login, django_capture_on_commit_callbacks
) -> None:
    from .conftest import fill_frame

    fill_frame(small, "npc", {"东胜区": 2}, main_only=1)
    draw = actions.do_commit_draw(personas.statistics, small, mode="systematic")
    actions.do_reveal_seed(personas.statistics, draw)
    client = login(personas.statistics)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("selection:draw_run"), {"confirm": "on"})
    draw.refresh_from_db()
    assert draw.status == "revealed" and not draw.is_running()
    page = client.get(reverse("selection:draw")).content.decode()
    assert "名额层人数不足，未进行抽取" in page and "查看可行性检查" in page


def test_while_the_draw_runs_the_page_refreshes_itself(ready, personas, login) -> None:
    draw = actions.do_commit_draw(personas.statistics, ready, mode="systematic")
    actions.do_reveal_seed(personas.statistics, draw)
    actions.do_request_draw(personas.statistics, draw)  # queued; no worker in this test
    page = login(personas.supervisor).get(reverse("selection:draw")).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    with pytest.raises(actions.SelectionError, match="抽样正在进行"):
        actions.do_request_draw(personas.statistics, draw)


def test_a_representative_sees_their_own_seat(drawn, personas, login) -> None:
    actions.do_create_representative_accounts(personas.statistics, drawn)
    rep = Representative.objects.filter(draw=drawn, status="selected").exclude(user=None).first()
    rep.user.must_change_password = False  # they set their own password at first login
    rep.user.save()
    client = login(rep.user)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert "我的参会安排" in dashboard and rep.venue.name in dashboard
    page = client.get(reverse("selection:my_seat")).content.decode()
    assert rep.venue.name in page and rep.category.name in page
    other = login(personas.representative).get(reverse("selection:my_seat")).content.decode()
    assert "目前没有您的参会安排" in other


def test_the_same_drop_out_cannot_be_replaced_twice(drawn, personas) -> None:
    rep = Representative.objects.filter(draw=drawn, status="selected").first()
    stale = Representative.objects.get(pk=rep.pk)
    actions.do_replace_representative(personas.statistics, rep, "联系不上")
    with pytest.raises(actions.SelectionError, match="只有已入选的市民代表可以被替补"):
        actions.do_replace_representative(personas.statistics, stale, "联系不上")
