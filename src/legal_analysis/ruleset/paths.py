"""The fact paths rules may read, derived from the scenario models so they cannot drift.

A path starts at a variable the rule quantifies over (``deployment``, ``person`` …) and walks
through fields: references lead to another entity (``deployment.sending_state.neutral``), facts end
the path. A few *derived* fields are computed from other facts (``state.bound.cat``, whether a
destination is the person's sending state, …); they are listed in :data:`DERIVED`.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from ..errors import did_you_mean, one_of
from ..facts import TREATIES, Conflict, Deployment, DestinationFacts, Fact, Person, Relation, State

Kind = Literal["state", "conflict", "deployment", "relation", "person", "destination"]
KINDS: tuple[str, ...] = ("state", "conflict", "deployment", "relation", "person", "destination")

MODELS: dict[str, type[BaseModel]] = {
    "state": State, "conflict": Conflict, "deployment": Deployment, "relation": Relation,
    "person": Person, "destination": DestinationFacts,
}
COLLECTIONS: dict[str, str] = {"state": "states", "conflict": "conflicts",
                               "deployment": "deployments", "relation": "relations",
                               "person": "persons"}
"""The scenario's collection of each kind of entity (a destination belongs to its person)."""
KIND_OF: dict[str, str] = {v: k for k, v in COLLECTIONS.items()}
"""The kind of entity each collection holds."""
REFERENCES: dict[tuple[str, str], str] = {
    ("relation", "by"): "state",
    ("relation", "to"): "state",
    ("deployment", "sending_state"): "state",
    ("deployment", "receiving_state"): "state",
    ("deployment", "against"): "state",
    ("deployment", "conflict"): "conflict",
    ("person", "deployment"): "deployment",
    ("person", "captured_by"): "state",
    ("destination", "state"): "state",
}
"""Fields holding the id of another entity, and that entity's kind."""

STRUCTURAL: dict[tuple[str, str], str] = {
    ("state", "name"): "text",
    ("state", "kind"): "text",
    ("state", "code"): "text",
    ("state", "constitution_claims_nationals_of"): "list",
    ("state", "allies"): "list",
    ("deployment", "category"): "text",
    ("conflict", "name"): "text",
    ("conflict", "belligerents"): "list",
    ("person", "name"): "text",
    ("destination", "code"): "text",
}
"""Fields that are plain data, not facts: known, never unknown."""

DERIVED: dict[tuple[str, str], tuple[str, str]] = {
    **{("state", f"bound.{t}"): ("bool", f"bound by the treaty '{t}' on the evaluation date")
       for t in TREATIES},
    ("deployment", "acknowledged_by_sending_state"): (
        "bool", "the sending state has acknowledged the deployment"),
    ("deployment", "acknowledged_by_receiving_state"): (
        "bool", "the receiving state has acknowledged the deployment"),
    ("person", "captured"): ("bool", "the person has been captured by the evaluation date"),
    ("destination", "is_sending_state"): ("bool", "the destination is the person's sending state"),
    ("destination", "is_receiving_state"): (
        "bool", "the destination is the state the person's unit was sent to"),
    ("destination", "is_detaining_power"): ("bool", "the destination is the detaining power"),
    ("destination", "is_national_state"): ("bool", "the person is a national of the destination"),
    ("destination", "claims_person"): (
        "bool", "the destination claims the person as its national"),
    ("destination", "is_third_state"): (
        "bool", "the destination is none of the above (a third state)"),
}
"""Derived fields: (value type, meaning)."""


@dataclass(frozen=True)
class FieldInfo:
    """What a path step leads to."""

    role: Literal["fact", "ref", "structural", "derived"]
    value_type: Any = None
    target: str | None = None
    description: str = ""

    @property
    def domain(self) -> tuple[Any, ...] | None:
        """The finite set of values, where there is one (booleans and enumerations)."""
        return finite_domain(self.value_type)


@cache
def finite_domain(tp: Any) -> tuple[Any, ...] | None:
    """``(True, False)`` for booleans, the literal values of an enumeration, else ``None``.

    >>> finite_domain(bool)
    (True, False)
    >>> finite_domain(int) is None
    True
    """
    if tp is bool or tp == "bool":
        return (True, False)
    if typing.get_origin(tp) is Literal:
        return tuple(a for a in typing.get_args(tp) if a != "unknown")
    return None


def fact_type(annotation: Any) -> Any:
    """The value type of a fact field's annotation (``Fact[bool]`` → ``bool``), or None for a
    field that is not a fact."""
    meta = getattr(annotation, "__pydantic_generic_metadata__", None)
    if meta and meta.get("origin") is Fact:
        return meta["args"][0]
    return None


