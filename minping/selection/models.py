"""Selecting citizen representatives: sample frames, volunteers, quotas, the draw, results.

ID numbers and phones are ``EncryptedField`` values with a blind index: duplicates are found
by the index, screens show the masked form, the plain value only comes out through
``minping.accounts.pii.reveal`` (logged).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minping.campaigns.models import Campaign, Category, Department, District, Session, Venue
from minping.lib.fields import EncryptedField


class PoliticalStatus(models.TextChoices):
    CPC = "cpc", _("中共党员")
    PROBATIONARY = "probationary", _("中共预备党员")
    LEAGUE = "league", _("共青团员")
    DEMOCRATIC = "democratic", _("民主党派")
    NONE = "masses", _("群众")
    INDEPENDENT = "independent", _("无党派人士")


class SampleFrame(models.Model):
    """The 样本框 of one category in one campaign, built by the statistics bureau or the
    department responsible for that category (which submits twice its quota)."""

    class Status(models.TextChoices):
        EMPTY = "empty", _("未导入")
        READY = "ready", _("已导入")
        LOCKED = "locked", _("已锁定")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="frames")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="frames")
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="frames",
        verbose_name=_("负责部门"),
        help_text=_("留空表示由统计局建立"),
    )
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.EMPTY)
    row_count = models.PositiveIntegerField(_("人数"), default=0)
    content_hash = models.CharField(_("样本框指纹"), max_length=64, blank=True)
    source_name = models.CharField(_("来源文件"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["campaign", "category__order"]
        verbose_name = _("样本框")
        verbose_name_plural = _("样本框")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "category"], name="one_frame_per_category")
        ]

    def __str__(self) -> str:
        return _("%(category)s样本框") % {"category": self.category.name}

    def get_absolute_url(self) -> str:
        return reverse("selection:frame", args=[self.pk])

    def is_locked(self) -> bool:
        return self.status == self.Status.LOCKED


class FrameEntry(models.Model):
    """One person (or the delegate of one unit) in a sample frame."""

    frame = models.ForeignKey(SampleFrame, on_delete=models.CASCADE, related_name="entries")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    row_number = models.PositiveIntegerField(_("行号"))
    name = models.CharField(_("姓名"), max_length=50)
    employer = models.CharField(_("工作单位"), max_length=200)
    title = models.CharField(_("职务"), max_length=100, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=20, blank=True)
    political_status = models.CharField(_("政治面貌"), max_length=30, blank=True)
    id_number = EncryptedField(_("身份证号"), kind="id_number", index_field="id_index")
    id_index = models.CharField(max_length=64, editable=False)
    phone = EncryptedField(_("联系电话"), kind="phone", index_field="phone_index")
    phone_index = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001 - EncryptedField.pre_save stores None for an empty value
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("旗区")
    )

    class Meta:
        ordering = ["frame", "row_number"]
        verbose_name = _("样本框人员")
        verbose_name_plural = _("样本框人员")
        constraints = [
            # Nobody stands in two frames of one campaign: one person, one category.
            models.UniqueConstraint(fields=["campaign", "id_index"], name="one_entry_per_person")
        ]

    def __str__(self) -> str:
        # Never the ID number: before a reload it is still the plain value.
        return f"{self.name} #{self.row_number}"


class ImportJob(models.Model):
    """An upload being validated and imported in the background; the page polls it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("校验中")
        DONE = "done", _("导入成功")
        REJECTED = "rejected", _("未通过校验")
        FAILED = "failed", _("出错")

    frame = models.ForeignKey(SampleFrame, on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(_("文件名"), max_length=200)
    upload = models.FileField(upload_to="selection/imports/", blank=True)
    size = models.PositiveBigIntegerField(_("大小"), default=0)
    status = models.CharField(
        _("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("总行数"), default=0)
    processed = models.PositiveIntegerField(_("已处理"), default=0)
    problem_count = models.PositiveIntegerField(_("问题数"), default=0)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    report = models.BinaryField(_("问题报告"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.REJECTED, self.Status.FAILED}

    def percent(self) -> int:
        if self.is_finished():
            return 100
        return int(self.processed * 100 / self.total) if self.total else 0


class Volunteer(models.Model):
    """A citizen who signed up online (市民报名登记表); no login needed."""

    class Sex(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    class Education(models.TextChoices):
        PRIMARY = "primary", _("小学及以下")
        JUNIOR = "junior", _("初中")
        SENIOR = "senior", _("高中/中专")
        COLLEGE = "college", _("大专")
        BACHELOR = "bachelor", _("本科")
        POSTGRADUATE = "postgraduate", _("研究生")

    class VenueChoice(models.TextChoices):
        MAIN = "main", _("主会场")
        BRANCH = "branch", _("分会场")

    class Flexibility(models.TextChoices):
        ANY = "any", _("服从任何调剂")
        VENUE = "venue", _("只服从会场调剂")
        SESSION = "session", _("只服从场次调剂")
        NONE = "none", _("不服从调剂")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已报名，待审核")
        CONFIRMED = "confirmed", _("审核通过，待抽取")
        REJECTED = "rejected", _("审核未通过")
        SELECTED = "selected", _("已入选")
        RESERVE = "reserve", _("备选")
        NOT_SELECTED = "not_selected", _("未抽中")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="volunteers")
    reference = models.CharField(_("报名编号"), max_length=12, unique=True)
    name = models.CharField(_("姓名"), max_length=50)
    sex = models.CharField(_("性别"), max_length=1, choices=Sex.choices)
    political_status = models.CharField(
        _("政治面貌"), max_length=12, choices=PoliticalStatus.choices
    )
    education = models.CharField(_("文化程度"), max_length=12, choices=Education.choices)
    id_number = EncryptedField(_("身份证号码"), kind="id_number", index_field="id_index")
    id_index = models.CharField(max_length=64, editable=False)
    ethnicity = models.CharField(_("民族"), max_length=20)
    province = models.CharField(_("省（自治区）"), max_length=20)
    city = models.CharField(_("市"), max_length=20)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("旗区")
    )
    street = models.CharField(_("街道（镇）"), max_length=50)
    address = EncryptedField(_("详细地址"), kind="text")
    employer = models.CharField(_("工作单位及职务"), max_length=200, blank=True)
    phone = EncryptedField(_("手机号码"), kind="phone", index_field="phone_index")
    phone_index = models.CharField(max_length=64, editable=False)
    lookup_index = models.CharField(max_length=64, editable=False)
    is_migrant = models.BooleanField(_("是否为外来务工人员"), default=False)
    arrived_on = models.DateField(_("来鄂起始日期"), null=True, blank=True)
    venue_choice = models.CharField(_("拟参加会场"), max_length=6, choices=VenueChoice.choices)
    session_choice = models.PositiveSmallIntegerField(_("拟参加场次"))
    flexibility = models.CharField(_("是否服从调剂"), max_length=8, choices=Flexibility.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)

    class Meta:
        ordering = ["campaign", "created_at"]
        verbose_name = _("自愿报名")
        verbose_name_plural = _("自愿报名")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "id_index"], name="one_signup_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"


class Quota(models.Model):
    """名额: how many representatives of a category sit at a venue in a session."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="quotas")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="quotas")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="quotas")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="quotas")
    seed_count = models.PositiveIntegerField(_("方案人数"))
    count = models.PositiveIntegerField(_("人数"))

    class Meta:
        ordering = ["session__number", "venue__kind", "venue__order", "category__order"]
        verbose_name = _("名额")
        verbose_name_plural = _("名额")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "venue", "category"], name="one_quota_per_stratum"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.venue} {self.category}: {self.count}"


def sha256_hex(data: str) -> str:
    return hashlib.sha256(data.encode()).hexdigest()


class Draw(models.Model):
    """One stratified draw: the seed is committed (hash published) before the frames close,
    revealed afterwards, and the result stored with the hashes that let anyone re-run it."""

    class Mode(models.TextChoices):
        SYSTEMATIC = "systematic", _("等距抽样")
        MAXIMIN = "maximin", _("公平抽签（最大化最小入选概率）")
        LEXIMIN = "leximin", _("公平抽签（逐级最大化最小入选概率，LEXIMIN）")

    class Status(models.TextChoices):
        COMMITTED = "committed", _("已公布承诺")
        REVEALED = "revealed", _("已揭示种子")
        DONE = "done", _("已抽取")

    ALLOWED: dict[str, set[str]] = {
        Status.COMMITTED: {Status.REVEALED},
        Status.REVEALED: {Status.DONE},
        Status.DONE: set(),
    }

    campaign = models.OneToOneField(Campaign, on_delete=models.PROTECT, related_name="draw")
    mode = models.CharField(_("方式"), max_length=10, choices=Mode.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    commitment = models.CharField(_("种子承诺（SHA-256）"), max_length=64)
    sealed_seed = EncryptedField(_("种子（密封）"), kind="text")
    seed = models.CharField(_("种子"), max_length=128, blank=True)
    committed_at = models.DateTimeField(_("承诺时间"), default=timezone.now)
    revealed_at = models.DateTimeField(_("揭示时间"), null=True, blank=True)
    ran_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    run_requested_at = models.DateTimeField(_("开始抽取时间"), null=True, blank=True)
    run_error = models.CharField(_("抽取失败原因"), max_length=300, blank=True)
    frame_hash = models.CharField(_("样本框指纹"), max_length=64, blank=True)
    spec_hash = models.CharField(_("名额指纹"), max_length=64, blank=True)
    result_hash = models.CharField(_("结果指纹"), max_length=64, blank=True)
    min_probability = models.FloatField(_("最小入选概率"), null=True, blank=True)
    export = models.BinaryField(_("可复核导出包"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("抽样")
        verbose_name_plural = _("抽样")

    def __str__(self) -> str:
        return _("%(year)s年市民代表抽样") % {"year": self.campaign.year}

    def can_move_to(self, status: str) -> bool:
        return status in self.ALLOWED.get(self.status, set())

    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    def is_running(self) -> bool:
        return self.status == self.Status.REVEALED and self.run_requested_at is not None


class DrawLog(models.Model):
    """One transition of a draw (who, when, from, to)."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="log")
    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    def from_label(self) -> str:
        return str(Draw.Status(self.from_status).label) if self.from_status else "—"

    def to_label(self) -> str:
        return str(Draw.Status(self.to_status).label)


class Representative(models.Model):
    """A person drawn (入选) or held in reserve (备选) for one stratum."""

    class Status(models.TextChoices):
        SELECTED = "selected", _("入选")
        RESERVE = "reserve", _("备选")
        PROMOTED = "promoted", _("递补入选")
        DROPPED = "dropped", _("退出")

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="representatives")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="+")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(
        FrameEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person_key = models.CharField(max_length=64)
    name = models.CharField(_("姓名"), max_length=50)
    employer = models.CharField(_("工作单位"), max_length=200, blank=True)
    rank = models.PositiveIntegerField(_("抽取顺序"))
    probability = models.FloatField(_("入选概率"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("替补对象"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="representations",
    )

    class Meta:
        ordering = ["session__number", "venue__kind", "venue__order", "category__order", "rank"]
        verbose_name = _("市民代表")
        verbose_name_plural = _("市民代表")
        constraints = [
            models.UniqueConstraint(fields=["draw", "person_key"], name="one_seat_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_seated(self) -> bool:
        return self.status in {self.Status.SELECTED, self.Status.PROMOTED}

    @property
    def district(self) -> District | None:
        return self.venue.district

    def source(self) -> FrameEntry | Volunteer | None:
        return self.entry or self.volunteer
