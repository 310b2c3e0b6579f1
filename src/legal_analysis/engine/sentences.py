"""The sentences of a decision: rules' templates filled with the names of the entities bound."""

from __future__ import annotations

from collections.abc import Mapping

from ..facts import Scenario
from .decision import Decision

Subject = tuple[tuple[str, str], ...]


def fill(template: str, binding: Mapping[str, str], subject: Subject,
         names: Mapping[str, str] | None = None) -> str:
    """Fill {placeholders} in a rule's sentence with the bound entities' names (or ids)."""
    values = dict(binding)
    values.update(dict(subject))
    if names:
        values = {k: names.get(v, v) for k, v in values.items()}
    return template.format_map(values)


def details(decision: Decision, names: Mapping[str, str]) -> tuple[str, ...]:
    """The deciding rules' short statements (their ``detail``), each once, in rule order."""
    out: list[str] = []
    for inst in decision.winners:
        template = inst.code.rule.spec.detail
        if template:
            text = fill(template, inst.binding, inst.subject, names)
            if text not in out:
                out.append(text)
    return tuple(out)


def display_names(s: Scenario) -> dict[str, str]:
    """Entity id → display name, for sentences (states last, so they win a clash). A deployment,
    which has no name, is called after its states: 'the troops of A deployed to B'."""
    out: dict[str, str] = {}
    out.update({k: deployment_name(s, k) for k in s.deployments})
    out.update({k: v.name for k, v in s.conflicts.items()})
    out.update({k: v.name for k, v in s.persons.items()})
    out.update({k: v.name for k, v in s.states.items()})
    return out


def deployment_name(s: Scenario, did: str) -> str:
    """A deployment in words: 'the troops of <sending state> deployed to <receiving state>', or
    'the armed forces of <state>' for a party's own forces."""
    d = s.deployments[did]
    if d.name is not None:
        return d.name
    sending = s.states[d.sending_state].name
    if d.receiving_state is None:
        return (f"the fighters of {sending}" if s.states[d.sending_state].kind == "armed_group"
                else f"the armed forces of {sending}")
    return f"the troops of {sending} deployed to {s.states[d.receiving_state].name}"
