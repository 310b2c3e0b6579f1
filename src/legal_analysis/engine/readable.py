"""How the objects of an analysis read in a Python session and a notebook.

Their ``repr`` is made here, from what the engine knows (ids, statuses, counts): one line, at
most :data:`REPR_LIMIT` characters. Their sentences (``describe()``) and their notebook displays
(``_repr_html_``, ``_repr_markdown_``) are the memo's wording, which lives in the layer above the
engine (:mod:`legal_analysis.render`), and the engine never imports it. So an analysis carries a
:class:`Display`: an object with that wording, attached by whoever makes the analysis for people
to read (``legal_analysis.analyse`` attaches :data:`legal_analysis.render.display.DISPLAY`).
Results reach it through the analysis they belong to, branches through their result, and the
analyses a what-if or a timeline derives inherit it. An analysis made without one still has
its short ``repr``; asking it for a sentence says how to get one.
"""

from __future__ import annotations

from typing import Protocol

from ..errors import LegalAnalysisError

REPR_LIMIT = 300
"""Longest ``repr`` of an analysis's objects, in characters."""
TITLE_LIMIT = 60
"""Longest part of a scenario's title a ``repr`` quotes."""


class Display(Protocol):
    """The memo's wording for the objects of an analysis (an :class:`~.analysis.Analysis`, a
    :class:`~.outcome.Result`, a :class:`~.outcome.Branch`, a :class:`~.analysis.WhatIf`, a
    :class:`~.analysis.Timeline`)."""

    def describe(self, item: object) -> str:
        """The sentence the memo says of ``item``."""

    def html(self, item: object) -> str:
        """``item`` as a self-contained HTML fragment (for a notebook)."""

    def markdown(self, item: object) -> str:
        """``item`` as Markdown (for a notebook)."""


class Owner(Protocol):
    """What a result reaches its wording through: the analysis it belongs to."""

    display: Display | None


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis.

    >>> shorten("Two DPRK soldiers\\ncaptured in Kursk", 20)
    'Two DPRK soldiers c…'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def one_line(text: str) -> str:
    """A ``repr`` held to :data:`REPR_LIMIT` characters (its closing ``>`` kept)."""
    if len(text) <= REPR_LIMIT:
        return text
    return text[: REPR_LIMIT - 2] + "…>"


def need_display(display: Display | None) -> Display:
    """The wording attached to an analysis, or a one-line error saying how to get it."""
    if display is None:
        raise LegalAnalysisError(
            "this analysis was made without the memo's wording, so it cannot describe itself",
            expected="an analysis made by legal_analysis.analyse (or passed to "
                     "legal_analysis.display.readable)")
    return display
