"""Demo data: six synthetic city leaders, a synthetic head for every department, and a rota
published in advance that runs four weeks back and four weeks ahead of today.

Past duties have their calls (some filed as suggestions through the suggestions app's
action) and their summaries, except the latest ones (still to summarise) and one overdue;
one future duty was adjusted after publication. Every person is synthetic.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from django.utils import timezone

from minping.accounts.models import Role, User
from minping.campaigns.models import Department, District
from minping.demo import DemoContext
from minping.hotline import actions
from minping.hotline.models import DutyMember, DutyPerson, Rota
from minping.suggestions import deadlines
from minping.suggestions.models import Area

LEADER_TITLES = ["市长", "常务副市长", "副市长", "副市长", "副市长", "秘书长"]

# (area code, subject, what the caller said, what was answered on the spot)
CALLS: list[tuple[str, str, str, str]] = [
    ("livelihood", "小区供暖温度不达标", "家中室温只有十五度左右，老人孩子受冻，希望尽快检修。",
     "已记录地址，请热力公司今日上门测温，不达标的按规定退费。"),
    ("city-governance", "医院周边停车难", "市医院门口每天上午堵车，车辆乱停，救护车进出困难。",
     "已请交管部门加强高峰时段疏导，研究增设临时停车位。"),
    ("livelihood", "孩子入学学位紧张", "新建小区入住的孩子离对口小学太远，希望就近入学。",
     "已向教育部门反映，学位安排政策将在招生前公布。"),
    ("business-environment", "营业执照变更跑多次", "办理执照变更被要求补交材料，已经跑了三趟。",
     "已联系政务服务中心，安排专人一次性告知并帮办。"),
    ("city-quality", "餐饮油烟扰民", "楼下烧烤店油烟直排，晚上无法开窗。",
     "已转生态环境部门检查油烟净化设施，结果三日内回复。"),
    ("safety", "电动车楼道充电", "楼道里有人飞线给电动车充电，担心起火。",
     "已请社区和消防部门上门劝导，并推动增设充电桩。"),
    ("livelihood", "社区食堂开办", "独居老人吃饭不方便，希望社区开办老年食堂。", "已记录，转民政部门研究。"),
    ("rural", "农畜产品销路", "合作社的羊肉今年卖不出去，希望帮助对接销售渠道。",
     "已请农牧部门联系产销对接活动。"),
    ("city-governance", "公交线路调整", "新小区没有公交车，上下班出行不便。",
     "已转交通运输部门，研究优化线路。"),
    ("government", "政策咨询", "咨询高校毕业生就业补贴怎么申请。", "已当场解答申请条件和办理渠道。"),
]  # fmt: skip


def _head_title(department: Department) -> str:
    name = department.name
    if name.endswith(("委员会", "办公室")):
        return "主任"
    if name.endswith("局"):
        return "局长"
    return "主要负责人"


def _people(ctx: DemoContext, office: User) -> None:
    if DutyPerson.objects.exists():
        return
    for order, title in enumerate(LEADER_TITLES, start=1):
        actions.do_save_person(
            office, None,
            actions.PersonData(DutyPerson.Kind.LEADER, ctx.faker.name(), title, None,
                               ctx.fake_mobile(), order),
        )  # fmt: skip
    for order, department in enumerate(Department.objects.filter(is_active=True), start=1):
        actions.do_save_person(
            office, None,
            actions.PersonData(DutyPerson.Kind.HEAD, ctx.faker.name(), _head_title(department),
                               department, ctx.fake_mobile(), order),
        )  # fmt: skip


def _period(today: dt.date) -> tuple[dt.date, dt.date]:
    cal = deadlines.load_calendar()
    start = today - dt.timedelta(days=28)
    end = today + dt.timedelta(days=28)
    while not cal.year_known(end.year):
        end = dt.date(end.year - 1, 12, 31)
    return start, max(end, today)


def _aware(day: dt.date, time: dt.time, minutes: int = 0) -> dt.datetime:
    moment = dt.datetime.combine(day, time) + dt.timedelta(minutes=minutes)
    return timezone.make_aware(moment)


def load(ctx: DemoContext) -> None:
    campaign = ctx.campaign
    office = ctx.users.get("office") or User.objects.filter(role=Role.OFFICE).first()
    if office is None or Rota.objects.filter(campaign=campaign).exists():
        return
    _people(ctx, office)
    today = timezone.localdate()
    start, end = _period(today)
    if not deadlines.load_calendar().year_known(start.year):
        return  # no official calendar for this year yet: nothing can be scheduled

    rota = actions.do_create_rota(
        office, campaign,
        actions.RotaData(f"{campaign.year}年度“三民”活动市长热线值班表", start, end,
                         "09:00-11:00"),
        now=_aware(start - dt.timedelta(days=10), dt.time(9)),
    )  # fmt: skip
    rota = actions.do_publish(office, rota, now=_aware(start - dt.timedelta(days=7), dt.time(10)))
    _adjust_one(office, rota, today)
    _past_duties(ctx, office, rota, today)


def _adjust_one(office: User, rota: Rota, today: dt.date) -> None:
    """One future duty swapped after publication, with its public reason."""
    seats = list(
        DutyMember.objects.filter(
            duty__rota=rota, duty__date__gt=today + dt.timedelta(days=2), pool="head"
        ).order_by("duty__date")[:2]
    )
    if len(seats) == 2:
        with contextlib.suppress(actions.Refused):
            actions.do_swap(
                office, seats[0], seats[1], reason="因参加全市重点项目调度会，与后一班次对调",
                now=timezone.now(),
            )  # fmt: skip


def _past_duties(ctx: DemoContext, office: User, rota: Rota, today: dt.date) -> None:
    rng = ctx.random
    areas = {a.code: a for a in Area.objects.all()}
    districts = list(District.objects.filter(is_active=True))
    past = list(rota.duties.filter(date__lt=today).order_by("date"))
    for index, duty in enumerate(past):
        n_calls = rng.randint(1, 4)
        for n in range(n_calls):
            code, subject, summary, answer = CALLS[rng.randrange(len(CALLS))]
            received = _aware(duty.date, duty.starts, minutes=10 + n * 25)
            follow = code != "government" and rng.random() < 0.45
            actions.do_record_call(
                office, duty,
                actions.CallData(
                    received_at=received,
                    caller_name=ctx.faker.name() if rng.random() < 0.7 else "",
                    caller_phone=ctx.fake_mobile() if rng.random() < 0.8 else "",
                    district=rng.choice(districts) if districts else None,
                    area=areas.get(code) or next(iter(areas.values())),
                    subject=subject, summary=summary, answer=answer, needs_follow_up=follow,
                ),
                idempotency_key=f"demo-hotline-{duty.pk}-{n}",
                now=received + dt.timedelta(minutes=5),
            )  # fmt: skip
        if index in (len(past) - 1, len(past) // 2):  # one awaits its summary, one is overdue
            continue
        actions.do_save_summary(
            office, duty,
            f"本班接听来电{n_calls}个，现场答复并解释政策，需要办理的已转为意见建议交有关部门办理。",
            now=_aware(duty.date, duty.ends, minutes=30),
        )  # fmt: skip
