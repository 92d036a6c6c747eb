from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minping.accounts.access import current_user, office_required
from minping.campaigns import actions, gaps
from minping.campaigns.access import (
    get_campaign_for_office,
    get_category_for_office,
    get_deadline_for_office,
    get_department_for_office,
    get_district_for_office,
    get_group_for_office,
    get_session_for_office,
    get_venue_for_office,
)
from minping.campaigns.forms import (
    CampaignForm,
    CategoryForm,
    DeadlineForm,
    DepartmentForm,
    DistrictForm,
    GroupForm,
    SessionForm,
    VenueForm,
)
from minping.campaigns.models import Campaign, Department, DepartmentGroup, District


@require_GET
def campaign_detail(request: HttpRequest, year: int) -> HttpResponse:
    """Public page of one year's campaign: sessions, venues and groups."""
    campaign = get_object_or_404(Campaign, year=year)
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "sessions": campaign.sessions.select_related("group").order_by("number"),
            "venues": campaign.venues.select_related("district").order_by("-kind", "order"),
            "groups": campaign.groups.prefetch_related("departments").order_by("number"),
        },
    )


# --- setup pages for the office ---------------------------------------------------------


def _zh(value: Any) -> Any:
    """A cell holding data (a name the office typed): marked Chinese on an English page."""
    return format_html('<span lang="zh">{}</span>', value) if value else value


@dataclass
class Row:
    cells: list[Any]
    url: str = ""
    toggle_url: str = ""
    toggle_label: str = ""
    muted: bool = False


def _list_page(
    request: HttpRequest,
    *,
    title: str,
    columns: list[str],
    rows: list[Row],
    add_url: str,
    campaign: Campaign | None = None,
    add_label: str = "",
    wide_column: int = -1,
) -> HttpResponse:
    return render(
        request,
        "campaigns/setup/list.html",
        {
            "title": title,
            "columns": columns,
            "rows": rows,
            "add_url": add_url,
            "add_label": add_label or _("新增"),
            "setup_campaign": campaign,
            "wide_column": wide_column,
        },
    )


def _form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    title: str,
    back_url: str,
    campaign: Campaign | None = None,
    delete_url: str = "",
    script: str = "",
) -> HttpResponse:
    return render(
        request,
        "campaigns/setup/form.html",
        {
            "script": script,
            "form": form,
            "title": title,
            "back_url": back_url,
            "setup_campaign": campaign,
            "delete_url": delete_url,
        },
    )


def _dependents(exc: ProtectedError | RestrictedError) -> str:
    """What kind of rows stand in the way of a delete: "名额、票箱"."""
    rows = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
    return "、".join(sorted({str(row._meta.verbose_name) for row in rows}))


def _saved(request: HttpRequest, url: str) -> HttpResponse:
    messages.success(request, _("已保存"))
    return redirect(url)


def _campaign_form(
    request: HttpRequest,
    campaign: Campaign,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], object],
    *,
    list_view: str,
    title: str,
    **page: str,
) -> HttpResponse:
    """One setup form of a campaign: save through ``save``, then back to its list."""
    back_url = reverse(f"campaigns:{list_view}", args=[campaign.year])
    if request.method == "POST" and form.is_valid():
        save(form.cleaned_data)
        return _saved(request, back_url)
    return _form_page(request, form, title=title, back_url=back_url, campaign=campaign, **page)


@office_required
@require_GET
def setup_home(request: HttpRequest) -> HttpResponse:
    """The current campaign's setup overview, or the campaign list when there is none."""
    campaign = Campaign.objects.current()
    if campaign is None:
        return redirect("campaigns:campaign_create")
    return redirect("campaigns:setup", year=campaign.year)


