"""The ballot design as JSON (``design.json``), its digest, and ballot validation."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from minping.tally.canonical import dumps_canonical
from minping.tally.model import (
    Ballot,
    BallotDesign,
    BallotStatus,
    Choice,
    Conversion,
    ConversionBasis,
    ConversionKind,
    Criterion,
    DepartmentRef,
    Option,
    Problem,
    QuestionItem,
    Scale,
    ScaleKind,
    VenueRef,
)

BALLOT_ID = re.compile(r"[0-9a-f]{32}")
IDENT = re.compile(r"[^\t\n\r]{1,64}")


def design_to_dict(design: BallotDesign) -> dict[str, Any]:
    """The design as a JSON-ready dict (decimals as strings)."""
    scale = design.scale
    conv = design.conversion
    return {
        "campaign": design.campaign,
        "session": design.session,
        "title": design.title,
        "venues": [{"id": v.id, "name": v.name, "main": v.main} for v in design.venues],
        "departments": [{"id": d.id, "name": d.name, "group": d.group} for d in design.departments],
        "scale": {
            "kind": str(scale.kind),
            "choices": [
                {"key": c.key, "label": c.label, "weight": c.weight, "satisfied": c.satisfied}
                for c in scale.choices
            ],
            "criteria": [
                {"key": c.key, "label": c.label, "weight": c.weight} for c in scale.criteria
            ],
            "low": scale.low,
            "high": scale.high,
            "satisfied_at": str(scale.satisfied_at),
        },
        "questionnaire": [
            {
                "id": q.id,
                "text": q.text,
                "options": [{"key": o.key, "label": o.label} for o in q.options],
            }
            for q in design.questionnaire
        ],
        "conversion": {
            "kind": str(conv.kind),
            "basis": str(conv.basis),
            "max_points": str(conv.max_points),
            "floor": str(conv.floor),
            "rank_points": [str(p) for p in conv.rank_points],
        },
        "min_cell": design.min_cell,
        "places": design.places,
    }


def design_from_dict(data: Mapping[str, Any]) -> BallotDesign:
    """Inverse of :func:`design_to_dict`; raises ``KeyError``/``ValueError`` on a bad file."""
    s = data["scale"]
    c = data["conversion"]
    return BallotDesign(
        campaign=str(data["campaign"]),
        session=int(data["session"]),
        title=str(data["title"]),
        venues=tuple(
            VenueRef(str(v["id"]), str(v["name"]), bool(v["main"])) for v in data["venues"]
        ),
        departments=tuple(
            DepartmentRef(str(d["id"]), str(d["name"]), str(d.get("group", "")))
            for d in data["departments"]
        ),
        scale=Scale(
            kind=ScaleKind(s["kind"]),
            choices=tuple(
                Choice(str(x["key"]), str(x["label"]), int(x["weight"]), bool(x["satisfied"]))
                for x in s["choices"]
            ),
            criteria=tuple(
                Criterion(str(x["key"]), str(x["label"]), int(x["weight"])) for x in s["criteria"]
            ),
            low=int(s["low"]),
            high=int(s["high"]),
            satisfied_at=Decimal(s["satisfied_at"]),
        ),
        questionnaire=tuple(
            QuestionItem(
                str(q["id"]),
                str(q["text"]),
                tuple(Option(str(o["key"]), str(o["label"])) for o in q["options"]),
            )
            for q in data["questionnaire"]
        ),
        conversion=Conversion(
            kind=ConversionKind(c["kind"]),
            basis=ConversionBasis(c["basis"]),
            max_points=Decimal(c["max_points"]),
            floor=Decimal(c["floor"]),
            rank_points=tuple(Decimal(p) for p in c["rank_points"]),
        ),
        min_cell=int(data["min_cell"]),
        places=int(data["places"]),
    )


def design_digest(design: BallotDesign) -> str:
    """SHA-256 hex of the design's canonical JSON (sorted keys, compact, UTF-8)."""
    return hashlib.sha256(dumps_canonical(design_to_dict(design))).hexdigest()


