"""Properties of the engine over generated scenarios (strategies in tests/strategies.py)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legal_analysis import UNKNOWN, Rulebook, analyse
from legal_analysis.facts import Scenario

from .strategies import scenarios

SETTINGS = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def outcomes(analysis: Any) -> dict[Any, tuple[str, str]]:
    return {(r.id, r.subject): (r.status, repr(r.value)) for r in analysis.results}


def _tested_for_knowledge(a: Any) -> set[str]:
    """Facts some rule tests with 'known' or 'is_unknown' (e.g. 'no tribunal has decided yet'):
    such a rule reasons about the state of knowledge itself, so learning the fact may rightly
    change the outcome; soundness is claimed for the other facts. Found in the derivations."""
    out: set[str] = set()

    def walk(node: dict[str, Any]) -> None:
        fact = node.get("fact")
        if fact and fact.get("key") and node["test"].split(" ", 1)[1].startswith(
                ("known ", "is unknown ")):
            out.add(fact["key"])
        for child in node.get("children", []):
            walk(child)
        sub = node.get("sub_conclusion")
        if sub:
            for rule in sub.get("rules", []):
                walk(rule["condition"])

    for r in a.results:
        for rule in a.explain(r.id, **r.subject_dict)["rules"]:
            walk(rule["condition"])
    return out


@SETTINGS
@given(scenario=scenarios(), data=st.data())
def test_established_conclusions_survive_every_completion(
        any_rulebook: Rulebook, scenario: Scenario, data: st.DataObject) -> None:
    """Soundness: a conclusion established while some facts it reads are unknown keeps its value
    whatever values those facts turn out to have (unknown is never treated as false), except
    facts a rule tests for being known, whose learning may rightly change the answer."""
    a = analyse(scenario, any_rulebook)
    about_knowledge = _tested_for_knowledge(a)
    for r in a.results:
        if r.status != "established":
            continue
        unknown = sorted(k for k in a.facts_read(r.id, **r.subject_dict)
                         if a.value(k) is UNKNOWN and a.domain(k) and k not in about_knowledge)
        if not unknown:
            continue
        completion = {k: data.draw(st.sampled_from(a.domain(k) or ())) for k in unknown}
        after = a.what_if(completion).after.get(r.id, **r.subject_dict)
        assert (after.status, after.value) == (r.status, r.value), (r.id, r.subject, completion)


@SETTINGS
@given(scenario=scenarios())
def test_undetermined_conclusions_have_completions_that_differ(
        any_rulebook: Rulebook, scenario: Scenario) -> None:
    """Precision: an undetermined conclusion really turns on its decisive facts: its branches
    lead to different outcomes, and setting the facts of two branches that are decided gives
    their two different values."""
    a = analyse(scenario, any_rulebook)
    for r in a.results:
        if r.status != "undetermined" or not r.branches:
            continue
        outcomes = {(b.status, repr(b.value)) for b in r.branches}
        assert len(outcomes) == len(r.branches) >= 2, r
        decided = [b for b in r.branches if b.status == "established"]
        if len(decided) < 2:
            continue
        first, second = decided[0], decided[1]
        x = a.what_if(dict(first.when[0])).after.get(r.id, **r.subject_dict)
        y = a.what_if(dict(second.when[0])).after.get(r.id, **r.subject_dict)
        assert (x.status, x.value) == ("established", first.value)
        assert (y.status, y.value) == ("established", second.value)


@SETTINGS
@given(scenario=scenarios())
def test_evaluation_is_deterministic(any_rulebook: Rulebook, scenario: Scenario) -> None:
    """Determinism: the same scenario and rules give the same JSON, byte for byte."""
    one = json.dumps(analyse(scenario, any_rulebook).to_dict(), sort_keys=True)
    two = json.dumps(analyse(scenario, any_rulebook).to_dict(), sort_keys=True)
    assert one == two


def _with_participation(scenario: Scenario, book: Rulebook) -> Scenario:
    """The scenario with the rule base's treaty participation for its states written into it.

    Participation data are facts about a state kept under its code (``RUS``): a renamed state
    no longer finds them, so a renaming test must carry them with the state."""
    states = {}
    for code, state in scenario.states.items():
        treaties = {**book.participation.get(code, {}), **state.treaties}
        states[code] = state.model_copy(update={"treaties": treaties})
    return scenario.model_copy(update={"states": states})


def _rename(scenario: Scenario, mapping: dict[str, str]) -> Scenario:
    text = json.dumps(scenario.model_dump(mode="json"))
    for old, new in mapping.items():
        text = text.replace(f'"{old}"', f'"{new}"')
    return Scenario.model_validate(json.loads(text))


@SETTINGS
@given(scenario=scenarios())
def test_renaming_states_and_persons_changes_no_value(any_rulebook: Rulebook, scenario: Scenario) -> None:
    """Genericity: no rule depends on a state's or person's name or code: renaming every state
    and person gives the same outcomes for the renamed subjects (state-valued answers renamed).
    The rule base's treaty participation, kept by state code, moves with the renamed state."""
    scenario = _with_participation(scenario, any_rulebook)
    mapping = {c: f"Q{c}" for c in scenario.states}
    mapping.update({p: f"renamed-{p}" for p in scenario.persons})
    renamed = _rename(scenario, mapping)
    a, b = analyse(scenario, any_rulebook), analyse(renamed, any_rulebook)

    def key(r: Any, m: dict[str, str]) -> Any:
        return (r.id, tuple((role, m.get(v, v)) for role, v in r.subject))

    def value(v: Any, m: dict[str, str]) -> Any:
        if isinstance(v, tuple):
            return tuple(sorted(m.get(x, x) for x in v))
        return m.get(v, v) if isinstance(v, str) else v

    left = {key(r, mapping): (r.status, value(r.value, mapping)) for r in a.results}
    right = {key(r, {}): (r.status, value(r.value, {})) for r in b.results}
    assert left == right


@SETTINGS
@given(scenario=scenarios(), note=st.text(max_size=40))
def test_adding_a_fact_no_rule_reads_changes_nothing(
        any_rulebook: Rulebook, scenario: Scenario, note: str) -> None:
    """Relevance: facts no rule reads (a new actor, a summary, notes) change no conclusion."""
    data = scenario.model_dump(mode="json")
    data["actors"] = {"new-actor": {"name": note or "someone"}}
    data["summary"] = note
    changed = Scenario.model_validate(data)
    assert outcomes(analyse(scenario, any_rulebook)) == outcomes(analyse(changed, any_rulebook))
