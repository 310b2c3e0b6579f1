"""A warning about a scenario: something that is not an error, but that a reader should know.

A warning is printed like an error, with ``warning:`` before its message, and never changes an
exit code: ``path:line:col: field: warning: what is odd, and why``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..documents import Document, PathKey, dotted
from ..errors import Location, one_line

Kind = Literal["unread", "unaskable", "contradiction"]
"""What a warning is about: a fact with sources that no rule reads; a person of whom some
question cannot be asked; facts that contradict each other."""


@dataclass(frozen=True)
class ScenarioWarning:
    """One warning: what kind it is, where it stands, the field it is about, and the message.

    >>> from legal_analysis.errors import Location
    >>> str(ScenarioWarning("contradiction", Location("s.yaml", 4, 5), "conflicts.war.kind",
    ...                     "two states at war"))
    's.yaml:4:5: conflicts.war.kind: warning: two states at war'
    """

    kind: Kind
    location: Location | None
    field: str
    message: str

    def __str__(self) -> str:
        head = ": ".join(one_line(p) for p in (str(self.location or ""), self.field) if p)
        text = one_line(" ".join(self.message.split()))
        return f"{head}: warning: {text}" if head else f"warning: {text}"

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path if loc else "", loc.line if loc else 0, loc.col if loc else 0,
                self.field, self.message)


def at(doc: Document | None, kind: Kind, key: PathKey, message: str) -> ScenarioWarning:
    """A warning about the value at ``key``, located in ``doc`` when there is one."""
    return ScenarioWarning(kind, doc.locate(key) if doc is not None else None, dotted(key),
                           message)


def names(items: list[str], limit: int = 3) -> str:
    """A short list of ids for a message: ``A, B and C``, or the first few and how many more.

    >>> names(["A"]), names(["A", "B"]), names(["A", "B", "C", "D", "E"])
    ('A', 'A and B', 'A, B, C and 2 more')
    """
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit} more"
    if len(items) > 1:
        return f"{', '.join(items[:-1])} and {items[-1]}"
    return "".join(items)
