"""An independent evaluator of the rule language, the oracle of ``test_oracle.py``.

It shares no code with the engine. It binds each rule to a scenario by trying every entity for
each variable (pruning with the rule's ``where`` as soon as a test's variables are bound), reads
a path by walking the scenario model, interprets conditions as written, and decides a conclusion
by the rules of docs/rule-format.md, in plain Python. It reads the facts' values as of the
analysis date through the public API (``Analysis.value``, ``Analysis.domain``).

What it computes (:meth:`Oracle.expected`) is the meaning the engine's answers must have. In a
world (the scenario with some unknown facts set; a fact once set is known), a conclusion is
decided by three-valued logic, reading the parts of an 'all' or 'any' in order and stopping at
the first that settles it. Where that leaves it open, every unknown fact with finitely many
values that the decision read is set, in turn, to each of its values, and the conclusion is
settled in each of those worlds, by brute force and to the end: the same established value in
every one gives that value, a conflict in every one a conflict, anything else leaves the
conclusion undetermined. Each such fact is tried first, and all must give the same outcome
(:class:`OrderDependent` otherwise): the answer may not depend on which unknown fact is
considered first, which is what allows the engine to consider only the first one it reads.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from legal_analysis import UNKNOWN, Analysis, Rulebook
from legal_analysis.facts import CERTAINTY_ORDER, DestinationFacts, Fact, Scenario
from legal_analysis.ruleset.conditions import (
    All,
    Always,
    AnyOf,
    ConclusionTest,
    Condition,
    FactTest,
    Not,
    conclusion_tests,
    fact_tests,
)
from legal_analysis.ruleset.loading import Rule
from legal_analysis.ruleset.paths import DERIVED, REFERENCES, fields_of

Subject = tuple[tuple[str, str], ...]
Read = tuple[str, Any]
"""What a path reads: ("data", a plain value) or ("fact", a fact key)."""
Outcome = tuple[str, Any]
"""('established', value), ('conflict', UNKNOWN), ('unknown', UNKNOWN) or ('no_rule', UNKNOWN)."""

COLLECTIONS = {"state": "states", "conflict": "conflicts", "deployment": "deployments",
               "relation": "relations", "person": "persons"}
OWN_DESTINATION_FIELDS = frozenset(
    {*DestinationFacts.model_fields, *(name for kind, name in DERIVED if kind == "destination")})


@dataclass(frozen=True)
class Bound:
    """A rule bound to entities: each variable's entity id and kind."""

    rule: Rule
    env: tuple[tuple[str, str, str], ...]  # (variable, kind, entity id)
    person: str | None  # the person a destination variable belongs to

    def entity(self, var: str) -> tuple[str, str]:
        for name, kind, ident in self.env:
            if name == var:
                return kind, ident
        raise KeyError(var)


