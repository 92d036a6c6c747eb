"""Demo data: ~300 synthetic suggestions in every state, some overdue, replies and ratings.

Everything goes through the real actions with explicit times over the eight weeks before
today, so the deadlines, the late flags, the log and the reports are what the system would
have produced. Every person is synthetic (``ctx.faker`` and ``ctx.fake_mobile()``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from minping.accounts.models import Role, User
from minping.campaigns.models import Department, District
from minping.demo import DEMO_PASSWORD, DemoContext
from minping.suggestions import actions, deadlines
from minping.suggestions.models import Area, Assignment, Suggestion

COUNT = 300

# (area code, handling unit, theme, title, text)
TOPICS: list[tuple[str, str, str, str, str]] = [
    ("livelihood", "市住房和城乡建设局", "集中供暖", "关于提前启动集中供暖的建议",
     "今年十月下旬气温骤降，小区暖气还没开始供热，家里老人孩子受冻，建议根据气温提前启动集中供暖。"),
    ("livelihood", "市住房和城乡建设局", "集中供暖", "关于老旧小区供热管网改造的建议",
     "老旧小区供热管网老化，室温长期达不到标准，建议热力公司对管网进行更新改造并公开室温检测结果。"),
    ("city-governance", "市公安局", "停车难", "关于医院周边停车难的建议",
     "市人民医院周边停车难，车辆乱停乱放造成拥堵，建议增建立体停车场并加强交通疏导。"),
    ("city-governance", "市城市管理综合执法局", "停车难", "关于老旧小区停车位不足的建议",
     "老旧小区停车位严重不足，晚上车辆只能停在消防通道，建议利用周边空地设置共享停车位。"),
    ("livelihood", "市教育体育局", "教育资源", "关于增加学位供给的建议",
     "新建小区入住人口多，附近小学学位紧张，建议加快配套学校建设，合理划分学区。"),
    ("livelihood", "市卫生健康委员会", "看病就医", "关于社区医院延长服务时间的建议",
     "社区卫生服务中心下午五点就下班，上班族看病不方便，建议周末和晚间开设便民门诊。"),
    ("livelihood", "市人力资源和社会保障局", "就业创业", "关于加强高校毕业生就业服务的建议",
     "建议多举办面向高校毕业生的专场招聘会，提供就业见习岗位和创业补贴政策解读。"),
    ("livelihood", "市民政局", "养老服务", "关于建设社区老年食堂的建议",
     "社区独居老人较多，建议在社区增设老年食堂，提供助餐和送餐上门服务。"),
    ("business-environment", "市行政审批和政务服务局", "政务服务", "关于企业开办一次办好的建议",
     "企业开办还要跑好几个窗口，建议推行一窗受理、一次办好，材料网上提交。"),
    ("private-economy", "市财政局", "惠企政策", "关于及时兑现惠企资金的建议",
     "部分惠企补贴资金申请后迟迟不到位，建议简化流程，公开兑现进度。"),
    ("city-quality", "市生态环境局", "环境治理", "关于治理餐饮油烟扰民的建议",
     "临街餐饮店油烟直排，楼上居民无法开窗，建议加强油烟净化设施检查。"),
    ("safety", "市应急管理局", "安全生产", "关于加强电动车充电安全管理的建议",
     "小区居民飞线充电现象普遍，存在火灾隐患，建议增设电动车集中充电桩。"),
    ("culture-tourism", "市文化和旅游局", "夜间经济", "关于打造夜间消费街区的建议",
     "建议在康巴什打造夜间文旅消费街区，举办夜市和文化演出，繁荣夜间经济。"),
    ("high-quality-growth", "市发展和改革委员会", "项目建设", "关于加快重大项目建设进度的建议",
     "建议对重大项目实行清单化管理，及时协调解决用地、用能等要素保障问题。"),
    ("investment-talent", "市人力资源和社会保障局", "人才引进", "关于完善人才公寓政策的建议",
     "引进人才反映人才公寓申请条件复杂，建议简化申请流程并扩大覆盖范围。"),
    ("rural", "市农牧局", "乡村振兴", "关于支持农牧民合作社发展的建议",
     "建议加大对农牧民专业合作社的金融支持，帮助农畜产品打开销路。"),
    ("city-governance", "市交通运输局", "公共交通", "关于优化公交线路的建议",
     "新建小区没有公交线路，居民出行不便，建议优化公交线路并增加早晚高峰班次。"),
    ("government", "市司法局", "依法行政", "关于规范行政执法行为的建议",
     "建议推行行政执法公示制度，执法过程全程记录，提高执法透明度。"),
    ("civility", "市城市管理综合执法局", "文明城市", "关于加强垃圾分类宣传的建议",
     "小区垃圾分类设施有了但居民分类意识不强，建议加强宣传并设置督导员。"),
    ("other", "市市场监督管理局", "食品安全", "关于加强校园周边食品安全检查的建议",
     "学校周边小摊贩售卖三无食品，建议加强校园周边食品安全检查。"),
]  # fmt: skip

REPLIES = [
    "经研究，已将该建议纳入今年工作计划，近期将组织实施，并已电话告知建议人。",
    "已组织相关科室实地调研，问题已基本解决，后续将持续跟进。",
    "该建议很有价值，已列入下一年度重点工作，届时将向社会公布进展。",
    "因涉及规划调整，需与相关部门进一步研究，已向建议人作出解释。",
]


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def load(ctx: DemoContext) -> None:
    if not Suggestion.objects.filter(campaign=ctx.campaign).exists():
        _suggestions(ctx)
    _citizen_login(ctx)


def _suggestions(ctx: DemoContext) -> None:
    campaign = ctx.campaign
    office = ctx.users.get("office") or User.objects.filter(role=Role.OFFICE).first()
    if office is None:
        return
    departments = {d.name: d for d in Department.objects.all()}
    staff = {
        u.department_id: u
        for u in User.objects.filter(role=Role.DEPARTMENT, department__isnull=False)
        if u.department_id is not None
    }
    areas = {a.code: a for a in Area.objects.all()}
    districts = list(District.objects.all())
    rng = ctx.random
    today = timezone.localdate()
    registered = set()
    for department in list(departments.values())[::2]:  # half register: the rest show as missing
        actions.do_register_handler(
            office, campaign, department, name=ctx.faker.name(), title="科员",
            landline=f"0477{rng.randrange(10**7):07d}", mobile=ctx.fake_mobile(),
        )  # fmt: skip
        registered.add(department.pk)

    for i in range(COUNT):
        area_code, unit_name, theme, title, text = TOPICS[i % len(TOPICS)]
        district = rng.choice(districts)
        submitted = _aware(today - dt.timedelta(days=rng.randint(0, 56)), rng.randint(8, 21))
        representative = rng.random() < 0.3
        suggestion, _new = actions.do_submit(
            campaign,
            actions.Intake(
                area=areas.get(area_code) or areas["other"],
                title=title,
                text=f"{district.name}：{text}",
                name=ctx.faker.name(),
                phone=ctx.fake_mobile(),
                age=rng.randint(20, 75),
                district=district,
                is_representative=representative,
            ),
            idempotency_key=f"demo-{campaign.year}-{i}",
            channel=Suggestion.Channel.VENUE if representative else Suggestion.Channel.WEB,
            now=submitted,
        )
        _advance(ctx, office, suggestion, departments, staff, unit_name, theme, submitted)
    _unit_reports(ctx, campaign)


def _citizen_login(ctx: DemoContext) -> None:
    """``shimin``: a citizen with two suggestions of their own, one answered and ready to be
    rated, one waiting to be dispatched."""
    from minping.accounts.actions import do_create_user
    from minping.suggestions.proposals import public_text

    # Its own generator: the other apps' demo data stays as it was without this login.
    own = DemoContext(campaign=ctx.campaign, seed=ctx.seed + 1)
    phone = own.fake_mobile()
    user = User.objects.filter(username="shimin").first()
    if user is None:
        user = do_create_user(
            None,
            username="shimin",
            password=DEMO_PASSWORD,
            role=Role.CITIZEN,
            full_name=own.faker.name(),
            phone=phone,
        )
    ctx.users["shimin"] = user
    ctx.add_login("shimin", "市民（我的意见建议：一件已答复待评价，一件待交办）")
    office = ctx.users.get("office") or User.objects.filter(role=Role.OFFICE).first()
    if office is None or Suggestion.objects.filter(proposer=user).exists():
        return
    areas = {a.code: a for a in Area.objects.all()}
    submitted = _aware(timezone.localdate() - dt.timedelta(days=20), 10)
    made = []
    for i, (area_code, unit_name, theme, title, text) in enumerate(TOPICS[:2]):
        suggestion, _new = actions.do_submit(
            ctx.campaign,
            actions.Intake(
                area=areas.get(area_code) or areas["other"],
                title=title,
                text=text,
                name=user.full_name,
                phone=phone,
                age=45,
            ),
            idempotency_key=f"demo-{ctx.campaign.year}-shimin-{i}",
            channel=Suggestion.Channel.WEB,
            proposer=user,
            now=submitted + dt.timedelta(days=i * 18),
        )
        made.append((suggestion, unit_name, theme))
    suggestion, unit_name, theme = made[0]
    unit = Department.objects.get(name=unit_name)
    handler = User.objects.filter(role=Role.DEPARTMENT, department=unit).first() or actions_user(
        ctx, unit
    )
    dispatched_at = submitted + dt.timedelta(hours=2)
    (a,) = actions.do_dispatch(
        office, suggestion, kind=Assignment.Kind.TRANSFER, lead=unit, area=suggestion.area,
        now=dispatched_at,
    )  # fmt: skip
    actions.do_accept(handler, a, now=dispatched_at + dt.timedelta(hours=2))
    replied_at = dispatched_at + dt.timedelta(days=2)
    a = actions.do_reply(
        handler, a, actions.ReplyData(text=REPLIES[0], result="A", theme=theme), now=replied_at
    )
    actions.do_approve_reply(
        office, a, publish=False, public_text=public_text(suggestion),
        now=replied_at + dt.timedelta(hours=3),
    )  # fmt: skip


def _unit_reports(ctx: DemoContext, campaign: Any) -> None:
    """The demo units' own reports: a signed review form, this week's case, a meeting and
    their excellent suggestions, so every report page has something to show."""
    today = timezone.localdate()
    for user in User.objects.filter(role=Role.DEPARTMENT, username__in=list(ctx.users)):
        unit = user.department
        if unit is None:
            continue
        done = list(
            Assignment.objects.filter(
                suggestion__campaign=campaign, department=unit, state="done", validity="valid"
            ).select_related("suggestion")[:6]
        )
        if not done:
            continue
        actions.do_sign_review(user, campaign, unit, opinion="经逐条审核，情况属实，同意报送。")
        actions.do_submit_weekly_case(
            user, campaign, unit, week_of=deadlines.next_wednesday_due(today) or today,
            title=done[0].suggestion.title,
            progress="本周召开专题会研究办理方案，已完成现场调研，下周形成办理意见。",
            assignments=done[:1],
        )  # fmt: skip
        actions.do_record_meeting(
            user, campaign, unit, theme=done[0].theme or done[0].suggestion.title,
            held_on=today - dt.timedelta(days=3), place="市民服务中心会议室", participants=15,
            summary="邀请提出相关意见建议的市民面对面交流，集中答复办理进展并听取意见。",
            assignments=done[:3],
        )  # fmt: skip
        if len(done) >= 5:
            actions.do_recommend_excellent(
                user, campaign, unit, [(a, a.suggestion.title) for a in done[:5]]
            )


def _advance(
    ctx: DemoContext,
    office: User,
    suggestion: Suggestion,
    departments: dict[str, Department],
    staff: dict[int, User],
    unit_name: str,
    theme: str,
    submitted: dt.datetime,
) -> None:
    rng = ctx.random
    roll = rng.random()
    if roll < 0.08 or submitted.date() >= timezone.localdate():
        return  # still in the inbox
    if roll < 0.13:
        actions.do_screen_out(
            office, suggestion, reason=rng.choice(["legal", "petition", "discipline", "other"]),
            note="请通过信访或司法渠道反映。",
        )  # fmt: skip
        return
    unit = departments.get(unit_name) or next(iter(departments.values()))
    user = staff.get(unit.pk)
    if user is None:
        user = actions_user(ctx, unit)
        staff[unit.pk] = user
    dispatched_at = submitted + dt.timedelta(hours=rng.randint(1, 20))
    now = timezone.now()
    if dispatched_at >= now:
        return
    kind = Assignment.Kind.REFERENCE if rng.random() < 0.1 else Assignment.Kind.TRANSFER
    created = actions.do_dispatch(
        office, suggestion, kind=kind, lead=unit, area=suggestion.area, now=dispatched_at
    )
    a = created[0]
    step = rng.random()
    if step < 0.08:
        objection = actions.do_object(user, a, reason="该事项属其他部门职责", now=dispatched_at)
        decided_at = dispatched_at + dt.timedelta(days=1)
        if decided_at < now and rng.random() < 0.5:
            other = rng.choice([d for d in departments.values() if d.pk != unit.pk])
            actions.do_decide_objection(
                office, objection, accept=True, new_department=other, now=decided_at
            )
        return
    if step < 0.12:
        return  # not yet signed for: overdue if old
    actions.do_accept(user, a, now=dispatched_at + dt.timedelta(hours=2))
    if a.suggestion.is_representative:
        actions.do_record_contact(
            user, a, contacted_at=dispatched_at + dt.timedelta(hours=3),
            method=rng.choice(["phone", "visit", "meeting"]), reached=True,
            note="已告知建议人意见建议收悉及办理安排。",
        )  # fmt: skip
    if step < 0.2:
        return  # in progress
    if step < 0.26 and kind == Assignment.Kind.TRANSFER and a.reply_due:
        ext = actions.do_request_extension(
            user, a, days=rng.randint(2, 5), progress="已会同相关单位实地勘察，方案正在论证。",
            now=dispatched_at + dt.timedelta(days=1),
        )  # fmt: skip
        decided_at = dispatched_at + dt.timedelta(days=2)
        if decided_at < now and rng.random() < 0.6:
            actions.do_decide_extension(office, ext, approve=True, now=decided_at)
        return
    _reply_and_close(ctx, office, user, a, theme, dispatched_at)


def _reply_and_close(
    ctx: DemoContext,
    office: User,
    user: User,
    a: Assignment,
    theme: str,
    dispatched_at: dt.datetime,
) -> None:
    rng = ctx.random
    now = timezone.now()
    # Reply: mostly within 5 working days, about one in ten late.
    late = rng.random() < 0.1
    if a.reply_due is not None:
        reply_day = (
            deadlines.add(a.reply_due, 2)
            if late
            else deadlines.add(dispatched_at, rng.randint(1, 5))
        )
    else:
        reply_day = (dispatched_at + dt.timedelta(days=3)).date()
    if reply_day is None:
        return
    replied_at = _aware(reply_day, rng.randint(9, 17))
    if replied_at >= now:
        return
    validity = "valid" if rng.random() < 0.9 else rng.choice(["legal", "petition", "other"])
    publishable = rng.random() < 0.8
    a = actions.do_reply(
        user,
        a,
        actions.ReplyData(
            text=rng.choice(REPLIES),
            public=True,
            result=rng.choice(["A", "B", "C", "D"]),
            validity=validity,
            publishable=publishable,
            not_public_reason="" if publishable else "涉及具体住户信息，已电话答复建议人",
            theme=theme,
            plan=rng.choice(["", "", "", "gov_report", "dept_priority"]),
        ),
        now=replied_at,
    )
    if rng.random() < 0.15:
        return  # awaiting the office's review
    approved_at = replied_at + dt.timedelta(hours=rng.randint(1, 30))
    if approved_at >= now:
        return
    publish = a.publishable and rng.random() < 0.6
    from minping.suggestions.proposals import public_text

    actions.do_approve_reply(
        office, a, publish=publish, public_text=public_text(a.suggestion), now=approved_at
    )
    a.suggestion.refresh_from_db()
    if a.suggestion.can_be_rated() and rng.random() < 0.7:
        rating = rng.choices(["satisfied", "basically", "unsatisfied"], [70, 20, 10])[0]
        actions.do_rate(a.suggestion, rating=rating)


def actions_user(ctx: DemoContext, unit: Department) -> User:
    """A synthetic liaison for a unit that has no demo login of its own."""
    from minping.accounts.actions import do_create_user

    username = f"unit{unit.pk}"
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    user: User = do_create_user(
        None,
        username=username,
        password=None,
        role=Role.DEPARTMENT,
        full_name=ctx.faker.name(),
        department=unit,
    )
    return user
