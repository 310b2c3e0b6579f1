"""Yes-or-no facts read as sentences in memos: every such fact has one for each value."""

from __future__ import annotations

import pytest

from legal_analysis import Analysis, Rulebook, analyse, load_scenario
from legal_analysis.render.model import Memo, build_memo
from legal_analysis.render.propositions import proposition
from legal_analysis.render.wording import branch_condition, fact_name, fact_question
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
        names = [home.names[p] for p in key.split(".") if p in home.names]
        if key.startswith("deployments."):  # a deployment is named by its states
            dep = home.scenario.deployments[key.split(".")[1]]
            names += [home.scenario.states[code].name
                      for code in (dep.sending_state, dep.receiving_state) if code]
        assert any(n in holds for n in names), (key, holds)


def test_a_fact_or_value_without_a_sentence_has_none(home: Analysis) -> None:
    """A value outside a fact's domain, or a field without sentences, gets no sentence (the
    memo then names the fact and its value)."""
    dep = next(iter(home.scenario.deployments))
    assert proposition(home, f"deployments.{dep}.command_authority", "sometimes") is None
    assert proposition(home, "states.UKR.no_such_field", True) is None
    assert proposition(home, f"deployments.{dep}.command_authority", True) is None


def test_a_decisive_yes_or_no_fact_is_asked_as_whether(home: Analysis) -> None:
    """'The answer turns on whether …' for a true-or-false fact; 'who commands …' for the
    command of a deployment."""
    person = next(iter(home.scenario.persons))
    name = home.scenario.persons[person].name
    assert fact_question(home, f"persons.{person}.leadership_position") == (
        f"whether {name} is in a position effectively to control or direct a state's political "
        "or military action")
    dep = next(iter(home.scenario.deployments))
    sending = home.scenario.states[home.scenario.deployments[dep].sending_state].name
    assert fact_question(home, f"deployments.{dep}.command_authority") == (
        f"who commands {sending}'s troops")


def test_branches_state_yes_or_no_facts_as_sentences(home: Analysis) -> None:
    """A branch that turns on one yes-or-no fact reads 'If <sentence>', not '<fact> is true'."""
    conditions = [branch_condition(home, b) for r in home.results for b in r.branches]
    assert any(c.startswith("there are no substantial grounds for believing that")
               for c in conditions)
    assert not [c for c in conditions if " is true" in c or " is false" in c]
    leads = _leads(build_memo(home))
    assert leads and not [lead for lead in leads if " is true" in lead or " is false" in lead]


def test_every_enumerated_fact_has_a_sentence_per_value_and_a_question(home: Analysis) -> None:
    """An enumerated fact (command authority, recruitment, health …) has a sentence for each
    value in its domain, all different, and a question for 'the answer turns on …'."""
    person = next(iter(home.scenario.persons))
    prefixes = {"conflict": f"conflicts.{next(iter(home.scenario.conflicts))}",
                "deployment": f"deployments.{next(iter(home.scenario.deployments))}",
                "person": f"persons.{person}"}
    checked = 0
    for kind, prefix in prefixes.items():
        for name, info in fields_of(kind).items():
            if not info.domain or set(info.domain) <= {True, False}:
                continue
            key = f"{prefix}.{name}"
            said = [proposition(home, key, v) for v in info.domain]
            assert all(said) and len(set(said)) == len(said), (key, said)
            assert fact_question(home, key) != fact_name(key, home), key
            checked += 1
    assert checked >= 8


def test_branches_say_who_commands(home: Analysis) -> None:
    """'If Russia commands the DPRK's troops', not 'If command authority (…) is …'."""
    leads = _leads(build_memo(home))
    assert any(lead.startswith("If Russia commands the DPRK's troops") for lead in leads)
    assert not [lead for lead in leads if "command authority" in lead]


def _leads(memo: Memo) -> list[str]:
    """How every version of the facts in a memo is introduced."""
    return [v.lead for i in memo.issues for d in i.discussions for v in d.versions]
