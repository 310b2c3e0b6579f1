"""The facts of one scenario as of one date, flattened into keyed values.

Every fact has a key (``deployments.d1.command_authority``, ``states.UKR.bound.cat`` …), a value
as of the evaluation date (or :data:`UNKNOWN`), a finite domain where it has one, and its
provenance. A :class:`World` is the index with some facts set to other values: a branch, a
what-if. Derived facts (treaty participation in force, a destination's role for a person) are
recomputed from the facts they depend on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core import UNKNOWN, FactKey, is_unknown
from ..facts import (
    CERTAINTY_ORDER,
    TREATIES,
    Deployment,
    DestinationFacts,
    Fact,
    Scenario,
    SourceRef,
    TreatyParticipation,
)
from ..facts import UNKNOWN as STATED_UNKNOWN
from ..ruleset.paths import fields_of
from ..scenario import iter_typed_facts


@dataclass(frozen=True)
class FactEntry:
    """One fact of the scenario with its provenance, as of the evaluation date."""

    key: FactKey
    value: Any
    domain: tuple[Any, ...] | None
    certainty: str
    sources: tuple[SourceRef, ...] = ()
    asserted_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    accounts: tuple[tuple[Any, tuple[str, ...]], ...] = ()
    note: str | None = None
    on: dt.date | None = None
    derived: bool = False
    description: str = ""

    @property
    def disputed(self) -> bool:
        return len({repr(v) for v, _ in self.accounts}) > 1

    def who_says(self, value: Any) -> tuple[str, ...]:
        """The actors whose account gives ``value``."""
        return tuple(a for v, by in self.accounts if v == value for a in by)


def stated_certainty(value: Any, certainty: str | None) -> str | None:
    """How sure a fact is, as worth saying: nothing for an unknown fact whose certainty is the
    default 'established', which says nothing about a value nobody gave. ``value`` is a fact's
    value or its JSON form (as a derivation gives it).

    >>> stated_certainty(UNKNOWN, "established"), stated_certainty(True, "reported")
    (None, 'reported')
    """
    if not certainty or (is_unknown(value) and certainty == "established"):
        return None
    return certainty


Lookup = Callable[[str], Any]
Derivation = Callable[[Lookup], Any]


@dataclass(frozen=True)
class FactIndex:
    """Every fact of a scenario as of a date, and how derived facts are computed."""

    scenario: Scenario
    as_of: dt.date
    entries: dict[str, FactEntry]
    base: dict[str, Any]
    derivations: dict[str, tuple[tuple[str, ...], Derivation]]
    dependents: dict[str, frozenset[str]]
    """For each fact, the derived facts that depend on it (directly or through others)."""
    memo: dict[Any, Any] = field(default_factory=dict, compare=False)
    """Decisions already made in some world of this index, with the fact values they read:
    a world with the same values for those facts reuses the decision."""

    def entry(self, key: str) -> FactEntry | None:
        return self.entries.get(key)

    def key(self, name: str) -> FactKey:
        """The typed key of the fact named ``name`` (``deployments.d1.command_authority``)."""
        return self.entries[name].key

    def world(self, overrides: Mapping[str, Any] | None = None) -> World:
        """A world with some facts set to other values (derived facts follow)."""
        if not overrides:
            return World(self, {}, frozenset())
        dirty: set[str] = set()
        for key in overrides:
            dirty |= self.dependents.get(key, frozenset())
        return World(self, dict(overrides), frozenset(dirty - set(overrides)))


CERTAINTY_SUFFIX = "#certainty"


class World:
    """Fact values for one evaluation: the index's values under some overrides, with a record
    of the unknown facts that were read. Derived facts touched by an override are recomputed
    when first read."""

    __slots__ = ("_deps", "_derived", "_varying", "cache", "dirty", "index", "overrides", "reads",
                 "seen")

    def __init__(self, index: FactIndex, overrides: dict[str, Any], dirty: frozenset[str]) -> None:
        self.index = index
        self.overrides = overrides
        self.dirty = dirty
        self._derived: dict[str, Any] = {}
        self.cache: dict[Any, Any] = {}
        self.reads: list[dict[str, None]] = []
        """Unknown facts read, in the order first read (a stack: one level per decision)."""
        self.seen: list[dict[str, Any]] = []
        self._varying: frozenset[str] | None = None
        self._deps: dict[str, Any] = {}

    @property
    def as_of(self) -> dt.date:
        return self.index.as_of

    def raw(self, key: str) -> Any:
        """The value of a fact in this world (:data:`UNKNOWN` if unknown); recorded as a
        dependency of the decision being made, if any."""
        value = self._value(key)
        if self.seen:
            self.seen[-1][key] = value
        return value

    def _value(self, key: str) -> Any:
        if key in self.overrides:
            return self.overrides[key]
        if key in self.dirty:
            if key not in self._derived:
                self._derived[key] = self.index.derivations[key][1](self._value)
            return self._derived[key]
        return self.index.base.get(key, UNKNOWN)

    def get(self, key: str) -> Any:
        """The value of a fact; an unknown one is recorded as read (for branching)."""
        value = self.raw(key)
        if value is UNKNOWN:
            if self.reads:
                self.reads[-1].setdefault(key)
            return UNKNOWN
        return value

    def certainty(self, key: str) -> int:
        """How sure a fact is (a fact set by a what-if or a branch counts as established)."""
        level = self._certainty(key)
        if self.seen:
            self.seen[-1][key + CERTAINTY_SUFFIX] = level
        return level

    def _certainty(self, key: str) -> int:
        if key in self.overrides:
            return CERTAINTY_ORDER["established"]
        entry = self.index.entries.get(key)
        return CERTAINTY_ORDER[entry.certainty] if entry else CERTAINTY_ORDER["established"]

    def varying(self) -> frozenset[str]:
        """The facts whose value (or certainty) in this world may differ from the index's."""
        if self._varying is None:
            keys = self.dirty.union(self.overrides)
            self._varying = keys.union(k + CERTAINTY_SUFFIX for k in self.overrides)
        return self._varying

    def dep(self, key: str) -> Any:
        """The value a recorded dependency has in this world (a value or a certainty level)."""
        try:
            return self._deps[key]
        except KeyError:
            pass
        value: Any  # a certainty level (int) or a fact's value
        if key.endswith(CERTAINTY_SUFFIX):
            value = self._certainty(key[: -len(CERTAINTY_SUFFIX)])
        else:
            value = self._value(key)
        self._deps[key] = value
        return value


