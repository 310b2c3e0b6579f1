"""Rewrite the golden memos of the home scenarios after an intended change.

Run from the repository root::

    PYTHONPATH=src .venv/bin/python tests/golden/regen.py

then review the diff of ``tests/golden/`` before committing it. The golden test
(``tests/test_render_golden.py``) renders the same memos with :func:`render_golden`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from legal_analysis import Rulebook, analyse, load_rulebook, load_scenario
from legal_analysis.render import render_memo
from legal_analysis.render.model import build_memo

GOLDEN = Path(__file__).resolve().parent
EXAMPLES = GOLDEN.parents[1] / "docs" / "examples"
SCENARIOS: tuple[str, ...] = ("dprk-2024-10-26", "dprk-2025-01-12", "dprk-2025-04-28")
"""The home scenarios, by file stem under docs/examples/."""
FORMATS: tuple[str, ...] = ("md", "html", "json")
"""The formats kept as golden files (DOCX is checked structurally instead)."""
REGEN_COMMAND = "PYTHONPATH=src .venv/bin/python tests/golden/regen.py"


def golden_path(name: str, fmt: str) -> Path:
    """Where the golden memo of scenario ``name`` in format ``fmt`` is kept."""
    return GOLDEN / f"{name}.{fmt}"


def render_golden(name: str, rulebook: Rulebook,
                  formats: tuple[str, ...] = FORMATS) -> dict[str, bytes]:
    """The memo of a home scenario in each of ``formats``, from a fresh analysis and memo."""
    analysis = analyse(load_scenario(EXAMPLES / f"{name}.yaml"), rulebook)
    memo = build_memo(analysis)
    return {fmt: render_memo(analysis, memo, fmt) for fmt in formats}


def main() -> int:
    """Rewrite every golden memo; print what changed."""
    rulebook = load_rulebook()
    for name in SCENARIOS:
        for fmt, data in render_golden(name, rulebook).items():
            path = golden_path(name, fmt)
            old = path.read_bytes() if path.exists() else None
            if old != data:
                path.write_bytes(data)
                print(f"{'updated' if old is not None else 'created'} {path.relative_to(GOLDEN.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
