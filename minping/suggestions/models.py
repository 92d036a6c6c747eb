"""Citizens' suggestions (听市民意见): intake, dispatch to units, handling, ratings, reports.

A :class:`Suggestion` is what a person submitted; each dispatch to a handling unit is an
:class:`Assignment`, which owns the deadlines, objections, extensions and the reply, so that a
re-dispatch never rewrites history. Every state change writes a :class:`TransitionLog` row.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from minping.lib.fields import EncryptedField

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_tracking_number(year: int) -> str:
    """``JY2026-7KQ3M9PX``: the random part makes the status page unguessable."""
    return f"JY{year}-" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))


# --- the Chinese working-day calendar (admin-editable) ------------------------------------


class CalendarYear(models.Model):
    """A year whose official holiday notice has been entered; other years are "期限待定"."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=40, default="chinesecalendar")
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("已公布节假日安排的年份")
        verbose_name_plural = _("已公布节假日安排的年份")

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """An exception to Monday–Friday: a 法定节假日 (day off) or a 调休 working weekend day."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("上班"), help_text=_("勾选表示调休上班；不勾选表示放假"))
    name = models.CharField(_("名称"), max_length=40, blank=True)
    source = models.CharField(_("来源"), max_length=40, default="chinesecalendar")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")

    def __str__(self) -> str:
        kind = _("上班") if self.is_workday else _("放假")
        return f"{self.date:%Y-%m-%d} {self.name} {kind}"


# --- reference areas and handlers ----------------------------------------------------------


# The 16 standard area names are data (the office may rename an area), so they are stored
# in Chinese and translated when shown; a renamed area shows as typed.
STANDARD_AREA_NAMES = {
    "high-quality-growth": gettext_noop("高质量发展与投资消费外贸"),
    "reform": gettext_noop("体制机制创新"),
    "business-environment": gettext_noop("放管服改革与营商环境"),
    "industry": gettext_noop("动能转换与现代产业"),
    "integration": gettext_noop("企地校地军民融合"),
    "investment-talent": gettext_noop("招商引资与招才引智"),
    "private-economy": gettext_noop("市场主体与民营经济"),
    "city-quality": gettext_noop("美丽城市与城市品质"),
    "rural": gettext_noop("乡村振兴"),
    "livelihood": gettext_noop("民生与社会事业"),
    "safety": gettext_noop("平安建设与安全生产"),
    "city-governance": gettext_noop("城市精细化治理"),
    "culture-tourism": gettext_noop("文化旅游体育与夜间经济"),
    "civility": gettext_noop("文明城市与文化软实力"),
    "government": gettext_noop("政府治理与效能"),
    "other": gettext_noop("其他"),
}


def area_display_name(code: str, name: str) -> str:
    """A standard area name in the page's language; a renamed area as the office typed it."""
    return gettext(name) if STANDARD_AREA_NAMES.get(code) == name else name


