"""Benchmark: near-duplicate search among 50,000 open items.

Builds a DuplicateIndex over 50,000 synthetic open suggestions with the test corpus's 47
suggestions planted among them, then searches with the corpus's paraphrases (recall: is the
planted original found first?) and with 200 new synthetic texts (latency).

Run: .venv/bin/python bench/triage_duplicates.py [open_items]
Figures: docs/benchmarks/cores-suggestions.md
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from triage_corpus import make_texts  # noqa: E402  # after the path set-up above

from minping.triage import (  # noqa: E402
    DuplicateIndex,
    fingerprint,
    group_near_duplicates,
    near_duplicates,
    segment,
)
from minping.triage.tests.corpus import PARAPHRASES, SUGGESTIONS  # noqa: E402


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    segment("预热")
    background = make_texts(size - len(SUGGESTIONS), seed=11)
    items = list(enumerate(background))
    rng = random.Random(3)
    planted = {}
    for _, _, text in SUGGESTIONS:
        key = len(items)
        items.insert(rng.randrange(len(items) + 1), (key, text))
        planted[text] = key

    began = time.perf_counter()
    prints = [(key, fingerprint(text)) for key, text in items]
    fingerprinting = time.perf_counter() - began

    began = time.perf_counter()
    index = DuplicateIndex(prints)
    build = time.perf_counter() - began

    found_first = found_top3 = 0
    paraphrase_times = []
    for original, paraphrase in PARAPHRASES:
        began = time.perf_counter()
        found = index.query(paraphrase)
        paraphrase_times.append(time.perf_counter() - began)
        keys = [key for key, _ in found]
        found_first += keys[:1] == [planted[original]]
        found_top3 += planted[original] in keys[:3]

    queries = make_texts(200, seed=99)
    times, hits = [], []
    for query in queries:
        began = time.perf_counter()
        found = index.query(query)
        times.append(time.perf_counter() - began)
        hits.append(len(found))

    query_prints = [fingerprint(q) for q in queries[:50]]
    began = time.perf_counter()
    for query_print in query_prints:
        index.query_fingerprint(query_print)
    stored = (time.perf_counter() - began) / len(query_prints)

    # The one-call form over 5,000 fresh texts: the first call segments them all, a second
    # call finds their fingerprints in the per-process cache.
    fresh = list(enumerate(make_texts(5000, seed=12)))
    began = time.perf_counter()
    near_duplicates(queries[0], fresh)
    one_call_cold = time.perf_counter() - began
    began = time.perf_counter()
    near_duplicates(queries[1], fresh)
    one_call_warm = time.perf_counter() - began

    # Grouping a batch for 并案 (texts already fingerprinted above, so this is the matching).
    began = time.perf_counter()
    groups = group_near_duplicates(fresh)
    grouping = time.perf_counter() - began

    ms = sorted(t * 1000 for t in times)
    print(f"{len(items):,} open items")
    print(
        f"fingerprint all items: {fingerprinting:.1f} s ({fingerprinting / len(items) * 1000:.2f} ms/item)"
    )
    print(f"index from stored fingerprints: {build * 1000:.1f} ms")
    print(
        f"paraphrases whose planted original is found first: {found_first}/{len(PARAPHRASES)}, "
        f"in the first three: {found_top3}/{len(PARAPHRASES)}"
    )
    print(f"paraphrase query: mean {statistics.mean(paraphrase_times) * 1000:.1f} ms")
    print(
        f"200 new-text queries: mean {statistics.mean(ms):.1f} ms, median {ms[100]:.1f} ms, "
        f"p95 {ms[189]:.1f} ms, max {ms[-1]:.1f} ms"
    )
    print(f"query with a stored fingerprint: mean {stored * 1000:.1f} ms")
    print(
        f"near_duplicates(text, 5,000 candidates): first call {one_call_cold:.2f} s, "
        f"second call {one_call_warm * 1000:.0f} ms"
    )
    print(f"group_near_duplicates over 5,000 items: {grouping:.2f} s, {len(groups)} groups")
    print(f"results per new-text query (limit 10): mean {statistics.mean(hits):.1f}")


if __name__ == "__main__":
    main()