def default_scale() -> Scale:
    """满意 / 基本满意 / 不满意 weighted 100 / 80 / 0; the first two count as satisfied."""
    return Scale(
        kind=ScaleKind.CHOICES,
        choices=(
            Choice("satisfied", "满意", 100, True),
            Choice("fairly_satisfied", "基本满意", 80, True),
            Choice("dissatisfied", "不满意", 0, False),
        ),
    )


def _scale_problems(scale: Scale) -> list[str]:
    out: list[str] = []
    if scale.kind is ScaleKind.CHOICES:
        keys = [c.key for c in scale.choices]
        if len(keys) < 2 or len(set(keys)) != len(keys):
            out.append("评价选项至少两个且不可重复。")
        if any(not 0 <= c.weight <= 100 for c in scale.choices):
            out.append("选项分值须在0到100之间。")
        return out
    if scale.low >= scale.high:
        out.append("分数下限须小于上限。")
    if scale.kind is ScaleKind.CRITERIA:
        keys = [c.key for c in scale.criteria]
        if not keys or len(set(keys)) != len(keys):
            out.append("评价指标至少一个且不可重复。")
        if any(c.weight <= 0 for c in scale.criteria):
            out.append("指标权重须大于0。")
    return out


def design_problems(design: BallotDesign) -> list[str]:
    """What is wrong with a design (empty when it can be used), as Chinese sentences."""
    out: list[str] = []
    ids = [d.id for d in design.departments]
    venues = [v.id for v in design.venues]
    if not ids:
        out.append("评议票没有部门。")
    if len(set(ids)) != len(ids):
        out.append("部门编号重复。")
    if len(set(venues)) != len(venues) or not venues:
        out.append("会场编号为空或重复。")
    for ident in [*ids, *venues, *(q.id for q in design.questionnaire)]:
        if not IDENT.fullmatch(ident):
            out.append(f"编号“{ident}”不可为空、超过64字或含制表符、换行。")
    out += _scale_problems(design.scale)
    conv = design.conversion
    if conv.kind is ConversionKind.RANK and len(conv.rank_points) < len(ids):
        out.append("按名次赋分时，每个名次都要有分值。")
    if conv.kind is ConversionKind.LINEAR and not Decimal(0) <= conv.floor < Decimal(100):
        out.append("赋分起点须在0到100之间。")
    if design.min_cell < 1:
        out.append("最少票数须至少为1。")
    if not 0 <= design.places <= 6:
        out.append("小数位数须在0到6之间。")
    return out


def _answer_problems(design: BallotDesign, dept: str, value: object) -> list[Problem]:
    scale = design.scale
    where = f"answers.{dept}"
    if scale.kind is ScaleKind.CHOICES:
        if not isinstance(value, str) or value not in {c.key for c in scale.choices}:
            return [Problem("unknown_choice", where, "评价选项不在评议票上。")]
        return []
    if scale.kind is ScaleKind.SCORE:
        return _int_problems(scale, where, value)
    if not isinstance(value, Mapping):
        return [Problem("bad_value", where, "须对每项指标打分。")]
    out: list[Problem] = []
    keys = {c.key for c in scale.criteria}
    for key in sorted(set(value) - keys):
        out.append(Problem("unknown_criterion", f"{where}.{key}", "指标不在评议票上。"))
    for key in [c.key for c in scale.criteria]:
        if key not in value:
            out.append(Problem("missing_criterion", f"{where}.{key}", "此项指标未打分。"))
        else:
            out += _int_problems(scale, f"{where}.{key}", value[key])
    return out


def _int_problems(scale: Scale, where: str, value: object) -> list[Problem]:
    if not isinstance(value, int) or isinstance(value, bool):
        return [Problem("bad_value", where, "分数须为整数。")]
    if not scale.low <= value <= scale.high:
        return [Problem("out_of_range", where, f"分数须在{scale.low}到{scale.high}之间。")]
    return []


