"""Derivation trees: why a conclusion holds, and why each other rule did not.

A tree is plain JSON data with stable node ids (``conclusion[subject]/rule/condition-path``): the
rules tried, each with its outcome and the sentence that explains it, the facts each test read
(value, certainty, sources), the sub-conclusions it relied on, and the exceptions tried.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..core import UNKNOWN
from ..facts import Scenario
from ..ruleset.conditions import (
    All,
    Always,
    AnyOf,
    ConclusionTest,
    Condition,
    FactTest,
    Not,
    conclusion_tests,
    describe,
)
from ..ruleset.loading import Rulebook
from .outcome import Result, Subject, jsonable
from .plan import Instance
from .sentences import fill
from .slots import World
from .tracing import InstanceTrace, Tracer
from .world import FactIndex, describe_key

MAX_DEPTH = 50
"""A safety bound: rule bases are acyclic (checked on load), so trees end well before it."""


class Analysis(Protocol):
    """What a derivation reads from an analysis."""

    rulebook: Rulebook
    scenario: Scenario
    world: World
    results: list[Result]
    traces: dict[str, Any]

    @property
    def names(self) -> dict[str, str]: ...

    @property
    def index(self) -> FactIndex: ...

    def tracer(self) -> Tracer: ...


def _tri(v: bool | None) -> str:
    return "unknown" if v is None else ("true" if v else "false")


def _subject_id(cid: str, subject: Subject) -> str:
    return f"{cid}[" + ",".join(f"{r}={v}" for r, v in subject) + "]"


def derivation(analysis: Analysis, result: Result,
               stop_at: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The derivation tree of ``result`` in the analysis's world. A sub-conclusion is expanded
    where it first appears; later appearances refer to it by id (``"see"``), and so do the
    conclusions named in ``stop_at`` (node ids, e.g. those a memo derives elsewhere)."""
    node = _conclusion_node(analysis, result.id, result.subject, result, 0,
                            set(stop_at - {result.node_id}), bool(stop_at))
    return _dedupe(node, set())


def _dedupe(node: dict[str, Any], seen: set[str]) -> dict[str, Any]:
    seen.add(node["id"])
    out = {k: v for k, v in node.items() if k != "rules"}
    out["rules"] = [{**rule, "condition": _dedupe_condition(rule["condition"], seen)}
                    for rule in node.get("rules", [])]
    return out


def _dedupe_condition(cond: dict[str, Any], seen: set[str]) -> dict[str, Any]:
    out = dict(cond)
    if "children" in cond:
        out["children"] = [_dedupe_condition(c, seen) for c in cond["children"]]
    sub = cond.get("sub_conclusion")
    if sub is not None:
        if sub["id"] in seen:
            out["sub_conclusion"] = {k: sub[k] for k in ("id", "conclusion", "subject", "question",
                                                         "status", "value")}
            out["sub_conclusion"]["rules"] = []
            out["sub_conclusion"]["see"] = sub["id"]
        else:
            out["sub_conclusion"] = _dedupe(sub, seen)
    return out


def _conclusion_node(analysis: Analysis, cid: str, subject: Subject, result: Result | None,
                     depth: int, seen: set[str], partial: bool = False) -> dict[str, Any]:
    node_id = _subject_id(cid, subject)
    cacheable = not partial
    if cacheable and node_id in analysis.traces and node_id not in seen:
        return analysis.traces[node_id]  # type: ignore[no-any-return]
    names = analysis.names
    spec = analysis.rulebook.conclusions[cid].spec
    if result is None:
        result = next((r for r in analysis.results if r.id == cid and r.subject == subject), None)
    node: dict[str, Any] = {
        "id": node_id,
        "conclusion": cid,
        "subject": dict(subject),
        "question": fill(spec.question, {}, subject, names),
        "status": result.status if result else "undetermined",
        "value": jsonable(result.value if result else UNKNOWN),
    }
    if node_id in seen or depth > MAX_DEPTH:
        node["rules"] = []
        node["see"] = node_id
        return node
    seen = seen | {node_id}
    tracer = analysis.tracer()
    analysis.world.decide_traced(cid, subject, tracer)
    traced = tracer.decisions[(cid, subject)].instances
    winners = set(result.rules) if result else set()
    rules = []
    for record in traced:
        inst = record.instance
        own = record.own
        outcome = _outcome(own, record.applies)
        if outcome == "applies" and inst.rule.id not in winners and result is not None \
                and result.status == "established" and spec.combine == "single":
            outcome = "overridden"
        explain = inst.rule.spec.explain
        sentence = fill(explain.holds if own else explain.fails, inst.binding, subject, names)
        rules.append({
            "id": f"{node_id}/{inst.rule.id}",
            "rule": inst.rule.id,
            "location": inst.rule.cited_at,
            "value": jsonable(record.value),
            "outcome": outcome,
            "explanation": sentence,
            "authorities": [{"source": a.source, "pinpoint": a.pinpoint, "quote": a.quote}
                            for a in inst.rule.spec.authorities],
            "condition": _condition_node(analysis, analysis.world, record, inst.rule.when, [0],
                                         f"{node_id}/{inst.rule.id}/when", depth, seen, partial),
            "exceptions": [_exception_node(analysis, traced, j, node_id)
                           for j in inst.defeaters],
            "priority": inst.rule.spec.priority,
        })
    node["rules"] = rules
    if spec.default is not None:
        node["default"] = {"value": jsonable(spec.default.value), "explanation": spec.default.explain,
                           "used": bool(result and result.rules == ("default",))}
    if cacheable and depth < MAX_DEPTH:
        analysis.traces[node_id] = node
    return node


