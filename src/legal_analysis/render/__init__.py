"""Rendering an analysis: the memo model and its formats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine.analysis import Analysis

FORMATS: tuple[str, ...] = ("md", "json")
"""Memo formats, by the name given to ``--format``."""


def render(analysis: Analysis, fmt: str, template_dir: Path | None = None) -> bytes:
    """Render the memo of ``analysis`` in ``fmt`` as bytes."""
    from .model import build_memo

    memo = build_memo(analysis)
    if fmt == "json":
        from .jsonout import memo_json

        return memo_json(analysis, memo)
    from .markdown import markdown

    return markdown(memo, template_dir).encode("utf-8")
