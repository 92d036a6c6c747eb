"""Benchmark: triage of 10,000 suggestions (area, department, fingerprint for each).

Run: .venv/bin/python bench/triage_classify.py [count]
Figures: docs/benchmarks/cores-suggestions.md
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from triage_corpus import make_texts  # noqa: E402  # after the path set-up above

from minping.campaigns.seeddata import GROUPS_2023  # noqa: E402
from minping.triage import (  # noqa: E402
    DEPARTMENT_ALIASES,
    DEPARTMENT_KEYWORDS,
    REFERENCE_AREAS,
    DeptProfile,
    Triage,
    fingerprint,
    load_examples,
    segment,
    top_themes,
)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    texts = make_texts(count)
    names = [name for _, group in GROUPS_2023 for name in group]

    began = time.perf_counter()
    segment("预热")
    load = time.perf_counter() - began

    began = time.perf_counter()
    triage = Triage(
        REFERENCE_AREAS,
        [
            DeptProfile(i, n, DEPARTMENT_KEYWORDS[n], DEPARTMENT_ALIASES.get(n, ()))
            for i, n in enumerate(names)
        ],
    )
    build = time.perf_counter() - began

    began = time.perf_counter()
    for text in texts:
        triage.suggest_area(text)
    areas = time.perf_counter() - began

    began = time.perf_counter()
    for text in texts:
        triage.suggest_department(text)
    departments = time.perf_counter() - began

    began = time.perf_counter()
    for text in texts:
        fingerprint(text)
    prints = time.perf_counter() - began

    began = time.perf_counter()
    themes = top_themes(texts, 15)
    theme_time = time.perf_counter() - began

    fresh = make_texts(count, seed=8)  # not yet segmented in this process
    began = time.perf_counter()
    for text in fresh:
        triage.suggest_area(text)
        triage.suggest_department(text)
        fingerprint(text)
    together = time.perf_counter() - began

    examples = load_examples()
    began = time.perf_counter()
    learned = Triage(triage.areas, triage.departments, examples)
    learned_build = time.perf_counter() - began
    fresh = make_texts(count, seed=9)
    began = time.perf_counter()
    for text in fresh:
        learned.suggest_area(text)
        learned.suggest_department(text)
        fingerprint(text)
    with_examples = time.perf_counter() - began

    total = areas + departments + prints
    chars = sum(len(t) for t in texts)
    print(f"{count:,} texts, {chars / count:.0f} characters on average")
    print(f"jieba load (private tokenizer + domain dictionary, cache warm): {load:.2f} s")
    print(f"Triage build (16 areas, 33 departments): {build * 1000:.1f} ms")
    print(f"suggest_area: {areas:.2f} s ({areas / count * 1000:.2f} ms/text)")
    print(f"suggest_department: {departments:.2f} s ({departments / count * 1000:.2f} ms/text)")
    print(f"fingerprint: {prints:.2f} s ({prints / count * 1000:.2f} ms/text)")
    print(f"the three passes above: {total:.2f} s ({total / count * 1000:.2f} ms/text)")
    print(
        f"all three per text, as the office page does: {together:.2f} s "
        f"({together / count * 1000:.2f} ms/text; the text is segmented once)"
    )
    print(f"Triage build with {len(examples)} examples: {learned_build * 1000:.0f} ms")
    print(
        f"all three per text with examples: {with_examples:.2f} s "
        f"({with_examples / count * 1000:.2f} ms/text)"
    )
    print(f"top_themes over all: {theme_time:.2f} s -> {themes[:5]}")


if __name__ == "__main__":
    main()
