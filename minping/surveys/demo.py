"""Demo data: the standard questionnaire for the demo campaign, 4,500 codes in district
batches, a few thousand synthetic responses across channels (bulk-created), a callback
sample drawn from the seated representatives with outcomes, then closed, sealed and the
scores published. Idempotent."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from minping.campaigns.models import District
from minping.demo import DemoContext
from minping.surveys import actions, reports
from minping.surveys.models import (
    CallContact,
    Channel,
    Receipt,
    Response,
    ResponseCode,
    Survey,
    new_receipt_code,
    secret_digest,
)

TITLE = "2026年度社情民意调查问卷"
CALLBACK_SEED = "minping-demo-2026-callback"
# Sizes (a test may shrink them): 9 × 500 = 4,500 codes, of which 2,900 answered (260 of
# them on paper), 320 open-link answers, a callback sample of 150 with 110 calls made.
CODES_PER_DISTRICT = 500
CODE_RESPONSES = 2900
PAPER_RESPONSES = 260
LINK_RESPONSES = 320
CALLBACK_SAMPLE = 150
CALLS_MADE = 110
SUGGESTIONS = [
    "希望增加公交班次，特别是早晚高峰。",
    "老旧小区改造进度可以再快一些。",
    "政务大厅办事效率提高了很多，点赞。",
    "建议多建一些社区养老服务站。",
    "学校周边上下学时段交通拥堵，希望加强疏导。",
    "希望看病挂号更方便，增加线上预约号源。",
    "建议公园增加健身设施和公共厕所。",
    "冬季供暖温度不够稳定。",
]


def load(ctx: DemoContext) -> None:
    statistics = ctx.users.get("tjj")
    office = ctx.users.get("office")
    if statistics is None or office is None:
        return
    if Survey.objects.filter(campaign=ctx.campaign, title=TITLE).exists():
        return
    survey = actions.do_create_survey(
        statistics,
        ctx.campaign,
        {
            "title": TITLE,
            "intro": (
                "为了解市民对市政府及其工作部门工作的评价，听取意见建议，市统计局开展本次调查。"
                "问卷不记名，约需5分钟，感谢您的支持！"
            ),
            "open_link": True,
            "min_answers": 30,
        },
    )
    actions.do_use_standard_template(statistics, survey)
    districts = list(District.objects.filter(is_active=True))
    for district in districts:
        actions.do_issue_codes(
            statistics,
            survey,
            label=f"{district.name}入户调查",
            count=CODES_PER_DISTRICT,
            district=district,
        )
    actions.do_transition(statistics, survey, "open")
    _responses(ctx, survey)
    _callbacks(ctx, statistics, survey)
    actions.do_transition(statistics, survey, "closed")
    actions.do_publish(office, survey, reports.export_zip(survey)[1])


def _answers(ctx: DemoContext, survey: Survey) -> dict[str, Any]:
    rng = ctx.random
    out: dict[str, Any] = {}
    for i, q in enumerate(survey.questions.all()):
        keys = [o["key"] for o in q.options]
        if q.kind == "single":
            if q.required or rng.random() < 0.9:
                out[q.key] = rng.choice(keys)
        elif q.kind == "rating":
            level = 0.45 + 0.035 * ((i * 7) % 11)  # each area its own level of satisfaction
            roll = rng.random()
            if roll < level:
                out[q.key] = "satisfied"
            elif roll < min(level + 0.35, 0.93):
                out[q.key] = "fairly"
            elif roll < 0.97:
                out[q.key] = "dissatisfied"
            else:
                out[q.key] = "unknown"
        elif q.kind == "multiple":
            out[q.key] = rng.sample(keys, rng.randint(1, q.max_picks or 1))
        elif rng.random() < 0.12:
            out[q.key] = rng.choice(SUGGESTIONS)
    return out


def _responses(ctx: DemoContext, survey: Survey) -> None:
    """Bulk: codes used and their responses and receipts, as submit_with_code would."""
    rng = ctx.random
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    codes = list(ResponseCode.objects.filter(survey=survey).select_related("batch"))
    rng.shuffle(codes)
    answered = codes[:CODE_RESPONSES]
    on_paper = {c.code for c in answered[:PAPER_RESPONSES]}
    rows = []
    receipts = []
    for code in answered:
        paper = code.code in on_paper
        rows.append(
            Response(
                survey=survey,
                channel=Channel.PAPER if paper else Channel.CODE,
                district_id=code.batch.district_id,
                hour=None if paper else hour,
                answers=_answers(ctx, survey),
            )
        )
        if not paper:
            receipts.append(
                Receipt(
                    secret_digest=secret_digest(code.code), survey=survey, code=new_receipt_code()
                )
            )
    for _i in range(LINK_RESPONSES):
        nonce = f"demo-browser-{rng.random()}"
        rows.append(
            Response(survey=survey, channel=Channel.LINK, hour=hour, answers=_answers(ctx, survey))
        )
        receipts.append(
            Receipt(
                secret_digest=secret_digest(f"{survey.pk}:{nonce}"),
                survey=survey,
                code=new_receipt_code(),
            )
        )
    ResponseCode.objects.filter(code__in=[c.code for c in answered]).update(used=True)
    Response.objects.bulk_create(rows, batch_size=1000)
    Receipt.objects.bulk_create(receipts, batch_size=1000)


def _callbacks(ctx: DemoContext, statistics: Any, survey: Survey) -> None:
    people = actions.representatives_for_calls(survey.campaign)
    if not people:
        return
    call_list = actions.do_create_call_list(
        statistics, survey, name="市民代表电话回访", source="representatives", people=people
    )
    actions.do_draw_sample(statistics, call_list, min(CALLBACK_SAMPLE, len(people)), CALLBACK_SEED)
    contacts = list(call_list.contacts.filter(sample_rank__isnull=False).order_by("sample_rank"))
    for contact in contacts[:CALLS_MADE]:
        roll = ctx.random.random()
        outcome = (
            "reached" if roll < 0.62 else "no_answer" if roll < 0.85 else
            "refused" if roll < 0.95 else "invalid"
        )  # fmt: skip
        contact = actions.do_record_call(statistics, contact, outcome)
        if contact.outcome == CallContact.Outcome.REACHED:
            actions.do_enter_phone_response(statistics, contact, _answers(ctx, survey))
