"""Background work: validating and importing a sample-frame file.

The job row carries the progress the page polls. The file is deleted once read: the
only copy of the people's data is then the encrypted rows.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from minping.campaigns.models import District
from minping.lib import excel
from minping.selection.frames import (
    FRAME_COLUMNS,
    REQUIRED_COLUMNS,
    district_lookup,
    max_frame_bytes,
    validate_rows,
)
from minping.selection.models import FrameEntry, ImportJob

logger = logging.getLogger("minping.selection")


@task()
def import_frame(job_id: int) -> str:
    return run_import(job_id)


@task()
def run_draw(draw_id: int, actor_id: int) -> str:
    """Runs a requested draw; a refusal (e.g. a stratum ran short) is kept for the page."""
    from minping.accounts.models import User
    from minping.selection.actions import SelectionError, do_run_draw
    from minping.selection.models import Draw

    draw = Draw.objects.select_related("campaign").get(pk=draw_id)
    try:
        do_run_draw(User.objects.get(pk=actor_id), draw)
    except SelectionError as exc:
        Draw.objects.filter(pk=draw_id).update(run_requested_at=None, run_error=str(exc)[:300])
        return "refused"
    except Exception:
        logger.exception("draw %s failed", draw_id)
        Draw.objects.filter(pk=draw_id).update(
            run_requested_at=None, run_error=_("抽样时发生系统错误，请稍后重试或联系管理员")
        )
        return "failed"
    return "done"


@task()
def create_representative_accounts(draw_id: int, actor_id: int) -> int:
    """Thousands of password hashes: too slow for a request, so a worker does it."""
    from minping.accounts.models import User
    from minping.selection.actions import do_create_representative_accounts
    from minping.selection.models import Draw

    return do_create_representative_accounts(
        User.objects.get(pk=actor_id), Draw.objects.get(pk=draw_id)
    )


def _progress(job_id: int, processed: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(processed=processed)


def _finish(job: ImportJob, status: str, message: str, problems: list[excel.Problem]) -> None:
    job.status = status
    job.message = message[:500]
    job.problem_count = len(problems)
    job.report = excel.problems_xlsx(problems) if problems else None
    job.finished_at = timezone.now()
    job.save(
        update_fields=["status", "message", "problem_count", "report", "finished_at", "processed"]
    )


def run_import(job_id: int) -> str:
    """Reads, validates and (only when every row is valid) imports the job's file."""
    from minping.selection.actions import SelectionError, do_replace_frame_entries

    job = ImportJob.objects.select_related("frame__campaign", "created_by").get(pk=job_id)
    if job.is_finished():
        return job.status
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        with job.upload.open("rb") as handle:
            data = handle.read()
        try:
            table = excel.read_table(
                data,
                job.filename,
                FRAME_COLUMNS,
                REQUIRED_COLUMNS,
                max_bytes=max_frame_bytes(),
            )
        except excel.TableError as exc:
            _finish(job, ImportJob.Status.REJECTED, exc.problems[0].reason, exc.problems)
            return job.status
        job.total = table.total
        job.save(update_fields=["total"])
        frame = job.frame
        others = FrameEntry.objects.filter(campaign=frame.campaign).exclude(frame=frame)

        def taken(indexes: list[str]) -> dict[str, str]:
            return dict(
                others.filter(id_index__in=indexes).values_list("id_index", "frame__category__name")
            )

        clean, problems = validate_rows(
            table,
            today=timezone.localdate(),
            taken=taken,
            find_district=district_lookup(District.objects.values_list("pk", "name")),
            progress=lambda n: _progress(job.pk, n),
        )
        job.processed = table.total
        if problems:
            _finish(
                job,
                ImportJob.Status.REJECTED,
                _("发现%(n)d处问题，整个文件未导入，请下载问题清单修改后重新上传")
                % {"n": len(problems)},
                problems,
            )
            return job.status
        if not clean:
            _finish(job, ImportJob.Status.REJECTED, _("文件中没有人员数据"), [])
            return job.status
        try:
            do_replace_frame_entries(job.created_by, job, clean)
        except SelectionError as exc:
            _finish(job, ImportJob.Status.REJECTED, str(exc), [])
            return job.status
        _finish(
            job,
            ImportJob.Status.DONE,
            _("已导入%(n)d人") % {"n": len(clean)},
            [],
        )
        return job.status
    except Exception:
        # The traceback names no person: values never go into exception messages here.
        logger.exception("frame import %s failed", job_id)
        _finish(job, ImportJob.Status.FAILED, _("导入时发生系统错误，请稍后重试或联系管理员"), [])
        return job.status
    finally:
        transaction.on_commit(lambda: _delete_upload(job_id))


def _delete_upload(job_id: int) -> None:
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None and job.upload:
        job.upload.delete(save=False)
        ImportJob.objects.filter(pk=job_id).update(upload="")
