"""Navigation for account administration and the logs (see ``minping.registry``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from minping.accounts.models import Role, User
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
