"""Throughput over 10,000 generated scenarios on one core (validation + analysis)."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import scenario_data
from legal_analysis import analyse, load_rulebook
from legal_analysis.engine.evaluate import Engine
from legal_analysis.facts import Scenario

COUNT = 10_000


def main() -> None:
    book = load_rulebook()
    rng = random.Random(20250428)
    data = [scenario_data(rng, i) for i in range(COUNT)]
    start = time.perf_counter()
    scenarios = [Scenario.model_validate(d) for d in data]
    validated = time.perf_counter()
    conclusions = 0
    for s in scenarios:
        conclusions += len(analyse(s, book, engine=Engine(s, book)).results)
    done = time.perf_counter()
    v, a = validated - start, done - validated
    print(f"{COUNT} generated scenarios, {conclusions} conclusions")
    print(f"validation: {COUNT / v:,.0f} scenarios/s; analysis: {COUNT / a:,.0f} scenarios/s; "
          f"both: {COUNT / (v + a):,.0f} scenarios/s on one core [target >= 2,000/s]")


if __name__ == "__main__":
    main()
