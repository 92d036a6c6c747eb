"""A department's yearly materials (向市民报告), their versions, the review chain and the portal."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from minping.campaigns.models import Campaign, Deadline, Department


def _unguessable(prefix: str, filename: str) -> str:
    # Draft files are only served through an access-checked view, never by a guessable URL.
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"departments/{prefix}/{uuid.uuid4().hex}.{suffix}"


def version_file_path(instance: models.Model, filename: str) -> str:
    return _unguessable("files", filename)


def signed_page_path(instance: models.Model, filename: str) -> str:
    return _unguessable("signed", filename)


def video_path(instance: models.Model, filename: str) -> str:
    return _unguessable("videos", filename)


def handbook_path(instance: models.Model, filename: str) -> str:
    return _unguessable("handbooks", filename)


class ReviewerScope(models.Model):
    """Which departments a reviewer reviews in a year.

    A 政务科室 (desk) reviewer reviews the departments of its 分管口 and records the 分管领导
    signature; a publicity reviewer (文稿筹备组 with 宣传部) clears items for publication.
    A publicity scope without a department covers every department.
    """

    class Kind(models.TextChoices):
        DESK = "desk", pgettext_lazy("review kind", "政务科室审核")  # campaigns: a stage
        PUBLICITY = "publicity", _("公开性审核（文稿筹备组、宣传部）")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_scopes",
        verbose_name=_("审核人员"),
    )
    kind = models.CharField(_("审核类型"), max_length=10, choices=Kind.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("部门"),
    )

    class Meta:
        verbose_name = _("审核分工")
        verbose_name_plural = _("审核分工")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user", "kind", "department"], name="unique_reviewer_scope"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="desk") | models.Q(department__isnull=False),
                name="desk_scope_names_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.department or _('全部部门')}"


class Material(models.Model):
    """One item a department publishes in a year, moving through the review chain."""

    class Kind(models.TextChoices):
        INFO = "info", _("部门基本信息")
        TARGETS = "targets", _("年度业务目标")
        REPORT = "report", _("述职报告")
        INFOGRAPHIC = "infographic", _("图说政府工作")
        SLIDES = "slides", _("述职课件")
        PRESS = "press", _("新闻通稿")

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已提交，待政务科室审核")
        REVIEWED = "reviewed", _("政务科室已审核，待分管领导签字")
        SIGNED = "signed", _("分管领导已签字，待公开性审核")
        CLEARED = "cleared", _("公开性审核通过，待发布")
        PUBLISHED = "published", _("已发布")
        RETURNED = "returned", _("退回修改")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("材料"), max_length=12, choices=Kind.choices)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    current_version = models.ForeignKey(
        "Version", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_version = models.ForeignKey(
        "Version", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        ordering = ["department__order", "kind"]
        verbose_name = _("部门材料")
        verbose_name_plural = _("部门材料")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "department", "kind"], name="one_material_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("departments:material", args=[self.pk])

    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    def late_step(
        self, deadlines: dict[str, Deadline], now: dt.datetime | None = None
    ) -> Deadline | None:
        return late_step(
            self.state, deadlines, now, published=self.published_version_id is not None
        )


# How far along each state is; a returned item counts as not submitted.
STATE_RANK: dict[str, int] = {
    Material.State.DRAFT: 0,
    Material.State.RETURNED: 0,
    Material.State.SUBMITTED: 1,
    Material.State.REVIEWED: 2,
    Material.State.SIGNED: 3,
    Material.State.CLEARED: 4,
    Material.State.PUBLISHED: 5,
}

# The campaign calendar stage by which each rank must be reached.
STAGE_FOR_RANK: list[tuple[int, str]] = [
    (1, Deadline.Stage.MATERIALS_SUBMITTED),
    (2, Deadline.Stage.MATERIALS_REVIEWED),
    (3, Deadline.Stage.MATERIALS_SIGNED),
    (4, Deadline.Stage.PUBLICITY_REVIEWED),
    (5, Deadline.Stage.MATERIALS_PUBLISHED),
]


def late_step(
    state: str,
    deadlines: dict[str, Deadline],
    now: dt.datetime | None = None,
    *,
    published: bool = False,
) -> Deadline | None:
    """The first passed deadline whose step an item in ``state`` has not reached.

    An item published once is never late: the public has it while a revision is reviewed.
    """
    if published:
        return None
    now = now or timezone.now()
    rank = STATE_RANK[state]
    for needed, stage in STAGE_FOR_RANK:
        deadline = deadlines.get(stage)
        if deadline is not None and deadline.due < now and rank < needed:
            return deadline
    return None


def next_deadline(
    state: str, deadlines: dict[str, Deadline], now: dt.datetime | None = None
) -> Deadline | None:
    """The deadline of the next step an item in ``state`` has to reach."""
    rank = STATE_RANK[state]
    for needed, stage in STAGE_FOR_RANK:
        if rank < needed:
            return deadlines.get(stage)
    return None


class Version(models.Model):
    """One save of a material; never changed afterwards, so any two can be compared."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("保存时间"), default=timezone.now)
    data = models.JSONField(_("结构化内容"), default=dict, blank=True)
    html = models.TextField(_("正文（已净化）"), blank=True)
    text = models.TextField(_("纯文本"), blank=True)
    file = models.FileField(_("文件"), upload_to=version_file_path, blank=True, max_length=200)
    file_name = models.CharField(_("原文件名"), max_length=200, blank=True)
    signed_page = models.FileField(
        _("主要负责人签字页"), upload_to=signed_page_path, blank=True, max_length=200
    )
    char_count = models.PositiveIntegerField(_("字数"), default=0)
    warnings = models.JSONField(_("提醒"), default=list, blank=True)

    class Meta:
        ordering = ["material", "-number"]
        verbose_name = _("材料版本")
        verbose_name_plural = _("材料版本")
        constraints = [
            models.UniqueConstraint(fields=["material", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.material} v{self.number}"

    @property
    def photos(self) -> list[str]:
        return list(self.data.get("photos", []))


class Transition(models.Model):
    """The log of the review chain: one row per state change."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="transitions")
    version = models.ForeignKey(Version, on_delete=models.SET_NULL, null=True, related_name="+")
    from_state = models.CharField(_("原状态"), max_length=10, choices=Material.State.choices)
    to_state = models.CharField(_("新状态"), max_length=10, choices=Material.State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(_("意见"), blank=True)
    signer = models.CharField(_("签字的分管领导"), max_length=50, blank=True)
    signed_page = models.FileField(
        _("签字页"), upload_to=signed_page_path, blank=True, max_length=200
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["material", "created_at", "pk"]
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")

    def __str__(self) -> str:
        return f"{self.material}: {self.from_state} → {self.to_state}"


class Video(models.Model):
    """The recording of a department's report at the meeting, shown on its public page."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("视频文件"), upload_to=video_path, blank=True, max_length=200)
    url = models.URLField(_("视频链接"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("添加时间"), default=timezone.now)

    class Meta:
        verbose_name = _("述职视频")
        verbose_name_plural = _("述职视频")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "department"], name="one_video_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.campaign.year}"


class PolicyDocument(models.Model):
    """A published policy document (政策文件), listed on the portal like the city's site."""

    title = models.CharField(_("标题"), max_length=200)
    number = models.CharField(_("文号"), max_length=60, blank=True)
    issued_on = models.DateField(_("发布日期"))
    summary = models.CharField(_("摘要"), max_length=300, blank=True)
    body = models.TextField(_("正文"))
    is_published = models.BooleanField(_("已公开"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("departments:policy", args=[self.pk])

    def short_summary(self) -> str:
        source = self.summary or self.body
        return source if len(source) <= 40 else source[:40] + "…"


class HandbookBuild(models.Model):
    """One build of the compiled handbook PDF (汇编); the task updates the progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    done_steps = models.PositiveIntegerField(_("已完成"), default=0)
    total_steps = models.PositiveIntegerField(_("总数"), default=0)
    file = models.FileField(_("PDF"), upload_to=handbook_path, blank=True, max_length=200)
    error = models.TextField(_("错误"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("述职报告汇编")
        verbose_name_plural = _("述职报告汇编")

    def __str__(self) -> str:
        return f"{self.campaign.year} #{self.pk} {self.status}"

    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_steps:
            return 0
        return min(99, round(100 * self.done_steps / self.total_steps))

    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
