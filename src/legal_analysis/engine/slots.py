"""Worlds: a scenario's fact values in the slots of its plan, and deciding conclusions in them.

A :class:`World` holds a value (or :data:`~legal_analysis.core.UNKNOWN`) and a certainty for
every slot of its :class:`~.plan.Plan`. The scenario's own world is read from the scenario
(:func:`world_for`); a *child* world sets some facts to other values (a branch, a what-if, the
facts as of another date) and recomputes the derived facts that depend on them.

:meth:`World.decide` is the one decision procedure: the instances' generated conditions, then
:func:`~.decision.applicability` and :func:`~.decision.conclude`. Decisions are remembered in
the world, and a child world reuses its parent's decision wherever none of the slots that
decision may read (its mask in the plan) changed. Each decision also keeps the unknown facts
its conditions read, in the order read: settling branches on the first of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from ..core import UNKNOWN
from ..facts import CERTAINTY_ORDER, Fact, Scenario, TreatyParticipation
from ..ruleset.paths import COLLECTIONS
from .decision import NO_RULE, OPEN, Decision, DecisionStatus, applicability, conclude
from .plan import Derived, Group, Plan, Subject
from .tracing import DecisionTrace, InstanceTrace, Tracer
from .world import bound_on, fact_accounts, stated, value_as_of

ESTABLISHED = CERTAINTY_ORDER["established"]
Entry = tuple[Decision, tuple[int, ...], int]
"""A decision made in a world, the unknown facts (slots) it read, in order, and the slots it
depends on (a mask: those its rules read, and those of the conclusions it asked about)."""


class World:
    """Fact values for one evaluation (see the module docstring)."""

    __slots__ = ("C", "V", "as_of", "base", "cache", "changed", "domains", "overrides", "plan",
                 "shared", "stated_on")

    def __init__(self, plan: Plan, values: list[Any], certainty: list[int],
                 domains: dict[int, tuple[Any, ...]], as_of: dt.date, stated_on: dt.date,
                 base: World | None = None, changed: int = 0,
                 overrides: Mapping[int, Any] | None = None) -> None:
        self.plan = plan
        self.V = values
        self.C = certainty
        self.domains = domains
        """Slots whose possible values are those of a dispute's versions."""
        self.as_of = as_of
        self.stated_on = stated_on
        """The scenario's own date (a capture without a date is known from it on)."""
        self.base = base
        self.changed = changed
        """The slots whose value may differ from the base world's (a mask)."""
        self.overrides: dict[int, Any] = dict(overrides or {})
        """Facts set in this world, by slot (what-ifs and branches)."""
        self.cache: dict[tuple[str, Subject], Entry] = {}
        self.shared: dict[Any, Entry] = {}
        """Decisions made in worlds derived from this one, by the values they read that
        differ from this world's."""

    def domain(self, slot: int) -> tuple[Any, ...] | None:
        """The values a fact can take, where they are finitely many."""
        found = self.domains.get(slot)
        return found if found is not None else self.plan.domains[slot]

    def child(self, changes: Mapping[int, Any]) -> World:
        """This world with some facts set (set facts count as established); the derived facts
        that depend on them are computed again."""
        values = list(self.V)
        certainty = list(self.C)
        changed = 0
        for slot, value in changes.items():
            values[slot] = value
            certainty[slot] = ESTABLISHED
            changed |= 1 << slot
        dependents = 0
        for slot in changes:
            dependents |= self.plan.dependents.get(slot, 0)
        if dependents:
            for d in self.plan.derived:
                if dependents >> d.slot & 1 and d.slot not in changes:
                    values[d.slot] = derive(d, values, self.as_of, self.stated_on)
            changed |= dependents
        return World(self.plan, values, certainty, self.domains, self.as_of, self.stated_on,
                     self, changed, {**self.overrides, **changes})

    def differing(self, other: World) -> World:
        """``other`` (the same scenario's facts as of another date, say) as a child of this
        world: its decisions reuse this world's wherever no slot they read differs."""
        changed = 0
        for slot, (a, b) in enumerate(zip(self.V, other.V, strict=True)):
            if (a is not b and (a is UNKNOWN or b is UNKNOWN or a != b
                               or type(a) is not type(b))) or self.C[slot] != other.C[slot]:
                changed |= 1 << slot
        return World(self.plan, other.V, other.C, other.domains, other.as_of, other.stated_on,
                     self, changed, other.overrides)

    # -- deciding -----------------------------------------------------------------------------
    def decide(self, cid: str, subject: Subject, reads: dict[int, None] | None = None
               ) -> Decision:
        """Decide a conclusion for a subject here; the unknown facts read are added to
        ``reads`` (in order, each once)."""
        key = (cid, subject)
        entry = self.cache.get(key)
        if entry is None:
            entry = self.cache[key] = self._entry(key)
        if reads is not None and entry[1]:
            for slot in entry[1]:
                reads.setdefault(slot)
        return entry[0]

    def _entry(self, key: tuple[str, Subject]) -> Entry:
        base = self.base
        if base is None:
            return self._decide(key)
        made = base.entry(key)
        if not made[2] & self.changed:
            return made
        hit = self.plan.deps.get(key, 0) & self.changed
        # a world that gives the changed facts this decision reads the same values (a sibling
        # branch, say) has made it already
        values: list[Any] = [key, hit]
        V = self.V
        while hit:
            low = hit & -hit
            values.append(V[low.bit_length() - 1])
            hit ^= low
        shared = tuple(values)
        found = base.shared.get(shared)
        if found is None:
            found = base.shared[shared] = self._decide(key)
        return found

    def entry(self, key: tuple[str, Subject]) -> Entry:
        entry = self.cache.get(key)
        if entry is None:
            entry = self.cache[key] = self._entry(key)
        return entry

    def _decide(self, key: tuple[str, Subject]) -> Entry:
        group = self.plan.group(key)
        reads: dict[int, None] = {}
        mask = [group.mask]

        def sub(cid: str, subject: Subject) -> Decision:
            entry = self.entry((cid, subject))
            for slot in entry[1]:
                reads.setdefault(slot)
            mask[0] |= entry[2]
            return entry[0]

        V, C, A = self.V, self.C, self.as_of
        own = [check(V, C, t, reads, sub, A) for check, t in group.checks]
        return self.conclude(group, own, reads)[0], tuple(reads), mask[0]

    def conclude(self, group: Group, own: list[bool | None],
                 reads: dict[int, None]) -> tuple[Decision, list[bool | None]]:
        """The decision given whether each instance's condition holds, and whether each
        applies: the step every evaluation (fast or traced) shares."""
        applies = applicability(own, group.defeaters) if group.defeated else own
        V = self.V
        values, slots = group.values, group.value_slots

        def value(i: int) -> Any:
            slot = slots[i]
            if slot is None:
                return values[i]
            v = V[slot]
            if v is UNKNOWN:
                reads.setdefault(slot)
            return v

        verdict = conclude(group.combine, group.priorities, value, applies,
                           group.default is not None)
        status = verdict.status
        if status is DecisionStatus.ESTABLISHED and not verdict.winners:
            assert group.default is not None
            return group.default, applies
        if status is DecisionStatus.UNKNOWN:
            return OPEN, applies
        if status is DecisionStatus.NO_RULE:
            return NO_RULE, applies
        winners = tuple(group.instances[i] for i in verdict.winners)
        return Decision(status, verdict.value, tuple(w.code.id for w in winners),
                        winners), applies

    def decide_traced(self, cid: str, subject: Subject, tracer: Tracer) -> Decision:
        """Decide as :meth:`decide` does, reporting every node of every condition, the
        sub-conclusions asked and whether each rule applies (see :mod:`.tracing`)."""
        done = tracer.decisions.get((cid, subject))
        if done is not None:
            return done.decision
        group = self.plan.group((cid, subject))
        insts = group.instances

        def sub(c: str, s: Subject) -> Decision:
            return self.decide_traced(c, s, tracer)

        records = []
        reads: dict[int, None] = {}
        for inst in insts:
            record = InstanceTrace(inst, len(inst.code.rule.nodes), sub)
            record.own = inst.code.traced(self.V, self.C, inst.t, reads, sub, self.as_of,
                                          record.nodes, record.asked)
            records.append(record)
        decision, applies = self.conclude(group, [r.own for r in records], reads)
        for record, a in zip(records, applies, strict=True):
            record.applies = a
            code = record.instance.code
            record.value = code.rule.spec.value if code.value_slot is None else \
                self.V[record.instance.t[code.value_slot]]
        tracer.decisions[(cid, subject)] = DecisionTrace(cid, subject, decision, tuple(records))
        return decision