class Oracle:
    """The answers the rule base gives for one analysed scenario (see the module docstring)."""

    def __init__(self, analysis: Analysis, rulebook: Rulebook) -> None:
        self.analysis = analysis
        self.book = rulebook
        self.scenario: Scenario = analysis.scenario
        self.as_of: dt.date = analysis.as_of
        self._reads: dict[tuple[str, tuple[tuple[str, str, str], ...], str], Read] = {}
        self._worlds: dict[frozenset[tuple[str, Any]], World] = {}
        self._settled: dict[tuple[str, Subject, frozenset[tuple[str, Any]]], Outcome] = {}
        self.rules: dict[tuple[str, Subject], list[Bound]] = {}
        for rule in rulebook.rules.values():
            for bound in self._bind(rule):
                subject = self._subject(bound)
                if subject is not None:
                    self.rules.setdefault((rule.spec.conclusion, subject), []).append(bound)

    # -- binding ------------------------------------------------------------------------------
    def _pool(self, kind: str, env: dict[str, tuple[str, str]]) -> list[str]:
        s = self.scenario
        if kind == "destination":
            person = next((i for k, i in env.values() if k == "person"), None)
            if person is None:
                return []
            return list(dict.fromkeys([*s.destinations, *s.persons[person].destinations]))
        return sorted(getattr(s, COLLECTIONS[kind]))

    def _bind(self, rule: Rule) -> Iterator[Bound]:
        variables = sorted(rule.spec.for_.items(), key=lambda vk: vk[1] == "destination")
        where = _conjuncts(rule.where) if rule.where is not None else []

        def grow(i: int, env: dict[str, tuple[str, str]]) -> Iterator[Bound]:
            if i == len(variables):
                person = next((ident for k, ident in env.values() if k == "person"), None)
                yield Bound(rule, tuple((v, k, ident) for v, (k, ident) in env.items()), person)
                return
            var, kind = variables[i]
            for ident in self._pool(kind, env):
                env2 = {**env, var: (kind, ident)}
                person = next((p for k, p in env2.values() if k == "person"), None)
                trial = Bound(rule, tuple((v, k, x) for v, (k, x) in env2.items()), person)
                ready = [c for c in where if _variables(c) <= set(env2) and
                         var in _variables(c)]
                if all(self._data_truth(c, trial) is True for c in ready):
                    yield from grow(i + 1, env2)

        yield from grow(0, {})

    def _subject(self, bound: Bound) -> Subject | None:
        roles = self.book.conclusions[bound.rule.spec.conclusion].spec.subject
        out = []
        for role in roles:
            kind, value = self.read(bound, bound.rule.spec.subject[role])
            if kind != "data" or value is None:
                return None
            out.append((role, str(value)))
        return tuple(out)

    # -- reading paths -------------------------------------------------------------------------
    def read(self, bound: Bound, path: str) -> Read:
        """What a rule's path names under a binding: plain data or a fact's key."""
        key = (bound.rule.id, bound.env, path)
        if key not in self._reads:
            self._reads[key] = self._walk(bound, path)
        return self._reads[key]

    def _walk(self, bound: Bound, path: str) -> Read:
        head, *rest = path.split(".")
        kind, ident = bound.entity(head)
        steps = _steps(kind, rest)
        person = bound.person
        value: Any = ident
        for n, step in enumerate(steps):
            if value is None:
                return ("data", None)
            last = n == len(steps) - 1
            if kind == "destination":
                if step in ("state", "code"):
                    kind = "state"
                    if last:
                        return ("data", value)
                    continue
                if step in OWN_DESTINATION_FIELDS:
                    return ("fact", f"persons.{person}.destinations.{value}.{step}")
                kind = "state"
            info = fields_of(kind)[step]
            if info.role == "ref":
                model = getattr(self.scenario, COLLECTIONS[kind])[value]
                value, kind = getattr(model, step), REFERENCES[(kind, step)]
                if last:
                    return ("data", value)
                continue
            if info.role == "structural":
                if step == "code":
                    return ("data", value)
                model = getattr(self.scenario, COLLECTIONS[kind])[value]
                return ("data", getattr(model, step))
            return ("fact", f"{COLLECTIONS[kind]}.{value}.{step}")
        return ("data", value)

    # -- truth ---------------------------------------------------------------------------------
    def _data_truth(self, cond: Condition, bound: Bound) -> bool | None:
        """A 'where' condition: it reads plain data only."""
        return self.truth(cond, bound, self.world(frozenset()), [])

    def truth(self, cond: Condition, bound: Bound, world: World, reads: list[str]) -> bool | None:
        """Kleene's three-valued logic over a condition, reading parts in order and stopping at
        the first that settles an 'all' (false) or an 'any' (true). Unknown facts whose value a
        test reads are added to ``reads``."""
        if isinstance(cond, (All, AnyOf)):
            settles = isinstance(cond, AnyOf)
            open_part = False
            for item in cond.items:
                r = self.truth(item, bound, world, reads)
                if r is settles:
                    return settles
                open_part = open_part or r is None
            return None if open_part else not settles
        if isinstance(cond, Not):
            inner = self.truth(cond.item, bound, world, reads)
            return None if inner is None else not inner
        if isinstance(cond, Always):
            return cond.value
        if isinstance(cond, ConclusionTest):
            return self._conclusion_truth(cond, bound, world, reads)
        return self._fact_truth(cond, bound, world, reads)

    def _value(self, bound: Bound, path: str, world: World, reads: list[str] | None) -> Any:
        kind, ref = self.read(bound, path)
        if kind == "data":
            return UNKNOWN if ref is None else ref
        value = world.value(ref)
        if value is UNKNOWN and reads is not None:
            reads.append(ref)
        return value

    def _fact_truth(self, test: FactTest, bound: Bound, world: World,
                    reads: list[str]) -> bool | None:
        op, operand = test.op, test.operand
        if op in ("known", "is_unknown"):
            unknown = self._value(bound, test.path, world, None) is UNKNOWN
            return unknown == (operand if op == "is_unknown" else not operand)
        if test.standard is not None:
            kind, ref = self.read(bound, test.path)
            if kind != "data" and world.certainty(ref) < CERTAINTY_ORDER[test.standard]:
                reads.append(ref)  # not shown to the standard: unknown until it is set
                return None
        value = self._value(bound, test.path, world, reads)
        if test.operand_path is not None:
            other = self._value(bound, test.operand_path, world, reads)
            if value is UNKNOWN or other is UNKNOWN:
                return None
            return bool(value == other) if op == "same_as" else other in value
        if value is UNKNOWN:
            return None
        if op == "certainty_at_least":
            kind, ref = self.read(bound, test.path)
            return kind == "data" or world.certainty(ref) >= CERTAINTY_ORDER[operand]
        if operand == "as_of":
            operand = self.as_of
        return bool(_COMPARE[op](value, operand))

    def _conclusion_truth(self, test: ConclusionTest, bound: Bound, world: World,
                          reads: list[str]) -> bool | None:
        roles = self.book.conclusions[test.conclusion].spec.subject
        given = dict(test.subject)
        subject = []
        for role in roles:
            value = self._value(bound, given[role], world, reads)
            if value is UNKNOWN:
                return None
            subject.append((role, str(value)))
        (status, value), sub_reads = world.decide(test.conclusion, tuple(subject))
        reads.extend(sub_reads)
        if test.op == "is_unknown":
            return bool((status != "established") == test.operand)
        if status != "established":
            return None
        if test.op == "equals":
            return bool(value == test.operand)
        if test.op == "in":
            return value in test.operand
        return test.operand in value

    # -- deciding --------------------------------------------------------------------------------
    def decide(self, cid: str, subject: Subject, world: World) -> tuple[Outcome, list[str]]:
        """('established', value), ('conflict', UNKNOWN), ('unknown', UNKNOWN) or
        ('no_rule', UNKNOWN) for a conclusion in one world, with the unknown facts it read."""
        spec = self.book.conclusions[cid].spec
        bounds = self.rules.get((cid, subject), [])
        reads: list[str] = []
        own = [self.truth(b.rule.when, b, world, reads) for b in bounds]

        def applies(i: int) -> bool | None:
            if own[i] is False:
                return False
            exceptions = [applies(j) for j, e in enumerate(bounds) if j != i and (
                bounds[i].rule.id in e.rule.spec.defeats or cid in e.rule.spec.defeats)]
            if True in exceptions:
                return False
            return None if None in exceptions or own[i] is None else True

        state = [applies(i) for i in range(len(bounds))]
        on = [i for i, a in enumerate(state) if a is True]
        maybe = [i for i, a in enumerate(state) if a is None]
        rank = [b.rule.spec.priority for b in bounds]
        values = {i: self._rule_value(bounds[i], world, reads) for i in on + maybe}
        if maybe:
            # rules that may apply leave the answer open, unless whichever way they go the
            # answer is the same: they would give a value the applicable winners already give
            if not on:
                return ("unknown", UNKNOWN), reads
            if spec.combine == "union":
                given = [values[i] for i in on]
                if any(values[i] not in given for i in maybe):
                    return ("unknown", UNKNOWN), reads
            else:
                top = max(rank[i] for i in on)
                winning = {repr(values[i]) for i in on if rank[i] == top}
                if len(winning) > 1 or any(rank[i] >= top and repr(values[i]) not in winning
                                           for i in maybe):
                    return ("unknown", UNKNOWN), reads
        if not on:
            if spec.default is not None:
                return ("established", spec.default.value), reads
            return ("no_rule", UNKNOWN), reads
        if spec.combine == "union":
            found = [values[i] for i in on]
            if any(v is UNKNOWN for v in found):
                return ("unknown", UNKNOWN), reads
            return ("established", tuple(sorted(set(found), key=str))), reads
        top = max(rank[i] for i in on)
        found = [values[i] for i in on if rank[i] == top]
        if any(v is UNKNOWN for v in found):
            return ("unknown", UNKNOWN), reads
        if len({repr(v) for v in found}) > 1:
            return ("conflict", UNKNOWN), reads
        return ("established", found[0]), reads

    def _rule_value(self, bound: Bound, world: World, reads: list[str]) -> Any:
        """The value a rule gives (a rule that applies or may apply reads it)."""
        spec = bound.rule.spec
        if spec.value_from is None:
            return spec.value
        return self._value(bound, spec.value_from, world, reads)

    def world(self, assigned: frozenset[tuple[str, Any]]) -> World:
        """The world in which the facts ``assigned`` names are set (made once)."""
        if assigned not in self._worlds:
            self._worlds[assigned] = World(self, dict(assigned))
        return self._worlds[assigned]

    # -- settling ---------------------------------------------------------------------------------
    def expected(self, cid: str, subject: Subject) -> tuple[str, Any]:
        """The status and value of a conclusion (see :meth:`settle`)."""
        status, value = self.settle(cid, subject, frozenset())
        if status in ("established", "conflict"):
            return status, value
        return ("undetermined", UNKNOWN)

    def settle(self, cid: str, subject: Subject,
               assigned: frozenset[tuple[str, Any]]) -> Outcome:
        """The outcome of a conclusion in the world ``assigned`` describes, the unknown facts
        it reads being set in every way (see the module docstring)."""
        key = (cid, subject, assigned)
        if key in self._settled:
            return self._settled[key]
        outcome, reads = self.world(assigned).decide(cid, subject)
        if outcome[0] == "unknown":
            fixed = {k for k, _ in assigned}
            found: dict[str, Outcome] = {}
            for k in dict.fromkeys(reads):
                if k in fixed or not self.analysis.domain(k):
                    continue
                outs = [self.settle(cid, subject, assigned | {(k, v)})
                        for v in self.analysis.domain(k) or ()]
                same = len({(s, repr(v)) for s, v in outs}) == 1
                found[k] = outs[0] if same and outs[0][0] in ("established", "conflict") \
                    else ("unknown", UNKNOWN)
            if len({(s, repr(v)) for s, v in found.values()}) > 1:
                raise OrderDependent(f"{cid}{list(subject)} with {dict(assigned)}: setting "
                                     f"these facts first gives different outcomes: {found}")
            if found:
                outcome = next(iter(found.values()))
        self._settled[key] = outcome
        return outcome


