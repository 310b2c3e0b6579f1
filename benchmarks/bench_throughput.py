"""Throughput over 10,000 generated scenarios on one core (validation + analysis)."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import scenario_data
from legal_analysis import analyse, load_rulebook
from legal_analysis.facts import Scenario

COUNT = 10_000


def main() -> None:
    book = load_rulebook()
    rng = random.Random(20250428)
    data = [scenario_data(rng, i) for i in range(COUNT)]
    # streamed as `batch` streams them: each scenario validated, analysed and dropped (keeping
    # 10,000 validated scenarios alive would time the garbage collector, not the library)
    validating = analysing = 0.0
    conclusions = 0
    for d in data:
        start = time.perf_counter()
        s = Scenario.model_validate(d)
        validated = time.perf_counter()
        conclusions += len(analyse(s, book).results)
        analysing += time.perf_counter() - validated
        validating += validated - start
    v, a = validating, analysing
    print(f"{COUNT} generated scenarios, {conclusions} conclusions")
    print(f"validation: {COUNT / v:,.0f} scenarios/s; analysis: {COUNT / a:,.0f} scenarios/s; "
          f"both: {COUNT / (v + a):,.0f} scenarios/s on one core [target >= 2,000/s]")


if __name__ == "__main__":
    main()
