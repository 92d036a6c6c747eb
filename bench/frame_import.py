"""Benchmark: validate (and import) a 100,000-row Excel sample frame.

    .venv/bin/python bench/frame_import.py [--rows 100000] [--no-import]

Builds a synthetic .xlsx (synthetic IDs and 1990 phones), then times each step of what the
background import does: read the workbook (lib/excel), validate every row (ID checksum,
age, duplicates, phone, district), and, unless --no-import, the whole import task into a
throwaway SQLite database (cross-frame duplicate look-up, encryption, blind indexes,
bulk insert). Figures go to docs/benchmarks/selection.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HEADERS = ["姓名", "工作单位", "职务", "民族", "政治面貌", "身份证号", "联系电话", "旗区"]
DISTRICTS = ["东胜区", "康巴什区", "达拉特旗", "准格尔旗", "伊金霍洛旗", "乌审旗"]


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Wall time and this process's CPU time (the latter is steadier on a busy machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = fn(*args, **kwargs)
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<34} {wall:8.2f} s wall {used:8.2f} s cpu", flush=True)
    return value


def build_xlsx(rows: int) -> bytes:
    from openpyxl import Workbook

    from minping.lib.idnumber import make

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for i in range(rows):
        birth = dt.date(1950 + i % 50, 1 + i % 12, 1 + i % 28)
        sheet.append(
            [
                f"测试{i}",
                f"单位{i % 997}",
                "职员",
                "汉族",
                "群众",
                make("1506" + f"{2 + i % 26:02d}", birth, i // 7000),
                f"1990{i:07d}",
                DISTRICTS[i % len(DISTRICTS)],
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-import", action="store_true")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="minping-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minping.settings")
    os.environ["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django

    django.setup()
    from django.utils import timezone

    from minping.lib import excel
    from minping.selection.frames import (
        FRAME_COLUMNS,
        REQUIRED_COLUMNS,
        district_lookup,
        validate_rows,
    )

    print(f"rows: {args.rows:,}")
    data = timed("build .xlsx (not measured work)", build_xlsx, args.rows)
    print(f"file size: {len(data) / 1048576:.1f} MB")
    table = timed(
        "read_table (calamine)", excel.read_table, data, "f.xlsx", FRAME_COLUMNS, REQUIRED_COLUMNS
    )
    districts = district_lookup(enumerate(DISTRICTS, start=1))
    clean, problems = timed(
        "validate_rows (no database)",
        validate_rows,
        table,
        today=timezone.localdate(),
        taken=lambda indexes: {},
        find_district=districts,
    )
    assert not problems, problems[:3]
    print(f"valid rows: {len(clean):,}")
    if not args.no_import:
        from django.core.files.base import ContentFile
        from django.core.management import call_command

        from minping.campaigns.actions import do_build_standard_campaign
        from minping.selection.actions import do_seed_quotas
        from minping.selection.models import ImportJob, SampleFrame
        from minping.selection.tasks import run_import

        call_command("migrate", verbosity=0)
        campaign = do_build_standard_campaign(None, year=2030, first_day=dt.date(2031, 1, 10))
        do_seed_quotas(None, campaign)
        frame = SampleFrame.objects.get(campaign=campaign, category__code="npc")
        job = ImportJob(frame=frame, filename="f.xlsx", size=len(data))
        job.upload.save("bench.xlsx", ContentFile(data), save=False)
        job.save()
        status = timed("whole import task (SQLite)", run_import, job.pk)
        job.refresh_from_db()
        print(f"status: {status} ({job.message}); frame rows: {frame.entries.count():,}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
