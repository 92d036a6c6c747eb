from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minping import registry
from minping.accounts import actions, importing
from minping.accounts.access import (
    audit_readers_required,
    current_user,
    get_user_for_office,
    office_required,
    supervisor_required,
)
from minping.accounts.audit import verify_chain
from minping.accounts.forms import (
    AuditFilterForm,
    ImportForm,
    PasswordChangeForm,
    RevealForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
)
from minping.accounts.models import AuditEntry, PiiAccess, User
from minping.accounts.pii import reveal
from minping.lib import excel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_PROBLEMS_KEY = "accounts_import_problems"
IMPORT_PASSWORDS_KEY = "accounts_import_passwords"


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What the signed-in person should do next, gathered from every app."""
    if current_user(request).must_change_password:
        return redirect("accounts:password_change")
    cards = registry.dashboard_cards(request)
    # A card that counts nothing and says nothing is not a thing to do: such cards go into
    # one quiet "nothing waiting" line under the real ones, still linked.
    idle = [c for c in cards if c.count == 0 and not c.body]
    todo = [c for c in cards if not (c.count == 0 and not c.body)]
    return render(request, "accounts/dashboard.html", {"cards": todo, "idle": idle})


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Changes one's own password; required before anything else after a one-time password."""
    user = current_user(request)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_change_password(user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("密码已修改"))
        return redirect("accounts:dashboard")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "forced": user.must_change_password},
    )


# --- accounts, managed by the office -----------------------------------------------------


def _filtered_users(form: UserFilterForm) -> QuerySet[User]:
    users = User.objects.select_related("department", "district").order_by("role", "username")
    if not form.is_valid():
        return users
    data = form.cleaned_data
    if data["q"]:
        users = users.filter(Q(username__icontains=data["q"]) | Q(full_name__icontains=data["q"]))
    if data["role"]:
        users = users.filter(role=data["role"])
    if data["department"]:
        users = users.filter(department=data["department"])
    if data["district"]:
        users = users.filter(district=data["district"])
    if data["active"]:
        users = users.filter(is_active=data["active"] == "1")
    return users


@office_required
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    users = _filtered_users(form)
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "total": users.count()},
    )


