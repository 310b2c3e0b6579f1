"""Explanations agree with decisions, over generated rule bases with chains of exceptions.

A generated rule base has one conclusion about a deployment and two to six rules, each testing
one yes-or-no fact of the deployment (or nothing), each with a value, a rank, and exceptions
among the rules before it, so that chains (C defeats B, B defeats A) are common. The scenario
gives each of those facts as true, false or unknown.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legal_analysis import Rulebook, Scenario, analyse, load_rulebook, load_scenario

from .conftest import FIXTURES
from .strategies import examples

FACTS = ("official_duty", "direct_participation", "integrated_into_receiving_forces",
         "armed_attack_intensity")
SUBJECT = {"deployment": "ccc-to-aaa"}


@st.composite
def rule_bases(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Rules of the conclusion ``c``: rule ``i`` may defeat any rules before it."""
    count = draw(st.integers(min_value=2, max_value=6))
    rules = []
    for i in range(count):
        fact = draw(st.sampled_from((None, *FACTS)))
        when = {"always": True} if fact is None else \
            {"fact": f"deployment.{fact}", "equals": draw(st.booleans())}
        defeats = draw(st.lists(st.integers(min_value=0, max_value=i - 1), unique=True,
                                max_size=2)) if i else []
        rules.append({
            "id": f"c.r{i}", "conclusion": "c", "for": {"deployment": "deployment"},
            "subject": {"deployment": "deployment"}, "value": draw(st.sampled_from(("x", "y"))),
            "priority": draw(st.integers(min_value=0, max_value=1)),
            "defeats": [f"c.r{j}" for j in sorted(defeats)], "when": when,
            "authorities": [{"source": "test-treaty", "pinpoint": "art 1"}],
            "explain": {"holds": f"r{i} holds", "fails": f"r{i} fails"}})
    return rules


