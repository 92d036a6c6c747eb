"""Writes for the surveys app; each ``do_*`` is one atomic change that writes the audit log.

The public submissions (:func:`submit_with_code`, :func:`submit_open_link`,
:func:`submit_pilot`) deliberately write no audit entry: an entry carries a time and a
sequence number, and one per response would pair the arrival order with the code (the
ballots app does the same; see docs/surveys.md). Responses are accounted for by the seal
at closing (count and hash, audited).
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minping.accounts import audit, pii
from minping.accounts.models import User
from minping.campaigns.models import Campaign, Department, District
from minping.surveys import reports, scoring
from minping.surveys.models import (
    SATISFACTION_OPTIONS,
    CallAttempt,
    CallContact,
    CallList,
    Channel,
    CodeBatch,
    PaperEntry,
    Question,
    Receipt,
    Response,
    ResponseCode,
    Survey,
    is_well_formed,
    new_code,
    new_receipt_code,
    normalize_code,
    secret_digest,
)

MAX_CODES_PER_BATCH = 5000
LOCK_RETRIES = 40


class ActionError(Exception):
    """A refused write, with a Chinese message for the person who tried it."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class CodeProblem(ActionError):
    """A code that cannot answer: malformed, never issued, used on paper, not open."""


def _locked_refusal() -> ActionError:
    return ActionError(_("问卷已开始调查，设计已锁定，不能再修改。"), "locked")


# --- design -------------------------------------------------------------------------------

SURVEY_FIELDS = ["title", "intro", "opens_at", "closes_at", "open_link", "min_answers", "method"]

DEFAULT_METHOD = (
    "各部门得分＝该部门全部满意度评价题有效回答的平均分（满意100分、基本满意80分、不满意0分；"
    "“不了解”和未作答不计入有效回答），保留两位小数、四舍五入；满意率＝（满意＋基本满意）÷"
    "有效回答；有效回答少于最少有效回答数的不赋分。各渠道（扫码、开放链接、纸质、电话回访）"
    "答卷同等计算，试调查答卷不计。"
)


@transaction.atomic
def do_create_survey(actor: User, campaign: Campaign, values: dict[str, Any]) -> Survey:
    survey = Survey(campaign=campaign, method=DEFAULT_METHOD)
    for name in SURVEY_FIELDS:
        if name in values and values[name] is not None:
            setattr(survey, name, values[name])
    survey.save()
    audit.record(actor, "surveys.create", survey, after=audit.snapshot(survey, SURVEY_FIELDS))
    return survey


