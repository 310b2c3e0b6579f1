"""Warnings about facts that contradict each other, each with the reason a lawyer would give.

Each check reads a fact's value as of the scenario's own date, and only a value that is given:
an unknown or disputed fact contradicts nothing. :data:`CHECKS` lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..core import is_unknown
from ..documents import Document
from ..engine.world import value_as_of
from ..facts import Deployment, Fact, Scenario
from ..scenario import iter_facts
from .warning import ScenarioWarning, at, names

CHECKS: tuple[str, ...] = (
    "an armed conflict between states that is said to be non-international",
    "an aggressor that is not one of the conflict's belligerents",
    "a neutral state that is a belligerent, or sends troops to fight",
    "a deployment whose troops fight the state they are sent to, or their own state, or fight "
    "in a conflict beside or against a state that is not one of its belligerents",
    "a person captured by the person's own side, or a member of the captor's own forces",
    "a tribunal decision on a person whose status is said not to be in doubt",
    "a place whose status contradicts the state whose territory it is",
    "active hostilities said to have ceased before the conflict began",
    "an actor who both asserts and denies a fact, or gives two accounts of it with different "
    "values",
)
"""What the checks below look for (listed in the scenario format)."""


def _given(fact: Fact[Any], when: dt.date) -> Any:
    """The fact's value on ``when``; ``None`` where it is unknown or disputed."""
    value = value_as_of(fact, when)
    if is_unknown(value) or fact.certainty == "disputed":
        return None
    return value


def contradiction_warnings(s: Scenario, doc: Document | None) -> Iterator[ScenarioWarning]:
    """Every contradiction between the facts of a scenario, in the order checked."""
    yield from _conflicts(s, doc)
    yield from _neutral_states(s, doc)
    for did, dep in s.deployments.items():
        yield from _deployment(s, did, dep, doc)
    yield from _persons(s, doc)
    yield from _positions(s, doc)


def _conflicts(s: Scenario, doc: Document | None) -> Iterator[ScenarioWarning]:
    for cid, c in s.conflicts.items():
        fighting = names(list(c.belligerents), limit=len(c.belligerents))
        between_states = all(s.states[b].kind == "state" for b in c.belligerents
                             if b in s.states)
        if between_states and _given(c.kind, s.as_of) == "non_international":
            yield at(doc, "contradiction", ("conflicts", cid, "kind"),
                     f"the conflict is said to be non-international, but its belligerents, "
                     f"{fighting}, are states: an armed conflict between states is international "
                     f"(common Article 2 of the Geneva Conventions)")
        aggressor = _given(c.aggressor, s.as_of)
        if aggressor is not None and aggressor not in c.belligerents:
            yield at(doc, "contradiction", ("conflicts", cid, "aggressor"),
                     f"the aggressor {aggressor} is not one of the conflict's belligerents "
                     f"({fighting}): the rules weigh the aggressor against the states fighting, "
                     f"so none of them is found to be the aggressor")
        ceased = c.cessation_of_active_hostilities
        start = _given(c.start, s.as_of)
        if ceased.value is True and ceased.on is not None and isinstance(start, dt.date) \
                and ceased.on < start:
            yield at(doc, "contradiction", ("conflicts", cid, "cessation_of_active_hostilities"),
                     f"active hostilities are said to have ceased on {ceased.on.isoformat()}, "
                     f"before the conflict began on {start.isoformat()}")


def _neutral_states(s: Scenario, doc: Document | None) -> Iterator[ScenarioWarning]:
    for code, state in s.states.items():
        if _given(state.neutral, s.as_of) is not True:
            continue
        fights = [cid for cid, c in s.conflicts.items() if code in c.belligerents]
        sends = [did for did, d in s.deployments.items() if d.sending_state == code]
        if fights:
            yield at(doc, "contradiction", ("states", code, "neutral"),
                     f"{code} is said to be neutral, but it is a belligerent in {names(fights)}: "
                     f"a party to an armed conflict is not neutral in it")
        elif sends:
            yield at(doc, "contradiction", ("states", code, "neutral"),
                     f"{code} is said to be neutral, but it sends troops to fight ({names(sends)})"
                     f": a state whose troops take part in the hostilities is not neutral")


