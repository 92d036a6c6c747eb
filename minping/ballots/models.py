"""Anonymous evaluation: ballot design, tokens, ballot boxes, ballots, receipts, seals, results.

Privacy rules that the schema itself enforces (see docs/trust-model.md):
- :class:`Ballot` has no token, no user, no IP, no time and a random primary key;
- :class:`BallotToken` knows whether it was used, never which ballot it produced;
- :class:`Receipt` is keyed by a digest of the token and holds an independent random code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from minping.campaigns.models import Department, Session, Venue
from minping.lib import codes

# Crockford-like alphabet: no 0/O, 1/I/L ambiguity on printed slips.
CODE_ALPHABET = codes.ALPHABET
TOKEN_BODY_LENGTH = 11  # 11 random symbols (~54 bits) + 1 check symbol
RECEIPT_LENGTH = 10

DEFAULT_CHOICES: list[dict[str, Any]] = [
    {"key": "satisfied", "label": gettext_noop("满意"), "weight": 100, "satisfied": True},
    {"key": "fairly_satisfied", "label": gettext_noop("基本满意"), "weight": 80, "satisfied": True},
    {"key": "dissatisfied", "label": gettext_noop("不满意"), "weight": 0, "satisfied": False},
]

# The meeting-discipline questionnaire (会场纪律调查表), from the seeds' 工作纪律 (附件4)
# and 现场纪律须知: representatives report what they saw at the venue.
DISCIPLINE_CHOICES: list[dict[str, Any]] = [
    {"key": "no", "label": gettext_noop("未发现")},
    {"key": "yes", "label": gettext_noop("发现")},
    {"key": "unsure", "label": gettext_noop("不清楚")},
]
DEFAULT_QUESTIONNAIRE: list[dict[str, Any]] = [
    {"id": "q1", "text": gettext_noop("是否有人暗示或授意您对被评议部门作出评价？")},
    {"id": "q2", "text": gettext_noop("是否发现被评议部门拉票、发短信授意等行为？")},
    {"id": "q3", "text": gettext_noop("评议票是否按人发放、当场回收并密封？")},
    {"id": "q4", "text": gettext_noop("是否发现代填评议票或擅自修改评议票的情况？")},
    {"id": "q5", "text": gettext_noop("会场秩序是否良好（无随意走动、接打电话）？")},
]
DEFAULT_QUESTIONNAIRE_FULL: list[dict[str, Any]] = [
    {**item, "options": DISCIPLINE_CHOICES} for item in DEFAULT_QUESTIONNAIRE
]

# The standard labels and questions live in each design's JSON in Chinese (the ballot's
# data, hashed and exported as is); they are translated only when shown. A label the
# office typed itself is shown as typed.
STANDARD_TEXTS = frozenset(
    [c["label"] for c in DEFAULT_CHOICES + DISCIPLINE_CHOICES]
    + [q["text"] for q in DEFAULT_QUESTIONNAIRE]
)


def shown(text: str) -> str:
    """A design text in the page's language where it is one of the standard ones."""
    return gettext(text) if text in STANDARD_TEXTS else text


MIN_GROUP_SIZE = 10  # no result is shown for fewer ballots than this


def random_id() -> str:
    # Named here: migrations refer to this function as the primary keys' default.
    return codes.random_id()


check_symbol = codes.check_symbol


def new_token_code() -> str:
    return codes.checked_code(TOKEN_BODY_LENGTH)


def new_receipt_code() -> str:
    return codes.random_code(RECEIPT_LENGTH)


normalize_code = codes.normalize


def is_well_formed(code: str) -> bool:
    return codes.is_well_formed(code, TOKEN_BODY_LENGTH)


def pretty_code(code: str) -> str:
    return codes.pretty(code, 4)


def token_digest(code: str) -> str:
    """Keys the receipt table: a keyed hash, so the receipt table alone names no token."""
    return codes.keyed_digest(code)


