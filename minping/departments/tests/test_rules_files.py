"""Each file rule, checked with a real file made in the test."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from minping.departments.forms import InfographicForm, PressForm, SlidesForm
from minping.departments.tests.files import (
    STANDARD,
    WIDE,
    broken_pptx,
    fake_png,
    oversized_png,
    png_upload,
    pptx_upload,
)


def slides_form(upload: SimpleUploadedFile) -> SlidesForm:
    form = SlidesForm({}, MultiValueDict({"file": [upload]}))
    form.is_valid()
    return form


def test_widescreen_pptx_without_media_is_accepted() -> None:
    form = slides_form(pptx_upload(size=WIDE))
    assert form.is_valid(), form.errors
    assert form.report.slide_count == 1


def test_four_to_three_pptx_is_refused_with_the_ratio() -> None:
    form = slides_form(pptx_upload(size=STANDARD))
    assert not form.is_valid()
    message = " ".join(form.errors["file"])
    assert "1.33:1" in message and "16:9" in message


def test_pptx_with_embedded_audio_is_refused() -> None:
    form = slides_form(pptx_upload(media="audio/mpeg"))
    assert "不得带有声音" in " ".join(form.errors["file"])


def test_pptx_with_embedded_video_is_refused() -> None:
    form = slides_form(pptx_upload(media="video/mp4"))
    assert "内嵌视频" in " ".join(form.errors["file"])


def test_broken_pptx_is_refused_as_damaged() -> None:
    form = slides_form(broken_pptx())
    assert "已损坏" in " ".join(form.errors["file"])


def test_a_pdf_is_not_accepted_as_slides() -> None:
    form = slides_form(
        SimpleUploadedFile("课件.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    )
    assert "只接受PPT或PPTX" in " ".join(form.errors["file"])


def test_legacy_ppt_needs_the_ole_signature() -> None:
    good = slides_form(
        SimpleUploadedFile("旧.ppt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    )
    bad = slides_form(SimpleUploadedFile("旧.ppt", b"plain text"))
    assert good.is_valid() and good.report.legacy
    assert "不是PPT文件" in " ".join(bad.errors["file"])


def infographic_form(
    upload: SimpleUploadedFile, intro: str = "我们今年办成了十件实事。"
) -> InfographicForm:
    form = InfographicForm({"intro": intro}, MultiValueDict({"image": [upload]}))
    form.is_valid()
    return form


def test_real_png_with_short_intro_is_accepted() -> None:
    assert infographic_form(png_upload()).is_valid()


def test_text_file_named_png_is_refused_as_not_an_image() -> None:
    form = infographic_form(fake_png())
    assert "不是有效的图片文件" in " ".join(form.errors["image"])


def test_image_over_five_megabytes_is_refused_with_its_size() -> None:
    form = infographic_form(oversized_png())
    message = " ".join(form.errors["image"])
    assert "超过5MB" in message and "MB" in message


def test_intro_over_two_hundred_characters_is_refused_with_the_count() -> None:
    form = infographic_form(png_upload(), intro="亮" * 201)
    assert "导语共201字" in " ".join(form.errors["intro"])


def test_press_release_over_1500_characters_is_refused_with_how_many_to_cut() -> None:
    form = PressForm({"title": "通稿", "body": "办" * 1510})
    assert not form.is_valid()
    assert "请删减10字" in " ".join(form.errors["body"])


def test_press_photo_that_is_not_an_image_is_refused() -> None:
    form = PressForm(
        {"title": "通稿", "body": "市民办事更方便了。"}, MultiValueDict({"photos": [fake_png()]})
    )
    assert not form.is_valid()
    assert "不是有效的图片文件" in " ".join(form.errors["photos"])


def test_press_release_with_real_photos_is_accepted() -> None:
    form = PressForm(
        {"title": "通稿", "body": "市民办事更方便了。"},
        MultiValueDict({"photos": [png_upload("1.png"), png_upload("2.jpg")]}),
    )
    assert form.is_valid(), form.errors
    assert len(form.cleaned_data["photos"]) == 2


def test_a_pptx_renamed_to_ppt_is_still_checked_for_its_ratio() -> None:
    form = slides_form(pptx_upload(name="旧名字.ppt", size=STANDARD))
    assert "要求16:9" in " ".join(form.errors["file"])