@transaction.atomic
def do_save_survey(actor: User, survey: Survey, values: dict[str, Any]) -> Survey:
    """Title, introduction, times, method. Once locked only the closing time may move."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    before = audit.snapshot(survey, SURVEY_FIELDS)
    editable = ["closes_at"] if survey.is_locked else SURVEY_FIELDS
    changed = [n for n in SURVEY_FIELDS if n in values and values[n] != getattr(survey, n)]
    if any(n not in editable for n in changed):
        raise _locked_refusal()
    for name in changed:
        setattr(survey, name, values[name])
    survey.save()
    audit.record(
        actor, "surveys.save", survey, before=before, after=audit.snapshot(survey, SURVEY_FIELDS)
    )
    return survey


QUESTION_FIELDS = [
    "order",
    "key",
    "section",
    "kind",
    "text",
    "help_text",
    "required",
    "max_picks",
    "options",
    "department",
    "area",
]


def _guard_design(survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_locked:
        raise _locked_refusal()
    return survey


@transaction.atomic
def do_save_question(
    actor: User, survey: Survey, question: Question | None, values: dict[str, Any]
) -> Question:
    survey = _guard_design(survey)
    if question is None:
        question = Question(survey=survey)
        before: dict[str, Any] = {}
    else:
        before = audit.snapshot(question, QUESTION_FIELDS)
    for name in QUESTION_FIELDS:
        if name in values:
            setattr(question, name, values[name])
    clash = Question.objects.filter(survey=survey, key=question.key).exclude(pk=question.pk)
    if clash.exists():
        raise ActionError(_("题目代码“%(key)s”已被使用。") % {"key": question.key}, "key")
    question.save()
    audit.record(
        actor,
        "surveys.save_question",
        question,
        before=before,
        after=audit.snapshot(question, QUESTION_FIELDS),
    )
    return question


@transaction.atomic
def do_delete_question(actor: User, question: Question) -> None:
    _guard_design(question.survey)
    before = audit.snapshot(question, QUESTION_FIELDS)
    audit.record(actor, "surveys.delete_question", question, before=before)
    question.delete()


# The standard questionnaire: overall satisfaction, one rating per area of work (tagged to the
# department that answers for it), three things to improve, a free-text suggestion.
STANDARD_AREAS: list[tuple[str, str, str]] = [
    ("教育", "市教育体育局", "您对本市教育（学校教育、入学、课后服务）工作是否满意？"),
    ("医疗卫生", "市卫生健康委员会", "您对本市医疗卫生服务（看病就医、公共卫生）是否满意？"),
    ("社会治安", "市公安局", "您对本市社会治安和公安服务是否满意？"),
    ("交通出行", "市交通运输局", "您对本市公共交通和道路出行是否满意？"),
    ("生态环境", "市生态环境局", "您对本市空气、水等生态环境质量是否满意？"),
    ("住房和城市建设", "市住房和城乡建设局", "您对本市住房保障和城市建设是否满意？"),
    ("就业和社会保障", "市人力资源和社会保障局", "您对本市就业服务和社会保障是否满意？"),
    ("政务服务", "市行政审批和政务服务局", "您对本市政务服务（办事效率、网上办理）是否满意？"),
    ("市场监管", "市市场监督管理局", "您对本市食品药品安全和市场秩序是否满意？"),
    ("城市管理", "市城市管理综合执法局", "您对本市市容环境和城市管理是否满意？"),
]
IMPROVEMENTS = [
    "就业和收入",
    "教育",
    "看病就医",
    "住房",
    "交通出行",
    "生态环境",
    "社会治安",
    "养老服务",
    "政务服务效率",
    "物价",
]


def standard_questions() -> list[dict[str, Any]]:
    """The default questionnaire (synthetic wording, modelled on the seeds' 民意调查问卷)."""
    out: list[dict[str, Any]] = [
        {
            "key": "district",
            "section": "基本情况",
            "kind": "single",
            "text": "您常住的旗区",
            "required": True,
            "options": [
                {"key": f"d{i}", "label": d.name}
                for i, d in enumerate(District.objects.filter(is_active=True), start=1)
            ]
            + [{"key": "other", "label": "其他"}],
        },
        {
            "key": "age",
            "section": "基本情况",
            "kind": "single",
            "text": "您的年龄段",
            "required": False,
            "options": [
                {"key": k, "label": label}
                for k, label in [
                    ("a18", "18–29岁"),
                    ("a30", "30–44岁"),
                    ("a45", "45–59岁"),
                    ("a60", "60岁及以上"),
                ]
            ],
        },
        {
            "key": "overall",
            "section": "总体评价",
            "kind": "rating",
            "text": "总体上，您对市政府及其工作部门过去一年的工作是否满意？",
            "required": True,
            "options": SATISFACTION_OPTIONS,
            "area": "总体",
        },
    ]
    for i, (area, department, text) in enumerate(STANDARD_AREAS, start=1):
        out.append(
            {
                "key": f"s{i}",
                "section": "分领域评价",
                "kind": "rating",
                "text": text,
                "required": True,
                "options": SATISFACTION_OPTIONS,
                "area": area,
                "department": Department.objects.filter(name=department).first(),
            }
        )
    out.append(
        {
            "key": "improve",
            "section": "意见建议",
            "kind": "multiple",
            "text": "您认为市政府明年最需要改进的三个方面是？",
            "help_text": "最多选3项",
            "required": False,
            "max_picks": 3,
            "options": [{"key": f"i{i}", "label": t} for i, t in enumerate(IMPROVEMENTS, 1)],
        }
    )
    out.append(
        {
            "key": "suggestion",
            "section": "意见建议",
            "kind": "text",
            "text": "您对市政府工作还有哪些意见和建议？",
            "required": False,
        }
    )
    return out


@transaction.atomic
def do_use_standard_template(actor: User, survey: Survey) -> list[Question]:
    """Replaces the survey's questions with the standard questionnaire (design only)."""
    survey = _guard_design(survey)
    removed = survey.questions.count()
    survey.questions.all().delete()
    created = []
    for order, values in enumerate(standard_questions(), start=1):
        created.append(
            Question.objects.create(
                survey=survey,
                order=order,
                **{k: v for k, v in values.items() if k in QUESTION_FIELDS},
            )
        )
    if not survey.method:
        survey.method = DEFAULT_METHOD
        survey.save(update_fields=["method"])
    audit.record(
        actor,
        "surveys.use_standard_template",
        survey,
        before={"questions": removed},
        after={"questions": len(created)},
    )
    return created


# --- state machine ------------------------------------------------------------------------


def _guard_transition(survey: Survey, to_state: str) -> None:
    if to_state not in Survey.ALLOWED.get(survey.state, set()):
        raise ActionError(
            _("问卷当前为“%(state)s”，不能执行此操作。") % {"state": survey.get_state_display()},
            "state",
        )
    if to_state in ("pilot", "open") and not survey.questions.exists():
        raise ActionError(_("问卷还没有题目。"), "empty")
    if to_state == "open" and survey.is_published:
        raise ActionError(_("结果已发布，不能重新开始调查。"), "published")


@transaction.atomic
def do_transition(actor: User | None, survey: Survey, to_state: str) -> Survey:
    """draft ⇄ pilot → open ⇄ closed. Opening wipes the pilot and locks the design;
    closing seals: rewrites the responses in hash order and records the root."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _guard_transition(survey, to_state)
    before = survey.state
    after: dict[str, Any] = {"state": to_state}
    if to_state == "open" and not survey.is_locked:
        wiped, _kinds = Response.objects.filter(survey=survey, pilot=True).delete()
        survey.locked_at = timezone.now()
        after["pilot_wiped"] = wiped
    if to_state == "draft":
        wiped, _kinds = Response.objects.filter(survey=survey, pilot=True).delete()
        after["pilot_wiped"] = wiped
    if to_state == "closed":
        if PaperEntry.objects.filter(survey=survey).exists():
            raise ActionError(
                _("还有未完成（待第二次录入或待复核）的纸质问卷，不能结束调查。"), "pending_paper"
            )
        survey.sealed_root = _reseal(survey)
        after["sealed_root"] = survey.sealed_root
        after["responses"] = Response.objects.filter(survey=survey, pilot=False).count()
        survey.state = to_state
        survey.manifest_digest = reports.export_zip(survey)[1]
        after["manifest_digest"] = survey.manifest_digest
    if to_state == "open":
        survey.sealed_root = ""
        survey.manifest_digest = ""
    survey.state = to_state
    survey.save()
    audit.record(actor, f"surveys.{to_state}", survey, before={"state": before}, after=after)
    return survey


def _checkpoint_wal() -> None:
    # PASSIVE never waits for other connections (answers of other surveys may be arriving).
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _reseal(survey: Survey) -> str:
    """Deletes and re-inserts the responses sorted by their hash, so that neither SQLite's
    rowid nor PostgreSQL's physical order keeps the arrival order; returns the root."""
    rows = list(Response.objects.filter(survey=survey, pilot=False).select_related("district"))
    keyed = sorted(((scoring.response_hash(r.record()), r) for r in rows), key=lambda p: p[0])
    if connection.vendor == "sqlite":
        # Deleted pages are zeroed, and once the seal committed the WAL (page images in
        # arrival order) is checkpointed; `manage.py closesurveys` also truncates it.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
        transaction.on_commit(_checkpoint_wal)
    Response.objects.filter(survey=survey, pilot=False).delete()
    Response.objects.bulk_create(
        [
            Response(
                id=r.pk,
                survey=survey,
                channel=r.channel,
                district_id=r.district_id,
                hour=r.hour,
                answers=r.answers,
            )
            for _h, r in keyed
        ],
        batch_size=1000,
    )
    return scoring.responses_root(h for h, _r in keyed)


# --- codes --------------------------------------------------------------------------------


@transaction.atomic
def do_issue_codes(
    actor: User, survey: Survey, *, label: str, count: int, district: District | None
) -> CodeBatch:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.state == Survey.State.CLOSED:
        raise ActionError(_("调查已结束，不能再生成调查码。"), "closed")
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ActionError(_("每批数量须在1到5000之间。"), "count")
    number = (survey.batches.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    batch = CodeBatch.objects.create(
        survey=survey,
        number=number,
        label=label,
        district=district,
        count=count,
        created_by=actor,
    )
    codes = {new_code() for _i in range(count)}
    while len(codes) < count:
        codes.add(new_code())
    ResponseCode.objects.bulk_create(
        [ResponseCode(code=c, survey=survey, batch=batch) for c in codes], batch_size=1000
    )
    audit.record(
        actor,
        "surveys.issue_codes",
        survey,
        after={"batch": number, "label": label, "count": count},
    )
    return batch


def code_for_answering(raw_code: str) -> ResponseCode:
    """The code behind a typed or scanned text, or a :class:`CodeProblem` saying why not.
    A used code is returned as is (``code.used``): the caller shows its receipt."""
    code = normalize_code(raw_code)
    if not code:
        raise CodeProblem(_("请输入调查码。"), "empty")
    if not is_well_formed(code):
        raise CodeProblem(
            _("调查码格式不正确，请核对10位字母数字（不含0、1、I、L、O）。"), "malformed"
        )
    found = (
        ResponseCode.objects.select_related("survey", "batch", "survey__campaign")
        .filter(code=code)
        .first()
    )
    if found is None:
        raise CodeProblem(_("调查码无效：没有发放过这个调查码。"), "forged")
    if found.used:
        return found
    check_open(found.survey)
    return found


def check_open(survey: Survey) -> None:
    """Raises a :class:`CodeProblem` unless the survey takes answers now."""
    if survey.state in (Survey.State.DRAFT, Survey.State.PILOT) or (
        survey.opens_at and timezone.now() < survey.opens_at
    ):
        raise CodeProblem(_("调查尚未开始，请在调查开始后再填写。"), "not_open")
    if not survey.accepts_answers():
        raise CodeProblem(_("调查已结束，感谢您的关注。"), "closed")


@dataclass(frozen=True)
class Submitted:
    receipt: str
    repeated: bool  # the code had already answered: nothing new was stored


def _hour(now: dt.datetime) -> dt.datetime:
    return now.replace(minute=0, second=0, microsecond=0)


def _problems(survey: Survey, answers: dict[str, Any]) -> list[str]:
    return scoring.answer_problems(survey.core_questions(), answers)


def _with_retries(func: Any, *args: Any) -> Any:
    """SQLite may report a lock instead of waiting; each attempt rolled back whole."""
    for attempt in range(LOCK_RETRIES):
        try:
            return func(*args)
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(0.005 * (attempt + 1))
    raise AssertionError("unreachable")


def submit_with_code(
    raw_code: str,
    answers: dict[str, Any],
    *,
    code: ResponseCode | None = None,
    questions: list[scoring.Question] | None = None,
) -> Submitted:
    """Marks the code used and stores its response in one transaction; a retry with the same
    code (a lost reply) is answered with the same receipt, as a success.

    ``code``: the row the caller just loaded with :func:`code_for_answering`, ``questions``
    its survey's questions (both save a query; a retry after a lock reads them afresh).
    """
    for attempt in range(LOCK_RETRIES):
        try:
            return _submit_once(raw_code, answers, code, questions)
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(0.005 * (attempt + 1))
            code = None
    raise AssertionError("unreachable")


def _submit_once(
    raw_code: str,
    answers: dict[str, Any],
    code: ResponseCode | None,
    questions: list[scoring.Question] | None,
) -> Submitted:
    if code is None or code.code != normalize_code(raw_code):
        code = code_for_answering(raw_code)
    digest = secret_digest(code.code)
    if not code.used:
        core = questions if questions is not None else code.survey.core_questions()
        if scoring.answer_problems(core, answers):
            raise ActionError(_("答卷内容与问卷不符，请刷新页面后重新填写。"), "invalid")
        with transaction.atomic():
            consumed = ResponseCode.objects.filter(code=code.code, used=False).update(used=True)
            if consumed == 1:
                Response.objects.create(
                    survey=code.survey,
                    channel=Channel.CODE,
                    district_id=code.batch.district_id,
                    hour=_hour(timezone.now()),
                    answers=answers,
                )
                receipt = new_receipt_code()
                Receipt.objects.create(secret_digest=digest, survey=code.survey, code=receipt)
                return Submitted(receipt, repeated=False)
    existing = Receipt.objects.filter(secret_digest=digest).values_list("code", flat=True).first()
    if existing is None:
        raise CodeProblem(_("这个调查码已用于纸质问卷，不能再在网上填写。"), "used_on_paper")
    return Submitted(existing, repeated=True)


def receipt_for_nonce(survey: Survey, nonce: str) -> str | None:
    if not nonce:
        return None
    return (
        Receipt.objects.filter(secret_digest=secret_digest(f"{survey.pk}:{nonce}"))
        .values_list("code", flat=True)
        .first()
    )


def submit_open_link(survey: Survey, nonce: str, answers: dict[str, Any]) -> Submitted:
    """One response per browser: the browser's random nonce (a cookie) keys the receipt."""
    if not survey.open_link:
        raise CodeProblem(_("本问卷不接受开放链接填写，请使用调查码。"), "no_link")
    check_open(survey)
    existing = receipt_for_nonce(survey, nonce)
    if existing:
        return Submitted(existing, repeated=True)
    if _problems(survey, answers):
        raise ActionError(_("答卷内容与问卷不符，请刷新页面后重新填写。"), "invalid")

    def once() -> Submitted:
        with transaction.atomic():
            receipt = new_receipt_code()
            try:
                with transaction.atomic():
                    Receipt.objects.create(
                        secret_digest=secret_digest(f"{survey.pk}:{nonce}"),
                        survey=survey,
                        code=receipt,
                    )
            except IntegrityError:
                return Submitted(receipt_for_nonce(survey, nonce) or "", repeated=True)
            Response.objects.create(
                survey=survey,
                channel=Channel.LINK,
                hour=_hour(timezone.now()),
                answers=answers,
            )
            return Submitted(receipt, repeated=False)

    return _with_retries(once)  # type: ignore[no-any-return]  # once returns Submitted


def submit_pilot(survey: Survey, answers: dict[str, Any]) -> None:
    """A test answer during 试调查: stored apart (pilot) and wiped before going live."""
    if survey.state != Survey.State.PILOT:
        raise CodeProblem(_("问卷不在试调查阶段。"), "not_pilot")
    if _problems(survey, answers):
        raise ActionError(_("答卷内容与问卷不符，请刷新页面后重新填写。"), "invalid")
    Response.objects.create(survey=survey, channel=Channel.LINK, pilot=True, answers=answers)


# --- paper questionnaires -----------------------------------------------------------------


@dataclass(frozen=True)
class PaperOutcome:
    state: str  # "waiting" (first keying), "counted" (keyings agree), "mismatch"


def _paper_code(survey: Survey, raw_code: str) -> ResponseCode:
    code = normalize_code(raw_code)
    if not is_well_formed(code):
        raise CodeProblem(_("调查码格式不正确，请核对问卷上印的调查码。"), "malformed")
    found = ResponseCode.objects.select_related("batch").filter(code=code).first()
    if found is None or found.survey_id != survey.pk:
        raise CodeProblem(_("调查码无效：本问卷没有发放过这个调查码。"), "forged")
    if found.used:
        raise CodeProblem(_("这个调查码已经计入（网上或纸质），不能重复录入。"), "used")
    return found


def _store_paper(survey: Survey, code: ResponseCode, answers: dict[str, Any]) -> None:
    consumed = ResponseCode.objects.filter(code=code.code, used=False).update(used=True)
    if consumed != 1:
        raise CodeProblem(_("这个调查码已经计入（网上或纸质），不能重复录入。"), "used")
    Response.objects.create(
        survey=survey, channel=Channel.PAPER, district_id=code.batch.district_id, answers=answers
    )
    PaperEntry.objects.filter(survey=survey, code=code.code).delete()


@transaction.atomic
def do_enter_paper(
    actor: User, survey: Survey, raw_code: str, answers: dict[str, Any]
) -> PaperOutcome:
    """One operator keys one paper questionnaire; two different operators must agree."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.state not in (Survey.State.OPEN, Survey.State.CLOSED) or not survey.is_locked:
        raise ActionError(_("只有调查开始后才能录入纸质问卷。"), "state")
    if survey.state == Survey.State.CLOSED:
        raise ActionError(_("调查已结束封存，请重新开始调查后再录入。"), "state")
    code = _paper_code(survey, raw_code)
    if _problems(survey, answers):
        raise ActionError(_("录入内容与问卷不符。"), "invalid")
    entries = list(PaperEntry.objects.filter(survey=survey, code=code.code))
    if any(e.operator_id == actor.pk for e in entries):
        raise ActionError(_("您已录入过这份问卷，须由另一名录入员再次录入。"), "same_operator")
    if len(entries) >= 2:
        raise ActionError(_("这份问卷两次录入不一致，正等待复核。"), "awaiting_review")
    PaperEntry.objects.create(survey=survey, code=code.code, operator=actor, answers=answers)
    audit.record(actor, "surveys.paper_entry", survey, after={"entry": len(entries) + 1})
    if not entries:
        return PaperOutcome("waiting")
    if scoring.canonical_bytes(entries[0].answers) == scoring.canonical_bytes(answers):
        _store_paper(survey, code, answers)
        audit.record(actor, "surveys.paper_counted", survey, after={"keyings": 2})
        return PaperOutcome("counted")
    return PaperOutcome("mismatch")


@transaction.atomic
def do_resolve_paper(actor: User, survey: Survey, raw_code: str, answers: dict[str, Any]) -> None:
    """A third person, neither of the two operators, keys what the paper says."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    code = _paper_code(survey, raw_code)
    entries = list(PaperEntry.objects.filter(survey=survey, code=code.code))
    if len(entries) < 2:
        raise ActionError(_("这份问卷没有待复核的不一致录入。"), "nothing_to_resolve")
    if any(e.operator_id == actor.pk for e in entries):
        raise ActionError(_("复核须由两名录入员以外的第三人进行。"), "same_operator")
    if _problems(survey, answers):
        raise ActionError(_("录入内容与问卷不符。"), "invalid")
    _store_paper(survey, code, answers)
    audit.record(actor, "surveys.paper_resolved", survey, after={"keyings": 3})


# --- phone callbacks ----------------------------------------------------------------------


@transaction.atomic
def do_create_call_list(
    actor: User,
    survey: Survey,
    *,
    name: str,
    source: str,
    people: Iterable[tuple[str, Any, District | None]],
) -> CallList:
    """A call list from (name, phone, district) rows; a phone may be a plain text or the
    encrypted value read from another table (copied sealed, never decrypted here)."""
    call_list = CallList.objects.create(survey=survey, name=name, source=source, created_by=actor)
    contacts = [
        CallContact(call_list=call_list, position=i, name=n, phone=p, district=d)
        for i, (n, p, d) in enumerate(people, start=1)
    ]
    CallContact.objects.bulk_create(contacts, batch_size=1000)
    audit.record(
        actor,
        "surveys.create_call_list",
        call_list,
        after={"source": source, "contacts": len(contacts)},
    )
    return call_list


def representatives_for_calls(campaign: Campaign) -> list[tuple[str, Any, District | None]]:
    """Seated representatives of the campaign: name, sealed phone, district (read-only)."""
    from minping.selection.models import Representative  # read-only use, allowed for callbacks

    rows = []
    for rep in (
        Representative.objects.filter(
            session__campaign=campaign,
            status__in=[Representative.Status.SELECTED, Representative.Status.PROMOTED],
        )
        .select_related("entry", "volunteer", "venue__district")
        .order_by("pk")
    ):
        source = rep.source()
        phone = source.phone if source is not None else ""
        if phone:
            rows.append((rep.name, phone, rep.venue.district))
    return rows


def new_seed() -> str:
    return str(secrets.randbelow(10**12))


def sample_positions(positions: list[int], size: int, seed: str) -> list[int]:
    """The positions drawn, in calling order: ``random.Random(seed)`` over the sorted list,
    so anyone with the list and the seed draws the same people in the same order."""
    rng = random.Random(seed)  # noqa: S311 - a published, reproducible draw, not a secret
    ordered = sorted(positions)
    return rng.sample(ordered, min(size, len(ordered)))


@transaction.atomic
def do_draw_sample(actor: User, call_list: CallList, size: int, seed: str) -> list[int]:
    call_list = CallList.objects.select_for_update().get(pk=call_list.pk)
    if call_list.drawn_at is not None:
        raise ActionError(_("已经抽取过样本，不能重新抽取。"), "drawn")
    if size < 1:
        raise ActionError(_("抽取人数须大于0。"), "size")
    positions = list(call_list.contacts.values_list("position", flat=True))
    drawn = sample_positions(positions, size, seed)
    rank_of = {p: i for i, p in enumerate(drawn, start=1)}
    contacts = list(call_list.contacts.filter(position__in=drawn))
    for contact in contacts:
        contact.sample_rank = rank_of[contact.position]
    CallContact.objects.bulk_update(contacts, ["sample_rank"], batch_size=1000)
    call_list.seed = seed
    call_list.sample_size = len(drawn)
    call_list.drawn_at = timezone.now()
    call_list.save(update_fields=["seed", "sample_size", "drawn_at"])
    audit.record(
        actor,
        "surveys.draw_sample",
        call_list,
        after={"seed": seed, "size": len(drawn), "population": len(positions)},
    )
    return drawn


@transaction.atomic
def do_reveal_phone(actor: User, contact: CallContact) -> str:
    """The number in the clear, for dialling: logged by pii.reveal and in the audit log."""
    audit.record(actor, "surveys.reveal_phone", contact)
    return pii.reveal(contact, "phone", actor, "电话回访拨号")


@transaction.atomic
def do_record_call(actor: User, contact: CallContact, outcome: str, note: str = "") -> CallContact:
    contact = CallContact.objects.select_for_update().get(pk=contact.pk)
    if outcome not in CallContact.Outcome.values or outcome == CallContact.Outcome.PENDING:
        raise ActionError(_("请选择回访结果。"), "outcome")
    if contact.sample_rank is None:
        raise ActionError(_("此人不在抽中的样本中。"), "not_sampled")
    if contact.is_done():
        raise ActionError(_("此人的回访已经结束。"), "done")
    now = timezone.now().replace(second=0, microsecond=0)
    before = {"outcome": contact.outcome, "attempts": contact.attempts}
    CallAttempt.objects.create(
        contact=contact, outcome=outcome, called_at=now, interviewer=actor, note=note
    )
    contact.outcome = outcome
    contact.attempts += 1
    contact.last_called_at = now
    contact.interviewer = actor
    contact.save(update_fields=["outcome", "attempts", "last_called_at", "interviewer"])
    audit.record(
        actor,
        "surveys.record_call",
        contact,
        before=before,
        after={"outcome": outcome, "attempts": contact.attempts},
    )
    return contact


@transaction.atomic
def do_enter_phone_response(actor: User, contact: CallContact, answers: dict[str, Any]) -> None:
    """The answers a reached person gave on the phone, stored as an anonymous response:
    the response holds no contact, no interviewer and no time; the contact only learns
    that its answers were entered."""
    contact = (
        CallContact.objects.select_for_update()
        .select_related("call_list__survey")
        .get(pk=contact.pk)
    )
    survey = contact.call_list.survey
    if contact.outcome != CallContact.Outcome.REACHED:
        raise ActionError(_("只有接通的回访才能录入答卷。"), "not_reached")
    if contact.answered:
        raise ActionError(_("此人的答卷已经录入。"), "answered")
    if not survey.accepts_answers():
        raise ActionError(_("调查不在进行中，不能录入答卷。"), "closed")
    if _problems(survey, answers):
        raise ActionError(_("录入内容与问卷不符。"), "invalid")
    Response.objects.create(
        survey=survey, channel=Channel.PHONE, district_id=contact.district_id, answers=answers
    )
    contact.answered = True
    contact.save(update_fields=["answered"])
    audit.record(actor, "surveys.phone_response", contact, after={"answered": True})


# --- publication --------------------------------------------------------------------------


@transaction.atomic
def do_publish(actor: User, survey: Survey, manifest_digest: str) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_published:
        raise ActionError(_("结果已经发布。"), "published")
    if survey.state != Survey.State.CLOSED:
        raise ActionError(_("调查结束并封存后才能发布结果。"), "not_closed")
    survey.published_at = timezone.now()
    survey.manifest_digest = manifest_digest
    survey.save(update_fields=["published_at", "manifest_digest"])
    audit.record(
        actor,
        "surveys.publish",
        survey,
        after={"manifest_digest": manifest_digest, "sealed_root": survey.sealed_root},
    )
    return survey
