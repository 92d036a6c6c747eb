"""Runs sortition-algorithms (PyPI) on an instance written by sampling_lottery.py.

Not a project dependency (it pulls cvxpy, gspread, …): install it in a separate
virtualenv and point sampling_lottery.py at that interpreter:

    python3 -m venv /tmp/sa-venv && /tmp/sa-venv/bin/pip install sortition-algorithms
    SORTITION_PYTHON=/tmp/sa-venv/bin/python .venv/bin/python bench/sampling_lottery.py

Usage: <python> bench/sampling_sortition.py instance.json maximin|leximin
Prints one JSON line: {"algorithm", "seconds", "min_probability", "committees"}.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections import defaultdict


def main() -> None:
    path, algorithm = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as fh:
        instance = json.load(fh)
    from sortition_algorithms import CSVStringDataSource, SelectionData, Settings
    from sortition_algorithms.committee_generation.leximin import find_distribution_leximin
    from sortition_algorithms.committee_generation.maximin import find_distribution_maximin

    features = io.StringIO()
    writer = csv.writer(features)
    writer.writerow(["feature", "value", "min", "max"])
    for cell, seats in sorted(instance["cells"].items()):
        writer.writerow(["cell", cell, seats, seats])
    people = io.StringIO()
    writer = csv.writer(people)
    writer.writerow(["id", "cell"])
    for pid, cell in instance["people"]:
        writer.writerow([pid, cell])
    k = instance["k"]
    data = SelectionData(CSVStringDataSource(features.getvalue(), people.getvalue()))
    feature_collection, _ = data.load_features(k)
    settings = Settings(id_column="id", columns_to_keep=[])
    pool, _ = data.load_people(settings, feature_collection)
    find = find_distribution_maximin if algorithm == "maximin" else find_distribution_leximin
    start, cpu = time.perf_counter(), time.process_time()
    committees, probabilities, _report = find(feature_collection, pool, k, [])
    seconds, used = time.perf_counter() - start, time.process_time() - cpu
    marginal: dict[str, float] = defaultdict(float)
    for committee, p in zip(committees, probabilities, strict=True):
        for pid in committee:
            marginal[pid] += p
    low = min(marginal.get(pid, 0.0) for pid, _cell in instance["people"])
    print(
        json.dumps(
            {
                "algorithm": algorithm,
                "seconds": round(seconds, 3),
                "cpu": round(used, 3),
                "min_probability": round(low, 6),
                "committees": len(committees),
            }
        )
    )


if __name__ == "__main__":
    main()
