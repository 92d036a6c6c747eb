"""The public-opinion questionnaire (社情民意调查问卷): design, one-time codes, responses,
paper double entry, phone callbacks (电话回访) and the published scores (赋分).

Privacy rules that the schema itself enforces (see docs/surveys.md):
- :class:`Response` has a random id, the survey, a channel, a district and the answers;
  no code, no user, no IP, no contact, and at most the hour it arrived;
- :class:`ResponseCode` knows whether it was used, never which response it produced;
- :class:`Receipt` is keyed by a keyed hash of the code (or of the browser's nonce) and
  holds an independent random code;
- :class:`CallContact` records how a call went, never which response it produced.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minping.campaigns.models import Campaign, Department, District
from minping.lib import codes
from minping.lib.fields import EncryptedField
from minping.surveys import scoring

CODE_ALPHABET = codes.ALPHABET
CODE_BODY_LENGTH = 9  # 9 random symbols (~44 bits) + 1 check symbol
RECEIPT_LENGTH = 10


def random_id() -> str:
    # Named here: migrations refer to this function as the primary keys' default.
    return codes.random_id()


check_symbol = codes.check_symbol
normalize_code = codes.normalize
secret_digest = codes.keyed_digest


def new_code() -> str:
    return codes.checked_code(CODE_BODY_LENGTH)


def new_receipt_code() -> str:
    return codes.random_code(RECEIPT_LENGTH)


def is_well_formed(code: str) -> bool:
    return codes.is_well_formed(code, CODE_BODY_LENGTH)


def pretty_code(code: str) -> str:
    return codes.pretty(code, 5)


# 满意/基本满意/不满意/不了解: 不了解 carries no weight, so it is not a valid answer.
SATISFACTION_OPTIONS: list[dict[str, Any]] = [
    {"key": "satisfied", "label": "满意", "weight": 100, "satisfied": True},
    {"key": "fairly", "label": "基本满意", "weight": 80, "satisfied": True},
    {"key": "dissatisfied", "label": "不满意", "weight": 0, "satisfied": False},
    {"key": "unknown", "label": "不了解", "weight": None, "satisfied": False},
]


class Survey(models.Model):
    """One questionnaire of a campaign, from design to published scores."""

    class State(models.TextChoices):
        DRAFT = "draft", _("设计中")
        PILOT = "pilot", _("试调查")
        OPEN = "open", _("调查中")
        CLOSED = "closed", _("已结束")

    ALLOWED: dict[str, set[str]] = {
        "draft": {"pilot", "open"},
        "pilot": {"draft", "open"},
        "open": {"closed"},
        "closed": {"open"},
    }

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("年度活动")
    )
    title = models.CharField(_("问卷标题"), max_length=200)
    intro = models.TextField(_("问卷说明"), blank=True)
    opens_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    closes_at = models.DateTimeField(_("截止时间"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=8, choices=State.choices, default="draft")
    open_link = models.BooleanField(_("开放链接（政府网站，每个浏览器限答一次）"), default=False)
    min_answers = models.PositiveIntegerField(_("赋分最少有效回答数"), default=30)
    method = models.TextField(_("赋分办法"), blank=True)
    locked_at = models.DateTimeField(_("锁定时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    sealed_root = models.CharField(_("封存哈希"), max_length=64, blank=True)
    published_at = models.DateTimeField(_("结果发布时间"), null=True, blank=True)
    manifest_digest = models.CharField(_("导出包摘要"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("问卷")
        verbose_name_plural = _("问卷")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def accepts_answers(self, now: Any = None) -> bool:
        now = now or timezone.now()
        if self.state != self.State.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    def core_questions(self) -> list[scoring.Question]:
        return [q.core() for q in self.questions.all()]

    def department_names(self) -> dict[str, str]:
        return {
            str(q.department_id): q.department.name
            for q in self.questions.select_related("department")
            if q.department_id and q.department is not None
        }


class Question(models.Model):
    """One question, in order, optionally under a section heading and tagged for scoring."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("单选")
        MULTIPLE = "multiple", _("多选")
        RATING = "rating", _("满意度评价")
        TEXT = "text", _("简答")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("序号"), default=0)
    key = models.SlugField(_("题目代码"), max_length=20)
    section = models.CharField(_("所属部分"), max_length=100, blank=True)
    kind = models.CharField(_("题型"), max_length=8, choices=Kind.choices, default="single")
    text = models.CharField(_("题目"), max_length=300)
    help_text = models.CharField(_("填写说明"), max_length=200, blank=True)
    required = models.BooleanField(_("必答"), default=False)
    max_picks = models.PositiveSmallIntegerField(_("最多可选"), default=0)
    options = models.JSONField(_("选项"), default=list, blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("评价部门"),
    )
    area = models.CharField(_("工作领域"), max_length=40, blank=True)

    class Meta:
        ordering = ["survey_id", "order", "pk"]
        verbose_name = _("题目")
        verbose_name_plural = _("题目")
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="surveys_unique_question_key")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.text}"

    def core(self) -> scoring.Question:
        return scoring.question_from_dict(
            {
                "key": self.key,
                "kind": self.kind,
                "text": self.text,
                "required": self.required,
                "max_picks": self.max_picks,
                "department": str(self.department_id or ""),
                "area": self.area,
                "options": self.options,
            }
        )

    def option_labels(self) -> dict[str, str]:
        return {o["key"]: o["label"] for o in self.options}


class Channel(models.TextChoices):
    CODE = "code", _("扫码/调查码")
    LINK = "link", _("开放链接")
    PAPER = "paper", _("纸质问卷")
    PHONE = "phone", _("电话回访")