@office_required
@require_GET
def setup_overview(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    return render(
        request,
        "campaigns/setup/overview.html",
        {
            "setup_campaign": campaign,
            "counts": gaps.setup_counts(campaign),
            "gaps": gaps.setup_gaps(campaign),
            "campaigns": Campaign.objects.all(),
        },
    )


@office_required
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    rows = [
        Row(
            [c.year, _zh(c.title), c.get_status_display(), _("当前年度") if c.is_current else ""],
            url=reverse("campaigns:setup", args=[c.year]),
        )
        for c in Campaign.objects.all()
    ]
    return _list_page(
        request,
        title=_("年度活动"),
        columns=[_("年度"), _("活动名称"), _("状态"), ""],
        rows=rows,
        add_url=reverse("campaigns:campaign_create"),
    )


@office_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = actions.do_create_campaign(
            current_user(request),
            year=form.cleaned_data["year"],
            title=form.cleaned_data["title"],
            intro=form.cleaned_data["intro"],
        )
        if form.cleaned_data["status"] != campaign.status:
            actions.do_update_campaign(
                current_user(request), campaign, status=form.cleaned_data["status"]
            )
        return _saved(request, reverse("campaigns:setup", args=[campaign.year]))
    return _form_page(
        request, form, title=_("新建年度活动"), back_url=reverse("campaigns:campaign_list")
    )


@office_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        actions.do_update_campaign(
            current_user(request),
            campaign,
            **{k: form.cleaned_data[k] for k in ("title", "intro", "status")},
        )
        return _saved(request, reverse("campaigns:setup", args=[year]))
    return _form_page(
        request,
        form,
        title=_("修改年度活动"),
        back_url=reverse("campaigns:setup", args=[year]),
        campaign=campaign,
    )


@office_required
@require_POST
def campaign_set_current(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    actions.do_set_current_campaign(current_user(request), campaign)
    messages.success(request, _("%(year)d年度已设为当前年度") % {"year": year})
    return redirect("campaigns:setup", year=year)


# sessions


@office_required
@require_GET
def session_list(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    rows = [
        Row(
            [s.number, f"{s.date:%Y-%m-%d}", s.get_half_day_display(), _zh(s.group) or "—"],
            url=reverse("campaigns:session_edit", args=[s.pk]),
        )
        for s in campaign.sessions.select_related("group").order_by("number")
    ]
    return _list_page(
        request,
        title=pgettext("nav", "场次"),
        columns=[_("场次"), _("日期"), _("时段"), _("述职分组")],
        rows=rows,
        add_url=reverse("campaigns:session_create", args=[year]),
        add_label=_("新增场次"),
        campaign=campaign,
    )


@office_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    initial = {"number": campaign.sessions.count() + 1}
    form = SessionForm(request.POST or None, campaign=campaign, initial=initial)
    return _campaign_form(
        request,
        campaign,
        form,
        lambda data: actions.do_create_session(current_user(request), campaign, **data),
        list_view="session_list",
        title=_("新增场次"),
    )


@office_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_office(request, pk)
    campaign = session.campaign
    form = SessionForm(request.POST or None, campaign=campaign, instance=session)
    return _campaign_form(
        request,
        campaign,
        form,
        lambda data: actions.do_update_session(current_user(request), session, **data),
        list_view="session_list",
        title=_("修改场次"),
        delete_url=reverse("campaigns:session_delete", args=[pk]),
    )


@office_required
@require_POST
def session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_office(request, pk)
    year = session.campaign.year
    try:
        actions.do_delete_session(current_user(request), session)
    except (ProtectedError, RestrictedError) as exc:
        messages.error(
            request,
            _("这个场次已有关联数据（%(kinds)s），不能删除") % {"kinds": _dependents(exc)},
        )
        return redirect("campaigns:session_edit", pk=pk)
    messages.success(request, _("已删除"))
    return redirect("campaigns:session_list", year=year)


# venues


@office_required
@require_GET
def venue_list(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    rows = [
        Row(
            [_zh(v.name), v.get_kind_display(), _zh(v.district) or "—", v.capacity, _zh(v.address)],
            url=reverse("campaigns:venue_edit", args=[v.pk]),
        )
        for v in campaign.venues.select_related("district").order_by("-kind", "order")
    ]
    return _list_page(
        request,
        title=pgettext("nav", "会场"),
        columns=[_("会场名称"), _("类型"), _("旗区"), _("座位数"), _("地址")],
        rows=rows,
        add_url=reverse("campaigns:venue_create", args=[year]),
        add_label=_("新增会场"),
        campaign=campaign,
        wide_column=4,
    )


@office_required
@require_http_methods(["GET", "POST"])
def venue_create(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    form = VenueForm(request.POST or None, campaign=campaign)
    return _campaign_form(
        request,
        campaign,
        form,
        lambda data: actions.do_create_venue(current_user(request), campaign, **data),
        list_view="venue_list",
        title=_("新增会场"),
        script="campaigns/venue.js",
    )


@office_required
@require_http_methods(["GET", "POST"])
def venue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    venue = get_venue_for_office(request, pk)
    campaign = venue.campaign
    form = VenueForm(request.POST or None, campaign=campaign, instance=venue)
    return _campaign_form(
        request,
        campaign,
        form,
        lambda data: actions.do_update_venue(current_user(request), venue, **data),
        list_view="venue_list",
        title=_("修改会场"),
        script="campaigns/venue.js",
        delete_url=reverse("campaigns:venue_delete", args=[pk]),
    )


@office_required
@require_POST
def venue_delete(request: HttpRequest, pk: int) -> HttpResponse:
    venue = get_venue_for_office(request, pk)
    year = venue.campaign.year
    try:
        actions.do_delete_venue(current_user(request), venue)
    except (ProtectedError, RestrictedError) as exc:
        messages.error(
            request,
            _("这个会场已有关联数据（%(kinds)s），不能删除") % {"kinds": _dependents(exc)},
        )
        return redirect("campaigns:venue_edit", pk=pk)
    messages.success(request, _("已删除"))
    return redirect("campaigns:venue_list", year=year)


# districts and departments (the same every year): one set of pages serves both


@dataclass(frozen=True)
class _Standing:
    """What differs between the district and the department setup pages."""

    view: str
    title: Callable[[], str]
    columns: Callable[[], list[str]]
    cells: Callable[[Any], list[Any]]
    rows: Callable[[], Any]
    form: type[forms.ModelForm[Any]]
    get: Callable[[HttpRequest, int], Any]
    create: Callable[..., Any]
    update: Callable[..., Any]
    set_active: Callable[..., Any]
    add_label: Callable[[], str]
    edit_label: Callable[[], str]


DISTRICTS = _Standing(
    view="district",
    title=lambda: pgettext("nav", "旗区"),
    columns=lambda: [_("名称"), _("行政区划代码"), _("状态")],
    cells=lambda d: [_zh(d.name), d.code],
    rows=District.objects.all,
    form=DistrictForm,
    get=get_district_for_office,
    create=actions.do_create_district,
    update=actions.do_update_district,
    set_active=actions.do_set_district_active,
    add_label=lambda: _("新增旗区"),
    edit_label=lambda: _("修改旗区"),
)

DEPARTMENTS = _Standing(
    view="department",
    title=lambda: pgettext("nav", "部门"),
    columns=lambda: [_("排序"), _("部门名称"), _("简称"), _("状态")],
    cells=lambda d: [d.order, _zh(d.name), _zh(d.short_name)],
    rows=Department.objects.all,
    form=DepartmentForm,
    get=get_department_for_office,
    create=actions.do_create_department,
    update=actions.do_update_department,
    set_active=actions.do_set_department_active,
    add_label=lambda: _("新增部门"),
    edit_label=lambda: _("修改部门"),
)


def _standing_list(request: HttpRequest, kind: _Standing) -> HttpResponse:
    rows = [
        Row(
            kind.cells(obj) + [_("启用") if obj.is_active else _("已停用")],
            url=reverse(f"campaigns:{kind.view}_edit", args=[obj.pk]),
            toggle_url=reverse(f"campaigns:{kind.view}_toggle", args=[obj.pk]),
            toggle_label=_("停用") if obj.is_active else _("启用"),
            muted=not obj.is_active,
        )
        for obj in kind.rows()
    ]
    return _list_page(
        request,
        title=kind.title(),
        columns=kind.columns(),
        rows=rows,
        add_url=reverse(f"campaigns:{kind.view}_create"),
        add_label=kind.add_label(),
    )


def _standing_form(request: HttpRequest, kind: _Standing, pk: int | None) -> HttpResponse:
    obj = kind.get(request, pk) if pk is not None else None
    form = kind.form(request.POST or None, instance=obj)
    list_url = reverse(f"campaigns:{kind.view}_list")
    if request.method == "POST" and form.is_valid():
        if obj is None:
            kind.create(current_user(request), **form.cleaned_data)
        else:
            kind.update(current_user(request), obj, **form.cleaned_data)
        return _saved(request, list_url)
    title = kind.add_label() if obj is None else kind.edit_label()
    return _form_page(request, form, title=title, back_url=list_url)


def _standing_toggle(request: HttpRequest, kind: _Standing, pk: int) -> HttpResponse:
    obj = kind.get(request, pk)
    kind.set_active(current_user(request), obj, not obj.is_active)
    return _saved(request, reverse(f"campaigns:{kind.view}_list"))


@office_required
@require_GET
def district_list(request: HttpRequest) -> HttpResponse:
    return _standing_list(request, DISTRICTS)


@office_required
@require_http_methods(["GET", "POST"])
def district_create(request: HttpRequest) -> HttpResponse:
    return _standing_form(request, DISTRICTS, None)


@office_required
@require_http_methods(["GET", "POST"])
def district_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _standing_form(request, DISTRICTS, pk)


@office_required
@require_POST
def district_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    return _standing_toggle(request, DISTRICTS, pk)


@office_required
@require_GET
def department_list(request: HttpRequest) -> HttpResponse:
    return _standing_list(request, DEPARTMENTS)


@office_required
@require_http_methods(["GET", "POST"])
def department_create(request: HttpRequest) -> HttpResponse:
    return _standing_form(request, DEPARTMENTS, None)


@office_required
@require_http_methods(["GET", "POST"])
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _standing_form(request, DEPARTMENTS, pk)


@office_required
@require_POST
def department_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    return _standing_toggle(request, DEPARTMENTS, pk)


# groups


@office_required
@require_GET
def group_list(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    rows = [
        Row(
            [
                g.number,
                _zh(g.name),
                g.departments.count(),
                _zh("、".join(d.name for d in g.ordered_departments())),
            ],
            url=reverse("campaigns:group_edit", args=[g.pk]),
        )
        for g in campaign.groups.order_by("number")
    ]
    return _list_page(
        request,
        title=pgettext("nav", "述职分组"),
        columns=[_("组号"), _("组名"), _("部门数"), _("部门（按述职顺序）")],
        rows=rows,
        add_url=reverse("campaigns:group_create", args=[year]),
        add_label=_("新增分组"),
        campaign=campaign,
        wide_column=3,
    )


def _group_form_page(
    request: HttpRequest, campaign: Campaign, group: DepartmentGroup | None
) -> HttpResponse:
    initial = None if group else {"number": campaign.groups.count() + 1}
    form = GroupForm(request.POST or None, campaign=campaign, instance=group, initial=initial)
    if request.method == "POST" and form.is_valid():
        actor = current_user(request)
        if group is None:
            group = actions.do_create_group(
                actor, campaign, number=form.cleaned_data["number"], name=form.cleaned_data["name"]
            )
        actions.do_update_group(
            actor,
            group,
            number=form.cleaned_data["number"],
            name=form.cleaned_data["name"],
            departments=form.ordered_departments(),
        )
        return _saved(request, reverse("campaigns:group_list", args=[campaign.year]))
    return render(
        request,
        "campaigns/setup/group_form.html",
        {
            "form": form,
            "title": _("修改述职分组") if group else _("新增述职分组"),
            "back_url": reverse("campaigns:group_list", args=[campaign.year]),
            "setup_campaign": campaign,
        },
    )


@office_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    return _group_form_page(request, campaign, None)


@office_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_office(request, pk)
    return _group_form_page(request, group.campaign, group)


# categories


@office_required
@require_GET
def category_list(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    rows = [
        Row(
            [c.order, _zh(c.name), c.get_kind_display(), c.code],
            url=reverse("campaigns:category_edit", args=[c.pk]),
        )
        for c in campaign.categories.order_by("order")
    ]
    return _list_page(
        request,
        title=pgettext("nav", "代表类别"),
        columns=[_("排序"), _("类别名称"), _("大类"), _("代码")],
        rows=rows,
        add_url=reverse("campaigns:category_create", args=[year]),
        add_label=_("新增类别"),
        campaign=campaign,
    )


@office_required
@require_http_methods(["GET", "POST"])
def category_create(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    form = CategoryForm(request.POST or None, campaign=campaign)
    return _campaign_form(
        request,
        campaign,
        form,
        lambda data: actions.do_create_category(current_user(request), campaign, **data),
        list_view="category_list",
        title=_("新增代表类别"),
    )


@office_required
@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    category = get_category_for_office(request, pk)
    campaign = category.campaign
    form = CategoryForm(request.POST or None, campaign=campaign, instance=category)
    return _campaign_form(
        request,
        campaign,
        form,
        lambda data: actions.do_update_category(current_user(request), category, **data),
        list_view="category_list",
        title=_("修改代表类别"),
    )


# the campaign calendar


@office_required
@require_GET
def deadline_list(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    now = timezone.now()
    rows = [
        Row(
            [
                d.get_stage_display(),
                f"{timezone.localtime(d.due):%Y-%m-%d %H:%M}",
                _("已过") if d.is_past(now) else "",
                _zh(d.note),
            ],
            url=reverse("campaigns:deadline_edit", args=[d.pk]),
        )
        for d in campaign.deadlines.order_by("due")
    ]
    return _list_page(
        request,
        title=_("活动日程"),
        columns=[_("阶段"), _("截止时间"), "", _("说明")],
        rows=rows,
        add_url=reverse("campaigns:deadline_create", args=[year]),
        add_label=_("新增时间节点"),
        campaign=campaign,
        wide_column=3,
    )


@office_required
@require_http_methods(["GET", "POST"])
def deadline_create(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_office(request, year)
    form = DeadlineForm(request.POST or None, campaign=campaign)
    return _campaign_form(
        request,
        campaign,
        form,
        lambda data: actions.do_set_deadline(current_user(request), campaign, **data),
        list_view="deadline_list",
        title=_("新增时间节点"),
    )


@office_required
@require_http_methods(["GET", "POST"])
def deadline_edit(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = get_deadline_for_office(request, pk)
    campaign = deadline.campaign
    form = DeadlineForm(request.POST or None, campaign=campaign, instance=deadline)
    return _campaign_form(
        request,
        campaign,
        form,
        lambda data: actions.do_set_deadline(
            current_user(request),
            campaign,
            stage=deadline.stage,
            due=data["due"],
            note=data["note"],
        ),
        list_view="deadline_list",
        title=_("修改时间节点"),
        delete_url=reverse("campaigns:deadline_delete", args=[pk]),
    )


@office_required
@require_POST
def deadline_delete(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = get_deadline_for_office(request, pk)
    year = deadline.campaign.year
    actions.do_delete_deadline(current_user(request), deadline)
    messages.success(request, _("已删除"))
    return redirect("campaigns:deadline_list", year=year)
