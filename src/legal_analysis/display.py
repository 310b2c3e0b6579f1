"""Analyses that read well in a Python session and a notebook.

The engine's objects cannot word themselves: the memo's wording lives in a layer above the engine
(:mod:`legal_analysis.render`), which the engine never imports. So the analysis made here is
the engine's, with the memo's wording attached (:data:`legal_analysis.render.display.DISPLAY`,
an :class:`~legal_analysis.engine.readable.Display`): its results and branches reach it
through the analysis they belong to, and the analyses its what-ifs and timeline derive inherit
it. ``legal_analysis.analyse`` is :func:`analyse`.

>>> from legal_analysis import analyse, load_rulebook, load_scenario
>>> from legal_analysis.examples import example_path
>>> analysis = analyse(load_scenario(example_path("dprk-2024-10-26")), load_rulebook())
>>> analysis.get("party_to_conflict", state="RUS").describe()
'Russian Federation is a party to the conflict.'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from .engine import analysis as engine
from .facts import Scenario
from .render.display import DISPLAY
from .ruleset.loading import Rulebook


def analyse(scenario: Scenario, rulebook: Rulebook, as_of: dt.date | None = None,
            overrides: Mapping[str, Any] | None = None, *,
            limit: int | None = None, conclusions: Iterable[str] | None = None
            ) -> engine.Analysis:
    """Evaluate every conclusion of ``rulebook`` for every subject of ``scenario`` (see
    :func:`legal_analysis.engine.analysis.analyse` for the arguments), in an analysis whose
    objects describe themselves in the memo's words: ``result.describe()``,
    ``branch.describe()``, ``analysis.records()`` and a notebook's displays."""
    return readable(engine.analyse(scenario, rulebook, as_of, overrides, limit=limit,
                                   conclusions=conclusions))


def readable(analysis: engine.Analysis) -> engine.Analysis:
    """``analysis`` with the memo's wording attached (the same object, returned)."""
    analysis.display = DISPLAY
    return analysis