def _deployment(s: Scenario, did: str, d: Deployment,
                doc: Document | None) -> Iterator[ScenarioWarning]:
    conflict = s.conflicts.get(d.conflict)
    if d.against == d.receiving_state:
        yield at(doc, "contradiction", ("deployments", did, "against"),
                 f"the troops are said to fight {d.against}, the state they are sent to and "
                 f"beside whose forces they fight")
    elif d.against == d.sending_state:
        yield at(doc, "contradiction", ("deployments", did, "against"),
                 f"the troops are said to fight {d.against}, the state that sends them")
    elif conflict is not None:
        fighting = names(list(conflict.belligerents), limit=len(conflict.belligerents))
        for field, role in (("receiving_state", "beside"), ("against", "against")):
            code = getattr(d, field)
            if code is not None and code not in conflict.belligerents:
                yield at(doc, "contradiction", ("deployments", did, field),
                         f"the troops fight {role} {code} in {d.conflict}, but {code} is not "
                         f"one of its belligerents ({fighting}): a state whose forces fight in "
                         f"a conflict is a party to it")
    for i, place in enumerate(d.locations):
        status = _given(place.status, s.as_of)
        owner = {"receiving_state_territory": d.receiving_state,
                 "sending_state_territory": d.sending_state,
                 "adversary_territory": d.against}.get(str(status))
        key = ("deployments", did, "locations", i, "status")
        if owner is not None and place.territory_of != owner:
            yield at(doc, "contradiction", key,
                     f"the status {status} makes {place.name} territory of {owner}, but its "
                     f"territory_of is {place.territory_of}")
        elif status == "third_state_territory" and place.territory_of in (
                d.sending_state, d.receiving_state, d.against):
            yield at(doc, "contradiction", key,
                     f"{place.name} is said to be a third state's territory, but its "
                     f"territory_of is {place.territory_of}, a state of the deployment")
        elif status == "occupied_by_receiving_state" and place.territory_of == d.receiving_state:
            yield at(doc, "contradiction", key,
                     f"{place.name} is said to be occupied by {d.receiving_state}, but it is "
                     f"{d.receiving_state}'s own territory: a state does not occupy its own "
                     f"territory")


def _persons(s: Scenario, doc: Document | None) -> Iterator[ScenarioWarning]:
    for pid, p in s.persons.items():
        dep = s.deployments.get(p.deployment) if p.deployment else None
        captor = p.captured_by
        if dep is not None and captor in (dep.sending_state, dep.receiving_state):
            side = ("the state that sent its unit" if captor == dep.sending_state
                    else "beside whose forces its unit fights")
            yield at(doc, "contradiction", ("persons", pid, "captured_by"),
                     f"captured by {captor}, {side}: a person is captured by the adversary, not "
                     f"by the person's own side")
        member = _given(p.member_of_forces_of, s.as_of)
        if captor is not None and member == captor:
            yield at(doc, "contradiction", ("persons", pid, "member_of_forces_of"),
                     f"a member of the forces of {captor}, which is also said to hold the "
                     f"person as the detaining power")
        decision = _given(p.tribunal_decision, s.as_of)
        if decision is not None and _given(p.status_doubted, s.as_of) is False:
            yield at(doc, "contradiction", ("persons", pid, "tribunal_decision"),
                     f"a tribunal decision ({decision}) is given, but status_doubted is false: "
                     f"a competent tribunal determines a person's status where doubt has arisen "
                     f"(GC III art 5)")


def _text(value: Any) -> str:
    """A value as a scenario file writes it (``true``, not ``True``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _positions(s: Scenario, doc: Document | None) -> Iterator[ScenarioWarning]:
    for key, fact in iter_facts(s):
        for who in dict.fromkeys(fact.asserted_by):
            if who in fact.denied_by:
                yield at(doc, "contradiction", (*key, "denied_by"),
                         f"{who} is said both to assert and to deny this fact")
        given: dict[str, list[str]] = {}
        for account in fact.accounts:
            for who in account.by:
                text = _text(account.value)
                if text not in given.setdefault(who, []):
                    given[who].append(text)
        for who, values in given.items():
            if len(values) > 1:
                yield at(doc, "contradiction", (*key, "accounts"),
                         f"{who} gives accounts with different values ({', '.join(values)})")
