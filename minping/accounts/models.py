"""People, their roles, the append-only audit log and the log of personal-data views."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minping.lib.fields import EncryptedField


class Role(models.TextChoices):
    OFFICE = "office", _("联席会议办公室")
    REVIEWER = "reviewer", _("审核人员（政务科室/宣传部）")
    DEPARTMENT = "department", _("部门工作人员")
    STATISTICS = "statistics", _("统计局（组织保障组）")
    DISTRICT = "district", _("旗区工作人员")
    TALLIER = "tallier", _("第三方统计")
    SUPERVISOR = "supervisor", _("监督检查组")
    REPRESENTATIVE = "representative", _("市民代表")
    CITIZEN = "citizen", _("市民")


STAFF_ROLES = frozenset(
    {
        Role.OFFICE,
        Role.REVIEWER,
        Role.DEPARTMENT,
        Role.STATISTICS,
        Role.DISTRICT,
        Role.TALLIER,
        Role.SUPERVISOR,
    }
)


class User(AbstractUser):
    """A login. Department staff are bound to one department, district officers to one district."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.CITIZEN)
    department = models.ForeignKey(
        "campaigns.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("所属部门"),
    )
    district = models.ForeignKey(
        "campaigns.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("所属旗区"),
    )
    phone = EncryptedField(_("手机号码"), kind="phone", index_field="phone_index")
    phone_index = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    must_change_password = models.BooleanField(_("首次登录须改密码"), default=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="department") | models.Q(department__isnull=False),
                name="department_staff_have_department",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="district") | models.Q(district__isnull=False),
                name="district_officers_have_district",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def has_role(self, *roles: str) -> bool:
        return self.is_authenticated and self.is_active and self.role in roles

    @property
    def is_office(self) -> bool:
        return self.has_role(Role.OFFICE) or self.is_superuser

    @property
    def is_campaign_staff(self) -> bool:
        return self.role in STAFF_ROLES or self.is_superuser


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


class AuditEntry(models.Model):
    """One action, chained to the previous entry by hash; never updated or deleted."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("操作人"), max_length=150)
    verb = models.CharField(_("操作"), max_length=80)
    object_type = models.CharField(_("对象类型"), max_length=80, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    before = models.JSONField(_("变更前"), default=dict, blank=True)
    after = models.JSONField(_("变更后"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor_label} {self.verb} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("audit entries are append-only")

    def payload(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "created_at": self.created_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "verb": self.verb,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        return hashlib.sha256(_canonical(self.payload())).hexdigest()


class AuditHead(models.Model):
    """A single row locked while an entry is appended, so the chain has no forks."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit head #{self.last_seq}"


class PiiAccess(models.Model):
    """Who saw which unmasked personal data, when and why."""

    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_label = models.CharField(max_length=150)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    field = models.CharField(max_length=40)
    purpose = models.CharField(max_length=200)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("个人信息查看记录")
        verbose_name_plural = _("个人信息查看记录")

    def __str__(self) -> str:
        return f"{self.actor_label} {self.object_type}#{self.object_id}.{self.field}"
