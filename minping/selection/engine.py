"""The adapter between the database and the pure sampling engine (``minping.sampling``).

Frames and confirmed volunteers become pseudonymous :class:`sampling.Person` rows:
``pid`` is the blind index of the ID number (so one person in two frames, or in a frame
and among the volunteers, is one pid), ``sort_key`` is ``(district, unit)`` where the
unit is a keyed hash of the work unit, so that systematic sampling spreads the seats
over districts and units without the export naming anyone.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import tempfile
import zipfile
from pathlib import Path
from typing import cast

from django.core.cache import cache
from django.utils.translation import gettext as _

from minping import sampling
from minping.campaigns.models import Campaign, Category
from minping.lib.fields import blind_index
from minping.selection import seedquotas
from minping.selection.models import FrameEntry, Quota, SampleFrame, Volunteer


def reserves_for(seats: int) -> int:
    if seats <= 0:
        return 0
    return max(1, math.ceil(seats * seedquotas.RESERVE_SHARE / 100))


def build_people(campaign: Campaign) -> list[sampling.Person]:
    people: list[sampling.Person] = []
    units: dict[str, str] = {}

    def unit(name: str) -> str:
        if name not in units:
            units[name] = blind_index(name, "employer")[:12]
        return units[name]

    entries = (
        FrameEntry.objects.filter(campaign=campaign)
        .values_list("id_index", "frame__category__code", "district__name", "employer")
        .iterator(chunk_size=5000)
    )
    for pid, category, district, employer in entries:
        people.append(
            sampling.Person(
                pid=pid,
                category=category,
                district=district,
                sort_key=(district or "", unit(employer)),
            )
        )
    volunteers = Volunteer.objects.filter(
        campaign=campaign, status=Volunteer.Status.CONFIRMED
    ).values_list("id_index", "district__name", "venue_choice", "session_choice", "flexibility")
    for pid, district, venue, session, flexibility in volunteers:
        people.append(
            sampling.Person(
                pid=pid,
                category="volunteer",
                district=district,
                sort_key=(district or "",),
                is_volunteer=True,
                venue_pref=cast(sampling.Venue, venue),
                session_pref=session,
                flexibility=cast(sampling.Flexibility, flexibility),
            )
        )
    return people


def build_quotas(campaign: Campaign) -> tuple[sampling.Quota, ...]:
    rows = Quota.objects.filter(campaign=campaign).values_list(
        "session__number", "venue__kind", "venue__district__name", "category__code", "count"
    )
    return tuple(
        sampling.Quota(
            session=session,
            venue="main" if kind == "main" else "branch",
            district=None if kind == "main" else district,
            category=category,
            seats=count,
            reserves=reserves_for(count),
        )
        for session, kind, district, category, count in rows
    )


def build_spec(campaign: Campaign, seed: str = "", method: str = "systematic") -> sampling.DrawSpec:
    return sampling.DrawSpec(
        seed=seed, quotas=build_quotas(campaign), method=cast(sampling.Method, method)
    )


def describe_shortfalls(
    shortfalls: list[sampling.Shortfall], campaign: Campaign
) -> list[dict[str, object]]:
    """Shortfalls with their stratum named in Chinese for the page."""
    categories = dict(Category.objects.filter(campaign=campaign).values_list("code", "name"))
    described = []
    for s in shortfalls:
        if s.quota is not None:
            q = s.quota
            where = _("主会场") if q.venue == "main" else f"{q.district}{_('分会场')}"
            label = _("第%(n)d场 · %(where)s · %(category)s") % {
                "n": q.session,
                "where": where,
                "category": categories.get(q.category, q.category),
            }
        else:
            label = s.scope
        described.append(
            {"label": label, "needed": s.needed, "available": s.available, "kind": s.kind}
        )
    return described


def _signature(campaign: Campaign) -> str:
    """Changes whenever a frame, a confirmed volunteer or a quota changes."""
    digest = hashlib.sha256(str(campaign.pk).encode())
    for row in (
        SampleFrame.objects.filter(campaign=campaign)
        .order_by("pk")
        .values_list("pk", "content_hash"),
        Volunteer.objects.filter(campaign=campaign, status=Volunteer.Status.CONFIRMED)
        .order_by("pk")
        .values_list("pk", "district_id", "venue_choice", "session_choice", "flexibility"),
        Quota.objects.filter(campaign=campaign).order_by("pk").values_list("pk", "count"),
    ):
        digest.update(json.dumps(list(row), default=str).encode())
    return digest.hexdigest()


def feasibility(campaign: Campaign) -> list[sampling.Shortfall]:
    """``sampling.check_feasibility`` on the campaign, cached until its inputs change: on a
    frame of a million rows building the people takes seconds, and the quota page asks often."""
    key = f"selection:feasibility:{_signature(campaign)}"
    found: list[sampling.Shortfall] | None = cache.get(key)
    if found is None:
        found = sampling.check_feasibility(build_people(campaign), build_spec(campaign))
        cache.set(key, found, 3600)
    return found


def export_bundle(
    people: list[sampling.Person], spec: sampling.DrawSpec, result: sampling.DrawResult
) -> bytes:
    """A zip with ``frame.csv``, ``spec.json`` and ``result.csv`` in a folder ``draw/``."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        folder = sampling.export_frame(people, spec, result, Path(tmp) / "draw")
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in ("frame.csv", "spec.json", "result.csv"):
                archive.write(folder / name, f"draw/{name}")
            archive.writestr("draw/probabilities.csv", _probabilities_csv(result))
            archive.writestr("draw/README.txt", README)
    return buffer.getvalue()


def _probabilities_csv(result: sampling.DrawResult) -> str:
    lines = ["pid,probability"]
    lines += [f"{pid},{p:.6f}" for pid, p in sorted(result.probabilities.items())]
    return "\n".join(lines) + "\n"


def file_hash(bundle: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        return hashlib.sha256(archive.read(f"draw/{name}")).hexdigest()


def spec_fingerprint(spec: sampling.DrawSpec) -> str:
    quotas = sorted(
        (q.session, q.venue, q.district or "", q.category, q.seats, q.reserves) for q in spec.quotas
    )
    text = json.dumps([spec.method, spec.main_first, quotas], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


README = """minping sampling export (minping-sampling-export-v1)

frame.csv   the pseudonymised frame: pid is a keyed hash of the ID number, no names,
            ID numbers or phones
spec.json   the revealed seed, its published commitment, the method and the quotas
result.csv  the drawn seats and reserves in draw order
probabilities.csv  each pid's selection probability as the engine reported it (fair
            lottery: every eligible person; systematic: the drawn people's stratum rate)

Re-run the draw offline and compare:

    python -m minping.sampling verify draw/
"""
