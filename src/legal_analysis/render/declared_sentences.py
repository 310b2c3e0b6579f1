"""Sentences taken from the fact model's declaration (scenario format 2), so that a memo states
the facts format 2 adds in the words the scenario format documents: those of a relation between
parties (support, instructions, control, territory made available), and the four conditions of a
militia or volunteer corps (GC III Art 4A(2))."""

from __future__ import annotations

from typing import Any

from ..core import is_unknown
from ..engine.analysis import Analysis
from ..schema import SCHEMA
from ..schema.declaration import Field

SUPPORT = frozenset(SCHEMA.kind("support").field_names)
"""The facts of a relation declared under its `support:`."""


def _field(name: str) -> Field | None:
    kind = "support" if name in SUPPORT else "relation"
    try:
        return SCHEMA.field(kind, name)
    except KeyError:
        return None


def relation_proposition(analysis: Analysis, ident: str, name: str, value: Any) -> str | None:
    """What the fact ``name`` of the relation ``ident`` says with ``value`` ('State CCC arms The
    Front'), or ``None`` for an unknown value or a fact without a sentence."""
    s = analysis.scenario
    relation = s.relations.get(ident)
    found = _field(name)
    if relation is None or found is None or is_unknown(value):
        return None
    if isinstance(value, bool):
        template = found.sentences.get("true" if value else "false")
        shown = ""
    elif "value" in found.sentences:
        template = found.sentences.get("value")
        state = s.states.get(str(value))
        shown = state.name if state is not None else str(value)
    else:
        template = found.sentences.get(str(value))
        shown = ""
    if template is None:
        return None
    return template.format_map({"from": s.states[relation.by].name,
                                "to": s.states[relation.to].name, "value": shown})


def relation_question(analysis: Analysis, ident: str, name: str) -> str | None:
    """What an enumerated fact of a relation asks, for 'the answer turns on …'."""
    relation = analysis.scenario.relations.get(ident)
    if relation is None or name != "control":
        return None
    states = analysis.scenario.states
    return f"how far {states[relation.by].name} controls {states[relation.to].name}"


MILITIA_CONDITIONS = frozenset({"responsible_command", "distinctive_sign", "arms_carried_openly",
                                "laws_of_war_compliance"})
"""The facts of a force that are the conditions of GC III Art 4A(2)."""


def force_proposition(analysis: Analysis, ident: str, name: str, value: Any) -> str | None:
    """What a condition of GC III Art 4A(2) of the force ``ident`` says with ``value`` ('The
    Home Guard carries arms openly'), or ``None``."""
    if name not in MILITIA_CONDITIONS or not isinstance(value, bool):
        return None
    template = SCHEMA.field("force", name).sentences.get("true" if value else "false")
    if template is None:
        return None
    return template.format_map({"force": analysis.names.get(ident, ident)})
