"""The work report's text rules: length, five parts, greetings, unsafe HTML."""

from __future__ import annotations

from django.utils.datastructures import MultiValueDict

from minping.departments.forms import ReportForm
from minping.departments.rules import sanitize
from minping.departments.tests.conftest import report_text
from minping.departments.tests.files import fake_png, signed_pdf


def test_report_of_about_2000_characters_with_five_parts_has_no_warning() -> None:
    form = ReportForm({"body": report_text(380)})
    assert form.is_valid(), form.errors
    assert form.warnings == []
    assert 1900 <= form.cleaned_data["char_count"] <= 2100


def test_short_report_is_saved_with_a_length_warning() -> None:
    form = ReportForm({"body": report_text(100)})
    assert form.is_valid()
    assert any("要求控制在2000字左右" in w for w in form.warnings)


def test_far_too_long_report_is_refused() -> None:
    form = ReportForm({"body": report_text(1300)})
    assert not form.is_valid()
    assert "超过上限" in " ".join(form.errors["body"])


def test_missing_part_is_named_in_a_warning() -> None:
    text = report_text(380).replace("四、政务服务热线、媒体监督曝光问题办理情况", "四、其他工作")
    form = ReportForm({"body": text})
    assert form.is_valid()
    assert any("政务服务热线、媒体监督曝光问题办理情况" in w for w in form.warnings)


def test_greetings_and_thanks_are_flagged() -> None:
    form = ReportForm({"body": "尊敬的各位市民代表：\n" + report_text(380, extra="谢谢大家！")})
    assert form.is_valid()
    warning = next(w for w in form.warnings if "寒暄" in w)
    assert "尊敬的" in warning and "谢谢" in warning


def test_script_in_rich_text_is_removed_and_reported() -> None:
    html = "<h3>一、年度职能目标完成情况</h3><p>完成<script>alert(1)</script>目标</p><p onclick='x()'>好</p>"
    form = ReportForm({"body": html})
    assert form.is_valid()
    assert "<script" not in form.cleaned_data["html"]
    assert "onclick" not in form.cleaned_data["html"]
    assert "alert" not in form.cleaned_data["html"]
    assert any("不安全内容已被删除" in w for w in form.warnings)


def test_numbered_lines_of_plain_text_become_headings() -> None:
    html, unsafe = sanitize("一、年度职能目标完成情况\n正文第一段。")
    assert html == "<h3>一、年度职能目标完成情况</h3>\n<p>正文第一段。</p>"
    assert not unsafe


def test_signed_page_must_be_a_pdf_or_a_photo() -> None:
    bad = ReportForm({"body": report_text(380)}, MultiValueDict({"signed_page": [fake_png()]}))
    good = ReportForm({"body": report_text(380)}, MultiValueDict({"signed_page": [signed_pdf()]}))
    assert "须为PDF文件或照片" in " ".join(bad.errors["signed_page"])
    assert good.is_valid()