_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "equals": lambda a, b: a == b, "not_equals": lambda a, b: a != b,
    "in": lambda a, b: a in b, "contains": lambda a, b: b in a,
    "before": lambda a, b: a < b, "after": lambda a, b: a > b,
    "on_or_before": lambda a, b: a <= b, "on_or_after": lambda a, b: a >= b,
    "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b,
    "lt": lambda a, b: a < b, "le": lambda a, b: a <= b,
}


class OrderDependent(AssertionError):
    """A conclusion whose outcome depends on which unknown fact is set first."""


class World:
    """The scenario's facts with some unknown facts set (a fact once set is known)."""

    def __init__(self, oracle: Oracle, assigned: dict[str, Any]) -> None:
        self.oracle = oracle
        self.assigned = assigned
        self.memo: dict[tuple[str, Subject], tuple[Outcome, list[str]]] = {}

    def value(self, key: str) -> Any:
        if key in self.assigned:
            return self.assigned[key]
        return self.oracle.analysis.value(key)

    def certainty(self, key: str) -> int:
        if key in self.assigned:
            return CERTAINTY_ORDER["established"]
        fact = _stated_fact(self.oracle.scenario, key)
        return CERTAINTY_ORDER[fact.certainty] if fact is not None else \
            CERTAINTY_ORDER["established"]

    def decide(self, cid: str, subject: Subject) -> tuple[Outcome, list[str]]:
        key = (cid, subject)
        if key not in self.memo:
            self.memo[key] = self.oracle.decide(cid, subject, self)
        return self.memo[key]


