"""Warnings about a scenario that loads but says something a reader should check.

Three kinds, each a :class:`ScenarioWarning` with a location, a field and a message:

* ``unread``: a fact given with sources that no rule of the rule base reads (see
  :mod:`.unread`);
* ``unaskable``: a person of whom some question cannot be asked, and why (see :mod:`.persons`);
* ``contradiction``: facts that contradict each other (see :mod:`.contradictions`).

>>> from legal_analysis import load_rulebook, load_scenario
>>> from legal_analysis.examples import example_path
>>> scenario_warnings(load_scenario(example_path("dprk-2025-01-12")), load_rulebook())
[]
"""

from __future__ import annotations

from ..documents import Document
from ..engine.plan import plan_for
from ..engine.program import program_for
from ..facts import Scenario
from ..ruleset.loading import Rulebook
from .contradictions import contradiction_warnings
from .persons import unaskable_warnings
from .unread import unread_warnings
from .warning import Kind, ScenarioWarning

__all__ = ["Kind", "ScenarioWarning", "scenario_warnings"]


def scenario_warnings(scenario: Scenario, rulebook: Rulebook,
                      document: Document | None = None) -> list[ScenarioWarning]:
    """Every warning about ``scenario`` under ``rulebook``, in the order of the file (located in
    ``document``, the file the scenario was read from, when given). Pure: reads nothing else."""
    plan = plan_for(program_for(rulebook), scenario)
    found = [*unread_warnings(scenario, rulebook, plan, document),
             *unaskable_warnings(scenario, rulebook, plan, document),
             *contradiction_warnings(scenario, document)]
    return sorted(found, key=lambda w: w.sort_key)
