"""After the meeting: the department's recording on its public page, playable on phones."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minping.departments.models import Video

MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4


def upload(login, personas):
    client = login(personas.dept_a)
    response = client.post(
        reverse("departments:video"), {"file": SimpleUploadedFile("述职.mp4", MP4, "video/mp4")}
    )
    assert response.status_code == 302
    return Video.objects.get()


def test_uploaded_video_plays_on_the_public_page(client, login, personas, campaign) -> None:
    video = upload(login, personas)
    client.logout()
    page = client.get(
        reverse(
            "departments:public_department", args=[campaign.year, personas.dept_a.department_id]
        )
    ).content.decode()
    url = reverse("departments:video_file", args=[video.pk])
    assert f'<video controls preload="metadata" src="{url}"' in page
    whole = client.get(url)
    assert whole["Accept-Ranges"] == "bytes" and b"".join(whole.streaming_content) == MP4


def test_video_is_served_in_byte_ranges(client, login, personas, campaign) -> None:
    video = upload(login, personas)
    url = reverse("departments:video_file", args=[video.pk])
    part = client.get(url, headers={"Range": "bytes=10-19"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-19/{len(MP4)}"
    assert part.content == MP4[10:20]
    tail = client.get(url, headers={"Range": "bytes=-5"})
    assert tail.content == MP4[-5:]
    beyond = client.get(url, headers={"Range": f"bytes={len(MP4) + 5}-"})
    assert beyond.status_code == 416


def test_office_adds_the_video_of_any_department(login, personas, campaign) -> None:
    client = login(personas.office)
    url = reverse("departments:office_video", args=[personas.dept_b.department_id])
    response = client.post(url, {"url": "https://video.example.org/gaj"})
    assert response.status_code == 302
    assert Video.objects.get().department == personas.dept_b.department
