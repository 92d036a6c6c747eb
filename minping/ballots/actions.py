"""Writes for the ballots app; each ``do_*`` is one atomic change.

Every staff action writes the audit log. :func:`do_cast_ballot` deliberately does not:
an audit entry carries a time and a sequence number, and one per ballot would pair the
arrival order with the token (see docs/trust-model.md). Ballots are accounted for by the
seal instead (counts and hash, audited).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minping.accounts import audit
from minping.accounts.models import User
from minping.ballots import tallying
from minping.ballots.models import (
    DEFAULT_CHOICES,
    DEFAULT_QUESTIONNAIRE_FULL,
    Ballot,
    BallotBox,
    BallotDesign,
    BallotToken,
    BoxLog,
    PaperEntry,
    Publication,
    Receipt,
    TallyUpload,
    is_well_formed,
    new_receipt_code,
    new_token_code,
    normalize_code,
    random_id,
    session_departments,
    token_digest,
)
from minping.campaigns.models import Session
from minping.tally import canonical
from minping.tally import design as tally_design

log = logging.getLogger(__name__)

MAX_TOKENS_PER_ISSUE = 5000


class ActionError(Exception):
    """A refused write, with a Chinese message for the person who tried it."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class TokenProblem(ActionError):
    """A token that cannot vote: forged, malformed, used, other venue, closed or expired."""


# --- design -------------------------------------------------------------------------------


def get_or_create_design(session: Session) -> BallotDesign:
    design, _created = BallotDesign.objects.get_or_create(
        session=session,
        defaults={
            "choices": DEFAULT_CHOICES,
            "questionnaire": DEFAULT_QUESTIONNAIRE_FULL,
            "instructions": _(
                "请对每个部门作出评价，并填写会场纪律调查表。本票无记名，提交后不能修改。"
            ),
        },
    )
    design.session = session  # keeps the caller's select_related (group, campaign)
    return design


DESIGN_FIELDS = [
    "scale",
    "choices",
    "criteria",
    "allow_opinion",
    "questionnaire",
    "satisfied_at",
    "conversion_basis",
    "points_max",
    "points_floor",
    "instructions",
]


@transaction.atomic
def do_save_design(actor: User, design: BallotDesign, values: dict[str, Any]) -> BallotDesign:
    design = BallotDesign.objects.select_for_update().get(pk=design.pk)
    if design.is_locked:
        raise ActionError(_("评议凭证已发放，评议票设计已锁定，不能再修改。"), "locked")
    before = audit.snapshot(design, DESIGN_FIELDS)
    for name in DESIGN_FIELDS:
        if name in values:
            setattr(design, name, values[name])
    design.updated_at = timezone.now()
    design.save()
    audit.record(
        actor,
        "ballots.save_design",
        design,
        before=before,
        after=audit.snapshot(design, DESIGN_FIELDS),
    )
    return design


def _lock_design(actor: User, design: BallotDesign) -> None:
    if design.is_locked:
        return
    departments = session_departments(design.session)
    if not departments:
        raise ActionError(_("该场次尚未指定述职分组，不能发放评议凭证。"), "no_group")
    design.departments = departments
    design.locked_at = timezone.now()
    design.save(update_fields=["departments", "locked_at"])
    problems = tally_design.design_problems(tallying.design_for(design, _boxes(design.session)))
    if problems:
        raise ActionError(" ".join(problems), "bad_design")
    audit.record(actor, "ballots.lock_design", design, after={"departments": departments})


def _boxes(session: Session) -> list[BallotBox]:
    return list(BallotBox.objects.filter(session=session).select_related("venue"))


# --- ballot boxes and tokens --------------------------------------------------------------


@transaction.atomic
def do_prepare_boxes(actor: User | None, session: Session) -> list[BallotBox]:
    """One ballot box per venue of the campaign; expected count from the venue's capacity."""
    get_or_create_design(session)
    created = []
    for venue in session.campaign.venues.all():
        box, was_created = BallotBox.objects.get_or_create(
            session=session, venue=venue, defaults={"expected": venue.capacity}
        )
        if was_created:
            created.append(box)
    if created:
        audit.record(
            actor,
            "ballots.prepare_boxes",
            session,
            after={"boxes": [b.venue_id for b in created]},
        )
    return _boxes(session)


