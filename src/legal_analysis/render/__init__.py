"""Rendering an analysis: the memo model and its formats (Markdown, HTML, Word, JSON, PDF).

Every format is rendered from the one memo model (:func:`.model.build_memo`) and is deterministic:
the same analysis gives the same bytes. PDF is the HTML memo printed by a browser installed on the
machine (:mod:`.pdf`), so it is kept apart from the formats the library renders by itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..terminal import visible, visible_json

if TYPE_CHECKING:
    from ..engine.analysis import Analysis
    from .model import Memo, MemoOptions

FORMATS: tuple[str, ...] = ("md", "html", "docx", "json")
"""Memo formats the library renders by itself, by the name given to ``--format``."""
BROWSER_FORMATS: tuple[str, ...] = ("pdf",)
"""Memo formats that need a browser on the machine (Chromium or Google Chrome)."""


def render(analysis: Analysis, fmt: str, template_dir: Path | None = None,
           options: MemoOptions | None = None) -> bytes:
    """Render the memo of ``analysis`` in ``fmt`` (one of :data:`FORMATS` or :data:`BROWSER_FORMATS`)
    as bytes.

    ``template_dir`` holds user templates (``memo.md.j2``, ``memo.html.j2`` and the parts they
    include) that replace the shipped ones; the Word and JSON formats do not use templates.
    ``options`` are the memo's options (a brief, the questions, the author...).
    """
    from .model import build_memo

    check_format(fmt)
    return render_memo(analysis, build_memo(analysis, options), fmt, template_dir)


def check_format(fmt: str) -> None:
    """Refuse a format that is not one of :data:`FORMATS` or :data:`BROWSER_FORMATS`."""
    if fmt not in FORMATS + BROWSER_FORMATS:
        raise ValueError(f"unknown memo format {fmt!r} "
                         f"(expected one of {', '.join(FORMATS + BROWSER_FORMATS)})")


def render_memo(analysis: Analysis, memo: Memo, fmt: str, template_dir: Path | None = None) -> bytes:
    """Render a memo model already built from ``analysis`` (to render several formats at once).

    The text formats hold no raw control character: a name holding ESC or a vertical tab is
    written with escapes (``\\x1b``) in Markdown and HTML, and as ``\\u`` escapes in JSON."""
    check_format(fmt)
    if fmt == "json":
        from .jsonout import memo_json

        return visible_json(memo_json(analysis, memo).decode("utf-8")).encode("utf-8")
    if fmt == "html":
        from .html import html

        return visible(html(memo, template_dir)).encode("utf-8")
    if fmt == "docx":
        from .docx_memo import docx_memo

        return docx_memo(memo)
    if fmt == "pdf":
        from .html import html
        from .pdf import html_to_pdf

        return html_to_pdf(visible(html(memo, template_dir)).encode("utf-8"), memo.date)
    from .markdown import markdown

    return visible(markdown(memo, template_dir)).encode("utf-8")
