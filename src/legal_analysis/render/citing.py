"""What a memo may cite, and how: footnotes in OSCOLA, numbered in reading order.

A memo as of a date states the law as it stood then. Under *The law* it quotes only treaties,
judgments, UN documents and commentary dated on or before that day; an application of the law
cites those and the statements of states and bodies (positions), never news or think-tank
reports. Reports and news support facts: a footnote citing one published after the memo's date
says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..sources import Registry, Source, cite, format_date

LAW_KINDS = frozenset({"treaty", "case", "un_document", "commentary"})
"""Sources a memo may quote as the law."""
POSITION_KINDS = frozenset({"statement"})
"""Sources that state a state's or a body's position: cited, never quoted as the law."""
LATER = " (published after {date})"
"""What the first footnote citing a source dated after the memo's date adds to it."""

Ref = tuple[str, "str | None"]
"""A citation before it is numbered: a source id and a pinpoint."""


def dated_by(source: Source, as_of: dt.date) -> bool:
    """Whether a source existed on the memo's date (undated sources are taken to)."""
    return source.date is None or source.date <= as_of


def is_law(registry: Registry, source_id: str, as_of: dt.date) -> bool:
    """Whether the memo may quote ``source_id`` under *The law*."""
    src = registry.sources.get(source_id)
    return src is not None and src.kind in LAW_KINDS and dated_by(src, as_of)


def citable(registry: Registry, source_id: str, as_of: dt.date) -> bool:
    """Whether the memo may cite ``source_id`` for a point of law (the law, or a position)."""
    src = registry.sources.get(source_id)
    return (src is not None and src.kind in LAW_KINDS | POSITION_KINDS
            and dated_by(src, as_of))


@dataclass(frozen=True)
class Footnote:
    """A numbered note: its OSCOLA text, and the source and pinpoint it cites."""

    number: int
    text: str
    source: str
    pinpoint: str | None


@dataclass
class Notes:
    """Numbers footnotes in order of first use; the full citation first, the short form after."""

    registry: Registry
    as_of: dt.date
    notes: list[Footnote] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    by_key: dict[tuple[str, str | None], int] = field(default_factory=dict)

    def add(self, source: str, pinpoint: str | None) -> int:
        """The number of the note citing ``source`` at ``pinpoint`` (a new one on first use)."""
        key = (source, pinpoint)
        if key in self.by_key:
            return self.by_key[key]
        src = self.registry.get(source)
        first = source not in self.seen
        text = cite(src, pinpoint, first=first)
        if first and not dated_by(src, self.as_of):  # said once, with the full reference
            text += LATER.format(date=format_date(self.as_of))
        self.seen.add(source)
        number = len(self.notes) + 1
        self.notes.append(Footnote(number, text, source, pinpoint))
        self.by_key[key] = number
        return number

    def cite(self, refs: Iterable[Ref]) -> tuple[int, ...]:
        """The numbers of the notes citing each registered (source, pinpoint), each once."""
        return tuple(dict.fromkeys(self.add(s, p) for s, p in refs
                                   if s in self.registry.sources))


def short_cite(registry: Registry, source: str, pinpoint: str | None) -> str:
    """A source's short citation ('GC III, art 5'); its id if it is not registered."""
    if source not in registry.sources:
        return source + (f", {pinpoint}" if pinpoint else "")
    return cite(registry.get(source), pinpoint, first=False)