@transaction.atomic
def do_set_expected(actor: User, box: BallotBox, expected: int) -> BallotBox:
    before = {"expected": box.expected}
    box.expected = expected
    box.save(update_fields=["expected"])
    audit.record(actor, "ballots.set_expected", box, before=before, after={"expected": expected})
    return box


@transaction.atomic
def do_issue_tokens(actor: User, box: BallotBox, count: int) -> list[BallotToken]:
    """Creates ``count`` single-use tokens for the box and locks the session's design."""
    box = BallotBox.objects.select_for_update().select_related("session").get(pk=box.pk)
    if box.state == BallotBox.State.SEALED:
        raise ActionError(_("该会场已封存，不能再发放评议凭证。"), "sealed")
    if not 1 <= count <= MAX_TOKENS_PER_ISSUE:
        raise ActionError(_("每次发放数量须在1到5000之间。"), "count")
    design = get_or_create_design(box.session)
    _lock_design(actor, design)
    batch = (box.tokens.order_by("-batch").values_list("batch", flat=True).first() or 0) + 1
    tokens = [BallotToken(code=new_token_code(), box=box, batch=batch) for _i in range(count)]
    BallotToken.objects.bulk_create(tokens)
    box.issued += count
    box.save(update_fields=["issued"])
    audit.record(
        actor,
        "ballots.issue_tokens",
        box,
        after={"batch": batch, "count": count, "issued": box.issued},
    )
    return tokens


def _log_transition(actor: User, box: BallotBox, from_state: str, note: str = "") -> None:
    BoxLog.objects.create(
        box=box, actor=actor, from_state=from_state, to_state=box.state, note=note
    )
    audit.record(
        actor,
        f"ballots.box_{box.state}",
        box,
        before={"state": from_state},
        after={"state": box.state, "note": note},
    )


def _guard_transition(box: BallotBox, to_state: str) -> None:
    if to_state not in BallotBox.ALLOWED.get(box.state, set()):
        raise ActionError(
            _("票箱当前为“%(state)s”，不能执行此操作。") % {"state": box.get_state_display()},
            "state",
        )
    if box.state == BallotBox.State.READY and to_state == BallotBox.State.SEALED and box.issued:
        raise ActionError(_("已发放评议凭证的票箱须先开始、结束投票，再封存。"), "state")
    if to_state == BallotBox.State.OPEN and box.issued == 0:
        raise ActionError(_("尚未发放评议凭证，不能开始投票。"), "no_tokens")


@transaction.atomic
def do_open_box(actor: User, box: BallotBox) -> BallotBox:
    box = BallotBox.objects.select_for_update().get(pk=box.pk)
    _guard_transition(box, BallotBox.State.OPEN)
    before = box.state
    box.state = BallotBox.State.OPEN
    box.save(update_fields=["state"])
    _log_transition(actor, box, before)
    return box


@transaction.atomic
def do_close_box(actor: User, box: BallotBox) -> BallotBox:
    box = BallotBox.objects.select_for_update().get(pk=box.pk)
    _guard_transition(box, BallotBox.State.CLOSED)
    before = box.state
    box.state = BallotBox.State.CLOSED
    box.save(update_fields=["state"])
    _log_transition(actor, box, before)
    return box


SESSION_MOVES = {"open", "closed", "seal_unused"}


