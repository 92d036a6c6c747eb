"""The mayor-hotline duty rota (市长热线轮流接听) and the calls taken on duty.

A :class:`DutyPerson` is a city leader or a department's principal head. The office builds a
:class:`Rota` for a period; it holds one :class:`Duty` per slot of every working day, and each
duty has its :class:`DutyMember` seats (leaders and heads). Every change to a rota writes a
:class:`RotaLog` row; changes after publication show as "调整" on the public page. Calls are
:class:`Call` rows; a call that needs follow-up is filed as a citizen suggestion through the
suggestions app and linked by its tracking number.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minping.lib.fields import EncryptedField


class DutyPerson(models.Model):
    """值班人员: a member of the city government's leadership or a department's head."""

    class Kind(models.TextChoices):
        LEADER = "leader", _("市政府领导")
        HEAD = "head", _("部门主要负责人")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("姓名"), max_length=30)
    title = models.CharField(_("职务"), max_length=60)
    department = models.ForeignKey(
        "campaigns.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_heads",
        verbose_name=_("所在部门"),
    )
    phone = EncryptedField(_("手机（值班提醒用）"), kind="phone", index_field="phone_index")
    phone_index = models.CharField(max_length=64, blank=True, null=True, db_index=True)  # noqa: DJ001 - EncryptedField writes None for no phone
    order = models.PositiveSmallIntegerField(_("排班顺序"), default=0)
    is_active = models.BooleanField(_("参加排班"), default=True)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        ordering = ["kind", "order", "pk"]
        verbose_name = _("值班人员")
        verbose_name_plural = _("值班人员")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="leader") | models.Q(department__isnull=False),
                name="hotline_head_has_department",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.public_title}）"

    @property
    def public_title(self) -> str:
        """The title as the public page prints it: "市公安局局长" for a head."""
        if self.department_id and not self.title.startswith(str(self.department)):
            return f"{self.department}{self.title}"
        return self.title

    def unavailable_days(self) -> frozenset[dt.date]:
        from minping.hotline.rota import expand_ranges

        return expand_ranges((u.start, u.end) for u in self.unavailable_periods.all())


class Unavailability(models.Model):
    """Dates a person cannot be on duty (出差, 会议, 休假)."""

    person = models.ForeignKey(
        DutyPerson, on_delete=models.CASCADE, related_name="unavailable_periods"
    )
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    reason = models.CharField(_("原因"), max_length=100, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("不能值班的日期")
        verbose_name_plural = _("不能值班的日期")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="hotline_unavailable_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.name} {self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"


class Rota(models.Model):
    """排班表: the duties of a period, built by the office, then published in advance."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿（未公布）")
        PUBLISHED = "published", _("已公布")

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="hotline_rotas"
    )
    title = models.CharField(_("名称"), max_length=80)
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    slots = models.CharField(
        _("每日接听时段"), max_length=100, help_text=_("如 09:00-11:00，多个时段用逗号分隔")
    )
    leaders_per_duty = models.PositiveSmallIntegerField(_("每班市政府领导人数"), default=1)
    heads_per_duty = models.PositiveSmallIntegerField(_("每班部门负责人人数"), default=1)
    hotline_number = models.CharField(_("热线号码"), max_length=20, default="12345")
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-start"]
        verbose_name = _("排班表")
        verbose_name_plural = _("排班表")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="hotline_rota_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("hotline:rota", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED


class Duty(models.Model):
    """One duty slot on one working day (e.g. 2025-10-09 09:00–11:00)."""

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="duties")
    date = models.DateField(_("日期"), db_index=True)
    starts = models.TimeField(_("开始时间"))
    ends = models.TimeField(_("结束时间"))
    summary = models.TextField(_("值班小结"), blank=True)
    summary_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    summary_at = models.DateTimeField(_("小结时间"), null=True, blank=True)

    class Meta:
        ordering = ["date", "starts"]
        verbose_name = _("值班")
        verbose_name_plural = _("值班")
        constraints = [
            models.UniqueConstraint(fields=["rota", "date", "starts"], name="hotline_one_slot")
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("hotline:duty", args=[self.pk])

    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.starts))

    def ends_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.ends))

    def has_started(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at()


class DutyMember(models.Model):
    """A seat on a duty: one leader or one department head (empty = a gap to fill)."""

    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="members")
    pool = models.CharField(_("类别"), max_length=10, choices=DutyPerson.Kind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    person = models.ForeignKey(
        DutyPerson,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duties",
        verbose_name=_("值班人员"),
    )

    class Meta:
        ordering = ["duty", "-pool", "position"]
        verbose_name = _("值班席位")
        verbose_name_plural = _("值班席位")
        constraints = [
            models.UniqueConstraint(fields=["duty", "pool", "position"], name="hotline_one_seat"),
            models.UniqueConstraint(fields=["duty", "person"], name="hotline_once_per_duty"),
        ]

    def __str__(self) -> str:
        return f"{self.duty} {self.person.name if self.person else '—'}"


class RotaLog(models.Model):
    """Every change of a rota: generated, swapped, replaced, published."""

    class Kind(models.TextChoices):
        GENERATE = "generate", _("生成排班")
        SWAP = "swap", _("对调")
        REPLACE = "replace", _("替换")
        PUBLISH = "publish", _("公布")

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="log")
    kind = models.CharField(_("操作"), max_length=10, choices=Kind.choices)
    duty = models.ForeignKey(
        Duty, on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    other_duty = models.ForeignKey(
        Duty, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    description = models.CharField(_("内容"), max_length=300)
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    after_publication = models.BooleanField(_("公布后调整"), default=False)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("排班记录")
        verbose_name_plural = _("排班记录")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.description}"


class Call(models.Model):
    """来电记录: one call taken on a duty."""

    duty = models.ForeignKey(Duty, on_delete=models.PROTECT, related_name="calls")
    received_at = models.DateTimeField(_("来电时间"))
    caller_name = EncryptedField(_("来电人姓名"), kind="name")
    caller_phone = EncryptedField(_("来电号码"), kind="phone", index_field="caller_phone_index")
    caller_phone_index = models.CharField(max_length=64, blank=True, null=True, db_index=True)  # noqa: DJ001 - EncryptedField writes None for no phone
    district = models.ForeignKey(
        "campaigns.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在旗区"),
    )
    area = models.ForeignKey(
        "suggestions.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("问题类别")
    )
    subject = models.CharField(_("事项"), max_length=60)
    summary = models.TextField(_("来电内容"))
    answer = models.TextField(_("现场答复"))
    needs_follow_up = models.BooleanField(_("需要后续办理"), default=False)
    suggestion = models.ForeignKey(
        "suggestions.Suggestion",
        to_field="number",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("意见建议查询编号"),
    )
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("录入时间"), default=timezone.now)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("来电记录")
        verbose_name_plural = _("来电记录")

    def __str__(self) -> str:
        return f"{timezone.localtime(self.received_at):%Y-%m-%d %H:%M} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("hotline:call", args=[self.pk])


class Reminder(models.Model):
    """An SMS reminder sent to a person on duty; the key makes a second run send nothing."""

    key = models.CharField(max_length=100, unique=True)
    member = models.ForeignKey(DutyMember, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
