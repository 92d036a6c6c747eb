"""Benchmark: the offline tally verifier on 1,000,000 synthetic ballots.

Generates a session shaped like the real one (11 departments, 1 main + 9 branch venues,
the 满意/基本满意/不满意 scale, a 3-item discipline questionnaire, some opinions, blank and
invalid ballots), seals each venue, writes the export, then times ``verify`` in-process
and the command line ``python -m minping.tally verify`` in a fresh interpreter.

Run: .venv/bin/python bench/tally_verify.py [ballots] [directory]
Figures: docs/benchmarks/tally.md
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from minping.tally import (  # noqa: E402  # after the path set-up above
    Ballot,
    BallotDesign,
    BallotStatus,
    DepartmentRef,
    Option,
    QuestionItem,
    VenueRef,
    default_scale,
    seal_venue,
    sealed_entries,
    verify,
    write_export,
)

DEPARTMENTS = [
    "市发展和改革委员会",
    "市财政局",
    "市商务局",
    "市统计局",
    "市文化和旅游局",
    "市自然资源局",
    "市科学技术局",
    "市工业和信息化局",
    "市国有资产监督管理委员会",
    "市能源局",
    "市人民政府金融工作办公室",
]
BRANCHES = [
    "东胜区",
    "康巴什区",
    "达拉特旗",
    "准格尔旗",
    "伊金霍洛旗",
    "乌审旗",
    "杭锦旗",
    "鄂托克旗",
    "鄂托克前旗",
]
OPINIONS = ["窗口排队时间长", "希望加快审批", "服务态度好", "信息公开要及时", "Café 附近停车难"]


def make_design() -> BallotDesign:
    yes_no = (Option("yes", "是"), Option("no", "否"), Option("unsure", "不清楚"))
    return BallotDesign(
        campaign="2025年度",
        session=1,
        title="第一场述职报告会（基准测试）",
        venues=(VenueRef("V00", "主会场", True),)
        + tuple(VenueRef(f"V{i:02d}", name) for i, name in enumerate(BRANCHES, start=1)),
        departments=tuple(
            DepartmentRef(f"D{i:02d}", name, "第一组")
            for i, name in enumerate(DEPARTMENTS, start=1)
        ),
        scale=default_scale(),
        questionnaire=(
            QuestionItem("Q1", "会场是否有拉票行为", yes_no),
            QuestionItem("Q2", "是否有人授意填写评议票", yes_no),
            QuestionItem("Q3", "对会场纪律的其他意见"),
        ),
    )


def make_ballots(design: BallotDesign, count: int, rng: random.Random) -> list[Ballot]:
    venues = [v.id for v in design.venues]
    weights = [1] + [14] * 9  # the main venue is small, branches large
    depts = [d.id for d in design.departments]
    leaning = {d: rng.uniform(0.55, 0.9) for d in depts}
    ballots = []
    for _ in range(count):
        venue = rng.choices(venues, weights)[0]
        ballot_id = f"{rng.getrandbits(128):032x}"
        roll = rng.random()
        if roll < 0.005:
            ballots.append(Ballot(ballot_id, venue, BallotStatus.BLANK))
            continue
        answers: dict[str, str] = {}
        for d in depts:
            r = rng.random()
            answers[d] = (
                "satisfied"
                if r < leaning[d]
                else "fairly_satisfied"
                if r < 0.95
                else "dissatisfied"
            )
        opinions = {rng.choice(depts): rng.choice(OPINIONS)} if rng.random() < 0.1 else {}
        questionnaire = {"Q1": "no" if rng.random() < 0.97 else "yes", "Q2": "no"}
        if rng.random() < 0.05:
            questionnaire["Q3"] = "会场秩序良好"
        status = BallotStatus.INVALID if roll < 0.008 else BallotStatus.VALID
        ballots.append(Ballot(ballot_id, venue, status, answers, opinions, questionnaire))
    return ballots


# What `python -m minping.tally verify DIR --root ROOT` runs, plus its own peak RSS (kB) on
# stderr: VmHWM, since ru_maxrss survives exec and would count the forked bench process.
CLI = (
    "import re, sys; from minping.tally.cli import main; "
    "status = main(['verify', sys.argv[1], '--root', sys.argv[2]]); "
    "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1], file=sys.stderr); "
    "sys.exit(status)"
)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    directory = (
        Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="tally-bench-"))
    )
    design = make_design()

    began = time.perf_counter()
    ballots = make_ballots(design, count, random.Random(20261125))
    generate = time.perf_counter() - began

    began = time.perf_counter()
    by_venue: dict[str, list[Ballot]] = {v.id: [] for v in design.venues}
    for b in ballots:
        by_venue[b.venue].append(b)
    # All issued tokens were used except ~1 % (absent or left early): 发放 > 回收 warnings.
    seals = [seal_venue(v, group, issued=len(group) * 101 // 100) for v, group in by_venue.items()]
    del by_venue
    sealed = sealed_entries(ballots)
    sealing = time.perf_counter() - began

    began = time.perf_counter()
    manifest = write_export(directory, design, seals, ballots, sealed=sealed)
    writing = time.perf_counter() - began
    sizes = {p.name: p.stat().st_size for p in directory.iterdir()}
    del ballots, sealed
    after_write_mib = peak_mib()

    began, cpu = time.perf_counter(), time.process_time()
    report = verify(directory, expected_session_root=manifest.session_root)
    verifying, verifying_cpu = time.perf_counter() - began, time.process_time() - cpu
    assert report.ok, report.findings[:5]

    env = {"PATH": os.environ.get("PATH", "")}
    began = time.perf_counter()
    cli = subprocess.run(
        [sys.executable, "-c", CLI, str(directory), manifest.session_root],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    cli_seconds = time.perf_counter() - began
    assert cli.returncode == 0, cli.stdout[-2000:] + cli.stderr[-2000:]
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = child.ru_utime + child.ru_stime
    # The child reports its own peak: RUSAGE_CHILDREN would count the forked parent image.
    child_peak = float(cli.stderr.strip().splitlines()[-1]) / 1024

    print(f"ballots                      {count:>12,}")
    print(f"generate (in memory)         {generate:>10.1f} s")
    print(f"seal 10 venues + sealed list {sealing:>10.1f} s")
    print(f"write export                 {writing:>10.1f} s")
    print(
        f"verify (in process)          {verifying:>10.1f} s wall, {verifying_cpu:.1f} s CPU"
        f"  ({count / verifying_cpu:,.0f} ballots per CPU second)"
    )
    print(f"verify (CLI, fresh process)  {cli_seconds:>10.1f} s wall, {child_cpu:.1f} s CPU")
    print(f"load average after           {os.getloadavg()[0]:>10.1f}  (on {os.cpu_count()} CPUs)")
    print(f"peak RSS bench process       {max(after_write_mib, peak_mib()):>10.0f} MiB")
    print(f"peak RSS CLI verify          {child_peak:>10.0f} MiB")
    print(f"export size                  {sum(sizes.values()) / 2**20:>10.0f} MiB")
    for name, size in sorted(sizes.items()):
        print(f"  {name:<26} {size / 2**20:>10.1f} MiB")
    print(f"session root {manifest.session_root}")
    print(f"export in {directory}")


if __name__ == "__main__":
    main()
