"""Rule-base load time, and one full analysis of the home scenario (median of many runs)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import HOME, median_ms
from legal_analysis import analyse, load_rulebook, load_scenario


def main() -> None:
    load_ms, load_min = median_ms(load_rulebook, 20)
    book = load_rulebook()
    scenario = load_scenario(HOME)
    analysis = analyse(scenario, book)
    conclusions = len(analysis.results)

    def full() -> None:
        a = analyse(scenario, book)
        for r in a.results:
            a.explain(r.id, **r.subject_dict)

    analyse_ms, analyse_min = median_ms(lambda: analyse(scenario, book), 200)
    full_ms, full_min = median_ms(full, 50)
    print(f"rule base: {len(book.rules)} rules, {len(book.conclusions)} conclusions")
    print(f"load_rulebook: median {load_ms:.1f} ms (min {load_min:.1f}) [target < 100 ms]")
    print(f"analyse home scenario ({conclusions} conclusions): median {analyse_ms:.2f} ms "
          f"(min {analyse_min:.2f}) [target < 5 ms]")
    print(f"analyse + every derivation tree: median {full_ms:.2f} ms (min {full_min:.2f})")


if __name__ == "__main__":
    main()
