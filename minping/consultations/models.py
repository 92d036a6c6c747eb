"""Public participation in major administrative decisions (重大行政决策公众参与).

The city's rule (《鄂尔多斯市重大行政决策公众参与办法》, seed 004) is the spec: a decision
draft is put to the public for ≥ 30 days (第十一条) with the content of 第十二条, discussed at
symposia (第十三条) and hearings (第十六条–第十九条), and every opinion is weighed and the
adoption published (第二十条). A :class:`Consultation` moves through the
``actions.ALLOWED`` table; every step writes a :class:`TransitionLog` row.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minping.lib.fields import EncryptedField

MIN_PERIOD_DAYS = 30  # 第十一条: 公开征求意见的期限一般不少于30日
SYMPOSIUM_NOTICE_WORKDAYS = 5  # 第十三条: 座谈会召开前5个工作日送达材料
HEARING_NOTICE_DAYS = 30  # 第十七条: 举行听证会的30日前发布公告
HEARING_LIST_DAYS = 7  # 第十七条: 举行听证会7日前公布听证参加人名单
HEARING_MIN_PARTICIPANTS = 10  # 第十八条: 听证参加人原则上不少于10人
REPORT_OVERDUE_DAYS = 30  # oversight: closed this long without a submitted report
CONCENTRATED_MIN = 3  # an opinion backed by this many comments counts as 相对集中
MIN_DELEGATES = 3  # 第二十二条: 列席政府会议的相关方代表一般不少于3人


def attachment_path(instance: Attachment, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"consultations/{instance.consultation_id}/{secrets.token_hex(8)}.{suffix}"


def scan_path(instance: models.Model, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"consultations/scans/{secrets.token_hex(10)}.{suffix}"


class Consultation(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待办公室审查")
        PUBLISHED = "published", _("已发布（未开始）")
        OPEN = "open", _("征求意见中")
        CLOSED = "closed", _("征求意见结束（意见研判中）")
        REPORT_SUBMITTED = "report_submitted", _("报告待审核")
        REPORT_PUBLISHED = "report_published", _("已公布采纳情况")
        ARCHIVED = "archived", _("已归档")

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="consultations"
    )
    department = models.ForeignKey(
        "campaigns.Department",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("决策承办单位"),
    )
    title = models.CharField(_("决策事项名称"), max_length=120)
    summary = models.TextField(_("主要内容和目的"), max_length=3000)
    basis = models.TextField(_("决策依据、理由和影响"), max_length=3000)
    feedback_channels = models.TextField(
        _("反馈意见的途径和方式"),
        max_length=1000,
        help_text=_("例如：本页面在线提交；信函寄至……；电子邮件……"),
    )
    contact = models.CharField(
        _("接收意见的部门及联系方式"),
        max_length=300,
        help_text=_("部门名称和办公电话，不要填写个人手机号"),
    )
    drafting_notes = models.TextField(_("起草说明"), max_length=10000, blank=True)
    text_html = models.TextField(_("征求意见稿全文"), blank=True)
    opens_on = models.DateField(_("征求意见开始日期"), null=True, blank=True)
    closes_on = models.DateField(_("征求意见截止日期"), null=True, blank=True)
    shortened_reason = models.TextField(
        _("缩短征求意见期限的依据和理由"),
        max_length=2000,
        blank=True,
        help_text=_("期限不足30日时必填（第十一条），并须在起草说明中专门阐述"),
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    return_reason = models.TextField(_("退回理由"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("截止时间"), null=True, blank=True)
    delegates_approved_at = models.DateTimeField(_("列席代表审核确定时间"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-created_at"]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", args=[self.pk])

    def period_days(self, start: dt.date | None = None) -> int | None:
        """Whole days of commenting, both ends included (from ``start`` if later)."""
        if self.opens_on is None or self.closes_on is None:
            return None
        begin = max(self.opens_on, start) if start else self.opens_on
        return (self.closes_on - begin).days + 1

    def is_shortened(self, start: dt.date | None = None) -> bool:
        days = self.period_days(start)
        return days is not None and days < MIN_PERIOD_DAYS

    def is_public(self) -> bool:
        return self.state not in (self.State.DRAFT, self.State.SUBMITTED)

    def accepts_comments(self, now: dt.datetime | None = None) -> bool:
        """Open, and today lies inside the period (the clock wins over a stale state)."""
        if self.state != self.State.OPEN or self.opens_on is None or self.closes_on is None:
            return False
        today = timezone.localdate(now or timezone.now())
        return self.opens_on <= today <= self.closes_on

    def days_left(self, now: dt.datetime | None = None) -> int | None:
        """Calendar days left after today (0 = today is the last day)."""
        if self.closes_on is None:
            return None
        return (self.closes_on - timezone.localdate(now or timezone.now())).days

    def missing_notice_content(self) -> list[str]:
        """The 第十二条 items still empty, as field labels."""
        labels = {
            "title": _("决策事项名称"),
            "summary": _("主要内容和目的"),
            "basis": _("决策依据、理由和影响"),
            "feedback_channels": _("反馈意见的途径和方式"),
            "contact": _("接收意见的部门及联系方式"),
        }
        missing = [
            str(label) for name, label in labels.items() if not str(getattr(self, name)).strip()
        ]
        if not self.text_html.strip():
            missing.append(str(_("征求意见稿全文")))
        if self.opens_on is None or self.closes_on is None:
            missing.append(str(_("征求意见起止日期")))
        return missing


class TransitionLog(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="log")
    from_state = models.CharField(_("原状态"), max_length=20)
    to_state = models.CharField(_("新状态"), max_length=20)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(_("办理方"), max_length=20)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    note = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("流转记录")
        verbose_name_plural = _("流转记录")

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.from_state} → {self.to_state}"

    def to_label(self) -> str:
        return str(Consultation.State(self.to_state).label)


class Section(models.Model):
    """One numbered article or part of the draft text; comments can point at it."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="sections"
    )
    number = models.PositiveSmallIntegerField(_("序号"))
    heading = models.CharField(_("标题"), max_length=120, blank=True)
    body_html = models.TextField(_("内容"))

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="one_section_number")
        ]
        verbose_name = _("条文")
        verbose_name_plural = _("条文")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The heading ("第三条", "二、调整范围"), or the section's number when it has none."""
        return self.heading or f"#{self.number}"


