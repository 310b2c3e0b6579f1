"""The parts of the memo model, in the order a legal memorandum reads: the bottom line, the
facts and evidence, one section per legal issue (its one-line answers, transfer tables and
discussions), the recommendations and the annexes. Every format renders these same parts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .citing import Footnote
from .derivation import DerivationLine
from .diagram import Graph


@dataclass(frozen=True)
class Cited:
    """A sentence and the footnotes that support it."""

    text: str
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Point:
    """A numbered conclusion of the bottom line, and the section that reasons it."""

    text: str
    anchor: str
    section: str
    """The number of that section ('3.1')."""


@dataclass(frozen=True)
class FactRow:
    """A fact of the case: what it says, how sure it is, and the sources for it."""

    fact: str
    status: str
    """established, reported, alleged, disputed or unknown (with who asserts or denies it)."""
    notes: tuple[int, ...]


@dataclass(frozen=True)
class Gap:
    """A fact the answers turn on that the facts do not establish: what it decides, what is
    known of it, and who could establish it."""

    fact: str
    decides: str
    known: str
    who: str


@dataclass(frozen=True)
class VersionItem:
    """The outcome under one version of the facts, and why."""

    lead: str
    outcome: str
    reasons: tuple[Cited, ...]
    accounts: str = ""


@dataclass(frozen=True)
class ContestedItem:
    """A contested point of law, each view, and the authorities each view rests on."""

    issue: str
    views: tuple[Cited, ...]
    weight: str


@dataclass(frozen=True)
class Discussion:
    """The discussion of one question, for one subject or for several that share it."""

    anchor: str
    number: str
    title: str
    subject: str
    question: str
    answer: str
    status: str
    law: tuple[Cited, ...]
    """The provisions quoted here, each quoted once in the memo."""
    law_above: str
    """The provisions relied on that an earlier section quotes, referred to by note."""
    application: tuple[Cited, ...]
    versions: tuple[VersionItem, ...]
    further: str
    contested: tuple[ContestedItem, ...]
    contested_above: str
    changes: tuple[str, ...]
    results: tuple[str, ...]
    """The node ids of the results discussed (``pow_status[person=soldier-1]``)."""


@dataclass(frozen=True)
class TransferRow:
    """One destination of a transfer table."""

    destination: str
    outcome: str
    conditions: str
    authority: str
    reasons: tuple[str, ...]
    """The numbers of the discussions that give the reasons ('6.2')."""


@dataclass(frozen=True)
class TransferTable:
    """Where a person (or persons in the same position) may be sent."""

    anchor: str
    persons: str
    rows: tuple[TransferRow, ...]


@dataclass(frozen=True)
class Position:
    """A position actors take, with the sources reporting it."""

    actor: str
    verb: str
    claim: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class Issue:
    """One legal issue: its plain answers, its tables, its discussions and its diagram."""

    number: int
    anchor: str
    title: str
    positions: tuple[Position, ...]
    plain: tuple[Cited, ...]
    tables: tuple[TransferTable, ...]
    discussions: tuple[Discussion, ...]
    diagram: Graph | None


@dataclass(frozen=True)
class Event:
    """A dated fact of the chronology, marked where it comes after the memo's date."""

    date: str
    text: str
    kind: str
    """``past``, ``memo`` (the memo's own date) or ``later`` (after it)."""


@dataclass(frozen=True)
class TreatyTable:
    """Treaty participation of the states concerned: one row per state, one cell per treaty."""

    treaties: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class AuthorityGroup:
    """The authorities of one kind (treaties, cases...), in full citation form."""

    heading: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class AppendixEntry:
    """The derivation of one result, as lines, in the derivations annex."""

    anchor: str
    number: str
    title: str
    subject: str
    section: str
    """The anchor of the discussion this derivation supports."""
    lines: tuple[DerivationLine, ...]


@dataclass(frozen=True)
class Memo:
    """The whole memo, in the order a legal memorandum reads."""

    title: str
    to: str
    author: str | None
    date: str
    """The ISO date as of which the facts are assessed."""
    date_text: str
    re: str
    scenario: str
    kind: str
    """``memo`` or ``brief``."""
    summary: str | None
    abbreviations: tuple[tuple[str, str], ...]
    assumptions: tuple[str, ...]
    """For a what-if memo: the facts it supposes otherwise than the scenario, as sentences."""
    assumption_effect: str
    bottom_line: tuple[Point, ...]
    next_steps: tuple[str, ...]
    facts: tuple[FactRow, ...]
    gaps: tuple[Gap, ...]
    issues: tuple[Issue, ...]
    recommendations: tuple[str, ...]
    chronology: tuple[Event, ...]
    treaties: TreatyTable | None
    authorities: tuple[AuthorityGroup, ...]
    footnotes: tuple[Footnote, ...]
    derivations: tuple[AppendixEntry, ...] = ()
    """Each result's derivation (only with ``memo --derivations``)."""

    @property
    def tables(self) -> tuple[TransferTable, ...]:
        """Every transfer table of the memo, in order."""
        return tuple(t for issue in self.issues for t in issue.tables)
