"""Warnings about facts given with sources that no rule reads.

A fact a rule never reads decides no conclusion, and the memo, which lists the facts the analysis
read, leaves it out: the research behind its sources is lost to the reader. What the rules read
is taken from the rule instances the engine builds for the scenario, so a fact is judged for the
entity it belongs to (a state's breach of an arms embargo is read of a sending state, not of a
state that sends no troops), and a fact a derived fact is computed from (a capture date, a
person's nationalities) counts as read when the derived fact is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..documents import Document, PathKey
from ..engine.plan import Plan
from ..facts import DestinationFacts, Fact, Scenario
from ..ruleset.loading import Rulebook
from ..ruleset.paths import DERIVED, KIND_OF, fields_of
from ..scenario import iter_facts
from .warning import ScenarioWarning, at, names

RECORDED: dict[tuple[str, str], str] = {
    ("person", "captured_at"): "the place of capture, in words",
    ("person", "captured_in_territory_of"): "where the capture took place",
    ("deployment", "size"): "how many troops are deployed",
    ("deployment", "acknowledged_by"): "who acknowledges the deployment",
    ("deployment", "claimed_justification"): "the memo states it among the positions taken",
    ("deployment", "claimed_legal_basis"): "the memo states it among the positions taken",
    ("place", "status"): "the status of the territory where the troops are",
    ("conflict", "start"): "the memo's timeline dates it, and capture dates are checked against it",
    ("conflict", "armed_attack_by_adversary"): "a party's claim, recorded with whoever makes it",
}
"""Facts a scenario records for its reader: they set the scene, record a party's position, or
the memo states them outside its analysis. No rule need read them, so none is warned about."""

DERIVED_FROM: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("person", "captured"): (("person", "captured_on"),),
    ("destination", "is_national_state"): (("person", "nationalities"),),
    ("destination", "claims_person"): (("person", "claimed_as_national_by"),),
    ("destination", "is_third_state"): (("person", "nationalities"),
                                        ("person", "claimed_as_national_by")),
    ("deployment", "acknowledged_by_sending_state"): (("deployment", "acknowledged_by"),),
    ("deployment", "acknowledged_by_receiving_state"): (("deployment", "acknowledged_by"),),
}
"""The facts each derived fact is computed from (see :mod:`legal_analysis.engine.world`)."""

_DESTINATION_ROLES = frozenset(name for kind, name in DERIVED if kind == "destination")

_COLLECTIONS = KIND_OF


def classify(path: PathKey) -> tuple[str, str, str] | None:
    """The kind of entity a fact belongs to, the field, and the entity's label.

    >>> classify(("persons", "p1", "destinations", "KOR", "torture_risk"))
    ('destination', 'torture_risk', 'p1 (if sent to KOR)')
    >>> classify(("deployments", "d", "locations", 0, "status"))
    ('place', 'status', 'd (place 1)')
    """
    if len(path) < 3 or path[0] not in _COLLECTIONS:
        return None
    kind, ident, field = _COLLECTIONS[str(path[0])], str(path[1]), str(path[2])
    if kind == "person" and field == "destinations" and len(path) == 5:
        return "destination", str(path[4]), f"{ident} (if sent to {path[3]})"
    if kind == "deployment" and field == "locations" and len(path) == 5:
        return "place", str(path[4]), f"{ident} (place {int(path[3]) + 1})"
    return kind, field, ident


def read_keys(plan: Plan) -> set[str]:
    """The keys of every fact a rule instance reads, with the facts derived ones are computed
    from (transitively)."""
    slots = {slot for instances in plan.instances.values() for inst in instances
             for slot in inst.t if plan.is_fact(slot)}
    deps = {d.slot: d.deps for d in plan.derived}
    stack = [s for s in slots if s in deps]
    while stack:
        for dep in deps[stack.pop()]:
            if dep not in slots:
                slots.add(dep)
                if dep in deps:
                    stack.append(dep)
    return {plan.names[s] for s in slots}


def field_readers(book: Rulebook) -> dict[tuple[str, str], list[str]]:
    """For each (kind, field) of a fact, the conclusions whose rules read it, directly or
    through a derived fact computed from it. A destination's state facts are a state's."""
    out: dict[tuple[str, str], set[str]] = {}
    for rule in book.rules.values():
        for info in rule.paths.values():
            if not info.is_fact:
                continue
            kind = rule.spec.for_.get(info.variable, "")
            for step in info.steps[:-1]:
                target = fields_of(kind)[step].target
                kind = target or kind
            field = info.steps[-1]
            if kind == "destination" and field not in DestinationFacts.model_fields \
                    and field not in _DESTINATION_ROLES:
                kind = "state"
            for where in ((kind, field), *DERIVED_FROM.get((kind, field), ())):
                out.setdefault(where, set()).add(rule.spec.conclusion)
    return {k: sorted(v) for k, v in out.items()}


def _sourced(fact: Fact[Any]) -> bool:
    return bool(fact.sources) or any(a.sources for a in fact.accounts)


def unread_warnings(scenario: Scenario, book: Rulebook, plan: Plan,
                    doc: Document | None) -> Iterator[ScenarioWarning]:
    """A warning for each fact given with sources (or an account with sources) that no rule
    reads: because no rule of the rule base reads that field at all, or because the rules read
    it of other entities of the scenario but not of this one. A fact whose readers do not arise
    in the scenario at all (a conflict's facts in a scenario with no captured person yet) is not
    warned about, nor one the scenario records for its reader (:data:`RECORDED`)."""
    read = read_keys(plan)
    readers = field_readers(book)
    facts = [(path, classify(path), fact) for path, fact in iter_facts(scenario)]
    read_of: dict[tuple[str, str], list[str]] = {}
    for path, where, _fact in facts:
        if where is not None and ".".join(str(p) for p in path) in read:
            read_of.setdefault(where[:2], []).append(where[2])
    for path, where, fact in facts:
        if where is None or where[:2] in RECORDED or not _sourced(fact):
            continue
        if ".".join(str(p) for p in path) in read:
            continue
        kind, field, label = where
        others = read_of.get((kind, field))
        if others:
            why = (f"no rule reads it of {label}: the rules read {field} of {names(others)} "
                   f"only")
        elif (kind, field) not in readers:
            why = f"no rule of the rule base reads the {field} of a {kind}"
        else:
            continue
        yield at(doc, "unread", path, f"given with sources, but {why}, so it decides no "
                                      f"conclusion and is not among the memo's facts")
