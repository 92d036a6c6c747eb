"""The meeting day (述职报告会): agenda and speaking timer, 局长通道, credentials, check-in,
seat charts and the discipline log."""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from minping.campaigns.models import Campaign, Department, Session, Venue
from minping.lib import codes
from minping.selection.models import Representative

#: The seeds: "述职时间严格控制在10分钟以内".
DEFAULT_SLOT_SECONDS = 600
#: "剩余1分钟时提醒一次".
WARNING_SECONDS = 60
#: Representatives arrive "开场前20分钟".
ARRIVE_BEFORE = dt.timedelta(minutes=20)
#: Scheduled start of a half-day when the office has not set one.
DEFAULT_START = {"am": dt.time(9, 0), "pm": dt.time(15, 0)}

#: Credential codes: no 0/O/1/I/L, readable over the phone, typed on a phone keypad.
CODE_ALPHABET = codes.ALPHABET
CODE_LENGTH = 10


def new_code() -> str:
    return codes.random_code(CODE_LENGTH)


def normalise_code(raw: str) -> str:
    """What a person types or a scanner sends: spaces, dashes, lower case, a URL around it."""
    text = raw.strip().upper().rsplit("/", 1)[-1]
    return "".join(ch for ch in text if ch.isalnum())


#: A screen key: 256 random bits, URL-safe (43 characters).
SCREEN_KEY_BYTES = 32
SCREEN_KEY_MIN_LENGTH = 40


def new_screen_key() -> str:
    return secrets.token_urlsafe(SCREEN_KEY_BYTES)


def mask_person(name: str) -> str:
    """``张三明`` → ``张*明``, ``张三`` → ``张*``: enough to recognise oneself at the door."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


class Agenda(models.Model):
    """A session's programme: when it starts and how long each department may speak."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="agenda")
    starts_at = models.DateTimeField(pgettext_lazy("meetings", "开始时间"))
    slot_seconds = models.PositiveIntegerField(
        _("每位述职时长（秒）"), default=DEFAULT_SLOT_SECONDS
    )
    warning_seconds = models.PositiveIntegerField(_("提前提醒（秒）"), default=WARNING_SECONDS)
    current = models.ForeignKey(
        "Slot", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The secret of the read-only screen link (``/meetings/screen/<key>/``) for a venue's
    #: projector PC that has no login; empty until first shown, replaced on rotation.
    screen_key = models.CharField(_("大屏链接密钥"), max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("会议议程")
        verbose_name_plural = _("会议议程")
        constraints = [
            models.UniqueConstraint(
                fields=["screen_key"],
                condition=~models.Q(screen_key=""),
                name="meetings_agenda_unique_screen_key",
            )
        ]

    def __str__(self) -> str:
        return str(self.session)

    @staticmethod
    def default_start(session: Session) -> dt.datetime:
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return dt.datetime.combine(session.date, DEFAULT_START[session.half_day], tzinfo=zone)

    def has_started(self, now: dt.datetime | None = None) -> bool:
        """The meeting is under way: its start time passed or a speaker has begun."""
        if (now or timezone.now()) >= self.starts_at:
            return True
        return self.slots.exclude(state=Slot.State.WAITING).exists()

    def slot_minutes(self) -> str:
        minutes = self.slot_seconds / 60
        return f"{minutes:g}"

    def arrive_by(self) -> dt.datetime:
        return self.starts_at - ARRIVE_BEFORE


class Slot(models.Model):
    """One department's speaking slot and its timer (server-held, so every screen agrees)."""

    class State(models.TextChoices):
        WAITING = "waiting", _("待述职")
        RUNNING = "running", _("述职中")
        PAUSED = "paused", _("已暂停")
        FINISHED = "finished", pgettext_lazy("meetings", "已结束")

    ALLOWED: dict[str, set[str]] = {
        State.WAITING: {State.RUNNING},
        State.RUNNING: {State.PAUSED, State.FINISHED},
        State.PAUSED: {State.RUNNING, State.FINISHED},
        State.FINISHED: set(),
    }

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="slots")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("述职顺序"))
    press_lane = models.BooleanField(_("进入局长通道"), default=False)
    state = models.CharField(_("状态"), max_length=8, choices=State.choices, default=State.WAITING)
    started_at = models.DateTimeField(pgettext_lazy("meetings", "开始时间"), null=True, blank=True)
    paused_at = models.DateTimeField(_("暂停时间"), null=True, blank=True)
    paused_seconds = models.FloatField(_("累计暂停（秒）"), default=0)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    spoken_seconds = models.FloatField(_("实际述职时长（秒）"), null=True, blank=True)

    class Meta:
        ordering = ["agenda", "order"]
        verbose_name = _("述职时段")
        verbose_name_plural = _("述职时段")
        constraints = [
            models.UniqueConstraint(fields=["agenda", "department"], name="one_slot_per_department")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.department}"

    def can_move_to(self, state: str) -> bool:
        return state in self.ALLOWED.get(self.state, set())

    def elapsed(self, now: dt.datetime | None = None) -> float:
        """Seconds spoken so far: wall time since the start minus the pauses."""
        if self.started_at is None:
            return 0.0
        if self.state == self.State.FINISHED and self.spoken_seconds is not None:
            return self.spoken_seconds
        end = self.paused_at if self.state == self.State.PAUSED and self.paused_at else None
        end = end or now or timezone.now()
        return max(0.0, (end - self.started_at).total_seconds() - self.paused_seconds)

    def overtime(self, limit: int, now: dt.datetime | None = None) -> float:
        return max(0.0, self.elapsed(now) - limit)