class Area(models.Model):
    """One of the 16 意见建议参考范围 (seed 000, 附件1)."""

    code = models.CharField(_("代码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("参考范围")
        verbose_name_plural = _("参考范围")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the page's language where it is still the standard one."""
        return area_display_name(self.code, self.name)


class Handler(models.Model):
    """A unit's registered handler (办理人员回执单: 单位, 办理人员, 职务, 座机, 手机)."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "campaigns.Department",
        on_delete=models.PROTECT,
        related_name="suggestion_handlers",
        verbose_name=_("单位"),
    )
    name = models.CharField(_("办理人员"), max_length=50)
    title = models.CharField(_("职务"), max_length=60)
    landline = models.CharField(_("座机"), max_length=20, blank=True)
    mobile = EncryptedField(_("手机"), kind="phone")
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    is_active = models.BooleanField(_("在岗"), default=True)

    class Meta:
        ordering = ["department", "created_at"]
        verbose_name = _("办理人员")
        verbose_name_plural = _("办理人员")

    def __str__(self) -> str:
        return f"{self.department} {self.name}"


# --- suggestions -----------------------------------------------------------------------------


class Suggestion(models.Model):
    class Channel(models.TextChoices):
        WEB = "web", _("网上提交")
        REPRESENTATIVE = "representative", _("市民代表（网上）")
        VENUE = "venue", _("会场征集")
        PHONE = "phone", _("电话")
        PAPER = "paper", _("纸质表录入")

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待交办")
        DISPATCHED = "dispatched", _("办理中")
        NOT_DISPATCHED = "not_dispatched", _("不予交办")
        CLOSED = "closed", _("已办结")

    class Invalid(models.TextChoices):
        LEGAL = "legal", _("涉法类问题")
        PETITION = "petition", _("信访类问题")
        DISCIPLINE = "discipline", _("纪检投诉类问题")
        OTHER = "other", _("其他问题")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASICALLY = "basically", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        related_name="suggestions",
        verbose_name=_("年度活动"),
    )
    number = models.CharField(_("查询编号"), max_length=20, unique=True)
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, verbose_name=_("参考范围"))
    named_department = models.ForeignKey(
        "campaigns.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("建议人指定的部门"),
    )
    district = models.ForeignKey(
        "campaigns.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在旗区"),
    )
    title = models.CharField(_("标题"), max_length=60)
    text = models.TextField(_("意见建议内容"))
    name = EncryptedField(_("姓名"), kind="name")
    age = models.PositiveSmallIntegerField(_("年龄"), null=True, blank=True)
    phone = EncryptedField(_("手机号码"), kind="phone", index_field="phone_index")
    phone_index = models.CharField(max_length=64, blank=True, null=True, db_index=True)  # noqa: DJ001 - EncryptedField writes None for no phone
    work_unit = models.CharField(_("工作单位"), max_length=100, blank=True)
    is_representative = models.BooleanField(_("市民代表"), default=False)
    proposer = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提交账号"),
    )
    entered_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("录入人"),
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.SUBMITTED
    )
    invalid_reason = models.CharField(
        _("不予交办原因"), max_length=20, choices=Invalid.choices, blank=True
    )
    screening_note = models.CharField(_("甄别说明"), max_length=300, blank=True)
    group_leader = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_members",
        verbose_name=_("并案主件"),
    )
    rating = models.CharField(_("评价"), max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("评价说明"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    is_published = models.BooleanField(_("已在公开栏发布"), default=False)
    public_text = models.TextField(_("公开内容（已去除个人信息）"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("意见建议")
        verbose_name_plural = _("意见建议")
        indexes = [models.Index(fields=["campaign", "state"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("suggestions:track", args=[self.number])

    @property
    def redacted_text(self) -> str:
        """The text with phone and ID numbers masked: what units and the public see."""
        from minping.triage import redact_personal

        return redact_personal(self.text)

    def lead_assignment(self) -> Assignment | None:
        return (
            self.assignments.filter(role=Assignment.Role.LEAD)
            .exclude(state=Assignment.State.REASSIGNED)
            .order_by("-dispatched_at")
            .first()
        )

    def can_be_rated(self) -> bool:
        return self.state == self.State.CLOSED and not self.rating

    def can_be_reopened(self) -> bool:
        return (
            self.state == self.State.CLOSED
            and self.rating == self.Rating.UNSATISFIED
            and self.reopen_count < 1
        )


def photo_path(instance: Photo, filename: str) -> str:
    """A random name: photos are served only through an access check, never by URL guess."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"suggestions/{secrets.token_hex(16)}.{extension}"


class Photo(models.Model):
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("照片"), upload_to=photo_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("照片")
        verbose_name_plural = _("照片")

    def __str__(self) -> str:
        return str(self.image.name)


class PhoneCode(models.Model):
    """A one-time code sent by SMS to prove a citizen owns the phone they give."""

    phone_index = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    client = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"code {self.pk} at {self.created_at:%Y-%m-%d %H:%M}"


# --- assignments and their history -----------------------------------------------------------


class Assignment(models.Model):
    """A 交办 of one suggestion to one unit: 转办 (answer it) or 转阅 (for reference)."""

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("转办件")
        REFERENCE = "reference", _("转阅件")

    class Role(models.TextChoices):
        LEAD = "lead", _("主办")
        CO = "co", _("协办")

    class State(models.TextChoices):
        DISPATCHED = "dispatched", _("待签收")
        OBJECTED = "objected", _("异议待定")
        REASSIGNED = "reassigned", _("已改派")
        IN_PROGRESS = "in_progress", _("办理中")
        EXTENSION_REQUESTED = "extension_requested", _("延期待批")
        REPLIED = "replied", _("已答复待审核")
        RETURNED = "returned", _("退回重办")
        DONE = "done", _("已办结")

    class Result(models.TextChoices):
        A = "A", _("A 已解决或基本解决")
        B = "B", _("B 正在解决或列入计划")
        C = "C", _("C 因条件限制需以后解决")
        D = "D", _("D 留作参考或已作解释")

    class Validity(models.TextChoices):
        VALID = "valid", _("有效建议")
        LEGAL = "legal", _("涉法类问题")
        PETITION = "petition", _("信访类问题")
        DISCIPLINE = "discipline", _("纪检投诉类问题")
        OTHER = "other", _("其他问题")

    class Plan(models.TextChoices):
        NONE = "", _("不纳入")
        GOV_REPORT = "gov_report", _("拟纳入市政府工作报告")
        DEPT_PRIORITY = "dept_priority", _("拟纳入部门重点工作")

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(
        "campaigns.Department",
        on_delete=models.PROTECT,
        related_name="suggestion_assignments",
        verbose_name=_("承办单位"),
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("主办/协办"), max_length=4, choices=Role.choices)
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.DISPATCHED
    )
    dispatched_at = models.DateTimeField(_("交办时间"), default=timezone.now)
    dispatched_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("改派前的交办"),
    )
    objection_due = models.DateField(_("异议截止日"), null=True, blank=True)
    reply_due = models.DateField(_("答复截止日"), null=True, blank=True, db_index=True)
    due_pending = models.BooleanField(
        _("期限待定"), default=False, help_text=_("该年度节假日安排尚未公布，无法计算期限")
    )
    accepted_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_late = models.BooleanField(_("逾期答复"), null=True, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    reply_public = models.BooleanField(_("答复可公开"), default=True)
    result = models.CharField(_("办理结果"), max_length=1, choices=Result.choices, blank=True)
    validity = models.CharField(
        _("审查结论"), max_length=12, choices=Validity.choices, default=Validity.VALID
    )
    publishable = models.BooleanField(_("公开发布"), default=True)
    not_public_reason = models.CharField(_("不予公开理由"), max_length=200, blank=True)
    theme = models.CharField(_("意见建议主题"), max_length=60, blank=True)
    plan = models.CharField(
        _("拟纳入"), max_length=14, choices=Plan.choices, blank=True, default=Plan.NONE
    )
    done_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        ordering = ["reply_due", "pk"]
        verbose_name = _("交办")
        verbose_name_plural = _("交办")
        indexes = [models.Index(fields=["department", "state"])]

    def __str__(self) -> str:
        return f"{self.suggestion.number} → {self.department}"

    def get_absolute_url(self) -> str:
        return reverse("suggestions:assignment", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state not in {self.State.DONE, self.State.REASSIGNED, self.State.REPLIED}

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.reply_due is not None and today > self.reply_due

    def needs_contact(self) -> bool:
        """A 转办件 from a representative needs a contact record before the reply."""
        return (
            self.kind == self.Kind.TRANSFER
            and self.role == self.Role.LEAD
            and self.suggestion.is_representative
            and not self.contacts.exists()
        )


# Notes that actions write on a transition: stored as the Chinese msgid, shown translated.
SYSTEM_NOTES = {gettext_noop("签收"), gettext_noop("答复"), gettext_noop("审核通过")}


class TransitionLog(models.Model):
    """One row per state change, append-only: the source of every KPI."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="log")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="log"
    )
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state}"

    def note_display(self) -> str:
        """A note the system wrote (a msgid) in the page's language; a person's note as typed."""
        return gettext(self.note) if self.note in SYSTEM_NOTES else self.note

    def get_to_state_label(self) -> str:
        if self.note.startswith("rating:"):
            return str(_("建议人评价：%(r)s") % {"r": Suggestion.Rating(self.note[7:]).label})
        if self.assignment_id is not None:
            return str(Assignment.State(self.to_state).label)
        return str(Suggestion.State(self.to_state).label)


class ContactRecord(models.Model):
    class Method(models.TextChoices):
        PHONE = "phone", _("电话")
        VISIT = "visit", _("上门走访")
        MEETING = "meeting", _("座谈恳谈")
        SMS = "sms", _("短信")
        OTHER = "other", _("其他")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="contacts")
    contacted_at = models.DateTimeField(_("联系时间"))
    method = models.CharField(_("联系方式"), max_length=10, choices=Method.choices)
    reached = models.BooleanField(_("已联系上"), default=True)
    note = models.CharField(_("沟通情况"), max_length=500)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["contacted_at"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.contacted_at:%Y-%m-%d}"


class Objection(models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", _("待决定")
        ACCEPTED = "accepted", _("同意改派")
        REJECTED = "rejected", _("维持交办")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="objections")
    reason = models.CharField(_("异议理由"), max_length=500)
    proposed_department = models.ForeignKey(
        "campaigns.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("建议改派单位"),
    )
    raised_at = models.DateTimeField(default=timezone.now)
    raised_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.CharField(_("决定说明"), max_length=300, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at"]

    def __str__(self) -> str:
        return f"objection {self.pk} ({self.decision})"


class Extension(models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("同意延期")
        REFUSED = "refused", _("不同意延期")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField(_("延期工作日数"))
    progress = models.TextField(_("阶段性工作进展"))
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    old_due = models.DateField(null=True, blank=True)
    new_due = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.CharField(_("审批说明"), max_length=300, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return f"extension {self.pk} +{self.days} ({self.decision})"


class FormKey(models.Model):
    """A form's one-time key, claimed by the action that used it: a double click is a no-op."""

    key = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key


class Reminder(models.Model):
    """A reminder already sent, so that ``sendreminders`` run twice sends nothing twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("即将到期")
        OVERDUE = "overdue", _("已逾期")
        WEEKLY = "weekly", _("每周三典型案例")
        CHASE = "chase", _("催办")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    department = models.ForeignKey(
        "campaigns.Department", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=80, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key


# --- unit reports ------------------------------------------------------------------------------


class ReviewSignoff(models.Model):
    """The 单位审核意见 that closes a unit's 审查表; the counts are always computed."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "campaigns.Department", on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField(_("单位审核意见"))
    signed_at = models.DateTimeField(default=timezone.now)
    signed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "department"], name="one_signoff_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.department} signoff"


class ExcellentSuggestion(models.Model):
    """One of the 5–10 excellent suggestions a unit recommends (附件5 format)."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "campaigns.Department", on_delete=models.PROTECT, related_name="+"
    )
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("意见建议标题"), max_length=80)
    position = models.CharField(_("建议人职务"), max_length=60, blank=True)
    party = models.CharField(_("建议人党派"), max_length=30, blank=True)
    recommended_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["department", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "department", "assignment"], name="excellent_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class WeeklyCase(models.Model):
    """A unit's typical-case progress report, due every Wednesday."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "campaigns.Department", on_delete=models.PROTECT, related_name="+"
    )
    week_of = models.DateField(_("报送周（周三）"))
    title = models.CharField(_("典型案例"), max_length=80)
    progress = models.TextField(_("办理进展和经验做法"))
    submitted_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assignments = models.ManyToManyField(Assignment, blank=True, related_name="+")

    class Meta:
        ordering = ["-week_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "department", "week_of"], name="one_weekly_case_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.week_of}"


class Meeting(models.Model):
    """A 恳谈 (face-to-face meeting) with citizens on one theme."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "campaigns.Department", on_delete=models.PROTECT, related_name="+"
    )
    theme = models.CharField(_("恳谈主题"), max_length=80)
    held_on = models.DateField(_("恳谈日期"))
    place = models.CharField(_("地点"), max_length=100)
    participants = models.PositiveSmallIntegerField(_("参加市民人数"))
    summary = models.TextField(_("恳谈情况"))
    assignments = models.ManyToManyField(Assignment, blank=True, related_name="meetings")
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "department", "theme", "held_on"], name="one_meeting_record"
            )
        ]

    def __str__(self) -> str:
        return self.theme
