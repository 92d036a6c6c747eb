"""Navigation for account administration and the logs (see ``minping.registry``)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from minping.accounts.models import AuditEntry, PiiAccess, Role, User
from minping.registry import Card, NavItem


def _user(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


def nav(request: HttpRequest) -> list[NavItem]:
    user = _user(request)
    if user is None:
        return []
    items: list[NavItem] = []
    if user.is_office:
        items.append(NavItem(_("账号管理"), reverse("accounts:user_list"), order=91))
    if user.is_office or user.role == Role.SUPERVISOR:
        items.append(NavItem(_("审计日志"), reverse("accounts:audit_log"), order=92))
    if user.role == Role.SUPERVISOR:
        items.append(NavItem(_("个人信息查看记录"), reverse("accounts:pii_log"), order=93))
    return items


def cards(request: HttpRequest) -> list[Card]:
    user = _user(request)
    if user is not None and user.role == Role.SUPERVISOR:
        return _supervisor_cards()
    if user is None or not user.is_office:
        return []
    waiting = User.objects.filter(is_active=True, must_change_password=True).count()
    if not waiting:
        return []
    return [
        Card(
            title=_("尚未修改初始密码的账号"),
            url=reverse("accounts:user_list"),
            body=_("这些账号还没有登录并设置自己的密码。"),
            count=waiting,
            level="info",
            order=90,
        )
    ]


def _supervisor_cards() -> list[Card]:
    since = timezone.now() - dt.timedelta(days=7)
    return [
        Card(
            title=_("近7天的个人信息查看"),
            url=reverse("accounts:pii_log"),
            body=_("谁在什么时候、为什么查看了身份证号或手机号码明文。"),
            count=PiiAccess.objects.filter(created_at__gte=since).count(),
            level="info",
            order=80,
        ),
        Card(
            title=_("审计日志"),
            url=reverse("accounts:audit_log") + "?verify=1",
            body=_("全部操作记录；打开即校验日志链是否完整。"),
            count=AuditEntry.objects.count(),
            level="info",
            order=81,
        ),
    ]
