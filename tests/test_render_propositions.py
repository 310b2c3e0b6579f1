"""Yes-or-no facts read as sentences in memos: every such fact has one for each value."""

from __future__ import annotations

import pytest

from legal_analysis import Analysis, Rulebook, analyse, load_scenario
from legal_analysis.render.model import build_memo
from legal_analysis.render.propositions import proposition
from legal_analysis.render.wording import fact_question
from legal_analysis.ruleset.paths import fields_of

from .conftest import ROOT

HOME = ROOT / "docs" / "examples" / "dprk-2025-01-12.yaml"
PERSONAL = ("torture_risk", "irreparable_harm_risk", "persecution_risk", "fundamental_rights_risk",
            "is_national_state", "claims_person")
"""A destination's yes-or-no facts about the person there (not the state's own, not its role)."""


@pytest.fixture(scope="module")
def home(rulebook: Rulebook) -> Analysis:
    return analyse(load_scenario(HOME), rulebook)


def _keys(analysis: Analysis) -> list[str]:
    """A key of the home scenario for every true-or-false fact of every kind of entity."""
    person = next(iter(analysis.scenario.persons))
    conflict = next(iter(analysis.scenario.conflicts))
    prefixes = {"state": "states.UKR", "conflict": f"conflicts.{conflict}",
                "deployment": f"deployments.{next(iter(analysis.scenario.deployments))}",
                "person": f"persons.{person}", "destination": f"persons.{person}.destinations.PRK"}
    keys = []
    for kind, prefix in prefixes.items():
        for name, info in fields_of(kind).items():
            if not info.domain or not set(info.domain) <= {True, False}:
                continue
            if kind == "destination" and name not in PERSONAL:
                continue  # the destination's state facts are the state's; its roles are data
            keys.append(f"{prefix}.{name}")
    return keys


def test_every_yes_or_no_fact_has_a_sentence_for_each_value(home: Analysis) -> None:
    """A true-or-false fact that a memo may state as a condition has two different sentences,
    and each names the entity the fact is about (so a new field without sentences fails)."""
    keys = _keys(home)
    assert len(keys) > 30
    for key in keys:
        holds, fails = proposition(home, key, True), proposition(home, key, False)
        assert holds and fails and holds != fails, key
        names = [home.engine.names[p] for p in key.split(".") if p in home.engine.names]
        if key.startswith("deployments."):  # a deployment is named by its states
            dep = home.scenario.deployments[key.split(".")[1]]
            names += [home.scenario.states[dep.sending_state].name,
                      home.scenario.states[dep.receiving_state].name]
        assert any(n in holds for n in names), (key, holds)


def test_a_value_that_is_not_true_or_false_has_no_sentence(home: Analysis) -> None:
    """Enumerated facts keep their name-and-value wording."""
    dep = next(iter(home.scenario.deployments))
    assert proposition(home, f"deployments.{dep}.command_authority", "joint") is None
    assert proposition(home, "states.UKR.no_such_field", True) is None


def test_a_decisive_yes_or_no_fact_is_asked_as_whether(home: Analysis) -> None:
    """'The answer turns on whether …' for a true-or-false fact; by name for the others."""
    person = next(iter(home.scenario.persons))
    name = home.scenario.persons[person].name
    assert fact_question(home, f"persons.{person}.leadership_position") == (
        f"whether {name} is in a position effectively to control or direct a state's political "
        "or military action")
    dep = next(iter(home.scenario.deployments))
    assert fact_question(home, f"deployments.{dep}.command_authority").startswith(
        "command authority")


def test_branches_state_yes_or_no_facts_as_sentences(home: Analysis) -> None:
    """A branch that turns on one yes-or-no fact reads 'If <sentence>', not '<fact> is true'."""
    memo = build_memo(home)
    leads = [b.lead for s in memo.sections for b in s.branches]
    assert any(lead.startswith("If there are no substantial grounds for believing that")
               for lead in leads)
    assert not [lead for lead in leads if " is true" in lead or " is false" in lead]
