"""The rule-base checker over the whole rule base."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from legal_analysis import load_rulebook
from legal_analysis.engine.checker import check_rulebook


def main() -> None:
    book = load_rulebook()
    start = time.perf_counter()
    report = check_rulebook(book)
    took = time.perf_counter() - start
    print(f"rules check: {took:.2f} s for {report.rules} rules, {report.pairs} pairs, "
          f"{report.assignments:,} combinations; {len(report.errors)} errors [target < 10 s]")


if __name__ == "__main__":
    main()
