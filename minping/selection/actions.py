"""Writes for the selection of representatives; each ``do_*`` is one audited, atomic change.

Audit entries never carry an ID number or a phone, masked or not: only counts and hashes.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minping import sampling
from minping.accounts import audit
from minping.accounts.actions import do_create_user
from minping.accounts.models import Role, User
from minping.accounts.pii import reveal
from minping.campaigns.models import (
    Campaign,
    Category,
    Deadline,
    Department,
    District,
    Session,
    Venue,
)
from minping.lib import sms
from minping.lib.fields import blind_index
from minping.selection import engine, seedquotas
from minping.selection.frames import CleanRow, content_hash
from minping.selection.models import (
    Draw,
    DrawLog,
    FrameEntry,
    ImportJob,
    Quota,
    Representative,
    SampleFrame,
    Volunteer,
)


class SelectionError(Exception):
    """A refused change, with a Chinese message for the person."""


# --- frames --------------------------------------------------------------------------------


@transaction.atomic
def do_ensure_frames(actor: User | None, campaign: Campaign) -> list[SampleFrame]:
    """One frame per category (the volunteers' category has none: they sign up)."""
    frames = []
    departments = {d.name: d for d in Department.objects.all()}
    created = 0
    for category in Category.objects.filter(campaign=campaign).exclude(code="volunteer"):
        department = departments.get(seedquotas.RESPONSIBLE_DEPARTMENTS.get(category.code, ""))
        frame, was_created = SampleFrame.objects.get_or_create(
            campaign=campaign, category=category, defaults={"department": department}
        )
        created += was_created
        frames.append(frame)
    if created:
        audit.record(actor, "selection.ensure_frames", campaign, after={"created": created})
    return frames


@transaction.atomic
def do_start_frame_import(
    actor: User, frame: SampleFrame, upload: File[Any], filename: str
) -> ImportJob:
    """Stores the file and queues its validation; the page then polls the job."""
    if frame.is_locked():
        raise SelectionError(_("抽样种子已揭示，样本框已锁定，不能再导入"))
    deadline = Deadline.objects.filter(
        campaign_id=frame.campaign_id, stage=Deadline.Stage.FRAMES_CLOSED
    ).first()
    if actor.role == Role.DEPARTMENT and deadline is not None and deadline.is_past():
        raise SelectionError(_("样本框报送已截止，如需更正请联系统计局"))
    job = ImportJob(frame=frame, filename=filename[:200], size=upload.size or 0, created_by=actor)
    job.upload.save(f"{secrets.token_hex(8)}{_suffix(filename)}", upload, save=False)
    job.save()
    audit.record(
        actor, "selection.start_frame_import", frame, after={"job": job.pk, "file": job.filename}
    )
    from minping.selection.tasks import import_frame

    transaction.on_commit(lambda: import_frame.enqueue(job.pk))
    return job


def _suffix(filename: str) -> str:
    lowered = filename.lower()
    for suffix in (".xlsx", ".xls", ".csv"):
        if lowered.endswith(suffix):
            return suffix
    return ""


@transaction.atomic
def do_replace_frame_entries(
    actor: User | None, job: ImportJob, rows: Sequence[CleanRow]
) -> SampleFrame:
    """All or nothing: the frame's entries become exactly ``rows``."""
    frame = SampleFrame.objects.select_for_update().get(pk=job.frame_id)
    if frame.is_locked():
        raise SelectionError(_("抽样种子已揭示，样本框已锁定，不能再导入"))
    before = {"rows": frame.row_count, "hash": frame.content_hash}
    frame.entries.all().delete()
    FrameEntry.objects.bulk_create(
        [
            FrameEntry(
                frame=frame,
                campaign_id=frame.campaign_id,
                row_number=row.number,
                name=row.name,
                employer=row.employer,
                title=row.title,
                ethnicity=row.ethnicity,
                political_status=row.political_status,
                id_number=row.id_number,
                id_index=row.id_index,
                phone=row.phone,
                phone_index=blind_index(row.phone, "phone") if row.phone else None,
                district_id=row.district_id,
            )
            for row in rows
        ],
        batch_size=2000,
    )
    frame.row_count = len(rows)
    frame.content_hash = content_hash(r.id_index for r in rows)
    frame.status = SampleFrame.Status.READY if rows else SampleFrame.Status.EMPTY
    frame.source_name = job.filename
    frame.imported_at = timezone.now()
    frame.imported_by = actor
    frame.save(
        update_fields=[
            "row_count",
            "content_hash",
            "status",
            "source_name",
            "imported_at",
            "imported_by",
        ]
    )
    audit.record(
        actor,
        "selection.import_frame",
        frame,
        before=before,
        after={"rows": frame.row_count, "hash": frame.content_hash, "job": job.pk},
    )
    return frame


@transaction.atomic
def do_set_frame_department(
    actor: User, frame: SampleFrame, department: Department | None
) -> SampleFrame:
    before = {"department": frame.department_id}
    frame.department = department
    frame.save(update_fields=["department"])
    audit.record(
        actor,
        "selection.set_frame_department",
        frame,
        before=before,
        after={"department": department.pk if department else None},
    )
    return frame


# --- volunteers ----------------------------------------------------------------------------

_REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    return "ZY" + "".join(secrets.choice(_REF_ALPHABET) for _ in range(6))


def lookup_index(reference: str, phone: str) -> str:
    """What the status lookup compares: the reference code with the phone's last 4 digits."""
    return blind_index(f"{reference.strip().upper()}:{phone.strip()[-4:]}", "volunteer-lookup")


class DuplicateSignup(SelectionError):
    pass


def signups_closed(campaign: Campaign) -> bool:
    """After the volunteers' deadline, or once the seed is revealed, nobody can sign up."""
    deadline = Deadline.objects.filter(
        campaign=campaign, stage=Deadline.Stage.VOLUNTEERS_CLOSED
    ).first()
    if deadline is not None and deadline.is_past():
        return True
    return Draw.objects.filter(campaign=campaign).exclude(status=Draw.Status.COMMITTED).exists()


def do_signup_volunteer(campaign: Campaign, data: dict[str, Any]) -> Volunteer:
    """Creates the sign-up; a second one with the same ID number is refused clearly."""
    if signups_closed(campaign):
        raise SelectionError(_("自愿报名已截止"))
    id_index = blind_index(data["id_number"], "id_number")
    if Volunteer.objects.filter(campaign=campaign, id_index=id_index).exists():
        raise DuplicateSignup(
            _("这个身份证号已经报过名了。每人只能报名一次，如需查询请使用报名编号和手机号后4位。")
        )
    for _attempt in range(5):
        reference = new_reference()
        try:
            with transaction.atomic():
                volunteer = Volunteer(
                    campaign=campaign,
                    reference=reference,
                    lookup_index=lookup_index(reference, data["phone"]),
                    **data,
                )
                volunteer.save()
                audit.record(
                    None,
                    "selection.signup_volunteer",
                    volunteer,
                    after={"reference": reference, "district": volunteer.district_id},
                )
                return volunteer
        except IntegrityError as exc:
            if Volunteer.objects.filter(campaign=campaign, id_index=id_index).exists():
                raise DuplicateSignup(_("这个身份证号已经报过名了。每人只能报名一次。")) from exc
    raise SelectionError(_("报名编号生成失败，请重试"))


VOLUNTEER_REVIEW: dict[str, set[str]] = {
    Volunteer.Status.SUBMITTED: {Volunteer.Status.CONFIRMED, Volunteer.Status.REJECTED},
    Volunteer.Status.CONFIRMED: {Volunteer.Status.REJECTED},
    Volunteer.Status.REJECTED: {Volunteer.Status.CONFIRMED},
}


@transaction.atomic
def do_review_volunteer(actor: User, volunteer: Volunteer, status: str) -> Volunteer:
    if status not in VOLUNTEER_REVIEW.get(volunteer.status, set()):
        raise SelectionError(_("当前状态不能这样处理"))
    before = {"status": volunteer.status}
    volunteer.status = status
    volunteer.save(update_fields=["status"])
    audit.record(
        actor, "selection.review_volunteer", volunteer, before=before, after={"status": status}
    )
    return volunteer


def find_volunteer(reference: str, phone_tail: str) -> Volunteer | None:
    index = lookup_index(reference, phone_tail)
    return Volunteer.objects.filter(reference=reference.strip().upper(), lookup_index=index).first()


# --- quotas --------------------------------------------------------------------------------


@transaction.atomic
def do_seed_quotas(actor: User | None, campaign: Campaign) -> int:
    """Creates the missing categories and the quotas of the seeds' tables (idempotent:
    existing quotas keep their edited counts)."""
    order = Category.objects.filter(campaign=campaign).count()
    for code, name, kind in seedquotas.EXTRA_CATEGORIES:
        if not Category.objects.filter(campaign=campaign, code=code).exists():
            order += 1
            Category.objects.create(campaign=campaign, code=code, name=name, kind=kind, order=order)
    categories = {c.code: c for c in Category.objects.filter(campaign=campaign)}
    venues = list(Venue.objects.filter(campaign=campaign).select_related("district"))
    main = next(v for v in venues if v.kind == Venue.Kind.MAIN)
    branches = {v.district.name: v for v in venues if v.district is not None}
    existing = set(
        Quota.objects.filter(campaign=campaign).values_list("session_id", "venue_id", "category_id")
    )
    missing: list[Quota] = []
    for session in Session.objects.filter(campaign=campaign):
        wanted: list[tuple[Venue, Category, int]] = [
            (main, categories[code], count) for code, count in seedquotas.MAIN_VENUE.items()
        ]
        for code, counts in seedquotas.BRANCH.items():
            for district, count in zip(seedquotas.BRANCH_DISTRICTS, counts, strict=True):
                if district in branches:
                    wanted.append((branches[district], categories[code], count))
        missing.extend(
            Quota(
                campaign=campaign,
                session=session,
                venue=venue,
                category=category,
                seed_count=count,
                count=count,
            )
            for venue, category, count in wanted
            if (session.pk, venue.pk, category.pk) not in existing
        )
    Quota.objects.bulk_create(missing)
    created = len(missing)
    do_ensure_frames(actor, campaign)
    audit.record(actor, "selection.seed_quotas", campaign, after={"created": created})
    return created


@transaction.atomic
def do_update_quotas(
    actor: User, session: Session, venue: Venue, counts: dict[int, int]
) -> list[Quota]:
    """Sets the counts (quota id → count) of one venue in one session; the form has checked
    the tolerance rule."""
    quotas = list(Quota.objects.select_for_update().filter(session=session, venue=venue))
    before = {str(q.pk): q.count for q in quotas}
    for quota in quotas:
        if quota.pk in counts and counts[quota.pk] != quota.count:
            quota.count = counts[quota.pk]
            quota.save(update_fields=["count"])
    audit.record(
        actor,
        "selection.update_quotas",
        venue,
        before={"session": session.number, "counts": before},
        after={"session": session.number, "counts": {str(q.pk): q.count for q in quotas}},
    )
    return quotas


def district_by_name(name: str) -> District | None:
    return District.objects.filter(name=name).first()


def today() -> dt.date:
    return timezone.localdate()


# --- the draw ------------------------------------------------------------------------------


def _log(draw: Draw, actor: User | None, before: str, note: str = "") -> None:
    DrawLog.objects.create(
        draw=draw, actor=actor, from_status=before, to_status=draw.status, note=note[:300]
    )


def _guard(draw: Draw, status: str) -> None:
    if not draw.can_move_to(status):
        raise SelectionError(_("抽样当前状态不能进行这一步"))


@transaction.atomic
def do_commit_draw(actor: User, campaign: Campaign, *, mode: str, seed: str = "") -> Draw:
    """Seals a seed and publishes its hash; must happen before the frames close."""
    deadline = Deadline.objects.filter(
        campaign=campaign, stage=Deadline.Stage.FRAMES_CLOSED
    ).first()
    if deadline is not None and deadline.is_past():
        raise SelectionError(_("样本框已截止：种子承诺必须在样本框截止前公布"))
    if Draw.objects.filter(campaign=campaign).exists():
        raise SelectionError(_("本年度已经公布过种子承诺"))
    seed = seed.strip() or sampling.new_seed()
    draw = Draw(
        campaign=campaign,
        mode=mode,
        status=Draw.Status.COMMITTED,
        commitment=sampling.commit(seed),
        sealed_seed=seed,
        created_by=actor,
    )
    draw.save()
    _log(draw, actor, "")
    audit.record(
        actor,
        "selection.commit_draw",
        draw,
        after={"commitment": draw.commitment, "mode": mode},
    )
    return draw


@transaction.atomic
def do_reveal_seed(actor: User, draw: Draw) -> Draw:
    """Locks every frame, then reveals the sealed seed (checked against the commitment)."""
    _guard(draw, Draw.Status.REVEALED)
    if ImportJob.objects.filter(
        frame__campaign=draw.campaign,
        status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING],
    ).exists():
        raise SelectionError(_("还有样本框正在导入，请等待导入完成后再揭示种子"))
    draw.refresh_from_db(fields=["sealed_seed"])
    seed = reveal(draw, "sealed_seed", actor, "揭示抽样种子")
    if not sampling.check_commitment(seed, draw.commitment):
        raise SelectionError(_("种子与已公布的承诺不符，不能揭示"))
    SampleFrame.objects.filter(campaign=draw.campaign).update(status=SampleFrame.Status.LOCKED)
    before = draw.status
    draw.seed = seed
    draw.status = Draw.Status.REVEALED
    draw.revealed_at = timezone.now()
    draw.save(update_fields=["seed", "status", "revealed_at"])
    _log(draw, actor, before)
    audit.record(actor, "selection.reveal_seed", draw, after={"seed": seed})
    return draw