@cache
def fields_of(kind: str) -> dict[str, FieldInfo]:
    """Every field a path may name on an entity of ``kind``."""
    out: dict[str, FieldInfo] = {}
    model = MODELS[kind]
    for name, field in model.model_fields.items():
        ftype = fact_type(field.annotation)
        desc = field.description or ""
        if ftype is not None:
            out[name] = FieldInfo("fact", ftype, description=desc)
        elif (kind, name) in REFERENCES:
            out[name] = FieldInfo("ref", str, REFERENCES[(kind, name)], desc)
        elif (kind, name) in STRUCTURAL:
            out[name] = FieldInfo("structural", STRUCTURAL[(kind, name)], description=desc)
    for (k, name), target in REFERENCES.items():
        if k == kind and name not in out:
            out[name] = FieldInfo("ref", str, target)
    for (k, name), tp in STRUCTURAL.items():
        if k == kind and name not in out:
            out[name] = FieldInfo("structural", tp)
    for (k, name), (tp, desc) in DERIVED.items():
        if k == kind:
            out[name] = FieldInfo("derived", bool if tp == "bool" else tp, description=desc)
    if kind == "destination":
        # the destination is also a state: its state facts are readable directly
        for name, info in fields_of("state").items():
            out.setdefault(name, info)
    return out


def all_paths(kind: str, depth: int = 2) -> list[str]:
    """Every path from an entity of ``kind`` (following references ``depth`` deep)."""
    paths: list[str] = []
    for name, info in fields_of(kind).items():
        if info.role == "ref" and info.target and depth > 0:
            paths.append(name)
            paths.extend(f"{name}.{p}" for p in all_paths(info.target, depth - 1))
        else:
            paths.append(name)
    return paths


@dataclass(frozen=True)
class PathInfo:
    """A checked path: the kinds it walks through and what it ends on."""

    variable: str
    steps: tuple[str, ...]
    end: FieldInfo
    end_kind: str | None = None  # the entity kind when the path ends on a reference

    @property
    def is_fact(self) -> bool:
        return self.end.role in ("fact", "derived")


class PathError(ValueError):
    """A path that names something the scenario model does not have."""

    def __init__(self, message: str, suggestion: str | None, expected: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion
        self.expected = expected


def check_path(path: str, variables: Mapping[str, str]) -> PathInfo:
    """Check a dotted path against the variables a rule binds; raise :class:`PathError`.

    >>> check_path("deployment.command_authority", {"deployment": "deployment"}).end.role
    'fact'
    >>> check_path("deployment.sending_state.bound.cat", {"deployment": "deployment"}).end.role
    'derived'
    """
    parts = path.split(".")
    var = parts[0]
    if var not in variables:
        raise PathError(f"the path {path!r} starts with {var!r}, which the rule does not bind",
                        did_you_mean(var, variables),
                        one_of(variables, "a path from a variable of 'for:', and the rule "
                                          "binds none"))
    kind = variables[var]
    steps: list[str] = []
    rest = parts[1:]
    if not rest:
        return PathInfo(var, (), FieldInfo("ref", str, kind), kind)
    i = 0
    while i < len(rest):
        fields = fields_of(kind)
        name = rest[i]
        # derived names may contain a dot (bound.cat)
        if i + 1 < len(rest) and f"{name}.{rest[i + 1]}" in fields:
            name = f"{name}.{rest[i + 1]}"
            i += 1
        if name not in fields:
            prefix = ".".join([var, *steps])
            candidates = [f"{prefix}.{p}" for p in all_paths(kind, 1)]
            raise PathError(f"unknown fact {path!r}", did_you_mean(path, candidates),
                            f"a field of {kind} such as {', '.join(sorted(fields)[:6])}, …")
        info = fields[name]
        steps.append(name)
        i += 1
        if info.role == "ref":
            assert info.target is not None
            kind = info.target
            if i == len(rest):
                return PathInfo(var, tuple(steps), info, kind)
            continue
        if i != len(rest):
            raise PathError(f"{'.'.join([var, *steps])!r} is a {info.role} value and has no "
                            f"field {rest[i]!r}", None)
        return PathInfo(var, tuple(steps), info)
    raise PathError(f"incomplete path {path!r}", None)  # pragma: no cover


def is_date_type(tp: Any) -> bool:
    return tp is dt.date


def is_number_type(tp: Any) -> bool:
    return tp in (int, float)
