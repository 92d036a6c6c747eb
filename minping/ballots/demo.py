"""Demo data: a designed ballot for every session; session 1 voted (synthetic ballots),
sealed and published; session 2 with tokens issued and its main and 东胜区 venues open for
voting; session 3 designed only. Idempotent."""

from __future__ import annotations

from typing import Any

from minping.ballots import actions
from minping.ballots.models import BallotBox, Publication
from minping.demo import DemoContext

OPINIONS = [
    "办事窗口排队时间较长，希望增加网上办理事项。",
    "政策宣传到位，解读清楚。",
    "希望进一步公开项目进展。",
    "服务态度好，效率高。",
]
BRANCH_BALLOTS = 60


def load(ctx: DemoContext) -> None:
    office = ctx.users.get("office")
    if office is None:
        return
    sessions = list(ctx.campaign.sessions.order_by("number"))
    for session in sessions:
        actions.do_prepare_boxes(office, session)
    if sessions and not Publication.objects.filter(session=sessions[0]).exists():
        _vote_session(ctx, office, sessions[0])
    if len(sessions) > 1:
        _open_for_voting(office, sessions[1])


def _vote_session(ctx: DemoContext, office: Any, session: Any) -> None:
    design = actions.get_or_create_design(session)
    boxes = list(BallotBox.objects.filter(session=session).select_related("venue"))
    for box in boxes:
        if box.state == BallotBox.State.SEALED:
            continue
        count = 100 if box.venue.is_main else BRANCH_BALLOTS
        if box.issued == 0:
            codes = [t.code for t in actions.do_issue_tokens(office, box, count)]
        else:
            codes = list(box.tokens.filter(used=False).values_list("code", flat=True))
        if box.state == BallotBox.State.READY:
            actions.do_open_box(office, box)
        design.refresh_from_db()
        departments = design.department_list()
        returned = codes[: len(codes) - ctx.random.randint(0, 3)]
        for code in returned:
            actions.do_cast_ballot(code, _content(ctx, design, departments))
        actions.do_close_box(office, box)
        unused = len(codes) - len(returned)
        actions.do_seal_box(office, box, f"{unused}名代表未提交评议票" if unused else "")
    from minping.ballots import reports

    _data, manifest = reports.export_zip(session)
    actions.do_publish(office, session, reports.session_root(session), manifest.digest)


def _content(ctx: DemoContext, design: Any, departments: list[dict[str, Any]]) -> dict[str, Any]:
    answers = {}
    opinions = {}
    for i, dept in enumerate(departments):
        satisfied = 0.50 + 0.03 * ((i * 7) % 11)  # each department its own level
        roll = ctx.random.random()
        if roll < satisfied:
            choice = "satisfied"
        elif roll < min(satisfied + 0.35, 0.97):
            choice = "fairly_satisfied"
        else:
            choice = "dissatisfied"
        answers[str(dept["id"])] = choice
        if ctx.random.random() < 0.03:
            opinions[str(dept["id"])] = ctx.random.choice(OPINIONS)
    questionnaire = {
        q["id"]: "no" if ctx.random.random() < 0.95 else "unsure" for q in design.questionnaire
    }
    return {
        "status": "valid",
        "answers": answers,
        "opinions": opinions,
        "questionnaire": questionnaire,
    }


def _open_for_voting(office: Any, session: Any) -> None:
    for box in BallotBox.objects.filter(session=session).select_related("venue"):
        if not (box.venue.is_main or box.venue.name == "东胜区分会场"):
            continue
        if box.issued == 0:
            actions.do_issue_tokens(office, box, 40 if box.venue.is_main else 60)
        if box.state == BallotBox.State.READY:
            actions.do_open_box(office, box)
