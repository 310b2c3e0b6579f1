"""Status-only batch on one core: generated scenarios as JSON bytes, each parsed, validated and
analysed (``batch --status-only``), its record written as a JSON line; validation included.

    python benchmarks/bench_throughput.py [--count N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import scenario_data
from legal_analysis import Scenario, load_rulebook
from legal_analysis.batch import evaluate_many, record_line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    count = parser.parse_args().count
    book = load_rulebook()
    rng = random.Random(20250428)
    data = [scenario_data(rng, i) for i in range(count)]
    items = [(f"gen-{i}.json", json.dumps(d).encode()) for i, d in enumerate(data)]
    list(evaluate_many(items[:1], book, status_only=True))  # compile the rule base first
    start = time.process_time()
    failed = 0
    for record in evaluate_many(items, book, status_only=True):
        record_line(record)
        failed += not record["ok"]
    whole = time.process_time() - start
    start = time.process_time()
    for d in data:
        Scenario.model_validate(d)
    validating = time.process_time() - start
    print(f"{count:,} generated scenarios, batch --status-only on one core ({failed} failed):")
    print(f"{count / whole:,.0f} scenarios/s ({whole / count * 1000:.2f} ms CPU each, of which "
          f"validation {validating / count * 1000:.2f} ms) [target >= 2,000/s]")


if __name__ == "__main__":
    main()
