"""The facts of one scenario as of one date, by key, with their provenance; and the one place
the engine meets the scenario model's word for unknown (:func:`stated`).

Every fact has a key (``deployments.d1.command_authority``, ``states.UKR.bound.cat`` …), a value
as of the evaluation date (or :data:`UNKNOWN`), a finite domain where it has one, how sure it is
and where it comes from. The values are those of a world (:mod:`.slots`), read from the
scenario; :func:`index_of` adds the provenance, when a derivation or a memo asks for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..core import UNKNOWN, FactKey, is_unknown
from ..facts import UNKNOWN as STATED_UNKNOWN
from ..facts import (
    Fact,
    Scenario,
    SourceRef,
    TreatyParticipation,
)
from ..ruleset.paths import KIND_OF, fields_of


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
    path: tuple[str | int, ...] = ()
    """Where the fact stands in the scenario (empty for a derived fact)."""
    value_type: Any = bool
    """The type of the fact's values, as the scenario model declares it."""

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


@dataclass(frozen=True)
class FactIndex:
    """Every fact of a scenario as of a date, by key, with its provenance."""

    scenario: Scenario
    as_of: dt.date
    entries: dict[str, FactEntry]

    def entry(self, key: str) -> FactEntry | None:
        return self.entries.get(key)

    def key(self, name: str) -> FactKey:
        """The typed key of the fact named ``name`` (``deployments.d1.command_authority``)."""
        return self.entries[name].key


def stated(value: Any) -> Any:
    """A value as the scenario model states it, with the model's word for unknown turned into
    :data:`UNKNOWN`: the one place the engine meets that word."""
    return UNKNOWN if isinstance(value, str) and value == STATED_UNKNOWN else value


def value_as_of(fact: Fact[Any], as_of: dt.date) -> Any:
    """The fact's value on ``as_of``: its value from its date on, its 'before' value earlier."""
    if fact.on is not None and fact.on > as_of:
        return stated(fact.before)
    return stated(fact.value)


def fact_accounts(fact: Fact[Any], value: Any) -> tuple[tuple[Any, tuple[str, ...]], ...]:
    if fact.accounts:
        return tuple((a.value, a.by) for a in fact.accounts)
    if fact.asserted_by and fact.denied_by and isinstance(value, bool):
        return ((value, fact.asserted_by), (not value, fact.denied_by))
    return ()


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
    kind = KIND_OF.get(key.collection, "")
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
        what = (f"forces of {sending}" if dep.receiving_state is None else
                f"deployment of {sending} troops to {scenario.states[dep.receiving_state].name}")
        if len(path) > 1 and path[0] == "acknowledged_by" and path[1] in scenario.states:
            return f"{what}, by {scenario.states[path[1]].name}"
        return what
    if collection == "relations" and ident in scenario.relations:
        rel = scenario.relations[ident]
        return f"{scenario.states[rel.by].name} towards {scenario.states[rel.to].name}"
    return ident
