"""Read side: counts, per-question distributions, scores, the sealed export and Excel."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from minping.lib.excel import write_xlsx
from minping.surveys import scoring
from minping.surveys import verify as files
from minping.surveys.models import (
    CallContact,
    CallList,
    Channel,
    Question,
    Receipt,
    Response,
    Survey,
)


def counted(survey: Survey) -> QuerySet[Response]:
    """The responses that count: every channel, never the pilot."""
    return Response.objects.filter(survey=survey, pilot=False)


def channel_counts(survey: Survey) -> list[tuple[str, int]]:
    found = dict(counted(survey).values_list("channel").annotate(n=Count("pk")))
    return [(str(label), found.get(value, 0)) for value, label in Channel.choices]


def district_counts(survey: Survey) -> list[tuple[str, int]]:
    rows = (
        counted(survey)
        .values_list("district__name")
        .annotate(n=Count("pk"))
        .order_by("district__order")
    )
    return [(name or str(_("未分旗区")), n) for name, n in rows]


@dataclass(frozen=True)
class Distribution:
    question: Question
    answered: int
    rows: list[tuple[str, int, str]]  # (label, count, percent of answered)
    texts: int  # number of free-text answers (text questions)


def answers_of(survey: Survey) -> list[dict[str, Any]]:
    return list(counted(survey).values_list("answers", flat=True))


def distributions(
    survey: Survey, answers: list[dict[str, Any]] | None = None
) -> list[Distribution]:
    answers = answers_of(survey) if answers is None else answers
    out = []
    for question in survey.questions.all():
        tally: Counter[str] = Counter()
        answered = 0
        for a in answers:
            value = a.get(question.key)
            if value in (None, "", []):
                continue
            answered += 1
            if isinstance(value, list):
                tally.update(value)
            elif question.kind != "text":
                tally[str(value)] += 1
        rows = [
            (o["label"], tally[o["key"]], _percent(tally[o["key"]], answered))
            for o in question.options
        ]
        out.append(
            Distribution(question, answered, rows, answered if question.kind == "text" else 0)
        )
    return out


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else "—"


def scores(survey: Survey, answers: list[dict[str, Any]] | None = None) -> list[scoring.ScoreRow]:
    answers = answers_of(survey) if answers is None else answers
    return scoring.compute_scores(
        survey.core_questions(),
        ({"answers": a} for a in answers),
        names=survey.department_names(),
        min_answers=survey.min_answers,
    )


def free_texts(survey: Survey, query: str = "") -> list[tuple[str, str]]:
    """(question, text) for every free-text answer, optionally containing ``query``."""
    keys = {q.key: q.text for q in survey.questions.filter(kind="text")}
    out = []
    for answers in counted(survey).order_by("pk").values_list("answers", flat=True):
        for key, text in keys.items():
            value = answers.get(key)
            if isinstance(value, str) and value.strip() and (not query or query in value):
                out.append((text, value))
    return out


def callback_progress(call_list: CallList) -> dict[str, Any]:
    sampled = call_list.contacts.filter(sample_rank__isnull=False)
    outcomes = dict(sampled.values_list("outcome").annotate(n=Count("pk")))
    total = sampled.count()
    answered = sampled.filter(answered=True).count()
    done = sum(1 for c in sampled.only("outcome", "attempts") if c.is_done())
    return {
        "total": total,
        "done": done,
        "answered": answered,
        "rate": _percent(answered, total),
        "outcomes": [
            (str(label), outcomes.get(value, 0)) for value, label in CallContact.Outcome.choices
        ],
    }


# --- the sealed export --------------------------------------------------------------------


def survey_document(survey: Survey) -> dict[str, Any]:
    return {
        "schema": scoring.SCHEMA,
        "campaign": survey.campaign.year,
        "survey": survey.pk,
        "title": survey.title,
        "method": {"text": survey.method, "min_answers": survey.min_answers},
        "departments": survey.department_names(),
        "questions": [scoring.question_to_dict(q) for q in survey.core_questions()],
    }


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def export_files(survey: Survey) -> dict[str, bytes]:
    """The export's files by name; ``manifest.json`` lists every other file's SHA-256."""
    questions = list(survey.questions.all())
    records = sorted(
        (r.record() for r in counted(survey).select_related("district")),
        key=scoring.response_hash,
    )
    hashes = [scoring.response_hash(r) for r in records]
    rows = scoring.compute_scores(
        survey.core_questions(),
        records,
        names=survey.department_names(),
        min_answers=survey.min_answers,
    )
    out: dict[str, bytes] = {}
    out[files.SURVEY] = scoring.canonical_bytes(survey_document(survey))
    out[files.RESPONSES] = b"".join(scoring.canonical_bytes(r) + b"\n" for r in records)
    out[files.RESPONSES_CSV] = _csv(
        ["id", "channel", "district", *[q.key for q in questions]],
        [
            [
                r["id"],
                r["channel"],
                r["district"],
                *[_cell(r["answers"].get(q.key)) for q in questions],
            ]
            for r in records
        ],
    )
    codes = sorted(Receipt.objects.filter(survey=survey).values_list("code", flat=True))
    out[files.RECEIPTS] = "".join(f"{c}\n" for c in codes).encode()
    out[files.SCORES] = scoring.canonical_bytes(
        {"responses": len(records), "rows": [r.as_dict() for r in rows]}
    )
    out[files.SCORES_CSV] = _csv(
        ["kind", "id", "name", "valid", "excluded", "score", "satisfaction_rate", "rank"],
        [
            [r.target.kind, r.target.id, r.target.name, r.valid, r.excluded, r.score or "",
             r.satisfaction_rate or "", r.rank or ""]
            for r in rows
        ],
    )  # fmt: skip
    manifest = {
        "schema": scoring.SCHEMA,
        "survey": survey.pk,
        "responses": len(records),
        "root": scoring.responses_root(hashes),
        "files": {name: scoring.sha256_hex(data) for name, data in sorted(out.items())},
        "verify": "python -m minping.surveys.verify export.zip",
    }
    out[files.MANIFEST] = json.dumps(
        manifest, ensure_ascii=False, indent=2, sort_keys=True
    ).encode()
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def export_zip(survey: Survey) -> tuple[bytes, str]:
    """The export as a zip, and the SHA-256 of its manifest (shown with the results)."""
    data = export_files(survey)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(data):
            info = zipfile.ZipInfo(f"survey-export/{name}", date_time=(2000, 1, 1, 0, 0, 0))
            archive.writestr(info, data[name], compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue(), scoring.sha256_hex(data[files.MANIFEST])


# --- Excel --------------------------------------------------------------------------------


def responses_xlsx(survey: Survey) -> bytes:
    """Every counted response as an anonymous row (labels, not keys), plus the summary."""
    questions = list(survey.questions.all())
    labels = {q.key: q.option_labels() for q in questions}

    def text(q: Question, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, list):
            return "；".join(str(labels[q.key].get(v, v)) for v in value)
        return labels[q.key].get(value, value) if q.kind != "text" else str(value)

    rows: list[list[object]] = [
        [str(Channel(r.channel).label), r.district.name if r.district else "",
         *[text(q, r.answers.get(q.key)) for q in questions]]
        for r in counted(survey).select_related("district").order_by("pk")
    ]  # fmt: skip
    header = [_("渠道"), _("旗区"), *[f"{i}. {q.text}" for i, q in enumerate(questions, start=1)]]
    sheets: dict[str, tuple[list[str], list[list[object]]]] = {_("答卷"): (header, rows)}
    sheets.update(summary_sheets(survey))
    return write_xlsx(sheets)


def summary_sheets(survey: Survey) -> dict[str, tuple[list[str], list[list[object]]]]:
    answers = answers_of(survey)
    score_rows: list[list[object]] = [
        [r.rank or "", r.target.name, r.valid, r.excluded, r.score or _("不足最少回答数"),
         r.satisfaction_rate or ""]
        for r in scores(survey, answers)
    ]  # fmt: skip
    dist_rows: list[list[object]] = []
    for d in distributions(survey, answers):
        for label, count, percent in d.rows:
            dist_rows.append([d.question.key, d.question.text, label, count, percent])
    return {
        _("得分"): (
            [_("名次"), _("部门或领域"), _("有效回答"), _("不了解"), _("得分"), _("满意率（%）")],
            score_rows,
        ),
        _("分布"): ([_("题目代码"), _("题目"), _("选项"), _("人数"), _("占比（%）")], dist_rows),
    }


def summary_xlsx(survey: Survey) -> bytes:
    return write_xlsx(summary_sheets(survey))