def _outcome(own: bool | None, applies: bool | None) -> str:
    """A rule's outcome as the decision weighed it: ``defeated`` where an exception to it
    applies (and its own condition does not fail), ``unknown`` where its condition or an
    exception to it is not known, else ``applies`` or ``fails``.

    >>> _outcome(True, False), _outcome(None, False), _outcome(True, None), _outcome(False, False)
    ('defeated', 'defeated', 'unknown', 'fails')
    """
    if own is not False and applies is False:
        return "defeated"
    return {True: "applies", False: "fails", None: "unknown"}[applies]


def _exception_node(analysis: Analysis, traced: tuple[InstanceTrace, ...], index: int,
                    parent: str) -> dict[str, Any]:
    """An exception to a rule: whether it applies (it defeats the rule only if it does)."""
    record = traced[index]
    e = record.instance
    explain = e.rule.spec.explain
    text = fill(explain.holds if record.own else explain.fails, e.binding, e.subject,
                analysis.names)
    if record.own is True and record.applies is False:
        by = [traced[j].instance.rule.id for j in e.defeaters if traced[j].applies is True]
        text += f" It does not apply: an exception to it applies ({', '.join(by)})."
    elif record.own is True and record.applies is None:
        by = [traced[j].instance.rule.id for j in e.defeaters if traced[j].applies is None]
        text += (f" Whether it applies turns on an exception to it that may apply "
                 f"({', '.join(by)}).")
    return {
        "id": f"{parent}/except/{e.rule.id}",
        "rule": e.rule.id,
        "result": _tri(record.applies),
        "explanation": text,
        "location": e.rule.cited_at,
    }


def _condition_node(analysis: Analysis, world: World, record: InstanceTrace, cond: Condition,
                    counter: list[int], node_id: str, depth: int, seen: set[str],
                    partial: bool = False) -> dict[str, Any]:
    """A node of a rule's condition as the traced decision found it (nodes are numbered in
    preorder, as the traced evaluation numbered them)."""
    index = counter[0]
    counter[0] += 1
    inst = record.instance
    node: dict[str, Any] = {"id": node_id, "op": _OPS[type(cond)], "test": describe(cond),
                            "result": _tri(record.nodes[index])}
    if isinstance(cond, (All, AnyOf)):
        node["children"] = [
            _condition_node(analysis, world, record, c, counter, f"{node_id}.{i}", depth, seen,
                            partial)
            for i, c in enumerate(cond.items)]
    elif isinstance(cond, Not):
        node["children"] = [_condition_node(analysis, world, record, cond.item, counter,
                                            f"{node_id}.0", depth, seen, partial)]
    elif isinstance(cond, FactTest):
        node["fact"] = _fact_info(analysis, world, _slot(inst, cond.path))
        if cond.operand_path:
            node["operand_fact"] = _fact_info(analysis, world, _slot(inst, cond.operand_path))
    elif isinstance(cond, ConclusionTest):
        asked = record.asked.get(index)
        if asked is not None:
            node["sub_conclusion"] = _conclusion_node(analysis, asked[0], asked[1], None,
                                                      depth + 1, seen, partial)
    return node


COMPOUND_WORDS: dict[str, str] = {"all": "all of", "any": "any of", "not": "not"}
"""How a compound test is named where its parts are listed under it."""

_OPS: dict[type, str] = {All: "all", AnyOf: "any", Not: "not", FactTest: "fact",
                         ConclusionTest: "conclusion", Always: "always"}
