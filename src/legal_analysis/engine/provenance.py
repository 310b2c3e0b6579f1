"""The fact index of a world: each fact's value with where it comes from (see :mod:`.world`)."""

from __future__ import annotations

from collections.abc import Mapping

from ..core import UNKNOWN, FactKey
from ..facts import Scenario, TreatyParticipation
from ..ruleset.paths import KIND_OF, FieldInfo, fields_of
from ..scenario import iter_typed_facts
from .slots import World
from .world import FactEntry, FactIndex, fact_accounts, stated, value_as_of

DESCRIPTIONS: dict[str, str] = {
    "acknowledged_by_sending_state": "the sending state has acknowledged the deployment",
    "acknowledged_by_receiving_state": "the receiving state has acknowledged the deployment",
    "captured": "captured by the evaluation date",
    "is_sending_state": "the destination is the person's sending state",
    "is_receiving_state": "the destination is the state the person's unit was sent to",
    "is_detaining_power": "the destination is the detaining power",
    "is_national_state": "the person is a national of the destination",
    "claims_person": "the destination claims the person as its national",
    "is_third_state": "the destination is none of the above (a third state)",
}
"""What each derived fact says."""


def index_of(world: World, scenario: Scenario,
             participation: Mapping[str, Mapping[str, TreatyParticipation]]) -> FactIndex:
    """Every fact of ``world`` (a world read from ``scenario``, with no fact set otherwise)
    by key, with its provenance."""
    plan = world.plan
    V = world.V
    entries: dict[str, FactEntry] = {}
    facts = {tuple(path): (fact, tp) for path, fact, tp in iter_typed_facts(scenario)}
    for slot, path in plan.stated:
        fact, value_type = facts[path]
        key = plan.keys[slot]
        assert key is not None
        as_of = value_as_of(fact, world.as_of)
        accounts = fact_accounts(fact, as_of if as_of is not UNKNOWN else stated(fact.value))
        entries[plan.names[slot]] = FactEntry(
            key, V[slot], world.domain(slot), fact.certainty, fact.sources, fact.asserted_by,
            fact.denied_by, accounts, fact.note, fact.on, path=path, value_type=value_type)
    for slot in plan.defaults:
        key = plan.keys[slot]
        assert key is not None
        info = _field_info(key)
        entries[plan.names[slot]] = FactEntry(
            key, V[slot], plan.domains[slot], "established",
            path=(key.collection, key.entity, *key.path),
            value_type=info.value_type if info is not None else bool)
    for slot, code, treaty in plan.treaties:
        key = plan.keys[slot]
        assert key is not None
        tp = scenario.states[code].treaties.get(treaty) or participation.get(code, {}).get(treaty)
        entries[plan.names[slot]] = FactEntry(
            key, V[slot], (True, False), "established" if tp and tp.date_verified else "reported",
            tp.sources if tp else (), note=tp.note if tp is not None else "no participation data",
            on=tp.since if tp else None, derived=True,
            description=f"{scenario.states[code].name} bound by {treaty}")
    for d in plan.derived:
        key = plan.keys[d.slot]
        assert key is not None
        entries[plan.names[d.slot]] = FactEntry(key, V[d.slot], (True, False), "established",
                                                derived=True,
                                                description=DESCRIPTIONS.get(key.field, ""))
    return FactIndex(scenario, world.as_of, entries)




def _field_info(key: FactKey) -> FieldInfo | None:
    """The scenario model's declaration of the field a fact key names."""
    kind = "destination" if key.path[:1] == ("destinations",) else KIND_OF.get(key.collection)
    return fields_of(kind).get(key.field) if kind else None
