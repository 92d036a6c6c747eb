from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from minping.accounts.actions import do_create_user
from minping.accounts.models import Role, User
from minping.campaigns.actions import do_build_standard_campaign
from minping.campaigns.models import Campaign, Department, District
from minping.demo import DEMO_FIRST_DAY, DEMO_PASSWORD, DEMO_YEAR, DemoContext

STAFF = [
    # username, role, description, department name, district name
    ("office", Role.OFFICE, "联席会议办公室", None, None),
    ("reviewer", Role.REVIEWER, "政务科室审核", None, None),
    ("publicity", Role.REVIEWER, "宣传部公开性审核", None, None),
    ("fgw", Role.DEPARTMENT, "市发展和改革委员会", "市发展和改革委员会", None),
    ("czj", Role.DEPARTMENT, "市财政局", "市财政局", None),
    ("gaj", Role.DEPARTMENT, "市公安局", "市公安局", None),
    ("jyj", Role.DEPARTMENT, "市教育体育局", "市教育体育局", None),
    ("tjj", Role.STATISTICS, "市统计局（组织保障组）", None, None),
    ("dongsheng", Role.DISTRICT, "东胜区分会场", None, "东胜区"),
    ("kangbashi", Role.DISTRICT, "康巴什区分会场", None, "康巴什区"),
    ("tallier", Role.TALLIER, "第三方统计机构", None, None),
    ("supervisor", Role.SUPERVISOR, "监督检查组", None, None),
]


class Command(BaseCommand):
    help = "Loads a whole believable demo campaign with synthetic people (safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            campaign = Campaign.objects.filter(year=DEMO_YEAR).first()
            if campaign is None:
                campaign = do_build_standard_campaign(
                    None, year=DEMO_YEAR, first_day=DEMO_FIRST_DAY
                )
            ctx = DemoContext(campaign=campaign)
            for username, role, description, department, district in STAFF:
                user = User.objects.filter(username=username).first()
                if user is None:
                    user = do_create_user(
                        None,
                        username=username,
                        password=DEMO_PASSWORD,
                        role=role,
                        full_name=ctx.faker.name(),
                        department=Department.objects.get(name=department) if department else None,
                        district=District.objects.get(name=district) if district else None,
                    )
                ctx.users[username] = user
                ctx.add_login(username, description)
        for config in apps.get_app_configs():
            if not config.name.startswith("minping."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            self.stdout.write(f"demo data: {config.label}")
            with transaction.atomic():
                module.load(ctx)
        self.stdout.write(self.style.SUCCESS(f"\n演示活动已就绪：{campaign.title}"))
        self.stdout.write(f"打开 http://127.0.0.1:8000/ ，演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, description in ctx.logins:
            self.stdout.write(f"  {username:<14} {description}")
