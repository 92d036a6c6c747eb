"""Bulk account import from a spreadsheet: every row is checked before anything is saved."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from minping.accounts.models import Role, User
from minping.campaigns.models import Department, District
from minping.lib.excel import Problem, Table
from minping.lib.fields import blind_index
from minping.lib.phone import InvalidPhone, parse_mobile

COLUMNS: dict[str, list[str]] = {
    "username": ["用户名", "账号"],
    "full_name": ["姓名"],
    "role": ["角色"],
    "department": ["所属部门", "部门"],
    "district": ["所属旗区", "旗区"],
    "phone": ["手机号码", "手机号", "手机"],
    "email": ["邮箱", "电子邮箱"],
}
REQUIRED = {"username", "full_name", "role"}
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@+-]{2,150}$")

# Short forms the office uses in its own lists, besides the full role labels.
ROLE_ALIASES: dict[str, str] = {
    "办公室": Role.OFFICE,
    "联席办": Role.OFFICE,
    "审核人员": Role.REVIEWER,
    "政务科室": Role.REVIEWER,
    "宣传部": Role.REVIEWER,
    "部门": Role.DEPARTMENT,
    "统计局": Role.STATISTICS,
    "旗区": Role.DISTRICT,
    "第三方": Role.TALLIER,
    "监督": Role.SUPERVISOR,
}


@dataclass(frozen=True)
class NewAccount:
    row: int
    username: str
    full_name: str
    role: str
    department: Department | None
    district: District | None
    phone: str
    email: str


def role_from_label(label: str) -> str | None:
    label = label.strip()
    for value, text in Role.choices:
        if label in (value, str(text)):
            return str(value)
    return ROLE_ALIASES.get(label)


class _Checker:
    """Checks one row at a time, remembering usernames and phones seen in earlier rows."""

    def __init__(self) -> None:
        self.departments = {d.name: d for d in Department.objects.filter(is_active=True)}
        self.departments.update(
            {d.short_name: d for d in list(self.departments.values()) if d.short_name}
        )
        self.districts = {d.name: d for d in District.objects.filter(is_active=True)}
        self.taken = {u.lower() for u in User.objects.values_list("username", flat=True)}
        self.usernames: dict[str, int] = {}
        self.phones: dict[str, int] = {}

    def username(self, value: str, row: int) -> str | None:
        if not value:
            return _("用户名不能为空")
        if not USERNAME_RE.match(value):
            return _("用户名只能包含字母、数字和 _ . @ + -，至少2个字符")
        if value.lower() in self.taken:
            return _("用户名“%(username)s”已被使用") % {"username": value}
        if value.lower() in self.usernames:
            return _("用户名与第%(row)d行重复") % {"row": self.usernames[value.lower()]}
        self.usernames[value.lower()] = row
        return None

    def role(self, value: str) -> tuple[str | None, str | None]:
        if not value:
            return None, _("角色不能为空")
        role = role_from_label(value)
        if role is None:
            choices = "、".join(str(label) for _value, label in Role.choices)
            return None, _("无法识别的角色“%(role)s”，可填：%(choices)s") % {
                "role": value,
                "choices": choices,
            }
        return role, None

    def department(self, value: str, role: str | None) -> tuple[Department | None, str | None]:
        if not value:
            return None, _("部门工作人员必须填写所属部门") if role == Role.DEPARTMENT else None
        found = self.departments.get(value)
        return found, None if found else _("没有名为“%(name)s”的部门") % {"name": value}

    def district(self, value: str, role: str | None) -> tuple[District | None, str | None]:
        if not value:
            return None, _("旗区工作人员必须填写所属旗区") if role == Role.DISTRICT else None
        found = self.districts.get(value)
        return found, None if found else _("没有名为“%(name)s”的旗区") % {"name": value}

    def phone(self, value: str, row: int) -> tuple[str, str | None]:
        if not value:
            return "", None
        try:
            phone = parse_mobile(value)
        except InvalidPhone as exc:
            return "", str(exc)
        if phone in self.phones:
            return phone, _("手机号码与第%(row)d行重复") % {"row": self.phones[phone]}
        self.phones[phone] = row
        if User.objects.filter(phone_index=blind_index(phone, "phone")).exists():
            return phone, _("这个手机号码已被其他账号使用")
        return phone, None

    @staticmethod
    def email(value: str) -> str | None:
        if not value:
            return None
        try:
            validate_email(value)
        except ValidationError:
            return _("邮箱格式不正确")
        return None


def check_rows(table: Table) -> tuple[list[NewAccount], list[Problem]]:
    """Turns the rows into accounts to create, or lists every problem (row, column, reason)."""
    checker = _Checker()
    accounts: list[NewAccount] = []
    problems: list[Problem] = []
    for row in table:
        values = {key: row.values.get(key, "").strip() for key in COLUMNS}
        role, role_problem = checker.role(values["role"])
        department, department_problem = checker.department(values["department"], role)
        district, district_problem = checker.district(values["district"], role)
        phone, phone_problem = checker.phone(values["phone"], row.number)
        reasons = {
            "username": checker.username(values["username"], row.number),
            "full_name": None if values["full_name"] else _("姓名不能为空"),
            "role": role_problem,
            "department": department_problem,
            "district": district_problem,
            "phone": phone_problem,
            "email": checker.email(values["email"]),
        }
        row_problems = [
            Problem(row.number, COLUMNS[key][0], reason)
            for key, reason in reasons.items()
            if reason
        ]
        problems.extend(row_problems)
        if not row_problems and role is not None:
            accounts.append(
                NewAccount(
                    row=row.number,
                    username=values["username"],
                    full_name=values["full_name"],
                    role=role,
                    department=department if role == Role.DEPARTMENT else None,
                    district=district if role == Role.DISTRICT else None,
                    phone=phone,
                    email=values["email"],
                )
            )
    if not problems and not accounts:
        problems.append(Problem(0, "", _("表格中没有账号数据")))
    return accounts, problems
