"""Compiling conditions into closures, once per rule (never ``eval``).

A compiled condition is called with a world, the rule instance's resolved paths (its
*targets*: each path → a fact key or a constant) and the engine (for tests on other
conclusions), and returns true, false or ``None`` (unknown) by Kleene's three-valued logic.

Each condition compiles twice from the same tree: a fast closure that stops at the first part
that decides a compound, and a traced one that evaluates every part and writes each node's
result into a record (nodes numbered in preorder, see :func:`~..ruleset.conditions.preorder`).
Kleene's connectives give the same result either way; the traced closure is what a derivation
reads, so an explanation never evaluates a condition by other means than the decision did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from ..core import UNKNOWN
from ..facts import CERTAINTY_ORDER
from ..ruleset.conditions import All, Always, AnyOf, ConclusionTest, Condition, FactTest, Not
from .decision import Decision, DecisionStatus

if TYPE_CHECKING:
    from .evaluate import Engine
    from .world import World

Tri = bool | None
Target = tuple[str, Any]
"""What a path resolves to: ('key', fact key) or ('const', value)."""
Compiled = Callable[["World", dict[str, Target], "Engine"], Tri]


class Record(Protocol):
    """Where a traced condition writes what it found: each node's result, and the subject of
    each conclusion test it asked (``None`` where a path to the subject was unknown)."""

    nodes: list[Tri]
    asked: dict[int, tuple[str, tuple[tuple[str, str], ...]] | None]

    def decide(self, w: World, cid: str, subject: tuple[tuple[str, str], ...]) -> Decision: ...


Traced = Callable[["World", dict[str, Target], "Engine", Record], Tri]
Leaf = Callable[[FactTest | ConclusionTest], Compiled | None]
"""A hook for the rule checker: a closure standing in for a test, or None for the usual one."""


def compile_condition(cond: Condition, subject_order: Callable[[str], list[str]],
                      leaf: Leaf | None = None) -> Compiled:
    """Compile a condition; ``subject_order(cid)`` gives a conclusion's subject roles in order."""
    if isinstance(cond, All):
        parts = [compile_condition(c, subject_order, leaf) for c in cond.items]

        def all_(w: World, t: dict[str, Target], e: Engine) -> Tri:
            result: Tri = True
            for p in parts:
                r = p(w, t, e)
                if r is False:
                    return False
                if r is None:
                    result = None
            return result
        return all_
    if isinstance(cond, AnyOf):
        parts = [compile_condition(c, subject_order, leaf) for c in cond.items]

        def any_(w: World, t: dict[str, Target], e: Engine) -> Tri:
            result: Tri = False
            for p in parts:
                r = p(w, t, e)
                if r is True:
                    return True
                if r is None:
                    result = None
            return result
        return any_
    if isinstance(cond, Not):
        inner = compile_condition(cond.item, subject_order, leaf)

        def not_(w: World, t: dict[str, Target], e: Engine) -> Tri:
            r = inner(w, t, e)
            return None if r is None else not r
        return not_
    if isinstance(cond, Always):
        value = cond.value
        return lambda w, t, e: value
    hooked = leaf(cond) if leaf is not None else None
    if hooked is not None:
        return hooked
    if isinstance(cond, FactTest):
        return _fact_test(cond)
    return _conclusion_test(cond, subject_order(cond.conclusion))


def compile_traced(cond: Condition, subject_order: Callable[[str], list[str]]) -> Traced:
    """The traced closure of a condition (see the module docstring)."""
    counter = [0]

    def build(node: Condition) -> Traced:
        index = counter[0]
        counter[0] += 1
        if isinstance(node, (All, AnyOf)):
            parts = [build(c) for c in node.items]
            kleene = _all_of if isinstance(node, All) else _any_of

            def compound(w: World, t: dict[str, Target], e: Engine, rec: Record) -> Tri:
                r = kleene([p(w, t, e, rec) for p in parts])
                rec.nodes[index] = r
                return r
            return compound
        if isinstance(node, Not):
            inner = build(node.item)

            def not_(w: World, t: dict[str, Target], e: Engine, rec: Record) -> Tri:
                r = inner(w, t, e, rec)
                out = None if r is None else not r
                rec.nodes[index] = out
                return out
            return not_
        if isinstance(node, ConclusionTest):
            order = subject_order(node.conclusion)

            def sub(w: World, t: dict[str, Target], e: Engine, rec: Record) -> Tri:
                subject = conclusion_subject(w, t, node, order)
                rec.asked[index] = None if subject is None else (node.conclusion, subject)
                r = None if subject is None else conclusion_verdict(
                    rec.decide(w, node.conclusion, subject), node.op, node.operand)
                rec.nodes[index] = r
                return r
            return sub
        fast = compile_condition(node, subject_order)

        def leaf_(w: World, t: dict[str, Target], e: Engine, rec: Record) -> Tri:
            r = fast(w, t, e)
            rec.nodes[index] = r
            return r
        return leaf_

    return build(cond)


