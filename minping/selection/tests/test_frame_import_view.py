from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from minping.selection.models import FrameEntry, ImportJob, SampleFrame

from .conftest import HEADERS, person_row, xlsx_bytes

pytestmark = pytest.mark.django_db


def frame(campaign: Any, code: str = "npc") -> SampleFrame:
    return SampleFrame.objects.get(campaign=campaign, category__code=code)


@pytest.fixture
def upload(django_capture_on_commit_callbacks: Any) -> Any:
    """Posts a file and runs the queued import, as the worker would after the commit."""

    def post(client: Any, f: SampleFrame, data: bytes, name: str = "frame.xlsx") -> ImportJob:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("selection:frame", args=[f.pk]), {"file": SimpleUploadedFile(name, data)}
            )
        return _check(response)

    return post


def _check(response: Any) -> ImportJob:
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.latest("created_at")
    assert response["Location"] == reverse("selection:import", args=[job.pk])
    return job


def report_rows(client: Any, job: ImportJob) -> list[tuple[Any, ...]]:
    response = client.get(reverse("selection:import_report", args=[job.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


def test_a_valid_file_is_imported_and_shown_masked(seeded, personas, login, upload) -> None:
    client = login(personas.statistics)
    rows = [person_row() for _ in range(3)]
    job = upload(client, frame(seeded), xlsx_bytes(rows))
    job.refresh_from_db()
    assert job.status == "done" and job.message == "已导入3人"
    assert not job.upload  # the uploaded file is deleted once read
    f = frame(seeded)
    assert f.row_count == 3 and f.status == "ready" and len(f.content_hash) == 64
    page = client.get(reverse("selection:frame", args=[f.pk])).content.decode()
    for row in rows:
        assert row[0] in page
        assert row[5] not in page and row[6] not in page  # ID number and phone masked
        assert row[5][:4] + "**********" + row[5][-4:] in page


def test_progress_is_reported_as_json_for_the_page_to_poll(seeded, personas, login, upload) -> None:
    client = login(personas.statistics)
    job = upload(client, frame(seeded), xlsx_bytes([person_row() for _ in range(2)]))
    status = client.get(reverse("selection:import_status", args=[job.pk])).json()
    assert status["finished"] is True and status["percent"] == 100
    assert status["processed"] == status["total"] == 2


def test_one_bad_row_rejects_the_whole_file_with_a_downloadable_report(
    seeded, personas, login, upload
) -> None:
    client = login(personas.statistics)
    first = upload(client, frame(seeded), xlsx_bytes([person_row()]))
    assert first.pk and frame(seeded).row_count == 1
    bad = person_row()
    bad[5] = bad[5][:17] + ("0" if bad[5][17] != "0" else "1")
    job = upload(client, frame(seeded), xlsx_bytes([person_row(), bad, person_row(姓名="")]))
    job.refresh_from_db()
    assert job.status == "rejected" and job.problem_count == 2
    assert frame(seeded).row_count == 1  # the earlier import is untouched: all or nothing
    assert FrameEntry.objects.filter(frame=frame(seeded)).count() == 1
    assert report_rows(client, job) == [
        ("行号", "列", "原因"),
        (3, "身份证号", "身份证号校验位错误，请核对后重新填写"),
        (4, "姓名", "“姓名”不能为空"),
    ]
    page = client.get(reverse("selection:import", args=[job.pk])).content.decode()
    assert "下载问题清单" in page and "发现2处问题，整个文件未导入" in page


def test_a_person_in_another_frame_is_refused(seeded, personas, login, upload) -> None:
    client = login(personas.statistics)
    row = person_row()
    upload(client, frame(seeded, "npc"), xlsx_bytes([row]))
    job = upload(client, frame(seeded, "cppcc"), xlsx_bytes([person_row(), row]))
    job.refresh_from_db()
    assert job.status == "rejected"
    assert report_rows(client, job)[1] == (
        3,
        "身份证号",
        "此人已在“人大代表”中：每人只能列入一个样本框",
    )


def test_swapped_columns_are_read_by_their_header_names(seeded, personas, login, upload) -> None:
    client = login(personas.statistics)
    order = [5, 0, 6, 1, 2, 3, 4, 7]
    rows = [[r[i] for i in order] for r in (person_row(), person_row())]
    job = upload(client, frame(seeded), xlsx_bytes(rows, [HEADERS[i] for i in order]))
    job.refresh_from_db()
    assert job.status == "done" and frame(seeded).row_count == 2


def test_a_gbk_csv_is_read(seeded, personas, login, upload) -> None:
    client = login(personas.statistics)
    lines = [",".join(HEADERS)] + [",".join(person_row()) for _ in range(2)]
    data = ("\r\n".join(lines) + "\r\n").encode("gbk")
    job = upload(client, frame(seeded), data, "名单.csv")
    job.refresh_from_db()
    assert job.status == "done" and frame(seeded).row_count == 2


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"PK\x03\x04 not really a zip", "frame.xlsx", "Excel文件已损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "frame.xlsx", "Excel文件已加密"),
        ("姓名,工作单位\n".encode("utf-16"), "frame.csv", "编码无法识别"),
    ],
)
def test_broken_encrypted_and_undecodable_files_get_a_chinese_reason(
    seeded, personas, login, upload, data, name, reason
) -> None:
    client = login(personas.statistics)
    job = upload(client, frame(seeded), data, name)
    job.refresh_from_db()
    assert job.status == "rejected" and reason in job.message
    assert frame(seeded).row_count == 0


def test_formulas_and_merged_headers_are_refused(seeded, personas, login, upload) -> None:
    from openpyxl import Workbook

    client = login(personas.statistics)
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(person_row())
    sheet["A3"] = "=A2"
    out = io.BytesIO()
    book.save(out)
    job = upload(client, frame(seeded), out.getvalue())
    job.refresh_from_db()
    assert job.status == "rejected" and "公式" in job.message

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.merge_cells("A1:B1")
    sheet.append(person_row())
    out = io.BytesIO()
    book.save(out)
    job = upload(client, frame(seeded), out.getvalue())
    job.refresh_from_db()
    assert job.status == "rejected" and "合并单元格" in job.message


def test_a_file_over_the_limit_is_refused_before_it_is_stored(
    seeded, personas, login, upload, settings
) -> None:
    settings.MINPING_MAX_IMPORT_BYTES = 50 * 1024
    client = login(personas.statistics)
    f = frame(seeded)
    big = SimpleUploadedFile("big.xlsx", b"x" * (60 * 1024))
    response = client.post(reverse("selection:frame", args=[f.pk]), {"file": big})
    assert response.status_code == 200
    assert "文件过大" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_department_uploads_its_own_frame_only(seeded, personas, login, upload) -> None:
    client = login(personas.dept_a)  # 市发展和改革委员会 builds 重点项目单位代表
    own = frame(seeded, "key-project")
    assert own.department == personas.dept_a.department
    upload(client, own, xlsx_bytes([person_row()]))
    assert frame(seeded, "key-project").row_count == 1
    other = frame(seeded, "npc")
    response = client.post(
        reverse("selection:frame", args=[other.pk]),
        {"file": SimpleUploadedFile("f.xlsx", xlsx_bytes([person_row()]))},
    )
    assert response.status_code == 404
    listing = client.get(reverse("selection:frames")).content.decode()
    assert "重点项目单位代表" in listing and "人大代表" not in listing


def test_imports_are_refused_once_the_seed_is_revealed(ready, personas, login) -> None:
    from minping.selection import actions

    draw = actions.do_commit_draw(personas.statistics, ready, mode="systematic")
    actions.do_reveal_seed(personas.statistics, draw)
    client = login(personas.statistics)
    f = frame(ready)
    jobs = ImportJob.objects.count()
    response = client.post(
        reverse("selection:frame", args=[f.pk]),
        {"file": SimpleUploadedFile("f.xlsx", xlsx_bytes([person_row()]))},
    )
    assert response.status_code == 200
    assert "样本框已锁定" in response.content.decode()
    assert ImportJob.objects.count() == jobs


def test_ids_and_phones_never_reach_the_log(seeded, personas, login, upload, caplog) -> None:
    client = login(personas.statistics)
    rows = [person_row() for _ in range(2)]
    bad = person_row()
    bad[5] = bad[5][:17] + ("0" if bad[5][17] != "0" else "1")
    with caplog.at_level("DEBUG"):
        upload(client, frame(seeded), xlsx_bytes(rows))
        upload(client, frame(seeded, "cppcc"), xlsx_bytes([bad, rows[0]]))
    text = caplog.text
    for row in [*rows, bad]:
        assert row[5] not in text and row[6] not in text


def test_departments_cannot_submit_after_the_frames_closed(seeded, personas, login) -> None:
    import datetime as dt

    from django.utils import timezone

    from minping.campaigns.models import Deadline

    Deadline.objects.create(
        campaign=seeded, stage="frames_closed", due=timezone.now() - dt.timedelta(hours=1)
    )
    own = frame(seeded, "key-project")
    response = login(personas.dept_a).post(
        reverse("selection:frame", args=[own.pk]),
        {"file": SimpleUploadedFile("f.xlsx", xlsx_bytes([person_row()]))},
    )
    assert "样本框报送已截止" in response.content.decode()
    assert "不足名额的两倍" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_50_mb_frame_is_refused_with_a_chinese_message(seeded, personas, login) -> None:
    f = frame(seeded)
    big = SimpleUploadedFile("big.xlsx", b"\0" * (50 * 1024 * 1024))
    response = login(personas.statistics).post(
        reverse("selection:frame", args=[f.pk]), {"file": big}
    )
    assert "文件过大（50.0 MB），上限为50 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_statistics_bureau_hands_a_frame_to_a_department(seeded, personas, login) -> None:
    npc = frame(seeded, "npc")
    client = login(personas.statistics)
    client.post(
        reverse("selection:frame_department", args=[npc.pk]),
        {"department": personas.dept_b.department.pk},
    )
    npc.refresh_from_db()
    assert npc.department == personas.dept_b.department
    listing = login(personas.dept_b).get(reverse("selection:frames")).content.decode()
    assert "人大代表" in listing
