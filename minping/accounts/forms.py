from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from minping.accounts.models import Role, User
from minping.campaigns.models import Department, District
from minping.lib.fields import blind_index
from minping.lib.phone import InvalidPhone, parse_mobile


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("用户名或手机号"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("用户名（手机号）或密码不正确，请重新输入。"),
        "inactive": _("该账号已停用，请联系联席会议办公室。"),
    }


USERNAME_RE = r"^[A-Za-z0-9_.@+-]{2,150}$"


class _UserFieldsForm(forms.Form):
    """Fields shared by creating and editing an account; role-dependent rules in ``clean``."""

    full_name = forms.CharField(label=_("姓名"), max_length=50)
    # No preselected role: a slip must not open an office account.
    role = forms.ChoiceField(label=_("角色"), choices=[("", "---------"), *Role.choices])
    department = forms.ModelChoiceField(
        label=_("所属部门"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        help_text=_("部门工作人员必填"),
    )
    district = forms.ModelChoiceField(
        label=_("所属旗区"),
        queryset=District.objects.filter(is_active=True),
        required=False,
        help_text=_("旗区工作人员必填"),
    )
    phone = forms.CharField(
        label=_("手机号码"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("邮箱"), required=False)

    user: User | None = None

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return ""
        try:
            phone = parse_mobile(raw)
        except InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc
        others = User.objects.filter(phone_index=blind_index(phone, "phone"))
        if self.user is not None:
            others = others.exclude(pk=self.user.pk)
        if others.exists():
            raise forms.ValidationError(_("这个手机号码已被其他账号使用"))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role == Role.DEPARTMENT and not data.get("department"):
            self.add_error("department", _("部门工作人员必须选择所属部门"))
        if role == Role.DISTRICT and not data.get("district"):
            self.add_error("district", _("旗区工作人员必须选择所属旗区"))
        return data


class UserCreateForm(_UserFieldsForm):
    username = forms.RegexField(
        label=_("用户名"),
        regex=USERNAME_RE,
        max_length=150,
        error_messages={"invalid": _("用户名只能包含字母、数字和 _ . @ + -，至少2个字符")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    field_order = ["username", "full_name", "role", "department", "district", "phone", "email"]

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"]).strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("用户名“%(username)s”已被使用") % {"username": username})
        return username


class UserEditForm(_UserFieldsForm):
    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        kwargs.setdefault(
            "initial",
            {
                "full_name": user.full_name,
                "role": user.role,
                "department": user.department_id,
                "district": user.district_id,
                "email": user.email,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = (
            _("当前：%(phone)s。留空表示不修改。") % {"phone": user.phone}
            if user.phone
            else _("留空表示不填写。")
        )


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("用户名或姓名"), required=False)
    role = forms.ChoiceField(
        label=_("角色"), choices=[("", _("全部角色")), *Role.choices], required=False
    )
    department = forms.ModelChoiceField(
        label=_("所属部门"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("全部部门"),
    )
    district = forms.ModelChoiceField(
        label=_("所属旗区"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("全部旗区"),
    )
    active = forms.ChoiceField(
        label=_("状态"),
        choices=[("", _("全部")), ("1", _("启用")), ("0", _("已停用"))],
        required=False,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("账号表（.xlsx）"),
        help_text=_(
            "列：用户名、姓名、角色、所属部门、所属旗区、手机号码、邮箱。全部检查通过才会导入。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form; the labels and messages come from Django's own Chinese catalogue."""


class AuditFilterForm(forms.Form):
    verb = forms.CharField(
        label=_("操作"), required=False, widget=forms.TextInput(attrs={"list": "verbs"})
    )
    actor = forms.CharField(label=_("操作人"), required=False)
    since = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("截止日期不能早于起始日期"))
        return data


class RevealForm(forms.Form):
    purpose = forms.CharField(
        label=_("查看原因"),
        max_length=200,
        help_text=_("查看完整号码会被记录，监督检查组可以看到。"),
    )
