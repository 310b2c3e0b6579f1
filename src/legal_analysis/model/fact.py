"""A fact with its provenance (scenario format 2), and the citations and accounts it carries.

A fact is a value or :data:`~legal_analysis.core.UNKNOWN`, how sure it is (its
:class:`~legal_analysis.core.Certainty`, which a rule's standard of proof is compared with), the
sources that support it, who asserts or denies it, the competing accounts where it is disputed, a
note, and the date from which it holds (with the value before that date). Unknown is never false.

>>> Fact[bool].model_validate(True).value
True
>>> Fact[bool].model_validate({"certainty": "alleged"}).value
UNKNOWN
>>> Fact[bool].model_validate("unknown").is_unknown
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, field_validator, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from ..core import UNKNOWN, Certainty, Unknown

T = TypeVar("T")

FACT_KEYS = frozenset({"value", "certainty", "sources", "asserted_by", "denied_by", "accounts",
                       "note", "on", "before"})
"""The keys of a fact written in full; any other mapping is the value itself, for facts whose
value is a mapping (a person's wishes)."""


class Model(BaseModel):
    """Base of every format-2 model: frozen, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def written_in_full(data: Any) -> bool:
    """Whether a mapping written for a fact is the fact in full (its keys are all a fact's), not
    a mapping value in short form."""
    return isinstance(data, dict) and set(data) <= FACT_KEYS


def unknown_to_token(value: Any) -> Any:
    """The text ``unknown`` read as :data:`UNKNOWN` (a before-validator for values that may be
    unknown)."""
    return UNKNOWN if value == "unknown" else value


class SourceRef(Model):
    """A citation of a registered source, with a pinpoint (article, paragraph, page, section)."""

    source: str = Field(description="Id of a source in the registry or in the scenario's sources.")
    pinpoint: str | None = Field(None, description="Article, paragraph, page or section.")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        # "id" or "id, pinpoint" as a short form
        if isinstance(data, str):
            source, _, pinpoint = data.partition(",")
            return {"source": source.strip(), "pinpoint": pinpoint.strip() or None}
        return data

    def __str__(self) -> str:
        return f"{self.source}, {self.pinpoint}" if self.pinpoint else self.source


class Account(Model):
    """One actor's version of a disputed fact."""

    by: tuple[str, ...] = Field(description="Ids of those who give this account.")
    value: Any = Field(description="The value on this account.")
    sources: tuple[SourceRef, ...] = Field((), description="Sources for this account.")
    note: str | None = Field(None, description="A note on this account.")

    @field_validator("value", mode="before")
    @classmethod
    def _unknown(cls, value: Any) -> Any:
        return unknown_to_token(value)


class Fact(Model, Generic[T]):
    """A fact with its provenance. Written either in full or as just its value."""

    value: T | Unknown = Field(UNKNOWN, description="The value, or 'unknown'.")
    certainty: Certainty = Field(Certainty.ESTABLISHED, description="How sure the fact is.")
    sources: tuple[SourceRef, ...] = Field((), description="Sources supporting the fact.")
    asserted_by: tuple[str, ...] = Field((), description="Ids of those who assert it.")
    denied_by: tuple[str, ...] = Field((), description="Ids of those who deny it.")
    accounts: tuple[Account, ...] = Field(
        (), description="Competing versions of a disputed fact, each with who gives it.")
    note: str | None = Field(None, description="A note shown with the fact in memos.")
    on: dt.date | None = Field(None, description="The date from which the fact holds.")
    before: T | Unknown = Field(UNKNOWN, description="The value before 'on' (unknown unless given).")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, dict) and (not cls._value_is_mapping() or written_in_full(data)):
            return data
        return {"value": data}

    @classmethod
    def _value_is_mapping(cls) -> bool:
        tp = fact_value_type(cls)
        return isinstance(tp, type) and issubclass(tp, BaseModel)

    @field_validator("value", "before", mode="before")
    @classmethod
    def _unknown(cls, value: Any) -> Any:
        return unknown_to_token(value)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # a fact may be written as its bare value: offer that form beside the full one
        full = handler(schema)
        resolved = handler.resolve_ref_schema(full)
        value = resolved.get("properties", {}).get("value")
        if not value:
            return full
        bare = {k: v for k, v in value.items() if k not in ("default", "title", "description")}
        return {"anyOf": [bare, full]}

    @property
    def is_unknown(self) -> bool:
        return self.value is UNKNOWN

    @property
    def is_disputed(self) -> bool:
        return bool(self.accounts) or self.certainty is Certainty.DISPUTED or (
            bool(self.asserted_by) and bool(self.denied_by))

    @property
    def is_stated(self) -> bool:
        """Whether the scenario says anything of this fact (a value, a date, an account)."""
        return not self.is_unknown or self.before is not UNKNOWN or bool(self.accounts)


def fact_value_type(cls: type[Fact[Any]]) -> Any:
    """The value type a :class:`Fact` class was made for (``Fact[bool]`` → ``bool``), looking
    through named subclasses; ``Any`` for a plain ``Fact``."""
    for klass in cls.__mro__:
        args = getattr(klass, "__pydantic_generic_metadata__", {}).get("args") or ()
        if args:
            return args[0]
    return Any
