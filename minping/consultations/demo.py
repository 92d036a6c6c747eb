"""Demo data: one open consultation with ~40 comments, one closed with its report and a
hearing (registrations, a draw, sign-in, minutes), and one draft.

Everything goes through the real actions with explicit times, so the log, the guards and the
report are what the system would have produced. Every person is synthetic (``ctx.faker``,
``ctx.fake_mobile()``).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minping.accounts.models import User
from minping.consultations import actions
from minping.consultations.models import Comment, Consultation, Opinion, Participant
from minping.demo import DemoContext

OPEN_TITLE = "鄂尔多斯市中心城区停车设施建设和管理办法（征求意见稿）"
CLOSED_TITLE = "鄂尔多斯市中心城区义务教育学校招生划片调整方案（征求意见稿）"
DRAFT_TITLE = "鄂尔多斯市惠企资金直达快享实施办法（征求意见稿）"

PARKING_TEXT = """第一条 为加强中心城区停车设施建设和管理，缓解停车难问题，根据有关法律法规，结合本市实际，制定本办法。
第二条 本办法适用于东胜区、康巴什区中心城区范围内停车设施的规划、建设、使用和管理。
第三条 新建住宅小区应当按照每户不少于1.2个的标准配建停车位，并同步建设充电设施。
第四条 鼓励机关、企事业单位在节假日和夜间向社会开放内部停车场，实行错时共享。
第五条 老旧小区可以利用周边空地、边角地设置临时停车位，由街道办事处组织业主协商确定管理方式。
第六条 医院、学校周边道路可以设置限时停车泊位，上下学和就诊高峰时段加强交通疏导。
第七条 路内停车泊位实行分时段差别化收费，首30分钟免费，具体标准由价格主管部门另行制定。
第八条 占用消防通道、盲道停车的，由公安机关交通管理部门依法处理。
第九条 本办法自2027年3月1日起施行。"""

PARKING_COMMENTS: list[tuple[int | None, str]] = [
    (3, "建议新建小区车位配比提高到1.5个，现在很多家庭都有两辆车。"),
    (3, "1.2个的标准偏低，新小区入住几年后就不够用了。"),
    (3, "充电设施应当明确比例，建议不少于车位的30%。"),
    (4, "机关单位停车场夜间开放很好，希望公布开放名单和时间。"),
    (4, "错时共享要解决安全管理问题，建议引入保险。"),
    (5, "老旧小区停车难问题突出，建议街道牵头尽快落实，不要只是可以。"),
    (5, "老旧小区边角地设置车位时要保留绿化和消防通道。"),
    (6, "学校门口接送孩子的车太多，建议设置即停即走车道。"),
    (6, "医院周边建议建设立体停车场，限时停车解决不了根本问题。"),
    (7, "首30分钟免费很好，建议延长到1小时，方便办事群众。"),
    (7, "收费标准要公开听证，不能随意涨价。"),
    (7, "夜间路内停车建议免费，方便周边居民。"),
    (8, "占用消防通道的处罚要加大力度，还要加强巡查。"),
    (None, "整体赞成，希望尽快施行。"),
    (None, "建议增加对共享单车和电动车停放的规定。"),
    (None, "建议开发统一的停车APP，实时显示空余车位。"),
]

SCHOOL_TEXT = """一、调整目的
为均衡配置教育资源，解决部分新建小区学位紧张问题，对中心城区义务教育学校招生范围进行调整。
二、调整范围
东胜区新建的6个住宅小区划入新建第十二小学学区；康巴什区2个小区由第二小学调整至第五小学。
三、过渡安排
已在原学校就读的学生不受影响；有兄弟姐妹在原学校就读的，可以申请就近入学。
四、实施时间
本方案自2026年秋季学期招生起实施。"""

SCHOOL_COMMENTS: list[tuple[int | None, str]] = [
    (2, "新建第十二小学离我们小区太远，孩子要过主干道，建议设置安全通道。"),
    (2, "划片调整前应当公布各学校的学位数，让家长心里有数。"),
    (2, "支持调整，新小区学位确实紧张。"),
    (3, "过渡安排考虑了二孩家庭，很好。"),
    (3, "建议过渡期延长到三年。"),
    (4, "实施时间太急，建议推迟一年。"),
    (None, "希望配套建设校车线路。"),
]


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _draft(
    user: User, ctx: DemoContext, title: str, text: str, opens: dt.date, days: int
) -> Consultation:
    return actions.do_save_draft(
        user,
        {
            "title": title,
            "summary": "回应群众关切，规范相关工作，征求社会各界意见。",
            "basis": "依据有关法律法规和上级文件制定；实施后将影响中心城区居民和相关经营者。",
            "feedback_channels": "在本页面在线提交意见；或来信寄至承办单位（信封注明“征求意见”）。",
            "contact": f"{user.department.name if user.department else ''} 办公室 0477-0000000",
            "drafting_notes": "本稿在调查研究、听取有关部门意见的基础上形成。",
            "text": text,
            "opens_on": opens,
            "closes_on": opens + dt.timedelta(days=days - 1),
            "shortened_reason": "",
        },
        campaign=ctx.campaign,
    )


def _publish(c: Consultation, user: User, office: User, day: dt.date) -> None:
    actions.do_submit(user, c, now=_aware(day, 9))
    actions.do_publish(office, c, now=_aware(day, 11))


def _comments(
    c: Consultation,
    ctx: DemoContext,
    texts: list[tuple[int | None, str]],
    count: int,
    start: dt.date,
    span: int,
) -> list[Comment]:
    sections = {s.number: s for s in c.sections.all()}
    options = list(c.options.all())
    made = []
    for i in range(count):
        number, text = texts[i % len(texts)]
        if i >= len(texts):
            text = text + ctx.random.choice(["", "同意楼上的意见。", "希望认真研究。", "望采纳。"])
        day = start + dt.timedelta(days=ctx.random.randrange(span))
        with_contact = ctx.random.random() < 0.5
        made.append(
            actions.do_comment(
                c,
                actions.CommentData(
                    text=text,
                    section=sections.get(number) if number else None,
                    option=ctx.random.choice(options)
                    if options and ctx.random.random() < 0.6
                    else None,
                    name=ctx.faker.name() if with_contact else "",
                    phone=ctx.fake_mobile() if with_contact else "",
                ),
                now=_aware(day, ctx.random.randint(8, 21)),
            )
        )
    return made


def _moderate(user: User, made: list[Comment], ctx: DemoContext, leave_pending: int) -> None:
    for comment in made[: len(made) - leave_pending]:
        if ctx.random.random() < 0.08:
            actions.do_moderate(user, comment, show=False, reason="与本次征求意见无关")
        else:
            actions.do_moderate(user, comment, show=True, public_text=comment.public_text)


def _weigh(user: User, c: Consultation, decide: bool) -> None:
    """Groups the comments by section (one opinion per section and text) and decides."""
    groups: dict[str, list[Comment]] = {}
    for comment in actions.needs_weighing(c.comments.all()):
        key = comment.text[:14]
        groups.setdefault(key, []).append(comment)
    decisions = [
        (Opinion.Decision.ADOPTED, "已采纳，修改相应条款。"),
        (Opinion.Decision.PARTLY, "部分采纳：在实施细则中予以明确。"),
        (
            Opinion.Decision.NOT_ADOPTED,
            "经研究，该意见超出现有财力和用地条件，暂不采纳；将在下一轮规划中统筹考虑。",
        ),
        (Opinion.Decision.OUT_OF_SCOPE, "不属于本次征求意见范围，已转交相关部门研究。"),
    ]
    for i, members in enumerate(groups.values()):
        opinion = actions.do_group(
            user, c, comments=members, summary=members[0].text[:60], section=members[0].section
        )
        if decide:
            text = members[0].text
            if any(word in text for word in ("支持", "很好", "赞成")):
                decision, reply = Opinion.Decision.ADOPTED, "感谢支持，方案保持不变。"
            else:
                decision, reply = decisions[i % len(decisions)]
            actions.do_decide(user, opinion, decision=decision, reply=reply)


def load(ctx: DemoContext) -> None:
    users = ctx.users
    office, fgw, jyj, czj = users["office"], users["fgw"], users["jyj"], users["czj"]
    today = timezone.localdate()
    if not Consultation.objects.filter(campaign=ctx.campaign, title=OPEN_TITLE).exists():
        _load_open(ctx, office, fgw, today)
    if not Consultation.objects.filter(campaign=ctx.campaign, title=CLOSED_TITLE).exists():
        _load_closed(ctx, office, jyj, today)
    if not Consultation.objects.filter(campaign=ctx.campaign, title=DRAFT_TITLE).exists():
        _draft(
            czj,
            ctx,
            DRAFT_TITLE,
            "第一条 为推动惠企资金直达快享，制定本办法。\n第二条 惠企资金实行清单管理。",
            today + dt.timedelta(days=10),
            30,
        )


def _load_open(ctx: DemoContext, office: User, user: User, today: dt.date) -> None:
    start = today - dt.timedelta(days=12)
    c = _draft(user, ctx, OPEN_TITLE, PARKING_TEXT, start, 40)
    actions.do_add_option(
        user,
        c,
        label="方案一：路内停车分时段收费",
        description="白天收费、夜间免费，首30分钟免费。",
    )
    actions.do_add_option(
        user,
        c,
        label="方案二：路内停车全天统一收费",
        description="全天按同一标准收费，收入用于停车设施建设。",
    )
    _publish(c, user, office, start)
    made = _comments(c, ctx, PARKING_COMMENTS, 40, start, 12)
    _moderate(user, made, ctx, leave_pending=6)
    first_ten = [m for m in made[:12] if m.section is not None]
    if first_ten:
        actions.do_group(
            user,
            c,
            comments=first_ten[:3],
            summary="提高新建小区停车位配建标准",
            section=first_ten[0].section,
        )


def _load_closed(ctx: DemoContext, office: User, user: User, today: dt.date) -> None:
    t0 = today - dt.timedelta(days=100)
    c = _draft(user, ctx, CLOSED_TITLE, SCHOOL_TEXT, t0, 35)
    _publish(c, user, office, t0)
    made = _comments(c, ctx, SCHOOL_COMMENTS, 18, t0, 30)
    _moderate(user, made, ctx, leave_pending=0)
    # A symposium with grassroots representatives (第十三条).
    symposium = actions.do_schedule_symposium(
        user, c, kind="grassroots", held_on=t0 + dt.timedelta(days=20), held_time=dt.time(9, 30),
        place="东胜区教育体育局三楼会议室", now=_aware(t0 + dt.timedelta(days=2)),
    )  # fmt: skip
    for category in ["grassroots", "grassroots", "public", "npc", "expert", "party"]:
        actions.do_add_symposium_participant(
            user, symposium, name=ctx.faker.name(), category=category
        )
    actions.do_record_materials_sent(user, symposium, sent_on=t0 + dt.timedelta(days=5))
    actions.do_record_symposium_minutes(
        user, symposium, minutes="与会代表围绕划片范围、上学安全和过渡安排发表了意见。", signed=False,
        scan=None, opinions=["建议学校门口增设交警护学岗。", "建议划片前组织家长实地查看新校舍。"],
        now=_aware(t0 + dt.timedelta(days=20), 16),
    )  # fmt: skip
    # A hearing (第十六条–第十九条): notice 30+ days before, registrations, a draw.
    held = t0 + dt.timedelta(days=52)
    hearing = actions.do_plan_hearing(
        user, c, held_on=held, held_time=dt.time(9, 0), place="市政务服务中心听证室", seats=12,
        registration_closes_on=t0 + dt.timedelta(days=30),
        selection_method="利害关系人代表从报名的学生家长中公开抽签产生，另邀请人大代表、政协委员和教育专家。",
    )  # fmt: skip
    actions.do_announce_hearing(user, hearing, now=_aware(t0 + dt.timedelta(days=3)))
    for i in range(22):
        actions.do_register(
            hearing,
            actions.RegistrationData(
                name=ctx.faker.name(),
                phone=ctx.fake_mobile(),
                side=ctx.random.choice(["for", "against", "mixed"]),
                interest="学区内学生家长" if i < 15 else "关心教育的市民",
                is_stakeholder=i < 15,
                statement="希望充分考虑孩子上学路程和安全。",
            ),
            now=_aware(t0 + dt.timedelta(days=4 + i % 20)),
        )
    for category, side in [("deputy", "市人大代表"), ("deputy", "市政协委员"), ("expert", "教育专家"),
                           ("expert", "交通规划专家"), ("other", "社区居委会代表")]:  # fmt: skip
        actions.do_invite(user, hearing, name=ctx.faker.name(), category=category, side=side)
    actions.do_draw(user, hearing, seats=7, seed="20260815", now=_aware(t0 + dt.timedelta(days=31)))
    actions.do_publish_participants(user, hearing, now=_aware(t0 + dt.timedelta(days=35)))
    participants = list(hearing.participants.all())
    for p in participants[:-1]:
        actions.do_sign_in(user, p, now=_aware(held, 8))
    signed = [p for p in Participant.objects.filter(hearing=hearing) if p.signed_in_at]
    actions.do_record_hearing_minutes(
        user, hearing, minutes="听证参加人分别陈述意见，承办单位作了解释说明。", scan=None,
        confirmed=signed, opinions=["建议为划入新学区的学生提供校车服务。", "反对将康巴什区两个小区调整到第五小学。"],
        now=_aware(held, 12),
    )  # fmt: skip
    actions.do_write_hearing_report(
        user, hearing, report="听证会认为调整方案总体可行，建议完善上学交通安全保障和过渡安排。"
    )
    actions.do_apply_clock(c, now=_aware(t0 + dt.timedelta(days=36)))
    _weigh(user, c, decide=True)
    actions.do_save_report(
        user,
        c,
        overview="本次公开征求意见期间，通过网上征求意见、座谈会和听证会等方式广泛听取了社会各方面意见。",
    )
    actions.do_submit_report(user, c, now=_aware(held + dt.timedelta(days=3)))
    actions.do_approve_report(office, c, now=_aware(held + dt.timedelta(days=5)))
