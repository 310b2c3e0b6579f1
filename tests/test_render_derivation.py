"""The memo's annex of derivations (memo --derivations): only the parts of a test that decide
it, in words."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.engine.trace import decisive_children
from legal_analysis.render.derivation import derivation_lines
from legal_analysis.render.model import Memo, MemoOptions, build_memo

from .conftest import ROOT

HOME = ROOT / "docs" / "examples" / "dprk-2025-01-12.yaml"
RESULTS = ("true", "false", "unknown")


def _kleene(op: str, results: list[str]) -> str:
    """Kleene's three-valued 'all', 'any' and 'not' over result words."""
    if op == "not":
        return {"true": "false", "false": "true", "unknown": "unknown"}[results[0]]
    win, lose = ("false", "true") if op == "all" else ("true", "false")
    if win in results:
        return win
    return "unknown" if "unknown" in results else lose


def _node(op: str, children: list[dict[str, Any]]) -> dict[str, Any]:
    return {"op": op, "test": op, "children": children,
            "result": _kleene(op, [c["result"] for c in children])}


leaves = st.sampled_from(RESULTS).map(lambda r: {"op": "fact", "test": "t", "result": r})
conditions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(("all", "any")), st.lists(inner, min_size=1, max_size=4))
        .map(lambda t: _node(t[0], t[1])),
        inner.map(lambda c: _node("not", [c]))),
    max_leaves=12)


@given(conditions, st.data())
def test_a_test_left_out_cannot_change_the_result(node: dict[str, Any], data: st.DataObject) -> None:
    """Logical property behind the shortened appendix: the parts of a compound test that the
    memo leaves out do not decide it. Give every left-out part any value (true, false or
    unknown) and the compound's result under Kleene's logic is the same."""
    shown, hidden = decisive_children(node)
    children = node.get("children", [])
    assert len(shown) + hidden == len(children)
    kept = {id(c) for c in shown}
    replaced = [c["result"] if id(c) in kept else data.draw(st.sampled_from(RESULTS))
                for c in children]
    if children:
        assert _kleene(node["op"], replaced) == node["result"]


def test_what_a_failing_all_shows_and_counts() -> None:
    """A failing 'all of' lists its false parts and says how many others it leaves out."""
    parts = [{"op": "fact", "test": "a", "result": "false"},
             {"op": "fact", "test": "b", "result": "unknown"},
             {"op": "fact", "test": "c", "result": "true"}]
    tree = {"question": "Q?", "status": "established", "value": False,
            "rules": [{"rule": "r", "outcome": "fails", "value": True,
                       "condition": _node("all", parts)}]}
    texts = [line.text for line in derivation_lines(tree, lambda s, p: s)]
    assert "all of:" in texts and "a" in texts
    assert "b" not in texts and "c" not in texts
    assert "(2 other tests not shown: the outcome does not turn on them)" in texts


@pytest.fixture(scope="module")
def home_memo(rulebook: Rulebook) -> Memo:
    return build_memo(analyse(load_scenario(HOME), rulebook), MemoOptions(derivations=True))


def test_appendix_does_not_call_an_unknown_fact_established(home_memo: Memo) -> None:
    """A fact nobody gave a value for is shown as unknown, not as 'unknown (established)':
    'established' is only a fact's default certainty."""
    lines = [line.text for entry in home_memo.derivations for line in entry.lines]
    assert any(": unknown" in t for t in lines)
    assert not [t for t in lines if ": unknown (established" in t]


def test_appendix_names_states_instead_of_codes(home_memo: Memo) -> None:
    """Values that are states read as the states' names ('it gives Russian Federation')."""
    lines = [line.text for entry in home_memo.derivations for line in entry.lines]
    assert not [t for t in lines if "it gives RUS." in t or "it gives PRK." in t]
    assert any("it gives Russian Federation." in t for t in lines)


def test_appendix_shows_only_deciding_parts_of_failing_and_holding_tests(home_memo: Memo) -> None:
    """Under a failing 'all of' every part shown fails; under a holding 'any of' every part
    shown holds (the rest are counted in one line)."""
    checked = 0
    for entry in home_memo.derivations:
        lines = entry.lines
        for i, line in enumerate(lines):
            want = {("all of:", "✗"): "✗", ("any of:", "✓"): "✓"}.get((line.text, line.mark))
            if want is None:
                continue
            for child in lines[i + 1:]:
                if child.depth <= line.depth:
                    break
                if child.depth == line.depth + 1:
                    assert child.mark == want or child.kind == "omitted", (entry.number, child)
                    checked += 1
    assert checked > 50


def test_every_condition_node_says_what_kind_of_test_it_is(rulebook: Rulebook) -> None:
    """Each condition node of a derivation names its kind of test, which is how the memo knows
    a compound's parts are listed under it."""
    analysis = analyse(load_scenario(HOME), rulebook)
    seen: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "result" in node and "test" in node:
                seen.add(node["op"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for r in analysis.results[:20]:
        walk(analysis.explain(r.id, **r.subject_dict))
    assert seen <= {"all", "any", "not", "fact", "conclusion", "always"}
    assert {"all", "fact", "conclusion"} <= seen
