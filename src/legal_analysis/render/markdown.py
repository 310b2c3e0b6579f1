"""The Markdown memo, rendered through Jinja2 with StrictUndefined.

Every ``{{ value }}`` in a Markdown template is escaped by :func:`escape_markdown` (the
environment's ``finalize``), so that text from a scenario cannot inject raw HTML, links or
structure into the memo. Pieces the renderer builds itself (footnote marks, Mermaid blocks) are
:class:`~markupsafe.Markup` and pass through as they are. The memo's parts are templates of
their own (``md/<part>.md.j2``), included by ``memo.md.j2`` in the order the memo reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .diagram import Graph, graph_mermaid
from .parts import Memo
from .templating import environment, render_template

_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_SPECIAL = {ord("<"): "&lt;", ord(">"): "&gt;", ord("["): "\\[", ord("]"): "\\]",
            ord("`"): "\\`", ord("|"): "\\|", ord("\\"): "\\\\"}


def escape_markdown(value: Any) -> Any:
    """Text made inert in Markdown: no raw HTML, links, code spans or table breaks; one line.

    :class:`~markupsafe.Markup` passes unchanged; other values are turned into text first.

    >>> escape_markdown('<script>alert(1)</script> [x](javascript:y) a|b')
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\[x\\\\](javascript:y) a\\\\|b'
    >>> escape_markdown("AT&T &amp;\\nnext")
    'AT&T &amp;amp; next'
    """
    if isinstance(value, Markup):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = " ".join(str(value).split())
    text = _ENTITY.sub("&amp;", text)
    return text.translate(_SPECIAL)


def footnote_marks(notes: Iterable[int]) -> Markup:
    """Markdown footnote references: ``[^1][^2]``."""
    return Markup("".join(f"[^{int(n)}]" for n in notes))


def mermaid_block(graph: Graph) -> Markup:
    """A diagram as a fenced Mermaid block (labels escaped by :mod:`.diagram`)."""
    return Markup("```mermaid\n" + graph_mermaid(graph) + "\n```")


def indent(depth: int) -> Markup:
    """Two spaces per level of a nested list."""
    return Markup("  " * int(depth))


ANNEX = "## Annex"
"""How the heading of each annex of the Markdown memo begins."""


def word_counts(text: str) -> tuple[int, int]:
    """The words of a Markdown memo (as ``wc -w`` counts them) before its first annex, and
    in its annexes.

    >>> word_counts("# T\\n\\nOne two.\\n\\n## Annex A. X\\n\\nthree\\n")
    (4, 5)
    """
    head, sep, tail = text.partition("\n" + ANNEX)
    return len(head.split()), len((sep + tail).split())


def markdown(memo: Memo, template_dir: Path | None = None) -> str:
    """The memo as Markdown (footnotes in the ``[^n]`` form code hosts render)."""
    env = environment(template_dir, autoescape=False, finalize=escape_markdown)
    text = render_template(env, "memo.md.j2", memo=memo, fn=footnote_marks,
                           mermaid=mermaid_block, pad=indent)
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    in_code = False
    for line in lines:
        if line.startswith("```"):
            in_code = not in_code
        if line == "" and out and out[-1] == "" and not in_code:
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"
