"""The home analysis (docs/examples/dprk-2025-01-12.yaml): rule-base load, the analysis without
branches, with every branch, and what asking for one more conclusion's branches costs.

    python benchmarks/bench_analysis.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import HOME, median_ms
from legal_analysis import analyse, load_rulebook, load_scenario


def main() -> None:
    load_ms, load_min = median_ms(load_rulebook, 10)
    book = load_rulebook()
    scenario = load_scenario(HOME)
    analysis = analyse(scenario, book)
    results = len(analysis.results)

    def with_branches() -> None:
        for r in analyse(scenario, book).results:
            _ = r.branches

    def one_more() -> None:
        a = analyse(scenario, book)
        _ = a.results[-1].branches

    status_ms, status_min = median_ms(lambda: analyse(scenario, book), 100)
    full_ms, full_min = median_ms(with_branches, 50)
    more_ms, _ = median_ms(one_more, 50)
    print(f"rule base: {len(book.rules)} rules, {len(book.conclusions)} conclusions; "
          f"load_rulebook: median {load_ms:.1f} ms (min {load_min:.1f})")
    print(f"home analysis ({results} results), no branches: median {status_ms:.2f} ms "
          f"(min {status_min:.2f}) [target <= 5 ms]")
    print(f"with every branch: median {full_ms:.2f} ms (min {full_min:.2f}) [target <= 10 ms]; "
          f"the branches of one conclusion asked for later: "
          f"{(full_ms - status_ms) / results:.2f} ms on average, "
          f"{more_ms - status_ms:.2f} ms for the last one [target <= 2 ms each]")


if __name__ == "__main__":
    main()