"""What kind of test a condition node is, as its derivation names it."""


def _slot(inst: Instance, path: str) -> int:
    return inst.t[inst.code.paths.index(path)]


def _sub_subject(analysis: Analysis, world: World, inst: Instance,
                 cond: ConclusionTest) -> Subject | None:
    """The subject a conclusion test asks about in ``world`` (None where a path to it names an
    unknown fact)."""
    given = dict(cond.subject)
    subject: list[tuple[str, str]] = []
    for role in analysis.rulebook.conclusions[cond.conclusion].spec.subject:
        value = world.V[_slot(inst, given[role])]
        if value is UNKNOWN:
            return None
        subject.append((role, str(value)))
    return tuple(subject)


def _fact_info(analysis: Analysis, world: World, slot: int) -> dict[str, Any]:
    plan = world.plan
    if not plan.is_fact(slot):
        return {"key": None, "value": jsonable(world.V[slot]), "kind": "data"}
    ref = plan.names[slot]
    entry = analysis.index.entries.get(ref)
    value = world.V[slot]
    label = describe_key(entry.key, analysis.scenario) if entry is not None else ref
    info: dict[str, Any] = {"key": ref, "label": label, "value": jsonable(value)}
    if slot in world.overrides:
        info["set_by"] = "what-if"
    if entry is not None:
        info.update({
            "certainty": entry.certainty,
            "sources": [{"source": s.source, "pinpoint": s.pinpoint} for s in entry.sources],
            "asserted_by": list(entry.asserted_by),
            "denied_by": list(entry.denied_by),
            "accounts": [{"value": jsonable(v), "by": list(by)} for v, by in entry.accounts],
            "note": entry.note,
            "on": entry.on.isoformat() if entry.on else None,
            "derived": entry.derived,
        })
    return info


def keys_read(analysis: Analysis, cid: str, subject: Subject, depth: int = 0,
              seen: set[str] | None = None) -> set[str]:
    """Every fact key the rules of a conclusion read (through sub-conclusions too)."""
    seen = seen if seen is not None else set()
    node_id = _subject_id(cid, subject)
    if node_id in seen or depth > MAX_DEPTH:
        return set()
    seen.add(node_id)
    out: set[str] = set()
    plan = analysis.world.plan
    for inst in plan.instances.get((cid, subject), ()):
        out.update(plan.names[slot] for slot in inst.t if plan.is_fact(slot))
        for c in conclusion_tests(inst.rule.when):
            sub = _sub_subject(analysis, analysis.world, inst, c)
            if sub is not None:
                out |= keys_read(analysis, c.conclusion, sub, depth + 1, seen)
    return out


def decisive_children(node: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """The parts of a test that decide its result, and how many others there are.

    A failing 'all of' fails because of its false parts, and a holding 'any of' holds because
    of its true parts: the others change nothing, whichever way they went, so a reader asking
    "why not" is shown only what answers it. Every other test needs all its parts.

    >>> parts = [{"result": "false"}, {"result": "unknown"}, {"result": "true"}]
    >>> decisive_children({"op": "all", "result": "false", "children": parts})
    ([{'result': 'false'}], 2)
    >>> decisive_children({"op": "any", "result": "unknown", "children": parts})[1]
    0
    """
    children: list[dict[str, Any]] = list(node.get("children", []))
    decided_by = {("all", "false"): "false", ("any", "true"): "true"}.get(
        (str(node.get("op")), str(node.get("result"))))
    if decided_by is None:
        return children, 0
    shown = [c for c in children if c.get("result") == decided_by]
    return shown, len(children) - len(shown)


def why_not(analysis: Analysis, result: Result, value: Any) -> list[dict[str, Any]]:
    """Why a conclusion does not have ``value``: each rule that would give it, and the tests
    that failed (or are unknown) in it, with the facts they read."""
    tree = derivation(analysis, result)
    out: list[dict[str, Any]] = []
    for rule in tree["rules"]:
        if rule["value"] != jsonable(value):
            continue
        out.append({
            "rule": rule["rule"],
            "outcome": rule["outcome"],
            "explanation": rule["explanation"],
            "blocking": _blocking(rule["condition"]),
            "exceptions": [e for e in rule["exceptions"] if e["result"] != "false"],
            "location": rule["location"],
        })
    return out


def _blocking(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The leaves of a condition tree that keep it from holding (false or unknown)."""
    if node["result"] == "true":
        return []
    children = node.get("children")
    if not children:
        return [node]
    if node["op"] == "not":
        return [node]
    return [leaf for c in children if c["result"] != "true" for leaf in _blocking(c)]