# -- reading a scenario into a world ------------------------------------------------------------

def world_for(plan: Plan, s: Scenario,
              participation: Mapping[str, Mapping[str, TreatyParticipation]],
              as_of: dt.date | None = None) -> World:
    """The world of a scenario (of the plan's structure) as of a date (default: its own)."""
    when = as_of or s.as_of
    values = list(plan.template)
    certainty = [ESTABLISHED] * len(values)
    domains: dict[int, tuple[Any, ...]] = {}
    if plan.reader is None:
        plan.reader = reader(plan.stated)
    plan.reader(s, values, certainty, domains, when)
    for slot, code, treaty in plan.treaties:
        tp = s.states[code].treaties.get(treaty) or participation.get(code, {}).get(treaty)
        if s.states[code].kind != "state":  # only states become parties to treaties
            values[slot] = False
        elif tp is None:
            values[slot] = UNKNOWN
            certainty[slot] = CERTAINTY_ORDER["reported"]
        else:
            values[slot] = bound_on(tp, when)
            certainty[slot] = ESTABLISHED if tp.date_verified else CERTAINTY_ORDER["reported"]
    for d in plan.derived:
        values[d.slot] = derive(d, values, when, s.as_of)
    return World(plan, values, certainty, domains, when, s.as_of)


def reader(facts: list[tuple[int, tuple[str | int, ...]]]
           ) -> Callable[[Scenario, list[Any], list[int], dict[int, tuple[Any, ...]], dt.date],
                         None]:
    """A function reading the stated facts of a scenario of this structure into slots."""
    steps: list[tuple[int, tuple[Any, ...]]] = [(slot, tuple(path)) for slot, path in facts]

    def read(s: Scenario, values: list[Any], certainty: list[int],
             domains: dict[int, tuple[Any, ...]], when: dt.date) -> None:
        collections = {name: getattr(s, name) for name in COLLECTIONS.values()}
        for slot, path in steps:
            node: Any = collections[str(path[0])][path[1]]
            for step in path[2:]:
                node = node[step] if isinstance(node, (dict, tuple)) else getattr(node, str(step))
            fact: Fact[Any] = node
            if fact.on is None and not fact.accounts and not fact.denied_by \
                    and fact.certainty == "established":
                values[slot] = stated(fact.value)
            else:
                _read_fact(fact, slot, values, certainty, domains, when)

    return read


