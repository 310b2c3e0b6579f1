"""Walking a format-2 scenario by its declaration: every entity with its kind and path, every
fact with its field, and the kind found at a path of the file.

>>> from legal_analysis.model.build import scenario_model
>>> s = scenario_model().model_validate({"format": 2, "id": "x", "title": "t",
...     "as_of": "2025-01-01", "parties": {"AAA": {"kind": "state", "name": "A"}},
...     "forces": {"f": {"belongs_to": "AAA", "acknowledged_by": {"AAA": True}}}})
>>> [(str(fact_key(key)), fact.value) for key, _f, fact, _e in iter_facts(s) if fact.is_stated]
[('forces.f.acknowledged_by.AAA', True)]
>>> kind_at(("persons", "p1", "destinations", "KOR")).name
'destination'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..core import FactKey
from ..documents import PathKey
from ..schema import SCHEMA, Field, Kind, Type
from .fact import Fact


@dataclass(frozen=True)
class Entity:
    """One entity of a scenario: its kind, where it stands, its model, and its enclosing
    entities (nearest last)."""

    kind: Kind
    key: PathKey
    model: BaseModel
    parents: tuple[Entity, ...] = ()

    @property
    def id(self) -> str:
        """The entity's id (a mapping key) or its index in a list, as text."""
        return str(self.key[-1]) if self.key else ""

    def get(self, name: str) -> Any:
        """The value of one of its fields."""
        return getattr(self.model, name)


def iter_entities(scenario: BaseModel) -> Iterator[Entity]:
    """Every entity of a scenario, the scenario itself first, depth first in declaration order."""
    root = Entity(SCHEMA.kind(SCHEMA.root), (), scenario)
    yield root
    yield from _children(root)


def _children(entity: Entity) -> Iterator[Entity]:
    for f in entity.kind.fields:
        if f.item is None:
            continue
        value = entity.get(f.name)
        kind = SCHEMA.kind(f.item)
        items: list[tuple[str | int, Any]]
        if f.type is Type.ENTITY:
            child = Entity(kind, (*entity.key, f.name), value, (*entity.parents, entity))
            yield child
            yield from _children(child)
            continue
        items = list(value.items()) if f.type is Type.MAP else list(enumerate(value))
        for k, model in items:
            child = Entity(kind, (*entity.key, f.name, k), model, (*entity.parents, entity))
            yield child
            yield from _children(child)


def iter_facts(scenario: BaseModel) -> Iterator[tuple[PathKey, Field, Fact[Any], Entity]]:
    """Every fact of a scenario with its path, its field's declaration and its entity."""
    for entity in iter_entities(scenario):
        for f in entity.kind.fields:
            if f.fact:
                yield (*entity.key, f.name), f, entity.get(f.name), entity
            elif f.type is Type.MAP and f.item is None:
                for k, fact in entity.get(f.name).items():
                    yield (*entity.key, f.name, k), f, fact, entity


def fact_key(key: PathKey) -> FactKey:
    """The :class:`~legal_analysis.core.FactKey` of a fact's path."""
    return FactKey(str(key[0]), str(key[1]), tuple(str(p) for p in key[2:]))


def kind_at(key: PathKey) -> Kind | None:
    """The kind of entity that stands at ``key`` in a file (``None`` if a value stands there)."""
    kind = SCHEMA.kind(SCHEMA.root)
    pending: str | None = None
    for part in key:
        if pending is not None:
            kind, pending = SCHEMA.kind(pending), None
            continue
        if isinstance(part, int) or part not in kind.field_names:
            return None
        f = kind.field(part)
        if f.type is Type.ENTITY and f.item:
            kind = SCHEMA.kind(f.item)
        elif f.type in (Type.LIST, Type.MAP) and f.item:
            pending = f.item
        else:
            return None
    return None if pending is not None else kind
