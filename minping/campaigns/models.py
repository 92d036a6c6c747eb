"""The campaign year and its fixed frame: districts, departments, groups, sessions, venues."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """A 旗区 (banner or district) of the city; hosts one branch venue."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    code = models.CharField(_("行政区划代码"), max_length=12, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("旗区")
        verbose_name_plural = _("旗区")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A city government department (市政府工作部门) that reports and is evaluated."""

    name = models.CharField(_("部门名称"), max_length=80, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self) -> str:
        return self.name


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def current(self) -> Campaign | None:
        return self.filter(is_current=True).first() or self.order_by("-year").first()


# Bumped whenever a campaign row is saved or deleted (signals below), so that a request's
# remembered current campaign is asked again after a change within that request.
_changes = 0


def current_for_request(request: Any) -> Campaign | None:
    """``Campaign.objects.current()``, asked once per request (the menu, the context
    processor and the dashboard cards all want it)."""
    remembered = getattr(request, "_minping_current_campaign", None)
    if remembered is not None and remembered[0] == _changes:
        campaign: Campaign | None = remembered[1]
        return campaign
    campaign = Campaign.objects.current()
    request._minping_current_campaign = (_changes, campaign)
    return campaign


def _campaign_changed(**kwargs: Any) -> None:
    global _changes
    _changes += 1


class Campaign(models.Model):
    """One year's 三民 campaign (年度活动)."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("筹备中")
        RUNNING = "running", _("进行中")
        CLOSED = "closed", _("已结束")

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("活动名称"), max_length=200)
    intro = models.TextField(_("活动简介"), blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.PREPARING
    )
    is_current = models.BooleanField(_("当前年度"), default=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度活动")
        verbose_name_plural = _("年度活动")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_campaign",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", args=[self.year])


class DepartmentGroup(models.Model):
    """A 述职分组: the ~11 departments that report in the same session."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("组号"))
    name = models.CharField(_("组名"), max_length=40)
    departments: models.ManyToManyField[Department, GroupMembership] = models.ManyToManyField(
        Department, through="GroupMembership", related_name="groups", verbose_name=_("部门")
    )

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("述职分组")
        verbose_name_plural = _("述职分组")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="unique_group_number")
        ]

    def __str__(self) -> str:
        return self.name

    def ordered_departments(self) -> models.QuerySet[Department]:
        return self.departments.order_by("groupmembership__order")


class GroupMembership(models.Model):
    group = models.ForeignKey(DepartmentGroup, on_delete=models.CASCADE)
    department = models.ForeignKey(Department, on_delete=models.PROTECT)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(_("述职顺序"), default=0)

    class Meta:
        ordering = ["group", "order"]
        constraints = [
            # A department reports once a year: in one group only.
            models.UniqueConstraint(fields=["campaign", "department"], name="one_group_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.group} #{self.order} {self.department}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.campaign_id = self.group.campaign_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]  # passes Django's own kwargs through


class Session(models.Model):
    """A half-day 场次 in which one group reports and is evaluated."""

    class HalfDay(models.TextChoices):
        AM = "am", _("上午")
        PM = "pm", _("下午")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("场次"))
    date = models.DateField(_("日期"))
    half_day = models.CharField(_("时段"), max_length=2, choices=HalfDay.choices)
    group = models.ForeignKey(
        DepartmentGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("述职分组"),
    )

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("场次")
        verbose_name_plural = _("场次")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="unique_session_number"),
            models.UniqueConstraint(
                fields=["campaign", "date", "half_day"], name="unique_session_slot"
            ),
        ]

    def __str__(self) -> str:
        return _("第%(n)d场（%(date)s %(half)s）") % {
            "n": self.number,
            "date": self.date.strftime("%Y-%m-%d"),
            "half": self.get_half_day_display(),
        }


class Venue(models.Model):
    """A 会场: the one main venue, or the branch venue of a district."""

    class Kind(models.TextChoices):
        MAIN = "main", _("主会场")
        BRANCH = "branch", _("分会场")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="venues")
    kind = models.CharField(_("类型"), max_length=6, choices=Kind.choices)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="venues",
        verbose_name=_("旗区"),
    )
    name = models.CharField(_("会场名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("容量（座位数）"), default=0)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["campaign", "kind", "order"]
        verbose_name = _("会场")
        verbose_name_plural = _("会场")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign"], condition=models.Q(kind="main"), name="one_main_venue"
            ),
            models.UniqueConstraint(
                fields=["campaign", "district"],
                condition=models.Q(kind="branch"),
                name="one_branch_per_district",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_main(self) -> bool:
        return self.kind == self.Kind.MAIN


class Category(models.Model):
    """A category of citizen representatives (代表类别), possibly under a parent."""

    class Kind(models.TextChoices):
        SERVICE = "service", _("服务对象代表")
        SOCIETY = "society", _("社会各界代表")
        VOLUNTEER = "volunteer", _("自愿报名市民代表")
        OTHER = "other", _("其他")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("代码"), max_length=40)
    name = models.CharField(_("类别名称"), max_length=60)
    kind = models.CharField(_("大类"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["campaign", "order"]
        verbose_name = _("代表类别")
        verbose_name_plural = _("代表类别")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="unique_category_code")
        ]

    def __str__(self) -> str:
        return self.name


class Deadline(models.Model):
    """A dated step of the campaign calendar (e.g. reports reviewed by 12-17)."""

    class Stage(models.TextChoices):
        MATERIALS_SUBMITTED = "materials_submitted", _("部门材料提交")
        MATERIALS_REVIEWED = "materials_reviewed", _("政务科室审核")
        MATERIALS_SIGNED = "materials_signed", _("分管领导签字")
        PUBLICITY_REVIEWED = "publicity_reviewed", _("公开性审核")
        MATERIALS_PUBLISHED = "materials_published", _("网上公布")
        FRAMES_CLOSED = "frames_closed", _("样本框截止")
        VOLUNTEERS_CLOSED = "volunteers_closed", _("自愿报名截止")
        DRAW = "draw", _("抽取市民代表")
        MEETING = "meeting", _("述职报告会")
        SUGGESTIONS_ANSWERED = "suggestions_answered", _("意见建议办结")
        OTHER = "other", _("其他")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deadlines")
    stage = models.CharField(_("阶段"), max_length=30, choices=Stage.choices)
    due = models.DateTimeField(_("截止时间"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["campaign", "due"]
        verbose_name = _("时间节点")
        verbose_name_plural = _("时间节点")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "stage"], name="unique_deadline_stage")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {timezone.localtime(self.due):%Y-%m-%d}"

    def is_past(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) > self.due


models.signals.post_save.connect(_campaign_changed, sender=Campaign)
models.signals.post_delete.connect(_campaign_changed, sender=Campaign)
