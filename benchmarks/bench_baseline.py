"""The library beside the hand-written baseline (benchmarks/baseline.py), in one run.

Both compute party status, attribution, prisoner-of-war status and non-refoulement, exactly,
for the same generated scenarios (validated once, beforehand: validation is timed by
bench_throughput.py). The library is timed on those four conclusions alone and on all of them.

    python benchmarks/bench_baseline.py [--count N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.baseline import answers
from benchmarks.common import scenario_data
from legal_analysis import Scenario, analyse, load_rulebook

FOUR = ("party_to_conflict", "attribution_of_conduct", "pow_status", "refoulement_barred")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    count = parser.parse_args().count
    book = load_rulebook()
    rng = random.Random(20250428)
    scenarios = [Scenario.model_validate(scenario_data(rng, i)) for i in range(count)]
    analyse(scenarios[0], book)  # compile the rule base and plan the structure first

    def timed(fn: Callable[[Scenario], object]) -> float:
        start = time.perf_counter()
        for s in scenarios:
            fn(s)
        return float((time.perf_counter() - start) / count * 1000)

    baseline = timed(lambda s: answers(s, book))
    single = timed(lambda s: answers(s, book, exact=False))
    four = timed(lambda s: analyse(s, book, conclusions=FOUR))
    every = timed(lambda s: analyse(s, book))
    print(f"{count:,} generated scenarios; ms per scenario (status and value, exact):")
    print(f"hand-written baseline, 4 conclusions: {baseline:.3f} (its three-valued pass alone, "
          f"not settled: {single:.3f})")
    print(f"library, the same 4 conclusions: {four:.3f} ({four / baseline:.1f}x the baseline) "
          "[target <= 3x]")
    print(f"library, all {len(book.conclusions)} conclusions: {every:.3f} "
          f"({every / baseline:.1f}x)")


if __name__ == "__main__":
    main()
