"""Demo calendar: the later stages of the campaign (departments' demo sets the material stages)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minping.campaigns.actions import do_set_deadline
from minping.campaigns.models import Deadline
from minping.demo import DemoContext

# Days from today, so the dashboard always shows something upcoming.
LATER_STAGES = [
    (Deadline.Stage.FRAMES_CLOSED, 14, "各类别样本框报送统计局"),
    (Deadline.Stage.VOLUNTEERS_CLOSED, 18, "网上自愿报名截止"),
    (Deadline.Stage.DRAW, 25, "公开抽取市民代表并公示"),
    (Deadline.Stage.MEETING, 40, "三场述职报告会"),
    (Deadline.Stage.SUGGESTIONS_ANSWERED, 85, "现场意见建议全部办结答复"),
]


def load(ctx: DemoContext) -> None:
    campaign = ctx.campaign
    today = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0)
    existing = set(campaign.deadlines.values_list("stage", flat=True))
    for stage, days, note in LATER_STAGES:
        if stage not in existing:
            do_set_deadline(
                ctx.users.get("office"),
                campaign,
                stage=stage,
                due=today + dt.timedelta(days=days),
                note=note,
            )
