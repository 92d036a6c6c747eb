from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.db.models import Sum
from django.urls import reverse

from minping.selection.models import Draw, FrameEntry, Quota, Representative

pytestmark = pytest.mark.django_db


def test_the_demo_draw_is_complete_and_reproducible_offline(
    campaign, personas, client, tmp_path: Path
) -> None:
    from minping.demo import DEMO_PASSWORD, DemoContext
    from minping.selection import demo

    ctx = DemoContext(campaign=campaign, users={"tjj": personas.statistics})
    demo.load(ctx)
    demo.load(ctx)  # idempotent
    draw = Draw.objects.get(campaign=campaign)
    assert draw.status == "done"
    seats = Quota.objects.filter(campaign=campaign).aggregate(n=Sum("count"))["n"]
    assert Representative.objects.filter(draw=draw, status="selected").count() == seats
    assert FrameEntry.objects.filter(campaign=campaign).count() < 9000
    # The demo representative's login sees a seat (我的参会安排).
    seat = Representative.objects.get(user__username="daibiao")
    assert seat.status == "selected" and "daibiao" in dict(ctx.logins)
    client.login(username="daibiao", password=DEMO_PASSWORD)
    page = client.get(reverse("selection:my_seat")).content.decode()
    assert "我的参会安排" in page and seat.venue.name in page
    with zipfile.ZipFile(io.BytesIO(bytes(draw.export))) as archive:
        archive.extractall(tmp_path)
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "minping.sampling", "verify", str(tmp_path / "draw")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{seats} selected" in done.stdout
