"""Generated code against closures: every rule instance's condition of the home scenario,
evaluated in its world, by the engine's generated functions and by closures compiled from the
same condition trees (one closure per node, the form the engine used before).

Both read slots and record unknown reads the same way, and must agree on every condition.

    python benchmarks/bench_compile.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import HOME
from legal_analysis import UNKNOWN, analyse, load_rulebook, load_scenario
from legal_analysis.engine.codegen import COMPARE_OPS
from legal_analysis.facts import CERTAINTY_ORDER
from legal_analysis.ruleset.conditions import (
    All,
    Always,
    AnyOf,
    ConclusionTest,
    Condition,
    FactTest,
    Not,
)

Closure = Callable[[list[Any], list[int], tuple[int, ...], dict[int, None], Any, Any],
                   bool | None]
_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "equals": lambda x, k: x == k, "not_equals": lambda x, k: x != k,
    "in": lambda x, k: x in k, "contains": lambda x, k: k in x,
    "before": lambda x, k: x < k, "after": lambda x, k: x > k,
    "on_or_before": lambda x, k: x <= k, "on_or_after": lambda x, k: x >= k,
    "gt": lambda x, k: x > k, "ge": lambda x, k: x >= k, "lt": lambda x, k: x < k,
    "le": lambda x, k: x <= k}
assert set(_OPS) == set(COMPARE_OPS)


def closure(cond: Condition, paths: list[str], roles: Callable[[str], list[str]]) -> Closure:
    """The condition as nested closures with the engine's semantics."""
    if isinstance(cond, (All, AnyOf)):
        parts = [closure(c, paths, roles) for c in cond.items]
        stop = isinstance(cond, AnyOf)

        def compound(V: Any, C: Any, t: Any, R: Any, D: Any, A: Any) -> bool | None:
            unknown = False
            for p in parts:
                r = p(V, C, t, R, D, A)
                if r is stop:
                    return stop
                unknown = unknown or r is None
            return None if unknown else not stop
        return compound
    if isinstance(cond, Not):
        inner = closure(cond.item, paths, roles)
        return lambda V, C, t, R, D, A: (lambda r: None if r is None else not r)(
            inner(V, C, t, R, D, A))
    if isinstance(cond, Always):
        value = cond.value
        return lambda V, C, t, R, D, A: value
    if isinstance(cond, ConclusionTest):
        return _conclusion(cond, paths, roles)
    return _fact(cond, paths)


def _read(V: list[Any], R: dict[int, None], s: int) -> Any:
    v = V[s]
    if v is UNKNOWN:
        R.setdefault(s)
    return v


def _fact(test: FactTest, paths: list[str]) -> Closure:
    i = paths.index(test.path)
    if test.op in ("known", "is_unknown"):
        want = test.operand if test.op == "is_unknown" else not test.operand
        return lambda V, C, t, R, D, A: (V[t[i]] is UNKNOWN) == want
    if test.operand_path is not None:
        j = paths.index(test.operand_path)
        same = test.op == "same_as"

        def pair(V: Any, C: Any, t: Any, R: Any, D: Any, A: Any) -> bool | None:
            a, b = _read(V, R, t[i]), _read(V, R, t[j])
            if a is UNKNOWN or b is UNKNOWN:
                return None
            return bool(a == b) if same else b in a
        return pair
    if test.op == "certainty_at_least":
        level = CERTAINTY_ORDER[test.operand]
        return lambda V, C, t, R, D, A: None if _read(V, R, t[i]) is UNKNOWN \
            else C[t[i]] >= level
    op, operand = _OPS[test.op], test.operand

    def compare(V: Any, C: Any, t: Any, R: Any, D: Any, A: Any) -> bool | None:
        v = _read(V, R, t[i])
        return None if v is UNKNOWN else bool(op(v, A if operand == "as_of" else operand))
    return compare


def _conclusion(test: ConclusionTest, paths: list[str], roles: Callable[[str], list[str]]
                ) -> Closure:
    given = dict(test.subject)
    slots = [(r, paths.index(given[r])) for r in roles(test.conclusion)]

    def sub(V: Any, C: Any, t: Any, R: Any, D: Any, A: Any) -> bool | None:
        subject = []
        for role, i in slots:
            v = _read(V, R, t[i])
            if v is UNKNOWN:
                return None
            subject.append((role, str(v)))
        d = D(test.conclusion, tuple(subject))
        if test.op == "is_unknown":
            return bool((d.status != "established") == test.operand)
        if d.status != "established":
            return None
        if test.op == "equals":
            return bool(d.value == test.operand)
        return d.value in test.operand if test.op == "in" else test.operand in d.value
    return sub


def main() -> None:
    book = load_rulebook()
    analysis = analyse(load_scenario(HOME), book)
    world = analysis.world

    def roles(cid: str) -> list[str]:
        return list(book.conclusions[cid].spec.subject)

    insts = [i for group in analysis.plan.instances.values() for i in group]
    closures = {c.id: closure(c.rule.when, list(c.paths), roles)
                for c in analysis.program.rules}
    V, C, A = world.V, world.C, world.as_of

    def sub(cid: str, subject: Any) -> Any:
        return world.decide(cid, subject)

    generated = [i.code.check(V, C, i.t, {}, sub, A) for i in insts]
    closed = [closures[i.code.id](V, C, i.t, {}, sub, A) for i in insts]
    assert generated == closed, "the two forms disagree"
    rounds = 300
    start = time.perf_counter()
    for _ in range(rounds):
        for i in insts:
            i.code.check(V, C, i.t, {}, sub, A)
    fast = (time.perf_counter() - start) / rounds
    start = time.perf_counter()
    for _ in range(rounds):
        for i in insts:
            closures[i.code.id](V, C, i.t, {}, sub, A)
    slow = (time.perf_counter() - start) / rounds
    print(f"{len(insts)} rule instances of the home scenario, every condition evaluated once "
          f"(sub-conclusions already decided):")
    print(f"generated code: {fast * 1000:.3f} ms; closures: {slow * 1000:.3f} ms "
          f"(closures take {slow / fast:.1f}x as long)")


if __name__ == "__main__":
    main()
