"""The public Python surface, pinned."""

from __future__ import annotations

import legal_analysis
from legal_analysis import analyse, load_rulebook, load_scenario

from .conftest import EXAMPLES


def test_all_is_pinned() -> None:
    assert sorted(legal_analysis.__all__) == sorted([
        "UNKNOWN", "Analysis", "Branch", "Change", "LegalAnalysisError", "OutputError", "Result",
        "RuleError", "Rulebook", "Scenario", "ScenarioError", "ScenarioWarning", "Status",
        "TemplateError", "Timeline", "WhatIf", "analyse", "load_rulebook", "load_scenario",
        "read_scenario", "scenario_warnings",
    ])
    for name in legal_analysis.__all__:
        assert hasattr(legal_analysis, name)


def test_look_up_by_id_and_subject() -> None:
    a = analyse(load_scenario(EXAMPLES / "dprk-2024-10-26.yaml"), load_rulebook())
    r = a.get("party_to_conflict", state="PRK", conflict="russia-ukraine")
    assert r.id == "party_to_conflict" and r.subject_dict["state"] == "PRK"
    assert {x.subject_dict["state"] for x in a.conclusions("party_to_conflict")} >= {"PRK", "RUS",
                                                                                    "UKR"}
