"""legal_analysis: reasoned, cited analysis of international-law questions.

Load a scenario (typed facts with provenance) and the rule base, analyse, and look at the result:

>>> from legal_analysis import load_scenario, load_rulebook, analyse
>>> from legal_analysis.examples import example_path
>>> analysis = analyse(load_scenario(example_path("dprk-2024-10-26")), load_rulebook())
>>> print(analysis.get("party_to_conflict", state="PRK").status)
undetermined

The public surface is what ``__all__`` lists; everything else is private and may change.
"""

from __future__ import annotations

from .core import UNKNOWN, Status
from .display import analyse
from .engine.analysis import Analysis, Branch, Change, Result, Timeline, WhatIf
from .errors import LegalAnalysisError, OutputError, RuleError, ScenarioError, TemplateError
from .facts import Scenario
from .lint import ScenarioWarning, scenario_warnings
from .ruleset.loading import Rulebook, load_rulebook
from .scenario import load_scenario, read_scenario

__all__ = [
    "UNKNOWN",
    "Analysis",
    "Branch",
    "Change",
    "LegalAnalysisError",
    "OutputError",
    "Result",
    "RuleError",
    "Rulebook",
    "Scenario",
    "ScenarioError",
    "ScenarioWarning",
    "Status",
    "TemplateError",
    "Timeline",
    "WhatIf",
    "analyse",
    "load_rulebook",
    "load_scenario",
    "read_scenario",
    "scenario_warnings",
]
__version__ = "0.1.0"