class CodeBatch(models.Model):
    """A batch of one-time response codes for one district, venue or channel."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="batches")
    number = models.PositiveSmallIntegerField(_("批次"))
    label = models.CharField(_("发放对象"), max_length=100)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("旗区"),
    )
    count = models.PositiveIntegerField(_("数量"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["survey_id", "number"]
        verbose_name = _("调查码批次")
        verbose_name_plural = _("调查码批次")
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="surveys_unique_batch")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.label}"


class ResponseCode(models.Model):
    """A single-use 调查码. It never records who holds it, nor which response it produced."""

    code = models.CharField(_("调查码"), max_length=12, primary_key=True)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes")
    used = models.BooleanField(_("已使用"), default=False)

    class Meta:
        verbose_name = _("调查码")
        verbose_name_plural = _("调查码")
        indexes = [models.Index(fields=["batch", "used"], name="surveys_code_batch_used")]

    def __str__(self) -> str:
        return pretty_code(self.code)

    @property
    def pretty(self) -> str:
        return pretty_code(self.code)


class Response(models.Model):
    """One anonymous questionnaire: random id, channel, district, answers. Nothing else.

    ``answers`` maps a question key to an option key (single, rating), a list of option
    keys (multiple) or a text. ``hour`` is the hour a phone answer arrived (code and link
    channels only; paper and phone answers keyed by staff carry no time at all).
    """

    id = models.CharField(primary_key=True, max_length=32, default=random_id, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(_("渠道"), max_length=6, choices=Channel.choices)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hour = models.DateTimeField(_("提交时段"), null=True, blank=True)
    pilot = models.BooleanField(_("试调查"), default=False)
    answers = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        indexes = [models.Index(fields=["survey", "pilot"], name="surveys_response_pilot")]

    def __str__(self) -> str:
        return f"{_('答卷')} {self.pk[:8]}"

    def record(self) -> dict[str, Any]:
        district = self.district.name if self.district_id and self.district else ""
        return scoring.response_record(self.pk, self.channel, district, self.answers)


class Receipt(models.Model):
    """Proof that a code's (or a browser's) response was counted; no link to the response."""

    secret_digest = models.CharField(max_length=64, primary_key=True)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="receipts")
    code = models.CharField(_("回执码"), max_length=12, unique=True)

    class Meta:
        verbose_name = _("回执")
        verbose_name_plural = _("回执")

    def __str__(self) -> str:
        return self.code


class PaperEntry(models.Model):
    """One operator's keying of one paper questionnaire, kept only until the keyings agree."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="paper_entries")
    code = models.CharField(_("调查码"), max_length=12)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField(default=dict)

    class Meta:
        ordering = ["code", "pk"]
        verbose_name = _("纸质问卷录入")
        verbose_name_plural = _("纸质问卷录入")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "operator"], name="surveys_one_paper_entry_per_operator"
            )
        ]

    def __str__(self) -> str:
        return f"{pretty_code(self.code)} / {self.operator_id}"


class CallList(models.Model):
    """The people the bureau may call back, and the seeded random sample drawn from them."""

    class Source(models.TextChoices):
        REPRESENTATIVES = "representatives", _("市民代表")
        UPLOAD = "upload", _("上传名单")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="call_lists")
    name = models.CharField(_("名单名称"), max_length=100)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    seed = models.CharField(_("随机种子"), max_length=64, blank=True)
    sample_size = models.PositiveIntegerField(_("抽取人数"), default=0)
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("回访名单")
        verbose_name_plural = _("回访名单")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("surveys:call_list", args=[self.pk])


class CallContact(models.Model):
    """One person on a call list. Holds how the calls went, never the answers."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("待拨打")
        REACHED = "reached", _("接通")
        NO_ANSWER = "no_answer", _("无人接听")
        REFUSED = "refused", _("拒访")
        INVALID = "invalid", _("空号")

    FINAL = {"reached", "refused", "invalid"}
    MAX_ATTEMPTS = 3

    call_list = models.ForeignKey(CallList, on_delete=models.CASCADE, related_name="contacts")
    position = models.PositiveIntegerField(_("名单序号"))
    name = models.CharField(_("姓名"), max_length=50)
    phone = EncryptedField(_("联系电话"), kind="phone")
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sample_rank = models.PositiveIntegerField(_("抽中顺序"), null=True, blank=True)
    outcome = models.CharField(
        _("回访结果"), max_length=10, choices=Outcome.choices, default="pending"
    )
    attempts = models.PositiveSmallIntegerField(_("拨打次数"), default=0)
    last_called_at = models.DateTimeField(_("最近拨打时间"), null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered = models.BooleanField(_("已录入答卷"), default=False)

    class Meta:
        ordering = ["call_list_id", "sample_rank", "position"]
        verbose_name = _("回访对象")
        verbose_name_plural = _("回访对象")
        constraints = [
            models.UniqueConstraint(
                fields=["call_list", "position"], name="surveys_unique_contact_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.call_list} #{self.position}"

    def is_done(self) -> bool:
        return self.outcome in self.FINAL or self.attempts >= self.MAX_ATTEMPTS


class CallAttempt(models.Model):
    """One dial of one contact (time to the minute); no link to any response."""

    contact = models.ForeignKey(CallContact, on_delete=models.CASCADE, related_name="calls")
    outcome = models.CharField(_("结果"), max_length=10, choices=CallContact.Outcome.choices)
    called_at = models.DateTimeField(_("拨打时间"))
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ["called_at", "pk"]
        verbose_name = _("拨打记录")
        verbose_name_plural = _("拨打记录")

    def __str__(self) -> str:
        return f"{self.contact} {self.outcome}"
