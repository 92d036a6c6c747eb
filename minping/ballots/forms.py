"""Forms of the ballots app: the design, the ballot itself (phone and paper), staff actions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minping.ballots.models import (
    DEFAULT_CHOICES,
    DISCIPLINE_CHOICES,
    BallotDesign,
    Status,
    is_well_formed,
    normalize_code,
    shown,
)

YES = {"是", "y", "yes", "1", "true", "计入"}


def _choices_text(design: BallotDesign) -> str:
    return "\n".join(
        f"{c['label']},{c['weight']},{'是' if c['satisfied'] else '否'}" for c in design.choices
    )


def _criteria_text(design: BallotDesign) -> str:
    return "\n".join(f"{c['label']},{c['weight']}" for c in design.criteria)


def _questionnaire_text(design: BallotDesign) -> str:
    lines = []
    for item in design.questionnaire:
        options = "/".join(o["label"] for o in item.get("options", []))
        default = "/".join(o["label"] for o in DISCIPLINE_CHOICES)
        lines.append(item["text"] if options == default else f"{item['text']}|{options}")
    return "\n".join(lines)


class DesignForm(forms.Form):
    scale = forms.ChoiceField(
        label=_("评价方式"), choices=BallotDesign.Scale.choices, widget=forms.RadioSelect
    )
    choices_text = forms.CharField(
        label=_("评价等级（每行：名称,分值,是否计入满意）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("例如：满意,100,是。仅在“等级评价”时使用。"),
    )
    criteria_text = forms.CharField(
        label=_("分项（每行：名称,权重），每项0–100分"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    satisfied_at = forms.IntegerField(
        label=_("打分时计为满意的最低分"), min_value=0, max_value=100, initial=60
    )
    allow_opinion = forms.BooleanField(label=_("允许对每个部门填写意见建议"), required=False)
    questionnaire_text = forms.CharField(
        label=_("会场纪律调查项目（每行一项；可写“问题|选项1/选项2”）"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("未写选项时，选项为：未发现/发现/不清楚。"),
    )
    conversion_basis = forms.ChoiceField(
        label=_("年度考核赋分依据"),
        choices=[("weighted_score", _("加权得分")), ("satisfaction_rate", _("满意率"))],
    )
    points_max = forms.DecimalField(
        label=_("赋分满分"), min_value=Decimal(0), max_value=Decimal(1000), decimal_places=2
    )
    points_floor = forms.DecimalField(
        label=_("赋分起点（得分低于此值记0分）"),
        min_value=Decimal(0),
        max_value=Decimal("99.99"),
        decimal_places=2,
    )
    instructions = forms.CharField(
        label=_("评议须知"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    @classmethod
    def initial_for(cls, design: BallotDesign) -> dict[str, Any]:
        return {
            "scale": design.scale,
            "choices_text": _choices_text(design),
            "criteria_text": _criteria_text(design),
            "satisfied_at": design.satisfied_at,
            "allow_opinion": design.allow_opinion,
            "questionnaire_text": _questionnaire_text(design),
            "conversion_basis": design.conversion_basis,
            "points_max": design.points_max,
            "points_floor": design.points_floor,
            "instructions": design.instructions,
        }

    def clean_choices_text(self) -> list[dict[str, Any]]:
        defaults = {c["label"]: c["key"] for c in DEFAULT_CHOICES}
        out: list[dict[str, Any]] = []
        for number, line in enumerate(self.cleaned_data["choices_text"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if len(parts) != 3 or not parts[0] or not parts[1].isdigit():
                raise forms.ValidationError(
                    _("第%(n)d行格式应为：名称,分值,是否计入满意") % {"n": number}
                )
            weight = int(parts[1])
            if weight > 100:
                raise forms.ValidationError(_("第%(n)d行：分值须在0到100之间。") % {"n": number})
            key = defaults.get(parts[0], f"c{len(out) + 1}")
            out.append(
                {"key": key, "label": parts[0], "weight": weight, "satisfied": parts[2] in YES}
            )
        if len({c["key"] for c in out}) != len(out):
            raise forms.ValidationError(_("评价等级名称不能重复。"))
        return out

    def clean_criteria_text(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for number, line in enumerate(self.cleaned_data["criteria_text"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if len(parts) != 2 or not parts[0] or not parts[1].isdigit() or int(parts[1]) == 0:
                raise forms.ValidationError(
                    _("第%(n)d行格式应为：名称,权重（正整数）") % {"n": number}
                )
            out.append({"key": f"k{len(out) + 1}", "label": parts[0], "weight": int(parts[1])})
        return out

    def clean_questionnaire_text(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for line in self.cleaned_data["questionnaire_text"].splitlines():
            if not line.strip():
                continue
            text, _sep, options_text = line.partition("|")
            if options_text.strip():
                labels = [o.strip() for o in options_text.split("/") if o.strip()]
                options = [{"key": f"o{i}", "label": label} for i, label in enumerate(labels, 1)]
            else:
                options = list(DISCIPLINE_CHOICES)
            out.append({"id": f"q{len(out) + 1}", "text": text.strip(), "options": options})
        return out

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        scale = data.get("scale")
        if scale == "choices" and len(data.get("choices_text") or []) < 2:
            self.add_error("choices_text", _("等级评价至少需要两个等级。"))
        if scale == "criteria" and not data.get("criteria_text"):
            self.add_error("criteria_text", _("分项评价至少需要一个分项。"))
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "scale": data["scale"],
            "choices": data["choices_text"] or list(DEFAULT_CHOICES),
            "criteria": data["criteria_text"],
            "allow_opinion": data["allow_opinion"],
            "questionnaire": data["questionnaire_text"],
            "satisfied_at": data["satisfied_at"],
            "conversion_basis": data["conversion_basis"],
            "points_max": data["points_max"],
            "points_floor": data["points_floor"],
            "instructions": data["instructions"],
        }


class BallotForm(forms.Form):
    """The ballot: one field per department (or per department × criterion), the opinions
    and the discipline questionnaire. ``complete`` (phone) makes every answer required."""

    def __init__(self, *args: Any, design: BallotDesign, complete: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.design = design
        self.complete = complete
        self.rows: list[dict[str, Any]] = []
        choices = [(c["key"], shown(c["label"])) for c in design.choices]
        for dept in design.department_list():
            dept_id = str(dept["id"])
            names: list[str] = []
            if design.scale == "choices":
                name = f"d_{dept_id}"
                self.fields[name] = forms.ChoiceField(
                    label=dept["name"],
                    choices=choices,
                    widget=forms.RadioSelect,
                    required=complete,
                    error_messages={"required": _("请对该部门作出评价。")},
                )
                names.append(name)
            elif design.scale == "score":
                name = f"d_{dept_id}"
                self.fields[name] = self._score_field(dept["name"])
                names.append(name)
            else:
                for crit in design.criteria:
                    name = f"d_{dept_id}_{crit['key']}"
                    self.fields[name] = self._score_field(crit["label"])
                    names.append(name)
            opinion = ""
            if design.allow_opinion:
                opinion = f"o_{dept_id}"
                self.fields[opinion] = forms.CharField(
                    label=_("意见建议（选填）"),
                    required=False,
                    max_length=300,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            self.rows.append(
                {"id": dept_id, "name": dept["name"], "fields": names, "opinion": opinion}
            )
        self.items: list[str] = []
        for item in design.questionnaire:
            name = f"q_{item['id']}"
            options = [(o["key"], shown(o["label"])) for o in item.get("options", [])]
            if options:
                self.fields[name] = forms.ChoiceField(
                    label=shown(item["text"]),
                    choices=options,
                    widget=forms.RadioSelect,
                    required=complete,
                    error_messages={"required": _("请回答此项。")},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=shown(item["text"]), required=False, max_length=300
                )
            self.items.append(name)

    def _score_field(self, label: str) -> forms.IntegerField:
        return forms.IntegerField(
            label=label,
            min_value=0,
            max_value=100,
            required=self.complete,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages={
                "required": _("请打分（0–100）。"),
                "min_value": _("分数须在0到100之间。"),
                "max_value": _("分数须在0到100之间。"),
                "invalid": _("请填写0到100之间的整数。"),
            },
        )

    def department_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "name": row["name"],
                "fields": [self[name] for name in row["fields"]],
                "opinion": self[row["opinion"]] if row["opinion"] else None,
            }
            for row in self.rows
        ]

    def item_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.items]

    def content(self) -> dict[str, Any]:
        data = self.cleaned_data
        answers: dict[str, Any] = {}
        opinions: dict[str, str] = {}
        for row in self.rows:
            if self.design.scale == "criteria":
                values = {
                    crit["key"]: data.get(f"d_{row['id']}_{crit['key']}")
                    for crit in self.design.criteria
                }
                present = {k: v for k, v in values.items() if v is not None}
                if present:
                    answers[row["id"]] = present
            else:
                value = data.get(row["fields"][0])
                if value not in (None, ""):
                    answers[row["id"]] = value
            if row["opinion"] and data.get(row["opinion"], "").strip():
                opinions[row["id"]] = data[row["opinion"]].strip()
        questionnaire = {
            name[2:]: data[name] for name in self.items if data.get(name) not in (None, "")
        }
        return {
            "status": "valid",
            "answers": answers,
            "opinions": opinions,
            "questionnaire": questionnaire,
        }


class PaperBallotForm(BallotForm):
    """A paper ballot keyed by an operator: the printed token code and what the paper says."""

    def __init__(self, *args: Any, design: BallotDesign, **kwargs: Any):
        super().__init__(*args, design=design, complete=False, **kwargs)
        self.fields = {
            "token_code": forms.CharField(
                label=_("纸质票上的凭证码"),
                max_length=20,
                widget=forms.TextInput(
                    attrs={"autocomplete": "off", "autocapitalize": "characters"}
                ),
            ),
            "status": forms.ChoiceField(
                label=_("票面情况"),
                choices=Status.choices,
                initial="valid",
                widget=forms.RadioSelect,
            ),
            **self.fields,
        }

    def clean_token_code(self) -> str:
        code = normalize_code(self.cleaned_data["token_code"])
        if not is_well_formed(code):
            raise forms.ValidationError(_("凭证码格式不正确，请核对纸质票上印的12位凭证码。"))
        return code

    def content(self) -> dict[str, Any]:
        status = self.cleaned_data["status"]
        if status == "blank":
            return {"status": "blank", "answers": {}, "opinions": {}, "questionnaire": {}}
        if status == "invalid":
            return {"status": "invalid", "answers": {}, "opinions": {}, "questionnaire": {}}
        return super().content()


class TokenCodeForm(forms.Form):
    code = forms.CharField(
        label=_("评议凭证码"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class IssueTokensForm(forms.Form):
    count = forms.IntegerField(
        label=_("发放份数"),
        min_value=1,
        max_value=5000,
        error_messages={
            "min_value": _("至少发放1份。"),
            "max_value": _("每次最多发放5000份。"),
        },
    )


class ExpectedForm(forms.Form):
    expected = forms.IntegerField(label=_("应到市民代表人数"), min_value=0, max_value=100000)


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=[("open", _("开始投票")), ("closed", _("结束投票"))])


class SessionMoveForm(forms.Form):
    move = forms.ChoiceField(
        choices=[("open", "open"), ("closed", "closed"), ("seal_unused", "seal_unused")]
    )


class SealForm(forms.Form):
    note = forms.CharField(
        label=_("封存说明（发放数与回收数不一致时必填）"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm = forms.BooleanField(
        label=_("我已核对发放数、回收数，确认封存；封存后票箱不可更改。"),
        error_messages={"required": _("请确认后再封存。")},
    )


class TallyUploadForm(forms.Form):
    signed_by = forms.CharField(label=_("第三方机构及签署人"), max_length=100)
    result_file = forms.FileField(label=_("第三方统计结果文件（results.json）"))

    def clean_result_file(self) -> Any:
        upload = self.cleaned_data["result_file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("文件过大（超过20MB）。"))
        return upload


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("确认发布：发布后各部门和市民均可查看本场次评议结果。"),
        error_messages={"required": _("请确认后再发布。")},
    )
