"""One error type for everything a user can get wrong, printed like a compiler message.

Every message is a single line: ``path:line:col: field.path: what is wrong (expected …; did you
mean …?)``. The CLI prints it and exits 2; nothing below the CLI prints or exits.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where in a file something stands (1-based line and column; 0 when not known)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return self.path


class LegalAnalysisError(Exception):
    """A problem with the user's input, described in one line.

    >>> str(LegalAnalysisError("the value is not a date", location=Location("s.yaml", 3, 5),
    ...     field="conflict.start", expected="a date such as 2024-10-26"))
    's.yaml:3:5: conflict.start: the value is not a date (expected a date such as 2024-10-26)'
    """

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        field: str | None = None,
        expected: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        self.message = message
        self.location = location
        self.field = field
        self.expected = expected
        self.suggestion = suggestion
        super().__init__(self.render())

    def render(self) -> str:
        parts: list[str] = []
        if self.location is not None:
            parts.append(str(self.location))
        if self.field:
            parts.append(self.field)
        head = one_line(": ".join(parts))
        hints: list[str] = []
        if self.expected:
            hints.append(f"expected {one_line(self.expected)}")
        if self.suggestion:
            hints.append(f"did you mean {self.suggestion!r}?")
        text = one_line(" ".join(self.message.split()))
        tail = f" ({'; '.join(hints)})" if hints else ""
        return f"{head}: {text}{tail}" if head else f"{text}{tail}"


def one_line(text: str) -> str:
    """``text`` with every character that would break or hide part of a line (a newline in a
    field name, a control character in a file name) written as an escape.

    >>> print(one_line("claimed_justification." + chr(10)), one_line("사령부 ok"))
    claimed_justification.\\n 사령부 ok
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


class ScenarioError(LegalAnalysisError):
    """A scenario file that cannot be read or does not describe a valid scenario."""


class RuleError(LegalAnalysisError):
    """A rule or source file that cannot be read or is not a valid rule base."""


class OutputError(LegalAnalysisError):
    """An output path that cannot be written as asked."""


class TemplateError(LegalAnalysisError):
    """A memo template that cannot be loaded or rendered."""


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a mistyped word, if one is close enough.

    >>> did_you_mean("person.nationalty", ["person.nationality", "person.health"])
    'person.nationality'
    >>> did_you_mean("zzz", ["person.nationality"]) is None
    True
    """
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def one_of(values: Iterable[str], none: str) -> str:
    """The ``expected`` hint listing the allowed values in their order, or ``none`` (what is
    missing) when no value is allowed: a hint never reads 'expected one of )'.

    >>> one_of(["AAA", "BBB"], "the scenario declares no states")
    'one of AAA, BBB'
    >>> one_of([], "the scenario declares no states")
    'the scenario declares no states'
    """
    shown = list(dict.fromkeys(values))
    return "one of " + ", ".join(shown) if shown else none
