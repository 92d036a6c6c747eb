"""The duty-person list from a spreadsheet: every row is checked before anything is saved."""

from __future__ import annotations

from django.utils.translation import gettext as _

from minping.campaigns.models import Department
from minping.hotline.actions import PersonData
from minping.hotline.models import DutyPerson
from minping.lib.excel import Problem, Table
from minping.lib.phone import InvalidPhone, parse_mobile

COLUMNS: dict[str, list[str]] = {
    "kind": ["类别", "人员类别"],
    "name": ["姓名"],
    "title": ["职务"],
    "department": ["所在部门", "部门"],
    "phone": ["手机", "手机号码", "手机号"],
    "order": ["排班顺序", "顺序"],
}
REQUIRED = {"kind", "name", "title"}

KINDS: dict[str, str] = {
    "市政府领导": DutyPerson.Kind.LEADER,
    "领导": DutyPerson.Kind.LEADER,
    "leader": DutyPerson.Kind.LEADER,
    "部门主要负责人": DutyPerson.Kind.HEAD,
    "部门负责人": DutyPerson.Kind.HEAD,
    "主要负责人": DutyPerson.Kind.HEAD,
    "head": DutyPerson.Kind.HEAD,
}


def check_rows(table: Table) -> tuple[list[PersonData], list[Problem]]:
    """The rows as :class:`PersonData`, or every problem found (row, column, reason)."""
    checker = _Checker(table.labels)
    people: list[PersonData] = []
    problems: list[Problem] = []
    for row in table:
        person, found = checker.check(row.number, row.values)
        problems.extend(found)
        if person is not None:
            people.append(person)
    if not table.total:
        problems.append(Problem(0, "", _("文件中没有数据行")))
    return people, problems


class _Checker:
    """Checks one row at a time, remembering the names seen in earlier rows."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels
        self.departments = {d.name: d for d in Department.objects.filter(is_active=True)}
        self.departments.update(
            {d.short_name: d for d in list(self.departments.values()) if d.short_name}
        )
        self.seen: dict[tuple[str, str], int] = {}

    def check(self, number: int, v: dict[str, str]) -> tuple[PersonData | None, list[Problem]]:
        found: list[Problem] = []

        def bad(key: str, reason: str) -> None:
            found.append(Problem(number, self.labels.get(key, key), reason))

        kind = KINDS.get(v.get("kind", "").strip())
        if kind is None:
            bad("kind", _("类别须为“市政府领导”或“部门主要负责人”"))
        name = v.get("name", "").strip()
        if len(name) < 2:
            bad("name", _("姓名不能为空"))
        title = v.get("title", "").strip()
        if not title:
            bad("title", _("职务不能为空"))
        department, reason = self.department(v.get("department", "").strip(), kind)
        if reason:
            bad("department", reason)
        phone, reason = _phone(v.get("phone", "").strip())
        if reason:
            bad("phone", reason)
        order, reason = _order(v.get("order", "").strip())
        if reason:
            bad("order", reason)
        key = (name, department.name if department else "")
        if name and key in self.seen:
            bad("name", _("与第%(row)d行重复") % {"row": self.seen[key]})
        self.seen.setdefault(key, number)
        if found or kind is None:
            return None, found
        if _exists(kind, name, department):
            bad("name", _("“%(name)s”已在值班人员名单中") % {"name": name})
            return None, found
        return PersonData(kind=kind, name=name, title=title, department=department,
                          phone=phone, order=order), found  # fmt: skip

    def department(self, value: str, kind: str | None) -> tuple[Department | None, str]:
        if not value:
            return None, _("部门主要负责人须填写所在部门") if kind == DutyPerson.Kind.HEAD else ""
        found = self.departments.get(value)
        if found is None:
            return None, _("没有名为“%(name)s”的部门") % {"name": value}
        return (found if kind == DutyPerson.Kind.HEAD else None), ""


def _phone(value: str) -> tuple[str, str]:
    if not value:
        return "", ""
    try:
        return parse_mobile(value), ""
    except InvalidPhone as exc:
        return "", str(exc)


def _order(value: str) -> tuple[int, str]:
    if not value:
        return 0, ""
    try:
        return max(0, min(int(float(value)), 999)), ""
    except ValueError:
        return 0, _("排班顺序须为数字")


def _exists(kind: str, name: str, department: Department | None) -> bool:
    return DutyPerson.objects.filter(kind=kind, name=name, department=department).exists()