@transaction.atomic
def do_request_draw(actor: User, draw: Draw) -> Draw:
    """Queues the draw: on a large frame it takes longer than a request may."""
    _guard(draw, Draw.Status.DONE)
    if draw.is_running():
        raise SelectionError(_("抽样正在进行，请稍候"))
    draw.run_requested_at = timezone.now()
    draw.run_error = ""
    draw.save(update_fields=["run_requested_at", "run_error"])
    audit.record(actor, "selection.request_draw", draw, after={"mode": draw.mode})
    from minping.selection.tasks import run_draw

    transaction.on_commit(lambda: run_draw.enqueue(draw.pk, actor.pk))
    return draw


class DrawShortfall(SelectionError):
    def __init__(self, shortfalls: Sequence[sampling.Shortfall]) -> None:
        super().__init__(_("有%(n)d个名额层人数不足，未进行抽取") % {"n": len(shortfalls)})
        self.shortfalls = list(shortfalls)


@transaction.atomic
def do_run_draw(actor: User, draw: Draw) -> Draw:
    """Runs the engine on the locked frames and stores seats, reserves and the export."""
    _guard(draw, Draw.Status.DONE)
    campaign = draw.campaign
    people = engine.build_people(campaign)
    spec = engine.build_spec(campaign, draw.seed, draw.mode)
    result = sampling.draw(people, spec)
    if not result.ok:
        raise DrawShortfall([s for s in result.shortfalls if s.kind == "seats"])
    _store_result(draw, result)
    bundle = engine.export_bundle(people, spec, result)
    before = draw.status
    draw.status = Draw.Status.DONE
    draw.ran_at = timezone.now()
    draw.frame_hash = result.frame_hash
    draw.spec_hash = engine.spec_fingerprint(spec)
    draw.result_hash = engine.file_hash(bundle, "result.csv")
    draw.min_probability = result.min_probability
    draw.export = bundle
    draw.save(
        update_fields=[
            "status",
            "ran_at",
            "frame_hash",
            "spec_hash",
            "result_hash",
            "min_probability",
            "export",
        ]
    )
    _log(draw, actor, before, f"{len(result.selected)}+{len(result.reserves)}")
    audit.record(
        actor,
        "selection.run_draw",
        draw,
        after={
            "seed": draw.seed,
            "frame_hash": draw.frame_hash,
            "spec_hash": draw.spec_hash,
            "result_hash": draw.result_hash,
            "selected": len(result.selected),
            "reserves": len(result.reserves),
        },
    )
    return draw