class BallotDesign(models.Model):
    """What a session's ballot asks: scale, optional score or criteria, the questionnaire."""

    class Scale(models.TextChoices):
        CHOICES = "choices", _("等级评价（满意/基本满意/不满意）")
        SCORE = "score", _("0–100 分")
        CRITERIA = "criteria", _("分项评价")

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="ballot_design", verbose_name=_("场次")
    )
    scale = models.CharField(_("评价方式"), max_length=10, choices=Scale.choices, default="choices")
    choices = models.JSONField(_("等级及权重"), default=list)
    criteria = models.JSONField(_("分项"), default=list, blank=True)
    allow_opinion = models.BooleanField(_("允许填写意见建议"), default=True)
    questionnaire = models.JSONField(_("会场纪律调查项目"), default=list, blank=True)
    departments = models.JSONField(_("被评议部门"), default=list)
    satisfied_at = models.PositiveSmallIntegerField(_("计为满意的最低分"), default=60)
    conversion_basis = models.CharField(
        _("赋分依据"),
        max_length=20,
        choices=[("weighted_score", _("加权得分")), ("satisfaction_rate", _("满意率"))],
        default="weighted_score",
    )
    points_max = models.DecimalField(
        _("折算满分（年度考核分值）"), max_digits=6, decimal_places=2, default=10
    )
    points_floor = models.DecimalField(
        _("赋分起点（低于此得分记0分）"), max_digits=5, decimal_places=2, default=0
    )
    instructions = models.TextField(_("评议须知"), blank=True)
    locked_at = models.DateTimeField(_("锁定时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), default=timezone.now)

    class Meta:
        verbose_name = _("评议票设计")
        verbose_name_plural = _("评议票设计")

    def __str__(self) -> str:
        return f"{self.session} {_('评议票')}"

    def get_absolute_url(self) -> str:
        return reverse("ballots:design", args=[self.session_id])

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def department_list(self) -> list[dict[str, Any]]:
        """[{id, name}] in reporting order: the snapshot, or the session's group live."""
        if self.departments:
            return list(self.departments)
        return session_departments(self.session)

    def choice_keys(self) -> list[str]:
        return [c["key"] for c in self.choices]


def session_departments(session: Session) -> list[dict[str, Any]]:
    if session.group is None:
        return []
    departments: list[Department] = list(session.group.ordered_departments())
    return [{"id": str(d.pk), "name": d.name} for d in departments]


class BallotBox(models.Model):
    """The ballots of one session at one venue (票箱): opened, closed and sealed by the office."""

    class State(models.TextChoices):
        READY = "ready", _("未开始")
        OPEN = "open", _("投票中")
        CLOSED = "closed", _("已关闭")
        SEALED = "sealed", _("已封存")

    ALLOWED: dict[str, set[str]] = {
        "ready": {"open", "sealed"},  # sealed unused: a venue that issued no token
        "open": {"closed"},
        "closed": {"open", "sealed"},
        "sealed": set(),
    }

    id = models.CharField(primary_key=True, max_length=32, default=random_id, editable=False)
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="ballot_boxes", verbose_name=_("场次")
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="ballot_boxes", verbose_name=_("会场")
    )
    expected = models.PositiveIntegerField(_("应到市民代表人数"), default=0)
    state = models.CharField(_("状态"), max_length=8, choices=State.choices, default="ready")
    issued = models.PositiveIntegerField(_("发放数"), default=0)
    returned = models.PositiveIntegerField(_("回收数"), default=0)
    blank = models.PositiveIntegerField(_("空白票"), default=0)
    invalid = models.PositiveIntegerField(_("废票"), default=0)
    seal_root = models.CharField(_("封存哈希"), max_length=64, blank=True)
    seal_note = models.CharField(_("封存说明"), max_length=300, blank=True)
    sealed_at = models.DateTimeField(_("封存时间"), null=True, blank=True)

    class Meta:
        ordering = ["session", "venue__kind", "venue__order"]
        verbose_name = _("票箱")
        verbose_name_plural = _("票箱")
        constraints = [
            models.UniqueConstraint(fields=["session", "venue"], name="one_box_per_session_venue")
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.venue}"

    def get_absolute_url(self) -> str:
        return reverse("ballots:box", args=[self.pk])

    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def venue_label(self) -> str:
        """The venue's name as it appears in the export and on the bulletin board."""
        return self.venue.name


class BoxLog(models.Model):
    """One state transition of a ballot box (who opened, closed or sealed it, and when)."""

    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="logs")
    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=8)
    to_state = models.CharField(max_length=8)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.box} {self.from_state}→{self.to_state}"

    @property
    def from_label(self) -> str:
        return str(BallotBox.State(self.from_state).label)

    @property
    def to_label(self) -> str:
        return str(BallotBox.State(self.to_state).label)