@transaction.atomic
def do_transition_session(actor: User, session: Session, move: str) -> list[BallotBox]:
    """Opens every box of the session that has tokens, closes every open box, or seals the
    boxes of venues that issued no token (so that the session can be exported)."""
    if move not in SESSION_MOVES:
        raise ActionError(_("无效的操作。"), "move")
    changed = []
    for box in BallotBox.objects.filter(session=session).select_for_update():
        if move == "open" and box.state in ("ready", "closed") and box.issued:
            changed.append(do_open_box(actor, box))
        elif move == "closed" and box.state == "open":
            changed.append(do_close_box(actor, box))
        elif move == "seal_unused" and box.state == "ready" and not box.issued:
            changed.append(do_seal_box(actor, box, _("本场次该会场未发放评议凭证")))
    if not changed:
        raise ActionError(_("没有可以执行此操作的会场。"), "nothing")
    return changed


# --- casting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CastResult:
    receipt: str  # the receipt code ("" for a paper ballot)
    repeated: bool  # True: the token had already been used; nothing new was stored


def token_for_voting(raw_code: str, *, box_id: str | None = None) -> BallotToken:
    """The token behind a typed or scanned code, or a :class:`TokenProblem` saying why not.

    A used token is returned as is (``token.used``): the caller shows its receipt.
    """
    code = normalize_code(raw_code)
    if not code:
        raise TokenProblem(_("请输入评议凭证上的凭证码。"), "empty")
    if not is_well_formed(code):
        raise TokenProblem(
            _("凭证码格式不正确，请核对凭证上的12位字母数字（不含0、1、I、L、O）。"), "malformed"
        )
    token = (
        BallotToken.objects.select_related(
            "box",
            "box__venue",
            "box__session",
            "box__session__campaign",
            "box__session__group",
            "box__session__ballot_design",  # the design in the same query (see design_of)
        )
        .filter(code=code)
        .first()
    )
    if token is None:
        raise TokenProblem(
            _("凭证码无效：没有发放过这张评议凭证，请向会场工作人员核实。"), "forged"
        )
    if box_id is not None and token.box_id != box_id:
        raise TokenProblem(
            _("这张评议凭证属于“%(venue)s”，不能在本会场使用。") % {"venue": token.box.venue.name},
            "other_venue",
        )
    if token.used:
        return token
    state = token.box.state
    if state == BallotBox.State.READY:
        raise TokenProblem(_("本会场的评议尚未开始，请等待主持人宣布开始后再提交。"), "not_open")
    if state == BallotBox.State.CLOSED:
        raise TokenProblem(_("本会场的评议已结束，不再接受评议票。"), "closed")
    if state == BallotBox.State.SEALED or not token.box.session.campaign.is_current:
        raise TokenProblem(_("这张评议凭证已过期：本场评议已封存。"), "expired")
    return token


def design_of(token: BallotToken) -> BallotDesign:
    """The design of the token's session, from the row :func:`token_for_voting` joined in."""
    session = token.box.session
    try:
        design: BallotDesign = session.ballot_design
    except BallotDesign.DoesNotExist:
        return get_or_create_design(session)
    design.session = session
    return design


def content_problems(
    design: BallotDesign, box: BallotBox, content: dict[str, Any], *, complete: bool
) -> list[str]:
    ballot = tallying.tally_ballot(
        ballot_id=random_id(),
        venue=tallying.venue_id(box),
        status=content.get("status", "valid"),
        answers=content.get("answers", {}),
        opinions=content.get("opinions", {}),
        questionnaire=content.get("questionnaire", {}),
    )
    t_design = tallying.design_for(design, [box])
    return [p.message for p in tally_design.check_ballot(t_design, ballot, complete=complete)]


def _box_state_shared(box_id: str) -> str:
    """The box's state, holding a shared lock on PostgreSQL so that closing or sealing the
    box (an UPDATE of that row) waits for ballots already being stored. SQLite's IMMEDIATE
    transactions serialise every writer, which gives the same guarantee."""
    suffix = " FOR SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT state FROM ballots_ballotbox WHERE id = %s" + suffix,  # noqa: S608 - constant suffix
            [box_id],
        )
        row = cursor.fetchone()
    return str(row[0]) if row else ""