def stated(value: Any) -> Any:
    """A value as the scenario model states it, with the model's word for unknown turned into
    :data:`UNKNOWN`: the one place the engine meets that word."""
    return UNKNOWN if isinstance(value, str) and value == STATED_UNKNOWN else value


def value_as_of(fact: Fact[Any], as_of: dt.date) -> Any:
    """The fact's value on ``as_of``: its value from its date on, its 'before' value earlier."""
    if fact.on is not None and fact.on > as_of:
        return stated(fact.before)
    return stated(fact.value)


def _accounts(fact: Fact[Any], value: Any) -> tuple[tuple[Any, tuple[str, ...]], ...]:
    if fact.accounts:
        return tuple((a.value, a.by) for a in fact.accounts)
    if fact.asserted_by and fact.denied_by and isinstance(value, bool):
        return ((value, fact.asserted_by), (not value, fact.denied_by))
    return ()


def _domain(tp: Any) -> tuple[Any, ...] | None:
    from ..ruleset.paths import finite_domain

    return finite_domain(tp)


def build_index(scenario: Scenario, participation: Mapping[str, Mapping[str, TreatyParticipation]],
                as_of: dt.date | None = None) -> FactIndex:
    """Flatten a scenario into keyed facts as of a date (default: the scenario's own date)."""
    when = as_of or scenario.as_of
    entries: dict[str, FactEntry] = {}
    base: dict[str, Any] = {}
    for path, fact, value_type in iter_typed_facts(scenario):
        fkey = FactKey(str(path[0]), str(path[1]), tuple(str(p) for p in path[2:]))
        key = str(fkey)
        value = value_as_of(fact, when)
        accounts = _accounts(fact, value if value is not UNKNOWN else stated(fact.value))
        domain = _domain(value_type)
        if len({repr(v) for v, _ in accounts}) > 1:
            base_value: Any = UNKNOWN
            seen: list[Any] = []
            for v, _ in accounts:
                if v not in seen:
                    seen.append(v)
            domain = tuple(seen)
        elif fact.certainty == "disputed":
            base_value = UNKNOWN
        else:
            base_value = value
        entries[key] = FactEntry(
            fkey, base_value, domain, fact.certainty, fact.sources, fact.asserted_by,
            fact.denied_by, accounts, fact.note, fact.on)
        base[key] = base_value
    derivations: dict[str, tuple[tuple[str, ...], Derivation]] = {}
    _destination_facts(scenario, entries, base)
    _treaty_facts(scenario, participation, when, entries, base)
    _derived_facts(scenario, when, entries, derivations)
    lookup = base.get
    for key, (_deps, fn) in derivations.items():
        base[key] = fn(lambda k: lookup(k, UNKNOWN))
        entries[key] = FactEntry(entries[key].key, base[key], (True, False), "established",
                                 derived=True, description=entries[key].description)
    return FactIndex(scenario, when, entries, base, derivations, _dependents(derivations))