def _store_result(draw: Draw, result: sampling.DrawResult) -> None:
    campaign = draw.campaign
    sessions = {s.number: s for s in Session.objects.filter(campaign=campaign)}
    venues = list(Venue.objects.filter(campaign=campaign).select_related("district"))
    main = next(v for v in venues if v.kind == Venue.Kind.MAIN)
    branches = {v.district.name: v for v in venues if v.district is not None}
    categories = {c.code: c for c in Category.objects.filter(campaign=campaign)}
    seats = [*result.selected, *result.reserves]
    volunteer_pids = {s.pid for s in seats if s.category == "volunteer"}
    entries: dict[tuple[str, str], FrameEntry] = {}
    pids = [s.pid for s in seats if s.category != "volunteer"]
    for start in range(0, len(pids), 2000):
        for found in FrameEntry.objects.filter(
            campaign=campaign, id_index__in=pids[start : start + 2000]
        ).select_related("frame__category"):
            entries[(found.id_index, found.frame.category.code)] = found
    volunteers = {
        v.id_index: v
        for v in Volunteer.objects.filter(campaign=campaign, id_index__in=volunteer_pids)
    }
    rows = []
    for seat in seats:
        entry = entries.get((seat.pid, seat.category))
        volunteer = volunteers.get(seat.pid) if seat.category == "volunteer" else None
        source: FrameEntry | Volunteer | None = entry or volunteer
        rows.append(
            Representative(
                draw=draw,
                session=sessions[seat.session],
                venue=main if seat.venue == "main" else branches[seat.district or ""],
                category=categories[seat.category],
                entry=entry,
                volunteer=volunteer,
                person_key=seat.pid,
                name=source.name if source else "",
                employer=getattr(source, "employer", "") if source else "",
                rank=seat.rank,
                probability=result.probabilities.get(seat.pid),
                status=(
                    Representative.Status.SELECTED
                    if seat.kind == "selected"
                    else Representative.Status.RESERVE
                ),
            )
        )
    Representative.objects.bulk_create(rows, batch_size=2000)
    chosen = {s.pid: s.kind for s in seats if s.category == "volunteer"}
    Volunteer.objects.filter(campaign=campaign, status=Volunteer.Status.CONFIRMED).update(
        status=Volunteer.Status.NOT_SELECTED
    )
    for kind, status in (
        ("selected", Volunteer.Status.SELECTED),
        ("reserve", Volunteer.Status.RESERVE),
    ):
        Volunteer.objects.filter(
            campaign=campaign, id_index__in=[p for p, k in chosen.items() if k == kind]
        ).update(status=status)


