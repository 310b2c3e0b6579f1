"""The vocabulary for declaring a fact model: kinds of entity, their fields, and the sentences
that say each value.

A :class:`Kind` is a kind of entity (a party, a force, a person). Its :class:`Field` objects say
what each field holds (:class:`Type`), whether it is a *fact* (a value or unknown, with its
provenance) or a plain attribute, its finite domain (:class:`Choice` values) where it has one, the
kind a reference leads to and the role the referenced entity plays, and the sentence for each value.

A sentence names what it speaks of in braces: ``{force}`` is the entity itself (by its kind's
name), ``{placed_with}`` another field of it (or of an entity that encloses it), ``{value}`` the
fact's value and ``{key}`` the key of a mapping entry.

>>> f = yes_no("official_duty", "Serves on its party's official duty.",
...            "{force} serves on official duty", "{force} does not serve on official duty")
>>> f.domain, f.sentences["true"]
(('true', 'false'), '{force} serves on official duty')
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


class Type(enum.StrEnum):
    """What a field's value is."""

    TEXT = "text"
    BOOL = "bool"
    INT = "int"
    DATE = "date"
    CHOICE = "choice"  # one value of a finite domain
    REF = "ref"  # the id of an entity of the target kind
    REFS = "refs"  # a list of ids of the target kind
    GROUPED = "grouped"  # for each value of the domain, a list of ids of the target kind
    TEXTS = "texts"  # a list of texts
    SOURCE = "source"  # one citation of a source
    SOURCES = "sources"  # a list of citations
    ENTITY = "entity"  # one nested entity of the item kind
    LIST = "list"  # a list of nested entities of the item kind
    MAP = "map"  # a mapping from ids (or domain values) to nested entities or to facts


NESTED = frozenset({Type.ENTITY, Type.LIST, Type.MAP})
"""Types whose value holds further entities or facts rather than a value."""
REFERENCES = frozenset({Type.REF, Type.REFS, Type.GROUPED})
"""Types whose values are ids of other entities."""
NONE = "none"
"""The value of a reference that names no entity (a person member of no force), where allowed."""


@dataclass(frozen=True)
class Choice:
    """One value of a finite domain, with the sentence that states it and a short label."""

    value: str
    sentence: str
    label: str = ""

    @property
    def text(self) -> str:
        """The label, or the value in words."""
        return self.label or self.value.replace("_", " ")


@dataclass(frozen=True)
class Constraint:
    """A condition a field's value must meet beyond its type, with the words of its error.

    ``test`` is one of: ``at_least`` (a list has at least ``arg`` items), ``distinct`` (across
    the entities of a list, the ids in their field ``arg`` are all different), ``differs_from``
    (a reference names another entity than the field ``arg``), ``among`` (a reference names one
    of the ids found at the path ``arg`` from the entity), ``exclusive`` (an id stands under one
    value of a grouped fact only), ``not_before`` (a date is not before the date found at the
    path ``arg``). ``message`` may name ``{value}``.
    """

    test: str
    arg: str | int
    message: str
    expected: str


TESTS = frozenset({"at_least", "distinct", "differs_from", "among", "exclusive", "not_before"})


@dataclass(frozen=True)
class Field:
    """One field of a kind of entity.

    ``target`` is the kind a reference leads to, ``role`` the part the referenced entity plays,
    ``target_variants`` the variants of the target kind it may name (a state, not a group), and
    ``none`` the sentence for the value ``none`` where a reference may name no entity. ``item``
    is the kind of nested entity a field holds, ``of`` the type of the facts a mapping holds,
    ``keyed_by`` the kind whose ids key a mapping. ``variants`` limits the field to entities of
    those variants of its kind; ``unknown`` lets a plain attribute be ``unknown``; ``fixed`` is
    the one value a plain attribute may have (the format version).
    """

    name: str
    type: Type
    description: str
    fact: bool = True
    required: bool = False
    choices: tuple[Choice, ...] = ()
    target: str | None = None
    role: str = ""
    target_variants: tuple[str, ...] = ()
    none: str | None = None
    item: str | None = None
    of: Type | None = None
    keyed_by: str | None = None
    variants: tuple[str, ...] = ()
    unknown: bool = False
    default: Any = None
    pattern: str | None = None
    fixed: Any = None
    sentences: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    constraints: tuple[Constraint, ...] = ()

    @property
    def domain(self) -> tuple[str, ...] | None:
        """The finite set of values the field takes, or ``None`` where it has none."""
        value_type = self.of if self.type is Type.MAP and self.of else self.type
        if value_type is Type.BOOL:
            return ("true", "false")
        if value_type in (Type.CHOICE, Type.GROUPED) or (self.type is Type.MAP and self.choices):
            return tuple(c.value for c in self.choices)
        return None

    def choice(self, value: str) -> Choice:
        """The declared :class:`Choice` for ``value`` (KeyError if it is not in the domain)."""
        for c in self.choices:
            if c.value == value:
                return c
        raise KeyError(value)

    @property
    def value_type(self) -> Type:
        """The type of one value: for a mapping of facts, the facts' type."""
        return self.of if self.type is Type.MAP and self.of is not None else self.type


