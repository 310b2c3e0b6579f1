"""Word counts of the Markdown memos: the body (before the annexes), the annexes and the
total, for the home scenarios and every casebook case, and the length of the built-in brief.

The memo should read in about ten pages: the January 2025 home memo at most 6,000 words without
its annexes and 10,000 with them, and its brief at most 1,200 (``tests/test_memo_length.py``
holds them to it).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import ROOT
from legal_analysis import analyse, load_rulebook, load_scenario
from legal_analysis.render import render_memo
from legal_analysis.render.markdown import word_counts
from legal_analysis.render.model import MemoOptions, build_memo

HOME = ("dprk-2024-10-26", "dprk-2025-01-12", "dprk-2025-04-28")


def main() -> None:
    rulebook = load_rulebook()
    paths = [ROOT / "docs" / "examples" / f"{name}.yaml" for name in HOME]
    paths += sorted((ROOT / "docs" / "examples" / "casebook").glob("*.yaml"))
    print(f"{'memo':<40} {'body':>6} {'annexes':>8} {'total':>6} {'brief':>6}")
    for path in paths:
        analysis = analyse(load_scenario(path), rulebook)
        text = render_memo(analysis, build_memo(analysis), "md").decode("utf-8")
        brief = render_memo(analysis, build_memo(analysis, MemoOptions(brief=True)), "md")
        body, annexes = word_counts(text)
        print(f"{path.relative_to(ROOT / 'docs' / 'examples').as_posix():<40} {body:>6} "
              f"{annexes:>8} {body + annexes:>6} {len(brief.split()):>6}")


if __name__ == "__main__":
    main()