def _stated_fact(scenario: Scenario, key: str) -> Fact[Any] | None:
    """The fact a key names in the scenario model, if it is a stated one."""
    node: Any = scenario
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else getattr(node, part, None)
        if node is None:
            return None
    return node if isinstance(node, Fact) else None


def _steps(kind: str, rest: list[str]) -> list[str]:
    """A path's steps after its variable: a derived field's name may contain a dot."""
    steps: list[str] = []
    i = 0
    while i < len(rest):
        if i + 1 < len(rest) and f"{rest[i]}.{rest[i + 1]}" in _all_field_names():
            steps.append(f"{rest[i]}.{rest[i + 1]}")
            i += 2
        else:
            steps.append(rest[i])
            i += 1
    return steps


@functools.cache
def _all_field_names() -> set[str]:
    return {name for kind in ("state", "conflict", "deployment", "relation", "person",
                              "destination")
            for name in fields_of(kind)}


def _conjuncts(cond: Condition) -> list[Condition]:
    return list(cond.items) if isinstance(cond, All) else [cond]


def _variables(cond: Condition) -> set[str]:
    paths = [p for t in fact_tests(cond) for p in (t.path, t.operand_path) if p]
    paths += [p for t in conclusion_tests(cond) for _, p in t.subject]
    return {p.split(".")[0] for p in paths}