def _dependents(derivations: dict[str, tuple[tuple[str, ...], Derivation]]
                ) -> dict[str, frozenset[str]]:
    direct: dict[str, set[str]] = {}
    for key, (deps, _fn) in derivations.items():
        for dep in deps:
            direct.setdefault(dep, set()).add(key)
    out: dict[str, frozenset[str]] = {}
    for key in direct:
        seen: set[str] = set()
        stack = [key]
        while stack:
            for nxt in direct.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        out[key] = frozenset(seen)
    return out


def _destination_facts(scenario: Scenario, entries: dict[str, FactEntry],
                       base: dict[str, Any]) -> None:
    """Unknown facts for every destination a person is considered for but has no entry for,
    so that they can be branched on and set by a what-if like any other."""
    fields = [(name, info) for name, info in fields_of("destination").items()
              if info.role == "fact" and name in DestinationFacts.model_fields]
    for pid, person in scenario.persons.items():
        for d in dict.fromkeys([*scenario.destinations, *person.destinations]):
            for name, info in fields:
                fkey = destination_key(pid, d, name)
                key = str(fkey)
                if key not in entries:
                    entries[key] = FactEntry(fkey, UNKNOWN, info.domain, "established")
                    base[key] = UNKNOWN


def _treaty_facts(scenario: Scenario,
                  participation: Mapping[str, Mapping[str, TreatyParticipation]],
                  when: dt.date, entries: dict[str, FactEntry], base: dict[str, Any]) -> None:
    for code, state in scenario.states.items():
        for treaty in TREATIES:
            tp = state.treaties.get(treaty) or participation.get(code, {}).get(treaty)
            fkey = FactKey("states", code, ("bound", treaty))
            key = str(fkey)
            value = bound_on(tp, when) if tp is not None else UNKNOWN
            note = tp.note if tp is not None else "no participation data"
            entries[key] = FactEntry(
                fkey, value, (True, False), "established" if tp and tp.date_verified else "reported",
                tp.sources if tp else (), note=note, on=tp.since if tp else None, derived=True,
                description=f"{state.name} bound by {treaty}")
            base[key] = value


def bound_on(tp: TreatyParticipation, when: dt.date) -> Any:
    """Whether participation makes a state bound on a date (unknown where the status is).

    >>> import datetime as dt
    >>> bound_on(TreatyParticipation(status="party", since=dt.date(2025, 1, 1)), dt.date(2024, 10, 26))
    False
    """
    if tp.status == "unknown":
        return UNKNOWN
    if tp.status != "party":
        return False
    if tp.since is not None and tp.since > when:
        return False
    return not (tp.until is not None and tp.until <= when)


def _derived_facts(scenario: Scenario, when: dt.date, entries: dict[str, FactEntry],
                   derivations: dict[str, tuple[tuple[str, ...], Derivation]]) -> None:
    def add(fkey: FactKey, deps: tuple[str, ...], fn: Derivation, description: str) -> str:
        key = str(fkey)
        derivations[key] = (deps, fn)
        entries[key] = FactEntry(fkey, UNKNOWN, (True, False), "established", derived=True,
                                 description=description)
        return key

    for did, deployment in scenario.deployments.items():
        for role, code in (("sending", deployment.sending_state),
                           ("receiving", deployment.receiving_state)):
            src = str(FactKey("deployments", did, ("acknowledged_by", code)))
            add(FactKey("deployments", did, (f"acknowledged_by_{role}_state",)), (src,),
                _copy(src), f"the {role} state has acknowledged the deployment")
    for pid, person in scenario.persons.items():
        cap = str(FactKey("persons", pid, ("captured_on",)))
        captured_by = person.captured_by
        add(FactKey("persons", pid, ("captured",)), (cap,),
            _captured(cap, captured_by, when, scenario.as_of),
            "captured by the evaluation date")
        dep: Deployment | None = (scenario.deployments.get(person.deployment)
                                  if person.deployment else None)
        dests = dict.fromkeys([*scenario.destinations, *person.destinations])
        nat = str(FactKey("persons", pid, ("nationalities",)))
        claim = str(FactKey("persons", pid, ("claimed_as_national_by",)))
        for d in dests:
            roles = (
                add(destination_key(pid, d, "is_sending_state"), (),
                    _const(dep is not None and d == dep.sending_state),
                    "the destination is the person's sending state"),
                add(destination_key(pid, d, "is_receiving_state"), (),
                    _const(dep is not None and d == dep.receiving_state),
                    "the destination is the state the person's unit was sent to"),
                add(destination_key(pid, d, "is_detaining_power"), (), _const(d == captured_by),
                    "the destination is the detaining power"),
                add(destination_key(pid, d, "is_national_state"), (nat,), _member(nat, d),
                    "the person is a national of the destination"),
                add(destination_key(pid, d, "claims_person"), (claim,), _member(claim, d),
                    "the destination claims the person as its national"),
            )
            add(destination_key(pid, d, "is_third_state"), roles, _none_of(roles),
                "the destination is none of the above (a third state)")