@dataclass(frozen=True)
class Kind:
    """A kind of entity: its name (used in sentences as ``{name}``), a description, its fields.

    ``short_form`` names the field a bare value written for the entity fills; ``variant`` the
    plain choice field that sorts entities of the kind into variants (a party's ``kind``).
    """

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    short_form: str | None = None
    variant: str | None = None

    def field(self, name: str) -> Field:
        """The field called ``name`` (KeyError if there is none)."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _sentences(**items: str) -> Mapping[str, str]:
    return MappingProxyType(dict(items))


def text(name: str, description: str, *, required: bool = False,
         pattern: str | None = None) -> Field:
    """A plain text attribute (a name, a title)."""
    return Field(name, Type.TEXT, description, fact=False, required=required, pattern=pattern)


def yes_no(name: str, description: str, true: str, false: str, **kw: Any) -> Field:
    """A yes-or-no fact with the sentence for each answer."""
    return Field(name, Type.BOOL, description, sentences=_sentences(true=true, false=false), **kw)


def choice(name: str, description: str, choices: tuple[Choice, ...], *, fact: bool = True,
           **kw: Any) -> Field:
    """A fact (or a plain attribute) taking one value of a finite domain."""
    return Field(name, Type.CHOICE, description, fact=fact, choices=choices,
                 sentences=_sentences(**{c.value: c.sentence for c in choices}), **kw)


def value_fact(name: str, kind: Type, description: str, sentence: str, **kw: Any) -> Field:
    """A fact with an open domain (a date, a number, a text), stated by one sentence."""
    return Field(name, kind, description, sentences=_sentences(value=sentence), **kw)


def ref(name: str, target: str, description: str, sentence: str, *, fact: bool = False,
        role: str = "", none: str | None = None, **kw: Any) -> Field:
    """A reference to an entity of ``target`` (a fact when ``fact``); ``none`` is the sentence for
    the value ``none`` where a reference may name no entity."""
    sentences = {"value": sentence, **({NONE: none} if none else {})}
    return Field(name, Type.REF, description, fact=fact, target=target, role=role, none=none,
                 sentences=_sentences(**sentences), **kw)


def refs(name: str, target: str, description: str, sentence: str, *, fact: bool = False,
         role: str = "", **kw: Any) -> Field:
    """A list of references to entities of ``target``."""
    return Field(name, Type.REFS, description, fact=fact, target=target, role=role,
                 sentences=_sentences(value=sentence), **kw)


def grouped(name: str, target: str, description: str, choices: tuple[Choice, ...],
            **kw: Any) -> Field:
    """A fact that sorts ids of ``target`` under the values of a domain (wants / refuses)."""
    return Field(name, Type.GROUPED, description, target=target, choices=choices,
                 sentences=_sentences(**{c.value: c.sentence for c in choices}), **kw)


def nested(name: str, item: str, description: str, *, many: bool = False, **kw: Any) -> Field:
    """One nested entity of kind ``item``, or a list of them (``many``)."""
    return Field(name, Type.LIST if many else Type.ENTITY, description, fact=False, item=item,
                 **kw)


def mapping(name: str, description: str, *, item: str | None = None, of: Type | None = None,
            keyed_by: str | None = None, keys: tuple[Choice, ...] = (),
            sentences: Mapping[str, str] | None = None, **kw: Any) -> Field:
    """A mapping from ids of ``keyed_by`` (or new ids, or the values of ``keys``) to nested
    entities of kind ``item`` or to facts of type ``of``."""
    return Field(name, Type.MAP, description, fact=False, item=item, of=of, keyed_by=keyed_by,
                 choices=keys, sentences=MappingProxyType(dict(sentences or {})), **kw)


def plain(name: str, kind: Type, description: str, **kw: Any) -> Field:
    """A plain attribute that is not a fact: a date, a citation, a list of texts."""
    return Field(name, kind, description, fact=False, **kw)


def at_least(n: int, message: str, expected: str) -> Constraint:
    """A list with at least ``n`` items."""
    return Constraint("at_least", n, message, expected)


def distinct(ids_field: str, message: str, expected: str) -> Constraint:
    """Across a list of entities, the ids in their field ``ids_field`` all differ."""
    return Constraint("distinct", ids_field, message, expected)


def differs_from(other: str, message: str, expected: str) -> Constraint:
    """A reference that names another entity than the field ``other`` of the same entity."""
    return Constraint("differs_from", other, message, expected)


def among(path: str, message: str, expected: str) -> Constraint:
    """A reference naming one of the ids found at ``path`` from the same entity."""
    return Constraint("among", path, message, expected)


def exclusive(message: str, expected: str) -> Constraint:
    """An id under one value of a grouped fact only."""
    return Constraint("exclusive", "", message, expected)


def not_before(path: str, message: str, expected: str) -> Constraint:
    """A date not before the date found at ``path`` from the same entity (``{limit}``)."""
    return Constraint("not_before", path, message, expected)