def _book(rules: list[dict[str, Any]], default: bool) -> Rulebook:
    conclusion: dict[str, Any] = {"title": "C", "question": "C for {deployment}?",
                                  "subject": {"deployment": "deployment"}, "values": ["x", "y"]}
    if default:
        conclusion["default"] = {"value": "y", "explain": "nothing applies",
                                 "authorities": [{"source": "test-treaty", "pinpoint": "art 2"}]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(FIXTURES / "rules_engine" / "sources.yaml", folder / "sources.yaml")
        (folder / "c.yaml").write_text(json.dumps({"conclusions": {"c": conclusion},
                                                   "rules": rules}), encoding="utf-8")
        return load_rulebook(folder)


def _scenario(values: dict[str, bool | None]) -> Scenario:
    data = load_scenario(FIXTURES / "scenarios" / "engine.yaml").model_dump()
    dep = data["deployments"]["ccc-to-aaa"]
    for name, value in values.items():
        dep[name] = {"value": "unknown" if value is None else value}
    return Scenario.model_validate(data)


def _reference(rules: list[dict[str, Any]], facts: dict[str, bool | None]) -> dict[str, bool]:
    """With every fact known: which rules apply, straight from the definition (a rule applies
    when its condition holds and no rule that defeats it applies)."""
    holds = {r["id"]: "always" in r["when"] or
             facts[r["when"]["fact"].split(".")[1]] == r["when"]["equals"] for r in rules}
    applies: dict[str, bool] = {}
    for r in reversed(rules):  # exceptions come after the rules they defeat
        defeaters = [d["id"] for d in rules if r["id"] in d["defeats"]]
        applies[r["id"]] = holds[r["id"]] and not any(applies[d] for d in defeaters)
    return applies


@settings(max_examples=examples(60), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rules=rule_bases(), default=st.booleans(),
       facts=st.fixed_dictionaries({f: st.sampled_from((True, False, None)) for f in FACTS}))
def test_every_explanation_agrees_with_the_result(rules: list[dict[str, Any]], default: bool,
                                                  facts: dict[str, bool | None]) -> None:
    """Agreement: in the derivation of a conclusion, a rule is 'defeated' exactly when its
    condition does not fail and an exception listed under it applies; an exception is shown to apply
    exactly when its own rule is shown to apply (as 'applies' or 'overridden'); an established
    answer decided in the scenario's own world names as its rules exactly those shown as
    'applies', each giving its value; and with every fact known, the rules shown to apply are
    those that apply by definition."""
    book = _book(rules, default)
    analysis = analyse(_scenario(facts), book)
    result = analysis.get("c", **SUBJECT)
    tree = analysis.explain("c", **SUBJECT)
    nodes = {n["rule"]: n for n in tree["rules"]}
    holds = {n["rule"]: n["condition"]["result"] for n in tree["rules"]}
    for node in tree["rules"]:
        applying = [e for e in node["exceptions"] if e["result"] == "true"]
        assert (node["outcome"] == "defeated") == (holds[node["rule"]] != "false"
                                                   and bool(applying)), node
        for e in node["exceptions"]:
            own = nodes[e["rule"]]["outcome"]
            assert (e["result"] == "true") == (own in ("applies", "overridden")), (node, e)
            if e["result"] == "false":
                assert own in ("fails", "defeated"), (node, e)
    if result.status == "established" and result.note is None and result.rules != ("default",):
        shown = {r for r, n in nodes.items() if n["outcome"] == "applies"}
        assert shown == set(result.rules)
        assert all(nodes[r]["value"] == result.value for r in shown)
    if result.rules == ("default",):
        assert not any(n["outcome"] in ("applies", "overridden") for n in tree["rules"])
        assert tree["default"]["used"] is True
    if None not in facts.values():
        expected = _reference(rules, facts)
        shown_applying = {r for r, n in nodes.items() if n["outcome"] in ("applies", "overridden")}
        assert shown_applying == {r for r, a in expected.items() if a}


def test_a_rule_whose_exception_is_itself_defeated_is_not_called_defeated() -> None:
    """C defeats B and B defeats A, all three hold: A and C apply, and the derivation says so
    (it called A 'defeated' while the engine answered A)."""
    rules = [
        {"id": "c.a", "conclusion": "c", "for": {"deployment": "deployment"},
         "subject": {"deployment": "deployment"}, "value": "x", "when": {"always": True},
         "authorities": [{"source": "test-treaty", "pinpoint": "art 1"}],
         "explain": {"holds": "A holds", "fails": "A fails"}},
        {"id": "c.b", "conclusion": "c", "for": {"deployment": "deployment"},
         "subject": {"deployment": "deployment"}, "value": "y", "defeats": ["c.a"],
         "when": {"always": True}, "authorities": [{"source": "test-treaty", "pinpoint": "art 1"}],
         "explain": {"holds": "B holds", "fails": "B fails"}},
        {"id": "c.c", "conclusion": "c", "for": {"deployment": "deployment"},
         "subject": {"deployment": "deployment"}, "value": "x", "defeats": ["c.b"],
         "when": {"always": True}, "authorities": [{"source": "test-treaty", "pinpoint": "art 1"}],
         "explain": {"holds": "C holds", "fails": "C fails"}},
    ]
    analysis = analyse(_scenario({}), _book(rules, default=False))
    result = analysis.get("c", **SUBJECT)
    assert (result.status, result.value, result.rules) == ("established", "x", ("c.a", "c.c"))
    outcomes = {n["rule"]: n["outcome"] for n in analysis.explain("c", **SUBJECT)["rules"]}
    assert outcomes == {"c.a": "applies", "c.b": "defeated", "c.c": "applies"}
    a = next(n for n in analysis.explain("c", **SUBJECT)["rules"] if n["rule"] == "c.a")
    assert a["exceptions"][0]["result"] == "false"
    assert "an exception to it applies (c.c)" in a["exceptions"][0]["explanation"]