def _read_fact(fact: Fact[Any], slot: int, values: list[Any], certainty: list[int],
               domains: dict[int, tuple[Any, ...]], when: dt.date) -> None:
    """A fact with a date, a certainty below established, or competing accounts."""
    value = value_as_of(fact, when)
    accounts = fact_accounts(fact, value if value is not UNKNOWN else stated(fact.value))
    versions: list[Any] = []
    for v, _ in accounts:
        if v not in versions:
            versions.append(v)
    if len({repr(v) for v in versions}) > 1:
        values[slot] = UNKNOWN
        domains[slot] = tuple(versions)
    elif fact.certainty == "disputed":
        values[slot] = UNKNOWN
    else:
        values[slot] = value
    certainty[slot] = CERTAINTY_ORDER[fact.certainty]


def derive(d: Derived, values: list[Any], when: dt.date, stated_on: dt.date) -> Any:
    """The value of a derived fact from the values it is computed from."""
    if d.kind == "const":
        return d.args[0]
    if d.kind == "copy":
        return UNKNOWN if d.args[0] is None else values[d.args[0]]
    if d.kind == "captured":
        slot, captured_by = d.args
        if captured_by is None:
            return False
        date = values[slot]
        if date is UNKNOWN:
            return True if when >= stated_on else UNKNOWN
        return bool(date <= when)
    if d.kind == "member":
        found = values[d.args[0]]
        return UNKNOWN if found is UNKNOWN else d.args[1] in found
    roles = [values[r] for r in d.args]  # none_of
    if any(x is True for x in roles):
        return False
    return UNKNOWN if any(x is UNKNOWN for x in roles) else True
