from __future__ import annotations

import io
import re
from pathlib import Path

from django.core.management import call_command

from minping.accounts.audit import verify_chain
from minping.accounts.models import AuditEntry, User
from minping.campaigns.models import Campaign, Deadline, Session, Venue

# The city's documents (outside the repository); checked against when present.
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "campaigns": Campaign.objects.count(),
        "sessions": Session.objects.count(),
        "venues": Venue.objects.count(),
        "deadlines": Deadline.objects.count(),
    }


def test_load_demo_builds_a_whole_campaign_with_synthetic_people_and_is_idempotent(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "office" in out.getvalue() and "minping2026" in out.getvalue()
    first = _counts()
    assert first["sessions"] == 3 and first["venues"] == 10
    assert first["deadlines"] == len(Deadline.Stage.choices) - 1  # every stage but "other"
    frame_entries = AuditEntry.objects.filter(verb__startswith="campaigns.").count()

    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
    assert AuditEntry.objects.filter(verb__startswith="campaigns.").count() == frame_entries
    assert list(verify_chain()) == []

    # Demo phones come from the synthetic 1990xxxxxxx range only.
    phones = [u.phone.unseal() for u in User.objects.all() if u.phone]
    assert all(p.startswith("1990") for p in phones)
    seed_text = "".join(p.read_text() for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else ""
    assert not set(phones) & set(re.findall(r"1[3-9]\d{9}", seed_text))
    # Officials in the seeds appear with their title; no demo login may carry such a name.
    titled = set(re.findall(r"([\u4e00-\u9fff]{2,3})(?:同志|局长|主任|副市长|市长)", seed_text))
    assert not set(User.objects.values_list("full_name", flat=True)) & titled