class BallotToken(models.Model):
    """A single-use 评议凭证. It never records who holds it, nor which ballot it produced."""

    code = models.CharField(_("凭证码"), max_length=16, primary_key=True)
    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="tokens")
    batch = models.PositiveSmallIntegerField(_("批次"), default=1)
    used = models.BooleanField(_("已使用"), default=False)

    class Meta:
        verbose_name = _("评议凭证")
        verbose_name_plural = _("评议凭证")
        indexes = [models.Index(fields=["box", "used"], name="ballots_token_box_used")]

    def __str__(self) -> str:
        return pretty_code(self.code)

    @property
    def pretty(self) -> str:
        return pretty_code(self.code)


class Status(models.TextChoices):
    VALID = "valid", _("有效票")
    BLANK = "blank", _("空白票")
    INVALID = "invalid", _("废票")


class Ballot(models.Model):
    """One anonymous 评议票: random id, the box it went into, and its answers. Nothing else.

    ``answers`` maps a department id to a choice key, a 0–100 integer or criterion→integer;
    the shape is the tally core's (``minping.tally.Ballot``).
    """

    id = models.CharField(primary_key=True, max_length=32, default=random_id, editable=False)
    box = models.ForeignKey(BallotBox, on_delete=models.PROTECT, related_name="ballots")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.VALID)
    answers = models.JSONField(default=dict)
    opinions = models.JSONField(default=dict)
    questionnaire = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("评议票")
        verbose_name_plural = _("评议票")

    def __str__(self) -> str:
        return f"{_('评议票')} {self.pk[:8]}"


class Receipt(models.Model):
    """Proof that a token's ballot was counted; no link to the ballot, no time."""

    token_digest = models.CharField(max_length=64, primary_key=True)
    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="receipts")
    code = models.CharField(_("回执码"), max_length=12, unique=True)

    class Meta:
        verbose_name = _("回执")
        verbose_name_plural = _("回执")

    def __str__(self) -> str:
        return self.code


class PaperEntry(models.Model):
    """One operator's keying of one paper ballot, kept only until the keyings agree."""

    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="paper_entries")
    token_code = models.CharField(_("凭证码"), max_length=16)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("票面"), max_length=8, choices=Status.choices, default="valid")
    answers = models.JSONField(default=dict)
    opinions = models.JSONField(default=dict)
    questionnaire = models.JSONField(default=dict)

    class Meta:
        ordering = ["token_code", "pk"]
        verbose_name = _("纸质票录入")
        verbose_name_plural = _("纸质票录入")
        constraints = [
            models.UniqueConstraint(
                fields=["token_code", "operator"], name="one_paper_entry_per_operator"
            )
        ]

    def __str__(self) -> str:
        return f"{pretty_code(self.token_code)} / {self.operator_id}"

    def content(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "answers": self.answers,
            "opinions": self.opinions,
            "questionnaire": self.questionnaire,
        }


class TallyUpload(models.Model):
    """The third party's signed result for a session, and how it compared with ours."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="tally_uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    signed_by = models.CharField(_("签署人"), max_length=100)
    content = models.TextField()
    matches = models.BooleanField(default=False)
    differences = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("第三方统计结果")
        verbose_name_plural = _("第三方统计结果")

    def __str__(self) -> str:
        return f"{self.session} {self.filename}"


class Publication(models.Model):
    """The office's decision that a session's scores may be seen by departments and citizens."""

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="publication")
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    export_root = models.CharField(max_length=64, blank=True)
    manifest_digest = models.CharField(_("导出包摘要"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("结果发布")
        verbose_name_plural = _("结果发布")

    def __str__(self) -> str:
        return str(self.session)
