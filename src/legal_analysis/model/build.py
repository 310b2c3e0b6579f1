"""Pydantic models generated from the fact model's declaration (:mod:`legal_analysis.schema`).

Each kind of entity becomes one frozen model that forbids unknown fields; each fact field a
:class:`~.fact.Fact` of the declared value type (a finite domain as a ``Literal``). Nothing here
names a legal concept: a kind or a field added to the declaration appears in the models, the JSON
Schema and the checks without a change to this module.

>>> Force = model_of("force")
>>> force = Force.model_validate({"belongs_to": "AAA", "command": "joint"})
>>> force.command.value, force.placed_with.is_unknown
('joint', True)
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Callable
from typing import Annotated, Any, cast

from pydantic import BeforeValidator, create_model, model_validator
from pydantic import Field as PydanticField

from ..core import UNKNOWN, Unknown
from ..schema import SCHEMA, Field, Kind, Schema, Type
from .fact import Fact, Model, SourceRef, unknown_to_token

_SCALARS: dict[Type, Any] = {Type.TEXT: str, Type.BOOL: bool, Type.INT: int, Type.DATE: dt.date,
                             Type.REF: str, Type.REFS: tuple[str, ...],
                             Type.TEXTS: tuple[str, ...], Type.SOURCE: SourceRef,
                             Type.SOURCES: tuple[SourceRef, ...]}


def class_name(name: str) -> str:
    """``use_of_force`` → ``UseOfForce``."""
    return "".join(part.capitalize() for part in name.split("_"))


_ANNOTATED: Any = Annotated
_LITERAL: Any = typing.Literal


def literal(values: tuple[Any, ...]) -> Any:
    """``Literal[values]`` for a domain known only when the model is built."""
    return _LITERAL[values]


def _optional(tp: Any) -> Any:
    return tp | None


def _create(model_name: str, base: type[Any], doc: str | None = None, /, **fields: Any) -> Any:
    """A model class made at run time (typed ``Any``: its fields are known only then)."""
    return create_model(model_name, __base__=base, __doc__=doc, **fields)


class Models:
    """The models of one declared fact model, made on first use and kept."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self._made: dict[tuple[str, ...], Any] = {}

    def scenario(self) -> type[Model]:
        """The model of a whole scenario file."""
        return self.of(self.schema.root)

    def of(self, kind_name: str) -> type[Model]:
        """The model of one kind of entity."""
        def make() -> Any:
            kind = self.schema.kind(kind_name)
            definitions = {f.name: self._definition(kind, f) for f in kind.fields}
            base = _short_form_base(kind.short_form) if kind.short_form else Model
            return _create(class_name(kind.name), base, kind.description, **definitions)
        return cast("type[Model]", self._once(("kind", kind_name), make))

    def grouped(self, kind_name: str, field_name: str) -> type[Model]:
        """The value of a grouped fact: one list of ids for each value of its domain."""
        def make() -> Any:
            f = self.schema.field(kind_name, field_name)
            definitions = {c.value: (tuple[str, ...], PydanticField((), description=c.text))
                           for c in f.choices}
            return _create(class_name(f"{kind_name}_{field_name}"), Model, **definitions)
        return cast("type[Model]", self._once(("grouped", kind_name, field_name), make))

    def value_type(self, kind: Kind, f: Field) -> Any:
        """The Python type of one value of a field (of a fact's value, for a fact)."""
        t = f.value_type
        if t is Type.CHOICE:
            return literal(tuple(c.value for c in f.choices))
        if t is Type.GROUPED:
            return self.grouped(kind.name, f.name)
        return _SCALARS[t]

    def fact_type(self, kind: Kind, f: Field) -> type[Fact[Any]]:
        """The :class:`Fact` class of a fact field (``Fact[bool]``; for a finite domain a
        subclass of ``Fact[Literal[...]]`` named after the field, such as ``ForceCommandFact``)."""
        if f.value_type not in (Type.CHOICE, Type.GROUPED):
            return _fact_of(self.value_type(kind, f))

        def make() -> Any:
            base = _fact_of(self.value_type(kind, f))
            return _create(class_name(f"{kind.name}_{f.name}_fact"), base)
        return cast("type[Fact[Any]]", self._once(("fact", kind.name, f.name), make))

    def _once(self, key: tuple[str, ...], make: Callable[[], Any]) -> Any:
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def _definition(self, kind: Kind, f: Field) -> tuple[Any, Any]:
        info: dict[str, Any] = {"description": f.description}
        if f.type is Type.MAP:
            key: Any = literal(tuple(c.value for c in f.choices)) if f.choices else str
            inner = self.of(f.item) if f.item else self.fact_type(kind, f)
            annotation: Any = dict.__class_getitem__((key, inner))
            return annotation, PydanticField(default=... if f.required else {}, **info)
        if f.type in (Type.ENTITY, Type.LIST):
            item = self.of(f.item or "")
            if f.type is Type.ENTITY:
                return item, PydanticField(default_factory=item, **info)
            return tuple.__class_getitem__((item, ...)), PydanticField(
                ... if f.required else (), **info)
        if f.fact:
            fact = self.fact_type(kind, f)
            return fact, PydanticField(default_factory=fact, **info)
        if f.fixed is not None:
            return literal((f.fixed,)), PydanticField(..., **info)
        base = self.value_type(kind, f)
        if f.pattern:
            info["pattern"] = f.pattern
        if f.type in (Type.REFS, Type.TEXTS, Type.SOURCES):
            return base, PydanticField(... if f.required else (), **info)
        if f.unknown:
            annotated = _ANNOTATED[base | Unknown, BeforeValidator(unknown_to_token)]
            return annotated, PydanticField(UNKNOWN, **info)
        if f.required:
            return base, PydanticField(..., **info)
        if f.default is not None:
            return base, PydanticField(f.default, **info)
        return _optional(base), PydanticField(None, **info)


@functools.cache
def _short_form_base(field_name: str) -> type[Model]:
    """A base whose models read a bare value (not a mapping) as their ``field_name``."""

    class ShortForm(Model):
        @model_validator(mode="before")
        @classmethod
        def _short_form(cls, data: Any) -> Any:
            return data if isinstance(data, dict) else {field_name: data}

    return ShortForm


def _fact_of(tp: Any) -> type[Fact[Any]]:
    generic: Any = Fact
    return cast("type[Fact[Any]]", generic[tp])


MODELS = Models(SCHEMA)
"""The models of scenario format 2."""


def scenario_model() -> type[Model]:
    """The model of a whole scenario file (format 2)."""
    return MODELS.scenario()


def model_of(kind_name: str) -> type[Model]:
    """The model of one kind of entity of format 2."""
    return MODELS.of(kind_name)