def _consume_and_store(
    code: str, box: BallotBox, content: dict[str, Any], *, with_receipt: bool
) -> str:
    """Inside the caller's transaction: conditional UPDATE of the token, then the ballot.

    The UPDATE filters on the token's own columns only: a filter through a join would make
    Django write ``WHERE code IN (SELECT ...)``, which PostgreSQL does not re-check against
    the row version a concurrent transaction just committed, so two submits could both win.
    """
    if _box_state_shared(box.pk) not in _CASTABLE[with_receipt]:
        return ""
    consumed = BallotToken.objects.filter(code=code, used=False).update(used=True)
    if consumed != 1:
        return ""
    Ballot.objects.create(
        box=box,
        status=content.get("status", "valid"),
        answers=content.get("answers", {}),
        opinions=content.get("opinions", {}),
        questionnaire=content.get("questionnaire", {}),
    )
    if not with_receipt:
        return "-"
    receipt = new_receipt_code()
    Receipt.objects.create(token_digest=token_digest(code), box=box, code=receipt)
    return receipt


# Phone ballots only while open; paper ballots are keyed after the box closed too.
_CASTABLE = {True: ["open"], False: ["open", "closed"]}


LOCK_RETRIES = 40


def do_cast_ballot(
    raw_code: str,
    content: dict[str, Any],
    *,
    box_id: str | None = None,
    token: BallotToken | None = None,
    design: BallotDesign | None = None,
) -> CastResult:
    """Consumes the token and stores its ballot in one transaction; a retry gets the same receipt.

    The token is consumed by ``UPDATE ... SET used = true WHERE code = ? AND used = false``
    and the row count decides: two concurrent submits cannot both store a ballot.

    Retried when SQLite reports a lock instead of waiting (its shared-cache databases do;
    a WAL file database waits for busy_timeout): every failed attempt rolled back whole,
    and the token makes a retry idempotent. ``token``: the row the caller just loaded with
    :func:`token_for_voting` (saves reading it again; a retry reads it afresh), ``design``
    its session's design.
    """
    for attempt in range(LOCK_RETRIES):
        try:
            return _cast_once(raw_code, content, box_id=box_id, token=token, design=design)
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(0.005 * (attempt + 1))
            token = None
    raise AssertionError("unreachable")


def _cast_once(
    raw_code: str,
    content: dict[str, Any],
    *,
    box_id: str | None,
    token: BallotToken | None,
    design: BallotDesign | None,
) -> CastResult:
    if token is None or token.code != normalize_code(raw_code):
        token = token_for_voting(raw_code, box_id=box_id)
    code = token.code
    if not token.used:
        if design is None or design.session_id != token.box.session_id:
            design = design_of(token)
        problems = content_problems(design, token.box, content, complete=True)
        if problems:
            raise ActionError(" ".join(problems), "invalid_ballot")
        with transaction.atomic():
            receipt = _consume_and_store(code, token.box, content, with_receipt=True)
        if receipt:
            return CastResult(receipt=receipt, repeated=False)
    # Already used (now or by a concurrent submit that won): answer with its receipt.
    existing = (
        Receipt.objects.filter(token_digest=token_digest(code))
        .values_list("code", flat=True)
        .first()
    )
    if existing is None:
        # Used on paper, or the box closed between the check and the update.
        token_for_voting(code, box_id=box_id)  # raises the closed/expired message if so
        raise TokenProblem(_("这张评议凭证已使用，不能再次投票。"), "used")
    return CastResult(receipt=existing, repeated=True)


# --- paper ballots ------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperOutcome:
    state: str  # "waiting" (first keying), "counted" (keyings agree), "mismatch"


def _paper_token(box: BallotBox, raw_code: str) -> str:
    code = normalize_code(raw_code)
    if not is_well_formed(code):
        raise TokenProblem(_("凭证码格式不正确，请核对纸质评议票上印的凭证码。"), "malformed")
    token = BallotToken.objects.filter(code=code).values_list("box_id", "used").first()
    if token is None:
        raise TokenProblem(_("凭证码无效：没有发放过这张评议凭证。"), "forged")
    if token[0] != box.pk:
        raise TokenProblem(_("这张评议票的凭证属于其他会场，不能在本会场录入。"), "other_venue")
    if token[1]:
        raise TokenProblem(_("这张评议凭证已计票（手机或纸质），不能重复录入。"), "used")
    return code


