"""The frozen outcome of an analysis: each conclusion's :class:`Result`, its branches and
citations, and their JSON form (docs/conclusions.md).

A result's status and value are decided when the analysis is made, exactly; the rest (the
rules and details, the branches and decisive facts, the note, the citations) is worked out the
first time it is read, so that a caller who wants only statuses (``batch --status-only``) never
pays for branch trees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..core import UNKNOWN, Status
from .readable import Display, Owner, need_display, one_line, shorten

Subject = tuple[tuple[str, str], ...]
"""A subject: (role, entity id) pairs in the order the conclusion declares its roles."""

TOO_MANY = "turns on too many unknown facts to enumerate: "
NOT_ENUMERABLE = "turns on facts that cannot be enumerated: "
MORE_THAN_ENUMERATED = "turns on more unknown facts than were enumerated: "
"""How the note of an undetermined result without branches begins (the fact keys follow)."""


@dataclass(frozen=True)
class Citation:
    """An authority cited for a conclusion."""

    source: str
    pinpoint: str | None
    quote: str | None = None


@dataclass(frozen=True)
class Branch:
    """The outcome of an undetermined conclusion under some values of its decisive facts."""

    when: tuple[tuple[tuple[str, Any], ...], ...]
    """Alternative assignments (fact key, value) that all lead to this outcome."""
    status: Status
    value: Any
    rules: tuple[str, ...]
    details: tuple[str, ...]
    accounts: tuple[str, ...] = ()
    """Actors whose version of a disputed fact leads here."""
    result: Result | None = field(default=None, compare=False, repr=False)
    """The result this is a branch of (set when the result's branches are first read)."""

    def __repr__(self) -> str:
        outcome = f"{self.value!r} ({self.status})" if self.status == Status.ESTABLISHED \
            else str(self.status)
        first = ", ".join(f"{k}={v!r}" for k, v in self.when[0]) if self.when else "always"
        more = len(self.when) - 1
        alternatives = f" (or {more} other combination{'s' * (more > 1)})" if more > 0 else ""
        return one_line(f"<Branch {shorten(outcome, 80)} when {first}{alternatives}>")

    def describe(self) -> str:
        """The sentence the memo says of this version of the facts: 'If …, …'."""
        owner = self.result.owner if self.result is not None else None
        return need_display(owner.display if owner is not None else None).describe(self)


@dataclass(frozen=True)
class Settled:
    """What settling a conclusion found besides its status and value."""

    question: str
    rules: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    branches: tuple[Branch, ...] = ()
    decisive_facts: tuple[str, ...] = ()
    unresolved_facts: tuple[str, ...] = ()
    note: str | None = None
    citations: tuple[Citation, ...] = ()


class Result:
    """One conclusion for one subject.

    ``status`` and ``value`` are exact. ``limit_reached`` says whether settling the conclusion
    stopped at the safety limit of worlds (then an undetermined status may hide an answer that
    holds whichever way the facts go, and the note says so). The other attributes are worked
    out when first read.
    """

    __slots__ = ("_settle", "_settled", "id", "limit_reached", "owner", "status", "subject",
                 "value")

    def __init__(self, id: str, subject: Subject, status: Status, value: Any,
                 settle: Callable[[], Settled], limit_reached: bool = False,
                 owner: Owner | None = None) -> None:
        self.id = id
        self.subject = subject
        self.status = status
        self.value = value
        self.limit_reached = limit_reached
        self.owner = owner
        """The analysis the result belongs to (its wording, for :meth:`describe`)."""
        self._settle: Callable[[], Settled] | None = settle
        self._settled: Settled | None = None

    def __repr__(self) -> str:
        if self.status == Status.ESTABLISHED:
            outcome = f"{shorten(str(jsonable(self.value)), 100)} ({self.status})"
        else:
            outcome = str(self.status)
        limit = ", limit reached" if self.limit_reached else ""
        return one_line(f"<Result {self.node_id}: {outcome}{limit}>")

    def describe(self) -> str:
        """The answer in a sentence or two, as the memo's bottom line gives it."""
        return self._display().describe(self)

    def _repr_html_(self) -> str | None:
        """The result as a notebook shows it: question, answer, versions, decisive facts."""
        return self._display().html(self) if self._readable() else None

    def _repr_markdown_(self) -> str | None:
        return self._display().markdown(self) if self._readable() else None

    def _readable(self) -> bool:
        return self.owner is not None and self.owner.display is not None

    def _display(self) -> Display:
        return need_display(self.owner.display if self.owner is not None else None)

    @property
    def settled(self) -> Settled:
        """Everything settling the conclusion found (worked out once, when first asked)."""
        if self._settled is None:
            assert self._settle is not None
            settled = self._settle()
            self._settled = replace(settled, branches=tuple(
                replace(b, result=self) for b in settled.branches))
            self._settle = None
        return self._settled

    @property
    def question(self) -> str:
        return self.settled.question

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules that decided an established outcome (``default`` for the default)."""
        return self.settled.rules

    @property
    def details(self) -> tuple[str, ...]:
        return self.settled.details

    @property
    def branches(self) -> tuple[Branch, ...]:
        return self.settled.branches

    @property
    def decisive_facts(self) -> tuple[str, ...]:
        return self.settled.decisive_facts

    @property
    def unresolved_facts(self) -> tuple[str, ...]:
        return self.settled.unresolved_facts

    @property
    def note(self) -> str | None:
        return self.settled.note

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.settled.citations

    @property
    def subject_dict(self) -> dict[str, str]:
        return dict(self.subject)

    @property
    def node_id(self) -> str:
        return f"{self.id}[" + ",".join(f"{r}={v}" for r, v in self.subject) + "]"

    def status_dict(self) -> dict[str, Any]:
        """The status and value alone, as JSON data (``batch --status-only``)."""
        return {"id": self.id, "subject": self.subject_dict, "status": self.status,
                "value": jsonable(self.value)}

    def to_dict(self) -> dict[str, Any]:
        """The JSON form documented in docs/conclusions.md."""
        return {
            "id": self.id,
            "question": self.question,
            "subject": self.subject_dict,
            "status": self.status,
            "value": jsonable(self.value),
            "details": list(self.details),
            "branches": [
                {"when": [{k: jsonable(v) for k, v in alt} for alt in b.when],
                 "status": b.status, "value": jsonable(b.value), "rules": list(b.rules),
                 "details": list(b.details), "accounts": list(b.accounts)}
                for b in self.branches],
            "decisive_facts": list(self.decisive_facts),
            "unresolved_facts": list(self.unresolved_facts),
            "note": self.note,
            "rules": list(self.rules),
            "citations": [{"source": c.source, "pinpoint": c.pinpoint, "quote": c.quote}
                          for c in self.citations],
        }


def jsonable(value: Any) -> Any:
    """A value as JSON data (unknown as the string 'unknown'; dates as ISO strings)."""
    if value is UNKNOWN:
        return UNKNOWN.value
    if isinstance(value, tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