def destination_key(person: str, destination: str, field: str) -> FactKey:
    """The key of a fact about what awaits a person at a destination."""
    return FactKey("persons", person, ("destinations", destination, field))


def _copy(src: str) -> Derivation:
    return lambda get: get(src)


def _const(value: bool) -> Derivation:
    return lambda v: value


def _captured(key: str, captured_by: str | None, when: dt.date, stated: dt.date) -> Derivation:
    """Whether the person is captured on ``when``. A scenario that names a detaining power
    says the person is held on its own date (``stated``); without a capture date, that settles
    later dates but not earlier ones, which stay unknown.

    >>> import datetime as dt
    >>> before, stated = dt.date(2024, 12, 1), dt.date(2025, 1, 12)
    >>> _captured("k", "UKR", before, stated)(lambda k: UNKNOWN)
    UNKNOWN
    >>> _captured("k", "UKR", stated, stated)(lambda k: UNKNOWN)
    True
    """
    def fn(get: Lookup) -> Any:
        if captured_by is None:
            return False
        date = get(key)
        if date is UNKNOWN:
            return True if when >= stated else UNKNOWN
        return bool(date <= when)
    return fn


def _member(key: str, code: str) -> Derivation:
    def fn(get: Lookup) -> Any:
        value = get(key)
        if value is UNKNOWN:
            return UNKNOWN
        return code in value
    return fn


def _none_of(keys: tuple[str, ...]) -> Derivation:
    def fn(get: Lookup) -> Any:
        values = [get(k) for k in keys]
        if any(x is True for x in values):
            return False
        if any(x is UNKNOWN for x in values):
            return UNKNOWN
        return True
    return fn


TREATY_NAMES: dict[str, str] = {
    "gc3": "Geneva Convention III", "api": "Additional Protocol I",
    "refugee_convention": "the Refugee Convention", "refugee_protocol": "the 1967 Protocol",
    "cat": "the Convention against Torture", "iccpr": "the ICCPR",
    "rome_statute": "the Rome Statute", "rome_statute_aggression": "the Kampala amendments",
}


def describe_key(key: FactKey, scenario: Scenario | None = None) -> str:
    """A readable name for a fact: the field's description, and with a scenario the entity
    it belongs to (``health (Captured soldier 1)``)."""
    field = key.field
    kinds = {"states": "state", "conflicts": "conflict", "deployments": "deployment",
             "persons": "person"}
    kind = kinds.get(key.collection, "")
    if key.path[:1] == ("destinations",):
        kind = "destination"
    if key.path[:1] == ("bound",):
        state = scenario.states[key.entity].name if scenario and key.entity in scenario.states \
            else key.entity
        return f"{state} bound by {TREATY_NAMES.get(field, field)}"
    if len(key.path) > 1 and key.path[0] == "acknowledged_by":
        text = "acknowledged"
    else:
        info = fields_of(kind).get(field) if kind else None
        text = (info.description if info and info.description else field.replace("_", " "))
        text = text.replace(" (with sources)", "").rstrip(".")
        text = text[0].lower() + text[1:] if text else text
    if scenario is None or not key.path:
        return text
    return f"{text} ({_entity_name(scenario, key)})"


def _entity_name(scenario: Scenario, key: FactKey) -> str:
    collection, ident, path = key.collection, key.entity, key.path
    if collection == "states" and ident in scenario.states:
        return scenario.states[ident].name
    if collection == "conflicts" and ident in scenario.conflicts:
        return scenario.conflicts[ident].name
    if collection == "persons" and ident in scenario.persons:
        name = scenario.persons[ident].name
        if len(path) > 2 and path[0] == "destinations":
            dest = scenario.states[path[1]].name if path[1] in scenario.states else path[1]
            return f"{name}, if sent to {dest}"
        return name
    if collection == "deployments" and ident in scenario.deployments:
        dep = scenario.deployments[ident]
        sending = scenario.states[dep.sending_state].name
        receiving = scenario.states[dep.receiving_state].name
        if len(path) > 1 and path[0] == "acknowledged_by" and path[1] in scenario.states:
            return f"deployment of {sending} troops to {receiving}, by {scenario.states[path[1]].name}"
        return f"deployment of {sending} troops to {receiving}"
    return ident