@transaction.atomic
def do_replace_representative(
    actor: User, representative: Representative, reason: str
) -> Representative:
    """A seated person drops out: the next reserve of the same stratum takes the seat."""
    representative = Representative.objects.select_for_update().get(pk=representative.pk)
    if not representative.is_seated:
        raise SelectionError(_("只有已入选的市民代表可以被替补"))
    reserve = (
        Representative.objects.select_for_update()
        .filter(
            draw=representative.draw,
            session=representative.session,
            venue=representative.venue,
            category=representative.category,
            status=Representative.Status.RESERVE,
        )
        .order_by("rank")
        .first()
    )
    if reserve is None:
        raise SelectionError(_("该名额层已没有备选人员，请联系统计局补充"))
    representative.status = Representative.Status.DROPPED
    representative.save(update_fields=["status"])
    reserve.status = Representative.Status.PROMOTED
    reserve.replaces = representative
    reserve.save(update_fields=["status", "replaces"])
    if representative.volunteer_id:
        Volunteer.objects.filter(pk=representative.volunteer_id).update(
            status=Volunteer.Status.NOT_SELECTED
        )
    if reserve.volunteer_id:
        Volunteer.objects.filter(pk=reserve.volunteer_id).update(status=Volunteer.Status.SELECTED)
    if representative.user_id:
        User.objects.filter(pk=representative.user_id).update(is_active=False)
    audit.record(
        actor,
        "selection.replace_representative",
        representative,
        before={"status": Representative.Status.SELECTED, "rank": representative.rank},
        after={
            "status": Representative.Status.DROPPED,
            "reason": reason[:200],
            "replaced_by": reserve.pk,
            "replaced_by_rank": reserve.rank,
        },
    )
    return reserve


