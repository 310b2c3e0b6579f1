"""The fact model *as a declaration*: every kind of entity a scenario (format 2) holds, its
fields with their types, domains, descriptions and sentences, and the references between kinds.

Legal vocabulary lives here and nowhere else. The functions below read the shipped model:

>>> [k.name for k in kinds()][:4]
['scenario', 'party', 'treaty_participation', 'relation']
>>> domain("force", "command")
('own', 'placed_with', 'joint')
>>> target("person", "held_by").name
'party'
>>> [s.target.name for s in walk("person.member_of.belongs_to") if s.target]
['force', 'party']
"""

from __future__ import annotations

from collections.abc import Sequence

from .declaration import NONE, Choice, Constraint, Field, Kind, Type
from .ihl import FORMAT, SCHEMA, SPEAKERS
from .lookup import PathError, Schema, Step
from .parties import PARTY_KINDS

__all__ = [
    "FORMAT",
    "NONE",
    "PARTY_KINDS",
    "SCHEMA",
    "SPEAKERS",
    "Choice",
    "Constraint",
    "Field",
    "Kind",
    "PathError",
    "Schema",
    "Step",
    "Type",
    "domain",
    "field",
    "fields",
    "kind",
    "kinds",
    "target",
    "walk",
]


def kinds() -> tuple[Kind, ...]:
    """Every kind of entity, the whole scenario first."""
    return SCHEMA.kinds()


def kind(name: str) -> Kind:
    """The kind called ``name`` (:class:`PathError` naming the closest if there is none)."""
    return SCHEMA.kind(name)


def fields(kind_name: str) -> tuple[Field, ...]:
    """The fields of a kind."""
    return SCHEMA.fields(kind_name)


def field(kind_name: str, name: str) -> Field:
    """One field of a kind."""
    return SCHEMA.field(kind_name, name)


def target(kind_name: str, name: str) -> Kind | None:
    """The kind a field leads to (the kind its ids name, or the kind of entity it holds)."""
    return SCHEMA.target(kind_name, name)


def domain(kind_name: str, name: str) -> tuple[str, ...] | None:
    """The finite domain of a field, or ``None``."""
    return SCHEMA.domain(kind_name, name)


def walk(path: str | Sequence[str], start: str | None = None) -> tuple[Step, ...]:
    """The steps of a dotted path such as ``person.member_of.belongs_to``."""
    return SCHEMA.walk(path, start)
