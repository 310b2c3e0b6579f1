"""Core values every layer shares: the unknown value, three-valued truth, certainties and the
standard of proof, statuses, and typed fact keys. Imports nothing of the project.

>>> tri_and(True, None), tri_or(False, None), tri_not(None)
(None, None, None)
>>> Certainty.REPORTED.meets(Proof.REPORTED), Certainty.ALLEGED.meets(Proof.ESTABLISHED)
(True, False)
>>> str(FactKey("persons", "p1", ("destinations", "KOR", "torture_risk")))
'persons.p1.destinations.KOR.torture_risk'
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final


class Unknown(enum.Enum):
    """The value of a fact nobody gave: a singleton, never equal to any real value.

    Unknown is never false: a test of an unknown fact is itself unknown (``None`` in
    three-valued logic).
    """

    TOKEN = "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __str__(self) -> str:
        return "unknown"


UNKNOWN: Final = Unknown.TOKEN
"""The one unknown value."""


def is_unknown(value: object) -> bool:
    """Whether ``value`` is unknown: the :data:`UNKNOWN` singleton, or ``"unknown"``, the form
    unknown takes in JSON data (derivations, the JSON contract), where no real value is that
    string.

    >>> is_unknown(UNKNOWN), is_unknown("unknown"), is_unknown(False)
    (True, True, False)
    """
    return value is UNKNOWN or (type(value) is str and value == UNKNOWN.value)

Tri = bool | None
"""Three-valued truth: True, False, or None for unknown."""


def tri_and(a: Tri, b: Tri) -> Tri:
    """Kleene conjunction: false wins over unknown."""
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def tri_or(a: Tri, b: Tri) -> Tri:
    """Kleene disjunction: true wins over unknown."""
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def tri_not(a: Tri) -> Tri:
    return None if a is None else not a


class Proof(enum.StrEnum):
    """The standard of proof a rule's test needs: how sure a fact must be to count."""

    ESTABLISHED = "established"
    REPORTED = "reported"
    ALLEGED = "alleged"


class Certainty(enum.StrEnum):
    """How sure a stated fact is. Alleged or disputed facts meet only the lowest standard."""

    ESTABLISHED = "established"
    REPORTED = "reported"
    ALLEGED = "alleged"
    DISPUTED = "disputed"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def meets(self, needed: Proof) -> bool:
        """Whether a fact this sure meets the standard ``needed``."""
        return self.rank >= _RANK[Certainty(needed.value)]


_RANK: Final = {Certainty.ALLEGED: 0, Certainty.DISPUTED: 0, Certainty.REPORTED: 1,
                Certainty.ESTABLISHED: 2}


class Status(enum.StrEnum):
    """How a conclusion stands for a subject."""

    ESTABLISHED = "established"
    UNDETERMINED = "undetermined"
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class FactKey:
    """The key of one fact: the entity collection, the entity's id, and the field path in it."""

    collection: str
    entity: str
    path: tuple[str, ...]

    def __str__(self) -> str:
        return ".".join((self.collection, self.entity, *self.path))

    @property
    def field(self) -> str:
        """The last step of the path: the fact's own field name (``torture_risk``)."""
        return self.path[-1] if self.path else ""