def _store_paper(box: BallotBox, code: str, content: dict[str, Any]) -> None:
    stored = _consume_and_store(code, box, content, with_receipt=False)
    if not stored:
        raise TokenProblem(_("这张评议凭证已计票（手机或纸质），不能重复录入。"), "used")
    PaperEntry.objects.filter(box=box, token_code=code).delete()


@transaction.atomic
def do_enter_paper(
    actor: User, box: BallotBox, raw_code: str, content: dict[str, Any]
) -> PaperOutcome:
    """One operator keys one paper ballot. Two different operators must agree before it counts."""
    box = BallotBox.objects.select_for_update().select_related("session").get(pk=box.pk)
    if box.state not in (BallotBox.State.OPEN, BallotBox.State.CLOSED):
        raise ActionError(_("只有投票中或已关闭（未封存）的会场可以录入纸质票。"), "state")
    code = _paper_token(box, raw_code)
    problems = content_problems(get_or_create_design(box.session), box, content, complete=False)
    if problems:
        raise ActionError(" ".join(problems), "invalid_ballot")
    entries = list(PaperEntry.objects.filter(box=box, token_code=code))
    if any(e.operator_id == actor.pk for e in entries):
        raise ActionError(_("您已录入过这张评议票，须由另一名录入员再次录入。"), "same_operator")
    if len(entries) >= 2:
        raise ActionError(_("这张评议票两次录入不一致，正等待复核。"), "awaiting_review")
    try:
        with transaction.atomic():
            PaperEntry.objects.create(
                box=box, token_code=code, operator=actor, **_normalised(content)
            )
    except IntegrityError as exc:
        raise ActionError(_("您已录入过这张评议票。"), "same_operator") from exc
    audit.record(actor, "ballots.paper_entry", box, after={"entry": len(entries) + 1})
    if not entries:
        return PaperOutcome("waiting")
    first = entries[0]
    if _same_content(first.content(), _normalised(content)):
        _store_paper(box, code, content)
        audit.record(actor, "ballots.paper_counted", box, after={"keyings": 2})
        return PaperOutcome("counted")
    return PaperOutcome("mismatch")


def _normalised(content: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": content.get("status", "valid"),
        "answers": content.get("answers", {}),
        "opinions": content.get("opinions", {}),
        "questionnaire": content.get("questionnaire", {}),
    }


