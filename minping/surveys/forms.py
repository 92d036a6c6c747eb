"""Forms of the surveys app: design, codes, the answering form, paper entry, callbacks."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minping.campaigns.models import Department, District
from minping.surveys.models import CallContact, Question, Survey

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("问卷标题"), max_length=200)
    intro = forms.CharField(
        label=_("问卷说明"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    opens_at = forms.DateTimeField(label=_("开始时间"), required=False, widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("截止时间"), required=False, widget=DATETIME)
    open_link = forms.BooleanField(
        label=_("开放链接（政府网站，每个浏览器限答一次）"), required=False
    )
    min_answers = forms.IntegerField(
        label=_("赋分最少有效回答数"),
        min_value=1,
        max_value=10000,
        initial=30,
        help_text=_("有效回答少于此数的部门不赋分。"),
    )
    method = forms.CharField(
        label=_("赋分办法（随结果公布）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("截止时间须晚于开始时间。"))
        return data

    @staticmethod
    def initial_for(survey: Survey) -> dict[str, Any]:
        return {
            "title": survey.title,
            "intro": survey.intro,
            "opens_at": survey.opens_at,
            "closes_at": survey.closes_at,
            "open_link": survey.open_link,
            "min_answers": survey.min_answers,
            "method": survey.method,
        }


OPTION_HELP = _(
    "每行一个选项。满意度评价题写“选项|分值|+”，例如“满意|100|+”“不满意|0”“不了解”："
    "分值为赋分权重，“+”表示计入满意率，不写分值的选项不计入有效回答。"
)


class QuestionForm(forms.Form):
    order = forms.IntegerField(label=_("序号"), min_value=0, max_value=999)
    key = forms.SlugField(
        label=_("题目代码"),
        max_length=20,
        help_text=_("英文字母或数字，如 q5，用于导出文件。"),
    )
    section = forms.CharField(label=_("所属部分"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("题型"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("题目"), max_length=300)
    help_text = forms.CharField(label=_("填写说明"), max_length=200, required=False)
    required = forms.BooleanField(label=_("必答"), required=False)
    max_picks = forms.IntegerField(
        label=_("最多可选（多选题，0为不限）"), min_value=0, max_value=50, initial=0
    )
    options_text = forms.CharField(
        label=_("选项"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=OPTION_HELP,
    )
    department = forms.ModelChoiceField(
        label=_("评价部门（满意度题计入该部门得分）"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
    )
    area = forms.CharField(label=_("工作领域"), max_length=40, required=False)

    def __init__(self, *args: Any, existing: Question | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing = existing

    def clean_options_text(self) -> list[dict[str, Any]]:
        old_keys = {o["label"]: o["key"] for o in (self.existing.options if self.existing else [])}
        options: list[dict[str, Any]] = []
        for number, raw in enumerate(self.cleaned_data["options_text"].splitlines(), start=1):
            line = raw.strip()
            if not line:
                continue
            parts = [p.strip() for p in re.split(r"[|｜]", line)]
            label = parts[0]
            weight: int | None = None
            if len(parts) > 1 and parts[1]:
                if not re.fullmatch(r"\d{1,3}", parts[1]) or int(parts[1]) > 100:
                    raise forms.ValidationError(
                        _("第%(n)d行：分值须为0到100的整数。") % {"n": number}
                    )
                weight = int(parts[1])
            if not label or any(o["label"] == label for o in options):
                raise forms.ValidationError(
                    _("第%(n)d行：选项为空或与前面的选项重复。") % {"n": number}
                )
            key = old_keys.get(label) or f"o{len(options) + 1}"
            while any(o["key"] == key for o in options):
                key += "x"
            options.append(
                {
                    "key": key,
                    "label": label,
                    "weight": weight,
                    "satisfied": len(parts) > 2 and parts[2] == "+",
                }
            )
        return options

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        options = data.get("options_text") or []
        if kind in ("single", "multiple", "rating") and len(options) < 2:
            self.add_error("options_text", _("选择题至少需要两个选项。"))
        if kind == "rating" and not any(o["weight"] is not None for o in options):
            self.add_error("options_text", _("满意度评价题至少一个选项要有分值。"))
        if kind != "rating" and (data.get("department") or data.get("area")):
            self.add_error("department", _("只有满意度评价题可以指定评价部门或工作领域。"))
        return data

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["options"] = data.pop("options_text") if data.get("kind") != "text" else []
        return data

    @staticmethod
    def initial_for(question: Question) -> dict[str, Any]:
        lines = []
        for o in question.options:
            weight = "" if o.get("weight") is None else str(o["weight"])
            parts = [o["label"], weight, "+" if o.get("satisfied") else ""]
            lines.append("|".join(parts).rstrip("|"))
        return {
            "order": question.order,
            "key": question.key,
            "section": question.section,
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "max_picks": question.max_picks,
            "options_text": "\n".join(lines),
            "department": question.department_id,
            "area": question.area,
        }


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=Survey.State.choices)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("我已核对，确认执行"), required=True)


class IssueCodesForm(forms.Form):
    label = forms.CharField(
        label=_("发放对象"),
        max_length=100,
        help_text=_("例如：东胜区分会场、政府网站、社区入户。"),
    )
    district = forms.ModelChoiceField(
        label=_("旗区（可不选）"), queryset=District.objects.filter(is_active=True), required=False
    )
    count = forms.IntegerField(label=_("数量"), min_value=1, max_value=5000, initial=500)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("调查码"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ResponseForm(forms.Form):
    """The questionnaire itself: one field per question, in order, grouped by section."""

    def __init__(
        self, *args: Any, questions: list[Question], enforce_required: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, q in enumerate(questions, start=1):
            required = q.required and enforce_required
            label = f"{number}. {q.text}"
            choices = [(o["key"], o["label"]) for o in q.options]
            field: forms.Field
            if q.kind in ("single", "rating"):
                field = forms.ChoiceField(
                    label=label, choices=choices, required=required, widget=forms.RadioSelect
                )
            elif q.kind == "multiple":
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    required=required,
                    widget=forms.CheckboxSelectMultiple,
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=required,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            field.error_messages["required"] = _("这道题必须回答。")
            field.help_text = q.help_text
            self.fields[q.key] = field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for q in self.questions:
            picks = data.get(q.key)
            if q.kind == "multiple" and q.max_picks and picks and len(picks) > q.max_picks:
                self.add_error(q.key, _("最多选择%(n)d项。") % {"n": q.max_picks})
        return data

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for q in self.questions:
            value = self.cleaned_data.get(q.key)
            if isinstance(value, str):
                value = value.strip()
            if value not in (None, "", []):
                out[q.key] = list(value) if isinstance(value, list) else value
        return out

    def sections(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for q in self.questions:
            if not out or out[-1]["title"] != q.section:
                out.append({"title": q.section, "fields": []})
            out[-1]["fields"].append(self[q.key])
        return out


class PaperForm(ResponseForm):
    """A paper questionnaire as keyed: its printed code, then what the paper says."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, questions=questions, enforce_required=False, **kwargs)
        code = forms.CharField(label=_("问卷上印的调查码"), max_length=32)
        self.fields = {"paper_code": code, **self.fields}


class CallListForm(forms.Form):
    name = forms.CharField(label=_("名单名称"), max_length=100)
    source = forms.ChoiceField(
        label=_("来源"),
        choices=[
            ("representatives", _("本年度入选的市民代表")),
            ("upload", _("上传名单（Excel/CSV：姓名、电话、旗区）")),
        ],
    )
    upload = forms.FileField(label=_("名单文件"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == "upload" and not data.get("upload"):
            self.add_error("upload", _("请选择要上传的名单文件。"))
        return data


class DrawForm(forms.Form):
    size = forms.IntegerField(label=_("抽取人数"), min_value=1, max_value=100000, initial=300)
    seed = forms.CharField(
        label=_("随机种子（留空则自动生成并记录）"),
        max_length=64,
        required=False,
        help_text=_("公开种子和名单，任何人都能重新抽出同样的人、同样的顺序。"),
    )


class CallOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("回访结果"),
        choices=[c for c in CallContact.Outcome.choices if c[0] != "pending"],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("搜索"), max_length=50, required=False)