class Option(models.Model):
    """A 备选方案 (第九条): commenters may say which they prefer."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("方案名称"), max_length=60)
    description = models.TextField(_("方案说明"), max_length=2000)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["consultation", "order", "pk"]
        verbose_name = _("备选方案")
        verbose_name_plural = _("备选方案")

    def __str__(self) -> str:
        return self.label


class Attachment(models.Model):
    class Kind(models.TextChoices):
        DRAFT = "draft", _("征求意见稿")
        NOTES = "notes", _("起草说明")
        BACKGROUND = "background", _("背景材料")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.DRAFT)
    title = models.CharField(_("名称"), max_length=120)
    file = models.FileField(_("文件（PDF）"), upload_to=attachment_path, max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"), default=0)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        ordering = ["consultation", "uploaded_at"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.title


class Opinion(models.Model):
    """A theme the department drew from one or more comments, weighed as 第二十条 asks."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("待研判")
        ADOPTED = "adopted", _("采纳")
        PARTLY = "partly", _("部分采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")
        OUT_OF_SCOPE = "out_of_scope", _("不属于本次征求范围")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="opinions"
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("涉及条文"),
    )
    summary = models.CharField(_("意见概要"), max_length=300)
    decision = models.CharField(
        _("采纳情况"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    reply = models.TextField(_("答复或理由"), max_length=3000, blank=True)
    decided_at = models.DateTimeField(_("研判时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("归纳时间"), default=timezone.now)

    class Meta:
        ordering = ["consultation", "created_at", "pk"]
        verbose_name = _("归纳意见")
        verbose_name_plural = _("归纳意见")

    def __str__(self) -> str:
        return self.summary


class Comment(models.Model):
    """One opinion as received: online, by letter, or recorded at a symposium or hearing."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("网上提交")
        LETTER = "letter", _("信函、电话等")
        SYMPOSIUM = "symposium", _("座谈会")
        HEARING = "hearing", _("听证会")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        SHOWN = "shown", _("已公开")
        HIDDEN = "hidden", _("不予公开")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    number = models.PositiveIntegerField(_("编号"))
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("针对条文"),
    )
    option = models.ForeignKey(
        Option,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supporters",
        verbose_name=_("支持的方案"),
    )
    channel = models.CharField(
        _("来源"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    text = models.TextField(_("意见内容"), max_length=3000)
    public_text = models.TextField(_("公开内容"), max_length=3000, blank=True)
    name = EncryptedField(_("姓名"), kind="name")
    phone = EncryptedField(_("联系电话"), kind="phone", index_field="phone_index")
    phone_index = models.CharField(max_length=64, blank=True, null=True, db_index=True)  # noqa: DJ001 - EncryptedField writes None for no phone
    status = models.CharField(
        _("公开状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    hidden_reason = models.CharField(_("不予公开的理由"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    opinion = models.ForeignKey(
        Opinion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("归入意见"),
    )
    symposium = models.ForeignKey(
        "Symposium", on_delete=models.CASCADE, null=True, blank=True, related_name="opinions"
    )
    hearing = models.ForeignKey(
        "Hearing", on_delete=models.CASCADE, null=True, blank=True, related_name="opinions"
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="one_comment_number")
        ]
        verbose_name = _("意见")
        verbose_name_plural = _("意见")

    def __str__(self) -> str:
        return f"#{self.number}"


class Symposium(models.Model):
    """座谈会 (第十三条): materials reach the participants 5 working days before."""

    class Kind(models.TextChoices):
        INDUSTRY = "industry", _("特定行业座谈会")
        GRASSROOTS = "grassroots", _("基层群众代表座谈会")
        GENERAL = "general", _("综合座谈会")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="symposia"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    held_on = models.DateField(_("召开日期"))
    held_time = models.TimeField(_("召开时间"), default=dt.time(9, 0))
    place = models.CharField(_("地点"), max_length=200)
    materials_sent_on = models.DateField(_("材料送达日期"), null=True, blank=True)
    minutes = models.TextField(_("会议记录"), max_length=20000, blank=True)
    minutes_scan = models.FileField(
        _("签字的会议记录扫描件"), upload_to=scan_path, blank=True, max_length=200
    )
    minutes_signed = models.BooleanField(_("参会人员已审阅签字"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consultation", "held_on"]
        verbose_name = _("座谈会")
        verbose_name_plural = _("座谈会")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"


class SymposiumParticipant(models.Model):
    class Category(models.TextChoices):
        INDUSTRY = "industry", _("行业代表")
        GRASSROOTS = "grassroots", _("基层群众代表")
        PARTY = "party", _("党代表")
        NPC = "npc", _("人大代表")
        CPPCC = "cppcc", _("政协委员")
        EXPERT = "expert", _("专家学者")
        ORGANISATION = "organisation", _("社会组织负责人")
        PUBLIC = "public", _("群众代表")

    symposium = models.ForeignKey(Symposium, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("姓名"), max_length=50)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    affiliation = models.CharField(_("单位或推荐方"), max_length=120, blank=True)

    class Meta:
        ordering = ["symposium", "pk"]
        verbose_name = _("座谈会参会代表")
        verbose_name_plural = _("座谈会参会代表")

    def __str__(self) -> str:
        return self.name


class Hearing(models.Model):
    """听证会 (第十六条–第十九条)."""

    class Stage(models.TextChoices):
        PLANNED = "planned", _("筹备中")
        ANNOUNCED = "announced", _("已发布公告，接受报名")
        LIST_PUBLISHED = "list_published", _("已公布听证参加人")
        HELD = "held", _("已举行")
        REPORTED = "reported", _("已形成听证报告")

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="hearing"
    )
    held_on = models.DateField(_("举行日期"))
    held_time = models.TimeField(_("举行时间"), default=dt.time(9, 0))
    place = models.CharField(_("地点"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("听证参加人名额"), default=HEARING_MIN_PARTICIPANTS)
    registration_closes_on = models.DateField(_("报名截止日期"))
    selection_method = models.TextField(
        _("听证参加人遴选办法"),
        max_length=3000,
        help_text=_("第十七条、第十九条：提前公布，公平公开遴选"),
    )
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, default=Stage.PLANNED)
    announced_on = models.DateField(_("公告日期"), null=True, blank=True)
    list_published_on = models.DateField(_("名单公布日期"), null=True, blank=True)
    draw_seed = models.CharField(_("抽签种子"), max_length=64, blank=True)
    draw_pool = models.JSONField(_("参加抽签的报名编号"), default=list, blank=True)
    draw_seats = models.PositiveSmallIntegerField(_("抽签名额"), default=0)
    drawn_at = models.DateTimeField(_("抽签时间"), null=True, blank=True)
    minutes = models.TextField(_("听证会记录"), max_length=20000, blank=True)
    minutes_scan = models.FileField(
        _("签字的听证记录扫描件"), upload_to=scan_path, blank=True, max_length=200
    )
    report = models.TextField(_("听证报告"), max_length=20000, blank=True)

    class Meta:
        verbose_name = _("听证会")
        verbose_name_plural = _("听证会")

    def __str__(self) -> str:
        return f"{self.consultation} {self.held_on:%Y-%m-%d}"

    def registration_open(self, now: dt.datetime | None = None) -> bool:
        today = timezone.localdate(now or timezone.now())
        return self.stage == self.Stage.ANNOUNCED and today <= self.registration_closes_on


class Registration(models.Model):
    """A person who asked to take part in a hearing (public form)."""

    class Side(models.TextChoices):
        FOR = "for", _("赞成")
        AGAINST = "against", _("反对")
        MIXED = "mixed", _("有条件赞成或其他意见")

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="registrations")
    code = models.CharField(_("报名编号"), max_length=12)
    name = EncryptedField(_("姓名"), kind="name")
    phone = EncryptedField(_("手机号"), kind="phone", index_field="phone_index")
    phone_index = models.CharField(max_length=64, editable=False)
    side = models.CharField(_("观点倾向"), max_length=10, choices=Side.choices)
    interest = models.CharField(_("与决策事项的关系"), max_length=120)
    is_stakeholder = models.BooleanField(_("利害关系人"), default=False)
    statement = models.TextField(_("简要陈述"), max_length=1000, blank=True)
    registered_at = models.DateTimeField(_("报名时间"), default=timezone.now)

    class Meta:
        ordering = ["hearing", "code"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "code"], name="one_registration_code"),
            models.UniqueConstraint(
                fields=["hearing", "phone_index"], name="one_registration_per_phone"
            ),
        ]
        verbose_name = _("听证报名")
        verbose_name_plural = _("听证报名")

    def __str__(self) -> str:
        return self.code


class Participant(models.Model):
    """A 听证参加人 (第十八条): invited by the department or drawn from the registrations."""

    class Category(models.TextChoices):
        STAKEHOLDER = "stakeholder", _("利害关系人代表")
        DEPUTY = "deputy", _("人大代表、政协委员")
        EXPERT = "expert", _("专家学者、专业技术人员")
        OTHER = "other", _("其他代表")

    class Source(models.TextChoices):
        INVITED = "invited", _("邀请")
        REGISTERED = "registered", _("报名入选")
        DRAWN = "drawn", _("抽签产生")

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="participants")
    registration = models.OneToOneField(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="participant"
    )
    name = EncryptedField(_("姓名"), kind="name")
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    source = models.CharField(_("产生方式"), max_length=20, choices=Source.choices)
    side = models.CharField(_("观点或所代表的利益"), max_length=120, blank=True)
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    confirmed_minutes_at = models.DateTimeField(_("确认记录时间"), null=True, blank=True)

    class Meta:
        ordering = ["hearing", "category", "pk"]
        verbose_name = _("听证参加人")
        verbose_name_plural = _("听证参加人")

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.name}"

    @property
    def is_stakeholder(self) -> bool:
        return self.category == self.Category.STAKEHOLDER


class Report(models.Model):
    """公众参与情况报告 (第二十条): written by the department, approved by the office."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="report"
    )
    overview = models.TextField(_("公众参与情况概述"), max_length=5000)
    body_html = models.TextField(_("报告正文（提交时生成）"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(_("退回理由"), blank=True)

    class Meta:
        verbose_name = _("公众参与情况报告")
        verbose_name_plural = _("公众参与情况报告")

    def __str__(self) -> str:
        return str(self.consultation)


class Delegate(models.Model):
    """A 相关方代表 invited to attend the government meeting that decides (第二十一、二十二条)."""

    class Category(models.TextChoices):
        STAKEHOLDER = "stakeholder", _("利益相关方")
        PUBLIC = "public", _("公众代表")
        NPC = "npc", _("人大代表")
        CPPCC = "cppcc", _("政协委员")
        EXPERT = "expert", _("专家")
        MEDIA = "media", _("媒体")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="delegates"
    )
    name = models.CharField(_("姓名"), max_length=30)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    took_part = models.BooleanField(
        _("参与过前期讨论或发表过意见"),
        default=True,
        help_text=_("原则上从已参与该项决策前期讨论或发表意见建议的人员中产生（第二十二条）"),
    )

    class Meta:
        ordering = ["consultation", "pk"]
        verbose_name = _("列席代表")
        verbose_name_plural = _("列席代表")

    def __str__(self) -> str:
        return self.name