def _same_content(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return canonical.dumps_canonical(a) == canonical.dumps_canonical(b)


@transaction.atomic
def do_resolve_paper(actor: User, box: BallotBox, raw_code: str, content: dict[str, Any]) -> None:
    """The third look at a mismatched paper ballot: a third person keys what the paper says."""
    box = BallotBox.objects.select_for_update().select_related("session").get(pk=box.pk)
    code = _paper_token(box, raw_code)
    entries = list(PaperEntry.objects.filter(box=box, token_code=code))
    if len(entries) < 2:
        raise ActionError(_("这张评议票没有待复核的不一致录入。"), "nothing_to_resolve")
    if any(e.operator_id == actor.pk for e in entries):
        raise ActionError(_("复核须由两名录入员以外的第三人进行。"), "same_operator")
    problems = content_problems(get_or_create_design(box.session), box, content, complete=False)
    if problems:
        raise ActionError(" ".join(problems), "invalid_ballot")
    _store_paper(box, code, content)
    audit.record(actor, "ballots.paper_resolved", box, after={"keyings": 3})


# --- seal ---------------------------------------------------------------------------------


def _checkpoint_wal() -> None:
    # PASSIVE never waits for other connections (boxes of other venues may still be
    # voting); `manage.py scrubballots` truncates the WAL once everything is sealed.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")


@transaction.atomic
def do_seal_box(actor: User, box: BallotBox, note: str = "") -> BallotBox:
    """Freezes a closed box: rewrites its ballots in hash order, records counts and the root.

    The rewrite (delete all, insert again sorted by ballot hash) removes the physical
    arrival order that SQLite's rowid and PostgreSQL's xmin/ctid would otherwise keep.
    """
    box = BallotBox.objects.select_for_update().select_related("venue").get(pk=box.pk)
    _guard_transition(box, BallotBox.State.SEALED)
    if PaperEntry.objects.filter(box=box).exists():
        raise ActionError(
            _("还有未完成（待第二次录入或待复核）的纸质票，不能封存。"), "pending_paper"
        )
    rows = list(Ballot.objects.filter(box=box))
    venue = tallying.venue_id(box)
    keyed = sorted(
        ((canonical.ballot_hash(tallying.from_row(r, venue)), r) for r in rows), key=lambda p: p[0]
    )
    returned = len(rows)
    if returned != box.issued and not note.strip():
        raise ActionError(
            _("发放数（%(issued)d）与回收数（%(returned)d）不一致，请填写说明后再封存。")
            % {"issued": box.issued, "returned": returned},
            "unreconciled",
        )
    if connection.vendor == "sqlite":
        # Deleted pages are zeroed rather than left readable in the file, and once the seal
        # committed the WAL (page images in arrival order) is checkpointed.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
        transaction.on_commit(_checkpoint_wal)
    Ballot.objects.filter(box=box).delete()
    Ballot.objects.bulk_create(
        [
            Ballot(
                id=r.pk,
                box=box,
                status=r.status,
                answers=r.answers,
                opinions=r.opinions,
                questionnaire=r.questionnaire,
            )
            for _h, r in keyed
        ]
    )
    before = box.state
    box.returned = returned
    box.blank = sum(1 for r in rows if r.status == "blank")
    box.invalid = sum(1 for r in rows if r.status == "invalid")
    box.seal_root = canonical.seal_root(h for h, _r in keyed)
    box.seal_note = note.strip()
    box.sealed_at = timezone.now()
    box.state = BallotBox.State.SEALED
    box.save()
    BoxLog.objects.create(box=box, actor=actor, from_state=before, to_state=box.state, note=note)
    audit.record(
        actor,
        "ballots.box_sealed",
        box,
        before={"state": before},
        after={
            "issued": box.issued,
            "returned": box.returned,
            "blank": box.blank,
            "invalid": box.invalid,
            "seal_root": box.seal_root,
            "note": box.seal_note,
        },
    )
    return box


# --- tally upload and publication ---------------------------------------------------------


@transaction.atomic
def do_record_tally(
    actor: User,
    session: Session,
    *,
    filename: str,
    sha256: str,
    signed_by: str,
    content: str,
    differences: list[dict[str, str]],
) -> TallyUpload:
    upload = TallyUpload.objects.create(
        session=session,
        uploaded_by=actor,
        filename=filename[:200],
        sha256=sha256,
        signed_by=signed_by,
        content=content,
        matches=not differences,
        differences=differences,
    )
    audit.record(
        actor,
        "ballots.tally_uploaded",
        session,
        after={"sha256": sha256, "signed_by": signed_by, "differences": len(differences)},
    )
    return upload


@transaction.atomic
def do_publish(
    actor: User, session: Session, export_root: str, manifest_digest: str = ""
) -> Publication:
    if Publication.objects.filter(session=session).exists():
        raise ActionError(_("该场次的评议结果已发布。"), "published")
    if (
        BallotBox.objects.filter(session=session).exclude(state=BallotBox.State.SEALED).exists()
        or not BallotBox.objects.filter(session=session).exists()
    ):
        raise ActionError(_("所有会场封存后才能发布评议结果。"), "not_sealed")
    publication = Publication.objects.create(
        session=session,
        published_by=actor,
        export_root=export_root,
        manifest_digest=manifest_digest,
    )
    audit.record(
        actor,
        "ballots.publish",
        session,
        after={"session_root": export_root, "manifest_digest": manifest_digest},
    )
    return publication
