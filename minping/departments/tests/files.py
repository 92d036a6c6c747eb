"""Real files made in the tests: slides, images, signed pages (see test_rules_*)."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pptx import Presentation
from pptx.util import Emu, Inches

WIDE = (Inches(13.333), Inches(7.5))  # 16:9
STANDARD = (Inches(10), Inches(7.5))  # 4:3
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def pptx_bytes(size: tuple[Emu, Emu] = WIDE, *, media: str | None = None) -> bytes:
    """A real presentation with one titled slide; ``media`` embeds an audio/video part."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = size
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "2025年工作亮点"
    if media:
        slide.shapes.add_movie(
            io.BytesIO(b"ID3" + b"\x00" * 2048),
            Inches(1),
            Inches(1),
            Inches(4),
            Inches(3),
            poster_frame_image=io.BytesIO(png_bytes()),
            mime_type=media,
        )
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def pptx_upload(name: str = "课件.pptx", **kwargs: object) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pptx_bytes(**kwargs), content_type=PPTX_TYPE)  # type: ignore[arg-type]


def broken_pptx() -> SimpleUploadedFile:
    data = pptx_bytes()
    return SimpleUploadedFile("坏课件.pptx", data[: len(data) // 3], content_type=PPTX_TYPE)


def png_bytes(size: tuple[int, int] = (120, 80), color: str = "#b4232a") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def png_upload(name: str = "一张图.png", **kwargs: object) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")  # type: ignore[arg-type]


def fake_png() -> SimpleUploadedFile:
    """A text file renamed to .png."""
    return SimpleUploadedFile(
        "假图片.png", "这不是图片，只是改了扩展名。".encode(), content_type="image/png"
    )


def oversized_png() -> SimpleUploadedFile:
    """A real PNG over 5 MB: random pixels do not compress."""
    import os

    side = 1400
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=0)
    data = out.getvalue()
    assert len(data) > 5 * 1024 * 1024
    return SimpleUploadedFile("超大图.png", data, content_type="image/png")


def signed_pdf(name: str = "签字页.pdf") -> SimpleUploadedFile:
    data = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return SimpleUploadedFile(name, data, content_type="application/pdf")