class TimerLog(models.Model):
    """One transition of a speaking slot (who, when, from, to)."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="log")
    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=8)
    to_state = models.CharField(max_length=8)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.slot}: {self.from_state} → {self.to_state}"


class Credential(models.Model):
    """A 证件 with a random code (and its QR). Revoking it stops the code working."""

    class Kind(models.TextChoices):
        SPEAKER = "speaker", _("述职报告证")
        REPRESENTATIVE = "representative", _("市民代表证")
        STAFF = "staff", _("工作证")
        PRESS = "press", _("记者证")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="credentials")
    kind = models.CharField(_("证件类型"), max_length=14, choices=Kind.choices)
    code = models.CharField(_("证件码"), max_length=16, unique=True, default=new_code)
    name = models.CharField(_("姓名"), max_length=50)
    unit = models.CharField(_("单位/媒体"), max_length=100, blank=True)
    representative = models.ForeignKey(
        Representative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="credentials",
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("场次")
    )
    venues = models.ManyToManyField(
        Venue, blank=True, related_name="+", verbose_name=pgettext_lazy("meetings", "会场")
    )
    is_revoked = models.BooleanField(_("已作废"), default=False)
    revoked_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    issued_at = models.DateTimeField(_("制证时间"), default=timezone.now)

    class Meta:
        ordering = ["campaign", "kind", "pk"]
        verbose_name = _("证件")
        verbose_name_plural = _("证件")
        constraints = [
            models.UniqueConstraint(
                fields=["representative"],
                condition=models.Q(is_revoked=False, representative__isnull=False),
                name="one_live_credential_per_representative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    def pretty_code(self) -> str:
        return f"{self.code[:5]}-{self.code[5:]}"


class Attendance(models.Model):
    """A representative's check-in (签到). Never linked to a ballot token."""

    class Method(models.TextChoices):
        SCAN = "scan", _("扫码/输码")
        MANUAL = "manual", _("名单签到")

    representative = models.OneToOneField(
        Representative, on_delete=models.CASCADE, related_name="attendance"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="+")
    checked_in_at = models.DateTimeField(
        pgettext_lazy("meetings", "签到时间"), default=timezone.now
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    method = models.CharField(_("方式"), max_length=6, choices=Method.choices)
    is_late = models.BooleanField(_("迟到"), default=False)

    class Meta:
        ordering = ["checked_in_at"]
        verbose_name = pgettext_lazy("meetings", "签到")
        verbose_name_plural = pgettext_lazy("meetings", "签到")
        indexes = [models.Index(fields=["session", "venue"])]

    def __str__(self) -> str:
        return f"{self.representative.name} {self.checked_in_at:%H:%M}"


class SeatLayout(models.Model):
    """A venue's hall: rows × seats, aisles, and rows kept for others than representatives."""

    venue = models.OneToOneField(Venue, on_delete=models.CASCADE, related_name="seat_layout")
    rows = models.PositiveSmallIntegerField(_("排数"), default=10)
    seats_per_row = models.PositiveSmallIntegerField(_("每排座位数"), default=12)
    aisles_after = models.CharField(
        _("过道位置"), max_length=60, blank=True, help_text=_("在第几座之后留过道，如 4,8")
    )
    leader_rows = models.CharField(_("领导席（排号）"), max_length=60, blank=True)
    speaker_rows = models.CharField(_("述职人席（排号）"), max_length=60, blank=True)
    press_rows = models.CharField(_("媒体席（排号）"), max_length=60, blank=True)
    staff_rows = models.CharField(_("工作人员席（排号）"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("座次布局")
        verbose_name_plural = _("座次布局")

    def __str__(self) -> str:
        return str(self.venue)

    @staticmethod
    def numbers(text: str) -> list[int]:
        return sorted({int(p) for p in text.replace("，", ",").split(",") if p.strip().isdigit()})

    def reserved(self) -> dict[int, str]:
        """Row number → what it is kept for."""
        out: dict[int, str] = {}
        for field, label in [
            ("leader_rows", _("领导席")),
            ("speaker_rows", _("述职人席")),
            ("press_rows", _("媒体席")),
            ("staff_rows", _("工作人员席")),
        ]:
            for row in self.numbers(getattr(self, field)):
                out.setdefault(row, str(label))
        return out

    def free_seats(self) -> list[tuple[int, int]]:
        """Seats for representatives, front to back, left to right."""
        reserved = self.reserved()
        return [
            (row, seat)
            for row in range(1, self.rows + 1)
            if row not in reserved
            for seat in range(1, self.seats_per_row + 1)
        ]


class SeatAssignment(models.Model):
    """Where one representative sits in a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="+")
    representative = models.OneToOneField(
        Representative, on_delete=models.CASCADE, related_name="seat"
    )
    row = models.PositiveSmallIntegerField(_("排"))
    seat = models.PositiveSmallIntegerField(_("座"))

    class Meta:
        ordering = ["session", "venue", "row", "seat"]
        verbose_name = _("座位")
        verbose_name_plural = _("座位")
        constraints = [
            models.UniqueConstraint(fields=["session", "venue", "row", "seat"], name="one_per_seat")
        ]

    def __str__(self) -> str:
        return self.label()

    def label(self) -> str:
        return str(_("%(row)d排%(seat)d座") % {"row": self.row, "seat": self.seat})


class DisciplineNote(models.Model):
    """A supervisor's observation at a venue (现场纪律检查)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="+")
    observed_at = models.DateTimeField(_("时间"), default=timezone.now)
    text = models.TextField(_("情况"), max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-observed_at", "-pk"]
        verbose_name = _("纪律检查记录")
        verbose_name_plural = _("纪律检查记录")

    def __str__(self) -> str:
        return f"{self.venue} {self.observed_at:%H:%M}"