@office_required
@require_GET
def user_export(request: HttpRequest) -> HttpResponse:
    """The filtered account list as a spreadsheet; phones stay masked."""
    users = _filtered_users(UserFilterForm(request.GET or None))
    headers = [
        _("用户名"),
        _("姓名"),
        _("角色"),
        _("所属部门"),
        _("所属旗区"),
        _("手机号码"),
        _("邮箱"),
        _("状态"),
    ]
    rows: list[list[object]] = [
        [
            u.username,
            u.full_name,
            str(u.get_role_display()),
            u.department.name if u.department else "",
            u.district.name if u.district else "",
            str(u.phone),
            u.email,
            str(_("启用") if u.is_active else _("已停用")),
        ]
        for u in users
    ]
    response = HttpResponse(excel.write_xlsx({_("账号"): (headers, rows)}), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="accounts.xlsx"'
    return response


def _password_page(request: HttpRequest, user: User, password: str, title: str) -> HttpResponse:
    response = render(
        request,
        "accounts/one_time_password.html",
        {"account": user, "password": password, "title": title},
    )
    response["Cache-Control"] = "no-store"
    return response


@office_required
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = actions.one_time_password()
        user = actions.do_create_user(
            current_user(request), password=password, must_change_password=True, **form.cleaned_data
        )
        return _password_page(request, user, password, _("账号已创建"))
    return render(request, "accounts/user_form.html", {"form": form, "title": _("新建账号")})


@office_required
@require_GET
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_user_for_office(request, pk)
    return render(
        request, "accounts/user_detail.html", {"account": account, "reveal_form": RevealForm()}
    )


@office_required
@require_POST
def user_reveal_phone(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows the full phone number once, after the office gives a reason; the view is logged."""
    account = get_user_for_office(request, pk)
    form = RevealForm(request.POST)
    context: dict[str, Any] = {"account": account, "reveal_form": form}
    if form.is_valid() and account.phone:
        context["plain_phone"] = reveal(
            account, "phone", current_user(request), form.cleaned_data["purpose"]
        )
    response = render(request, "accounts/user_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@office_required
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_user_for_office(request, pk)
    form = UserEditForm(request.POST or None, user=account)
    if request.method == "POST" and form.is_valid():
        actions.do_update_user(current_user(request), account, **form.cleaned_data)
        messages.success(request, _("已保存"))
        return redirect("accounts:user_detail", pk=pk)
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "title": _("修改账号：%(name)s") % {"name": account}, "account": account},
    )


@office_required
@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_user_for_office(request, pk)
    actor = current_user(request)
    if account.pk == actor.pk:
        messages.error(request, _("不能停用自己的账号"))
        return redirect("accounts:user_detail", pk=pk)
    actions.do_set_active(actor, account, not account.is_active)
    messages.success(request, _("账号已启用") if account.is_active else _("账号已停用"))
    return redirect("accounts:user_detail", pk=pk)


@office_required
@require_POST
def user_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_user_for_office(request, pk)
    password = actions.do_reset_password(current_user(request), account)
    return _password_page(request, account, password, _("密码已重置"))


# --- bulk import -------------------------------------------------------------------------


@office_required
@require_http_methods(["GET", "POST"])
def user_import(request: HttpRequest) -> HttpResponse:
    """Checks the whole file first; imports all rows or none, with a report of every problem."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "columns": list(importing.COLUMNS.values())}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = excel.read_table(
                upload.read(), upload.name, importing.COLUMNS, importing.REQUIRED
            )
        except excel.TableError as exc:
            problems = exc.problems
        else:
            accounts, problems = importing.check_rows(table)
            if not problems:
                created = actions.do_import_users(current_user(request), accounts)
                request.session[IMPORT_PASSWORDS_KEY] = [
                    [u.username, u.full_name, str(u.get_role_display()), p] for u, p in created
                ]
                response = render(
                    request,
                    "accounts/import_done.html",
                    {"created": created, "count": len(created)},
                )
                response["Cache-Control"] = "no-store"
                return response
        request.session[IMPORT_PROBLEMS_KEY] = [[p.row, p.column, p.reason] for p in problems]
        context["problems"] = problems
    return render(request, "accounts/import.html", context)


@office_required
@require_GET
def user_import_template(request: HttpRequest) -> HttpResponse:
    """An empty account list with the expected header and two example rows."""
    headers = [names[0] for names in importing.COLUMNS.values()]
    examples: list[list[object]] = [
        ["fgw_liaison", "张三", "部门工作人员", "市发展和改革委员会", "", "13800000000", ""],
        ["ds_liaison", "李四", "旗区工作人员", "", "东胜区", "", "ds@example.org"],
    ]
    data = excel.write_xlsx({_("账号"): (headers, examples)})
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="accounts-template.xlsx"'
    return response


@office_required
@require_GET
def user_import_problems(request: HttpRequest) -> HttpResponse:
    """The last refused import's problems as a spreadsheet (row, column, reason)."""
    rows = request.session.get(IMPORT_PROBLEMS_KEY)
    if rows is None:
        raise PermissionDenied
    data = excel.problems_xlsx([excel.Problem(int(r), str(c), str(m)) for r, c, m in rows])
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="import-problems.xlsx"'
    return response


@office_required
@require_GET
def user_import_passwords(request: HttpRequest) -> HttpResponse:
    """The one-time passwords of the last import, downloadable once."""
    rows = request.session.pop(IMPORT_PASSWORDS_KEY, None)
    if rows is None:
        messages.error(request, _("初始密码表只能下载一次；如需重新发放，请逐个重置密码。"))
        return redirect(reverse("accounts:user_list"))
    headers = [_("用户名"), _("姓名"), _("角色"), _("初始密码")]
    data = excel.write_xlsx({_("初始密码"): (headers, rows)})
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="initial-passwords.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


# --- logs --------------------------------------------------------------------------------


def _filter_log(queryset: QuerySet[Any], form: AuditFilterForm, verb_field: str) -> QuerySet[Any]:
    if not form.is_valid():
        return queryset
    data = form.cleaned_data
    if data["verb"]:
        queryset = queryset.filter(**{f"{verb_field}__icontains": data["verb"]})
    if data["actor"]:
        queryset = queryset.filter(actor_label__icontains=data["actor"])
    if data["since"]:
        queryset = queryset.filter(created_at__date__gte=data["since"])
    if data["until"]:
        queryset = queryset.filter(created_at__date__lte=data["until"])
    return queryset


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("verify", None)
    return query.urlencode()


@audit_readers_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """The append-only audit log, newest first, for the office and the supervisors."""
    form = AuditFilterForm(request.GET or None)
    entries = _filter_log(AuditEntry.objects.order_by("-seq"), form, "verb")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    problems = list(verify_chain()) if request.GET.get("verify") else None
    return render(
        request,
        "accounts/audit_log.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "problems": problems,
            "verbs": AuditEntry.objects.values_list("verb", flat=True).distinct().order_by("verb"),
        },
    )


@supervisor_required
@require_GET
def pii_log(request: HttpRequest) -> HttpResponse:
    """Who looked at which unmasked personal data, and why: for the supervisors."""
    form = AuditFilterForm(request.GET or None)
    form.fields["verb"].label = _("字段")
    entries = _filter_log(PiiAccess.objects.order_by("-created_at"), form, "field")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/pii_log.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )
