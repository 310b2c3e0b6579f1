"""Rendering the home scenario's memo in each format (median of a few runs), from one analysis.

The PDF figure needs Chromium or Google Chrome on PATH and is left out without one.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import HOME, median_ms
from legal_analysis import analyse, load_rulebook, load_scenario
from legal_analysis.render import FORMATS, render_memo
from legal_analysis.render.diagram import graph_svg
from legal_analysis.render.model import build_memo
from legal_analysis.render.pdf import find_browser
from legal_analysis.render.raster import Fonts, png


def main() -> None:
    analysis = analyse(load_scenario(HOME), load_rulebook())
    memo = build_memo(analysis)
    model_ms, _ = median_ms(lambda: build_memo(analysis), 5)
    discussions = sum(len(i.discussions) for i in memo.issues)
    print(f"memo model ({len(memo.issues)} issues, {discussions} discussions): "
          f"median {model_ms:.0f} ms")
    formats = FORMATS + (("pdf",) if find_browser() else ())
    for fmt in formats:
        size = len(render_memo(analysis, memo, fmt))
        ms, low = median_ms(partial(render_memo, analysis, memo, fmt), 3 if fmt == "pdf" else 5)
        print(f"render {fmt}: median {ms:.0f} ms (min {low:.0f}), {size / 1e6:.1f} MB")
    if "pdf" not in formats:
        print("render pdf: no Chromium or Chrome on PATH, not measured")
    fonts = Fonts.installed()
    svgs = [graph_svg(i.diagram) for i in memo.issues if i.diagram is not None]
    ms, low = median_ms(lambda: [png(s, fonts) for s in svgs], 3)
    print(f"diagrams as PNG for the Word memo: {len(svgs)} in median {ms:.0f} ms "
          f"({ms / len(svgs):.0f} ms each)")


if __name__ == "__main__":
    main()
