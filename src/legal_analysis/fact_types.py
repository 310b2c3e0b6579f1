"""The building blocks of a scenario's facts: a :class:`Fact` with its provenance, references
between entities, treaty participation, and the value domains the entity models share.

Every fact the rules read is a :class:`Fact`: a value or ``unknown``, how sure it is, the sources
that support it, who asserts or denies it, the competing accounts where it is disputed, a note, and
the date from which it holds. Unknown is never false: an absent fact is unknown.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .model.fact import SourceRef as SourceRef  # one citation model for both formats

UNKNOWN: Literal["unknown"] = "unknown"
"""The value of a fact nobody knows. It is reserved: no fact may have the string as a value."""

Certainty = Literal["established", "reported", "alleged", "disputed"]
CERTAINTY_ORDER: dict[str, int] = {"alleged": 0, "disputed": 0, "reported": 1, "established": 2}
"""How strong each certainty is, for rules that test 'certainty at least'."""

T = TypeVar("T")

CommandAuthority = Literal["sending", "receiving", "joint"]
Recruitment = Literal["state_sent", "individual_volunteers", "private_company"]
Uniform = Literal["sending", "receiving", "none", "mixed"]
IdentityDocuments = Literal["own", "false_receiving_state", "none"]
Health = Literal["healthy", "wounded", "seriously_wounded", "seriously_sick"]
Justification = Literal[
    "collective_self_defence", "individual_self_defence", "consent", "none_claimed", "other"
]
TerritoryStatus = Literal[
    "receiving_state_territory", "annexed_by_receiving_state", "occupied_by_receiving_state",
    "adversary_territory", "sending_state_territory", "third_state_territory",
]
TribunalDecision = Literal["prisoner_of_war", "not_prisoner_of_war", "pending"]
Clothing = Literal["uniform", "enemy_uniform", "civilian_clothes"]
Activity = Literal["fighting", "espionage", "sabotage", "not_fighting"]
DelayReason = Literal["reciprocity", "verification", "criminal_proceedings", "none_claimed"]
TreatyStatus = Literal["party", "signatory", "not_party", "withdrawn"]
TREATIES: tuple[str, ...] = (
    "gc3", "api", "refugee_convention", "refugee_protocol", "cat", "iccpr", "rome_statute",
    "rome_statute_aggression", "iccpr_op2", "echr", "echr_p6", "echr_p13",
)
"""Treaties whose participation the rules read (ids used under ``treaties:``)."""


class Model(BaseModel):
    """Base of every scenario model: frozen, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Account(Model):
    """One actor's version of a disputed fact."""

    by: tuple[str, ...] = Field(description="Ids of the states or actors giving this account.")
    value: Any = Field(description="The value on this account.")
    sources: tuple[SourceRef, ...] = ()
    note: str | None = None


class Fact(Model, Generic[T]):
    """A fact with its provenance. Written either in full or as just its value.

    >>> Fact[bool].model_validate(True).value
    True
    >>> Fact[bool].model_validate({}).is_unknown
    True
    """

    value: T | Literal["unknown"] = Field(UNKNOWN, description="The value, or 'unknown'.")
    certainty: Certainty = Field("established", description="How sure the fact is.")
    sources: tuple[SourceRef, ...] = Field((), description="Sources supporting the fact.")
    asserted_by: tuple[str, ...] = Field((), description="States or actors asserting it.")
    denied_by: tuple[str, ...] = Field((), description="States or actors denying it.")
    accounts: tuple[Account, ...] = Field(
        (), description="Competing versions of a disputed fact, each with who gives it.")
    note: str | None = None
    on: dt.date | None = Field(None, description="The date from which the fact holds.")
    before: T | Literal["unknown"] = Field(
        UNKNOWN, description="The value before 'on' (unknown unless given).")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return data
        return {"value": data}

    @property
    def is_unknown(self) -> bool:
        return self.value == UNKNOWN

    @property
    def is_disputed(self) -> bool:
        return bool(self.accounts) or self.certainty == "disputed" or (
            bool(self.asserted_by) and bool(self.denied_by))


Ref = Annotated[str, Field(description="The id of another entity in the scenario.")]


@dataclass(frozen=True)
class StateCodes:
    """Field metadata (``Annotated[Fact[str], STATE_CODES]``): the field's value, its value before
    ``on`` and every account's value are codes under ``states:``, or one of the words in ``also``
    (checked when a scenario is loaded)."""

    also: tuple[str, ...] = ()


STATE_CODES = StateCodes()
"""The mark of a field that holds state codes and nothing else."""


@functools.cache
def state_code_fields(model: type[BaseModel]) -> tuple[tuple[str, StateCodes], ...]:
    """The fields of ``model`` that hold state codes, with their :class:`StateCodes` marks."""
    return tuple((name, mark) for name, info in model.model_fields.items()
                 for mark in info.metadata if isinstance(mark, StateCodes))


class TreatyParticipation(Model):
    """A state's participation in a treaty, with dates and sources."""

    status: TreatyStatus | Literal["unknown"] = "unknown"
    since: dt.date | None = Field(None, description="Date from which the state is bound.")
    until: dt.date | None = Field(
        None, description="Date from which it is no longer bound (not before 'since').")
    date_verified: bool = Field(True, description="False when 'since' is not from a verified source.")
    reservations: tuple[str, ...] = Field((), description="Reservations or declarations, in brief.")
    sources: tuple[SourceRef, ...] = ()
    note: str | None = None

    @field_validator("until")
    @classmethod
    def _not_before_since(cls, until: dt.date | None, info: ValidationInfo) -> dt.date | None:
        since = info.data.get("since")
        if until is not None and isinstance(since, dt.date) and until < since:
            raise ValueError(f"the participation ends (until {until.isoformat()}) before it "
                             f"begins (since {since.isoformat()})")
        return until

