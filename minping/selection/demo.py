"""Demo data: quotas from the seeds' tables, synthetic frames (about 1.3× what the quotas
need), a few hundred volunteers and a completed systematic draw. Idempotent."""

from __future__ import annotations

import math

from django.utils import timezone

from minping.accounts.actions import do_create_user
from minping.accounts.models import Role, User
from minping.accounts.pii import reveal
from minping.campaigns.models import Category, District
from minping.demo import DEMO_PASSWORD, DemoContext
from minping.selection import actions, seedquotas
from minping.selection.engine import reserves_for
from minping.selection.frames import CleanRow
from minping.selection.models import (
    Draw,
    ImportJob,
    PoliticalStatus,
    Representative,
    SampleFrame,
    Volunteer,
)
from minping.selection.results import SEATED

DEMO_SEED = "minping-demo-2026-public-seed"
ETHNICITIES = ["汉族"] * 8 + ["蒙古族", "回族"]
POLITICAL = ["中共党员", "中共党员", "群众", "群众", "共青团员", "民主党派", "无党派人士"]
TITLES = ["职员", "经理", "主任", "工程师", "教师", "个体户", "负责人", ""]


def load(ctx: DemoContext) -> None:
    campaign = ctx.campaign
    statistics = ctx.users.get("tjj")
    actions.do_seed_quotas(statistics, campaign)
    used: set[str] = set()
    if not SampleFrame.objects.filter(campaign=campaign).exclude(status="empty").exists():
        _frames(ctx, used)
    if not Volunteer.objects.filter(campaign=campaign).exists():
        _volunteers(ctx, used)
    if statistics is not None and not Draw.objects.filter(campaign=campaign).exists():
        draw = actions.do_commit_draw(
            statistics, campaign, mode=Draw.Mode.SYSTEMATIC, seed=DEMO_SEED
        )
        actions.do_reveal_seed(statistics, draw)
        actions.do_run_draw(statistics, draw)
    _representative_login(ctx)


def _representative_login(ctx: DemoContext) -> None:
    """``daibiao``: the login of one seated demo representative, to try 我的参会安排."""
    user = User.objects.filter(username="daibiao").first()
    rep = (
        Representative.objects.filter(draw__campaign=ctx.campaign, status__in=SEATED)
        .select_related("session", "venue", "entry", "volunteer")
        .order_by("session__number", "venue__order", "pk")
        .first()
    )
    if rep is None:
        return
    if user is None:
        source = rep.source()
        phone = reveal(source, "phone", None, "演示数据：为市民代表开通演示账号") if source else ""
        user = do_create_user(
            None,
            username="daibiao",
            password=DEMO_PASSWORD,
            role=Role.REPRESENTATIVE,
            full_name=rep.name,
            phone=phone,
        )
    if not Representative.objects.filter(user=user).exists():
        rep.user = user
        rep.save(update_fields=["user"])
    ctx.users["daibiao"] = user
    ctx.add_login("daibiao", "市民代表（已入选，可看我的参会安排）")


def _new_id(ctx: DemoContext, used: set[str], region: str, *, age: int | None = None) -> str:
    while True:
        number = ctx.fake_id_number(region=region, age=age)
        if number not in used:
            used.add(number)
            return number


def _frames(ctx: DemoContext, used: set[str]) -> None:
    campaign = ctx.campaign
    districts = list(District.objects.filter(venues__campaign=campaign).order_by("order"))
    index = {d.name: i for i, d in enumerate(districts)}
    for frame in SampleFrame.objects.filter(campaign=campaign).select_related("category"):
        code = frame.category.code
        branch = seedquotas.BRANCH.get(code)
        main = seedquotas.MAIN_VENUE.get(code, 0)
        plan: list[tuple[District | None, int]] = []
        for district in districts:
            seats = branch[index[district.name]] if branch else 0
            plan.append((district, math.ceil(1.25 * 3 * (seats + reserves_for(seats)))))
        main_need = math.ceil(1.5 * 3 * (main + reserves_for(main)))
        for i in range(main_need):
            plan.append((districts[i % len(districts)] if branch else None, 1))
        rows: list[CleanRow] = []
        number = 1
        for home, count in plan:
            region = home.code if home and home.code else "150602"
            for _i in range(count):
                number += 1
                rows.append(
                    CleanRow(
                        number=number,
                        name=ctx.faker.name(),
                        employer=ctx.faker.company(),
                        title=ctx.random.choice(TITLES),
                        ethnicity=ctx.random.choice(ETHNICITIES),
                        political_status=ctx.random.choice(POLITICAL),
                        id_number=(id_number := _new_id(ctx, used, region)),
                        id_index=_index(id_number),
                        phone=ctx.fake_mobile(),
                        district_id=home.pk if home else None,
                    )
                )
        if not rows:
            continue
        job = ImportJob.objects.create(
            frame=frame,
            filename=f"{frame.category.name}（演示）.xlsx",
            status=ImportJob.Status.DONE,
            total=len(rows),
            processed=len(rows),
            message="演示数据",
            finished_at=timezone.now(),
        )
        actions.do_replace_frame_entries(None, job, rows)


def _index(id_number: str) -> str:
    from minping.lib.fields import blind_index

    return blind_index(id_number, "id_number")


def _volunteers(ctx: DemoContext, used: set[str]) -> None:
    campaign = ctx.campaign
    statistics = ctx.users.get("tjj")
    districts = list(District.objects.filter(venues__campaign=campaign).order_by("order"))
    if not Category.objects.filter(campaign=campaign, code="volunteer").exists():
        return
    weights = seedquotas.BRANCH["volunteer"]
    for district, weight in zip(districts, weights, strict=False):
        for i in range(math.ceil(weight * 3 * 1.6) + 3):
            venue = "main" if i % 7 == 0 else "branch"
            sex_age = ctx.random.randint(20, 68)
            id_number = _new_id(ctx, used, district.code or "150602", age=sex_age)
            migrant = i % 9 == 0
            volunteer = actions.do_signup_volunteer(
                campaign,
                {
                    "name": ctx.faker.name(),
                    "sex": "M" if int(id_number[16]) % 2 else "F",
                    "political_status": ctx.random.choice(PoliticalStatus.values),
                    "education": ctx.random.choice(Volunteer.Education.values),
                    "id_number": id_number,
                    "ethnicity": ctx.random.choice(ETHNICITIES),
                    "province": "内蒙古自治区",
                    "city": "鄂尔多斯市",
                    "district": district,
                    "street": ctx.faker.street_name(),
                    "address": ctx.faker.street_address(),
                    "employer": ctx.faker.company(),
                    "phone": ctx.fake_mobile(),
                    "is_migrant": migrant,
                    "arrived_on": timezone.localdate().replace(day=1, year=2020)
                    if migrant
                    else None,
                    "venue_choice": venue,
                    "session_choice": 1 + i % 3,
                    "flexibility": "any" if i % 5 else "venue",
                },
            )
            if statistics is not None and i % 12 != 5:
                actions.do_review_volunteer(statistics, volunteer, Volunteer.Status.CONFIRMED)