@transaction.atomic
def do_create_representative_accounts(actor: User, draw: Draw) -> int:
    """Gives every seated representative a login (role representative, phone login); the
    first password goes to their phone by SMS and must be changed at first login."""
    if not draw.is_done():
        raise SelectionError(_("抽样完成后才能开通代表账号"))
    created = 0
    seated = (
        Representative.objects.filter(
            draw=draw,
            user__isnull=True,
            status__in=[Representative.Status.SELECTED, Representative.Status.PROMOTED],
        )
        .select_related("entry", "volunteer")
        .order_by("pk")
    )
    for rep in seated:
        source = rep.source()
        if source is None:
            continue
        phone = reveal(source, "phone", actor, "为市民代表开通手机号登录账号")
        user = User.objects.filter(phone_index=blind_index(phone, "phone")).first()
        password = None
        if user is None:
            password = f"{secrets.randbelow(10**8):08d}"
            user = do_create_user(
                actor,
                username=f"rep{draw.campaign.year}-{rep.pk}",
                password=password,
                role=Role.REPRESENTATIVE,
                full_name=rep.name,
                phone=phone,
                must_change_password=True,
            )
            created += 1
        rep.user = user
        rep.save(update_fields=["user"])
        if password:
            sms.send(
                phone,
                _(
                    "您已当选%(year)s年“三民”活动市民代表（%(session)s，%(venue)s）。登录账号为本手机号，初始密码%(password)s，首次登录请修改。"
                )
                % {
                    "year": draw.campaign.year,
                    "session": rep.session,
                    "venue": rep.venue,
                    "password": password,
                },
            )
    audit.record(
        actor, "selection.create_representative_accounts", draw, after={"created": created}
    )
    return created