def _questionnaire_problems(design: BallotDesign, ballot: Ballot) -> list[Problem]:
    out: list[Problem] = []
    items = {q.id: q for q in design.questionnaire}
    for item_id, answer in sorted(ballot.questionnaire.items()):
        item = items.get(item_id)
        where = f"questionnaire.{item_id}"
        if item is None:
            out.append(Problem("unknown_item", where, "调查项不在调查表上。"))
        elif not isinstance(answer, str):
            out.append(Problem("bad_value", where, "回答须为文字或选项。"))
        elif item.options and answer not in {o.key for o in item.options}:
            out.append(Problem("unknown_option", where, "选项不在调查表上。"))
    return out


def check_ballot(design: BallotDesign, ballot: Ballot, *, complete: bool = False) -> list[Problem]:
    """Every way ``ballot`` does not fit ``design`` (empty list: it fits).

    With ``complete=True`` (the phone form) every department must be answered; paper
    ballots may leave one blank. Blank ballots must carry no content. Content of an
    invalid ballot is not checked (it is not tallied).
    """
    out: list[Problem] = []
    if not isinstance(ballot.ballot_id, str) or not BALLOT_ID.fullmatch(ballot.ballot_id):
        out.append(Problem("bad_ballot_id", "ballot_id", "票号须为32位小写十六进制。"))
    if ballot.venue not in {v.id for v in design.venues}:
        out.append(Problem("unknown_venue", "venue", "会场不在本场次。"))
    if ballot.status is BallotStatus.BLANK:
        if ballot.answers or ballot.opinions or ballot.questionnaire:
            out.append(Problem("blank_with_content", "status", "空白票不应有内容。"))
        return out
    if ballot.status is BallotStatus.INVALID:
        return out
    depts = [d.id for d in design.departments]
    for dept in sorted(set(ballot.answers) - set(depts)):
        out.append(Problem("unknown_department", f"answers.{dept}", "部门不在评议票上。"))
    for dept in sorted(set(ballot.opinions) - set(depts)):
        out.append(Problem("unknown_department", f"opinions.{dept}", "部门不在评议票上。"))
    for dept in depts:
        if dept in ballot.answers:
            out += _answer_problems(design, dept, ballot.answers[dept])
        elif complete:
            out.append(Problem("missing_department", f"answers.{dept}", "此部门尚未评价。"))
    for dept, text in sorted(ballot.opinions.items()):
        if not isinstance(text, str):
            out.append(Problem("bad_value", f"opinions.{dept}", "意见须为文字。"))
    out += _questionnaire_problems(design, ballot)
    if not out and not ballot.answers and not ballot.questionnaire:
        out.append(Problem("empty_valid", "status", "有效票不能全部空白，请记为空白票。"))
    return out


class BallotChecker:
    """:func:`check_ballot` for many ballots of one design, with a fast path for good ones."""

    def __init__(self, design: BallotDesign) -> None:
        self.design = design
        self.venues = frozenset(v.id for v in design.venues)
        self.departments = frozenset(d.id for d in design.departments)
        self.choices = (
            frozenset(c.key for c in design.scale.choices)
            if design.scale.kind is ScaleKind.CHOICES
            else None
        )
        self.items = {q.id: frozenset(o.key for o in q.options) for q in design.questionnaire}

    def _fits(self, ballot: Ballot) -> bool:
        """True only if ``ballot`` certainly fits (a valid ballot on a "choices" scale)."""
        choices = self.choices
        if choices is None or ballot.status is not BallotStatus.VALID or not ballot.answers:
            return False
        if ballot.venue not in self.venues or type(ballot.ballot_id) is not str:
            return False
        if not BALLOT_ID.fullmatch(ballot.ballot_id):
            return False
        answers = ballot.answers
        if not answers.keys() <= self.departments or not ballot.opinions.keys() <= self.departments:
            return False
        if not all(type(v) is str and v in choices for v in answers.values()):
            return False
        if not all(type(t) is str for t in ballot.opinions.values()):
            return False
        for item, answer in ballot.questionnaire.items():
            options = self.items.get(item)
            if options is None or type(answer) is not str or (options and answer not in options):
                return False
        return True

    def check(self, ballot: Ballot, *, complete: bool = False) -> list[Problem]:
        """Same answer as :func:`check_ballot`."""
        if not complete and self._fits(ballot):
            return []
        return check_ballot(self.design, ballot, complete=complete)