def _all_of(results: list[Tri]) -> Tri:
    if any(r is False for r in results):
        return False
    return None if any(r is None for r in results) else True


def _any_of(results: list[Tri]) -> Tri:
    if any(r is True for r in results):
        return True
    return None if any(r is None for r in results) else False


def value_of(w: World, target: Target) -> Any:
    """The value a target stands for in a world (unknown facts recorded as read)."""
    kind, ref = target
    return ref if kind == "const" else w.get(ref)


def _fact_test(test: FactTest) -> Compiled:
    path, op, operand = test.path, test.op, test.operand
    if op in ("is_unknown", "known"):
        want_unknown = operand if op == "is_unknown" else not operand

        def unknown_test(w: World, t: dict[str, Target], e: Engine) -> Tri:
            kind, ref = t[path]
            v = w.raw(ref) if kind == "key" else ref
            return (v is UNKNOWN) == want_unknown
        return unknown_test
    if op == "same_as" or (op == "contains" and test.operand_path):
        other = test.operand_path or ""
        same = op == "same_as"

        def pair_test(w: World, t: dict[str, Target], e: Engine) -> Tri:
            a, b = value_of(w, t[path]), value_of(w, t[other])
            if a is UNKNOWN or b is UNKNOWN:
                return None
            return bool(a == b) if same else b in a
        return pair_test
    if op == "certainty_at_least":
        level = CERTAINTY_ORDER[operand]

        def certain(w: World, t: dict[str, Target], e: Engine) -> Tri:
            kind, ref = t[path]
            if value_of(w, t[path]) is UNKNOWN:
                return None
            return True if kind == "const" else w.certainty(ref) >= level
        return certain
    compare = _COMPARE[op]
    as_of = operand == "as_of"

    def test_(w: World, t: dict[str, Target], e: Engine) -> Tri:
        v = value_of(w, t[path])
        if v is UNKNOWN:
            return None
        return bool(compare(v, w.as_of if as_of else operand))
    return test_


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "equals": lambda a, b: bool(a == b),
    "not_equals": lambda a, b: bool(a != b),
    "in": lambda a, b: a in b,
    "contains": lambda a, b: b in a,
    "before": lambda a, b: bool(a < b),
    "after": lambda a, b: bool(a > b),
    "on_or_before": lambda a, b: bool(a <= b),
    "on_or_after": lambda a, b: bool(a >= b),
    "gt": lambda a, b: bool(a > b),
    "ge": lambda a, b: bool(a >= b),
    "lt": lambda a, b: bool(a < b),
    "le": lambda a, b: bool(a <= b),
}


def conclusion_subject(w: World, t: dict[str, Target], test: ConclusionTest,
                       order: list[str]) -> tuple[tuple[str, str], ...] | None:
    """The subject a conclusion test asks about, in the conclusion's role order (None where a
    path to it names an unknown fact)."""
    given = dict(test.subject)
    subject: list[tuple[str, str]] = []
    for role in order:
        v = value_of(w, t[given[role]])
        if v is None or v is UNKNOWN:
            return None
        subject.append((role, str(v)))
    return tuple(subject)


def conclusion_verdict(d: Decision, op: str, operand: Any) -> Tri:
    """What a test on another conclusion finds, given that conclusion's decision."""
    if op == "is_unknown":
        return bool((d.status is not DecisionStatus.ESTABLISHED) == operand)
    if d.status is not DecisionStatus.ESTABLISHED:
        return None
    if op == "equals":
        return bool(d.value == operand)
    if op == "in":
        return d.value in operand
    return operand in d.value  # contains


def _conclusion_test(test: ConclusionTest, order: list[str]) -> Compiled:
    cid, op, operand = test.conclusion, test.op, test.operand

    def conclusion_test(w: World, t: dict[str, Target], e: Engine) -> Tri:
        subject = conclusion_subject(w, t, test, order)
        if subject is None:
            return None
        return conclusion_verdict(e.decide(w, cid, subject), op, operand)
    return conclusion_test
