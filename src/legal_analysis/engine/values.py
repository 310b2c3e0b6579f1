"""Reading values typed on a command line: facts (``--set KEY=VALUE``) and a conclusion's
values (``--why-not VALUE``)."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping
from typing import Any

from ..core import UNKNOWN
from ..dates import DATE_FORM, impossible_date
from ..errors import LegalAnalysisError, did_you_mean
from ..ruleset.paths import COLLECTIONS
from .analysis import Analysis
from .changes import check_changes, check_keys
from .world import FactIndex

ENTITIES: dict[str, str] = COLLECTIONS
"""The scenario's collection of each kind of entity a conclusion's value may name."""


def as_of_date(text: str | None) -> dt.date | None:
    """The date of ``--as-of TEXT`` (``None`` when not given)."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise LegalAnalysisError(f"--as-of {text!r} is not a date",
                                 expected="a date such as 2025-04-28") from None


def pairs(items: list[str], option: str) -> dict[str, str]:
    """``KEY=VALUE`` options (``--set``, ``--subject``) as a mapping; the last of a key wins.

    >>> pairs(["state=PRK", " person = p1 "], "--subject")
    {'state': 'PRK', 'person': 'p1'}
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise LegalAnalysisError(f"{option} {item!r} is not of the form key=value")
        out[key.strip()] = value.strip()
    return out


def parse_value(text: str) -> Any:
    """``true`` → True, ``2025-04-28`` → a date, ``12`` → 12, ``a,b`` stays text.

    A date is written YYYY-MM-DD (``20250428`` is a number) and must be in the calendar.

    >>> parse_value("true"), parse_value("12"), parse_value("joint"), parse_value("20250428")
    (True, 12, 'joint', 20250428)
    """
    low = text.strip().lower()
    if low in ("true", "yes"):
        return True
    if low in ("false", "no"):
        return False
    if low == UNKNOWN.value:
        return UNKNOWN
    if DATE_FORM.fullmatch(text.strip()):
        impossible = impossible_date(text)
        if impossible is not None:
            raise LegalAnalysisError(impossible[0], expected=impossible[1])
        return dt.date.fromisoformat(text.strip())
    try:
        return int(text)
    except ValueError:
        return text.strip()


def parse_changes(index: FactIndex, raw: Mapping[str, str]) -> dict[str, Any]:
    """Changes for a what-if from ``KEY=VALUE`` text: each value read for its fact's type
    (text stays text; ``a,b`` is a list for a list fact; ``unknown`` is unknown), then checked
    as a scenario file's value is (:func:`.changes.check_changes`)."""
    check_keys(index, raw)
    out: dict[str, Any] = {}
    for key, text in raw.items():
        entry = index.entries[key]
        value: Any = text.strip()
        if value.lower() == UNKNOWN.value:
            value = UNKNOWN
        elif entry.value_type is bool:
            value = parse_value(value)
        elif typing.get_origin(entry.value_type) is tuple:
            value = tuple(v.strip() for v in value.split(",") if v.strip())
        out[key] = value
    return check_changes(index, out)


def conclusion_values(analysis: Analysis, conclusion_id: str) -> list[Any]:
    """The values a conclusion may take: those its definition lists, with a kind of entity
    (``state``) standing for the ids of the scenario's entities of that kind where its rules
    take their value from the facts (``value_from``)."""
    conclusion = analysis.rulebook.conclusions[conclusion_id]
    from_facts = any(r.spec.value_from is not None for r in conclusion.rules)
    out: list[Any] = []
    for value in conclusion.spec.values:
        if from_facts and isinstance(value, str) and value in ENTITIES:
            out.extend(getattr(analysis.scenario, ENTITIES[value]))
        else:
            out.append(value)
    return out


def value_text(value: Any) -> str:
    """A value as typed on a command line (``true``, ``prisoner_of_war``, ``PRK``)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def why_not_value(analysis: Analysis, conclusion_id: str, text: str) -> Any:
    """The value ``--why-not TEXT`` names, if the conclusion may take it (``yes`` and ``no``
    are read as true and false); else a one-line :class:`LegalAnalysisError` listing them.

    >>> from legal_analysis import load_rulebook, load_scenario, analyse
    >>> from legal_analysis.examples import example_path
    >>> a = analyse(load_scenario(example_path("dprk-2024-10-26")), load_rulebook())
    >>> why_not_value(a, "party_to_conflict", "yes")
    True
    """
    analysis.conclusions(conclusion_id)  # an unknown conclusion is refused with a suggestion
    values = conclusion_values(analysis, conclusion_id)
    typed = parse_value(text)
    for value in values:
        if (type(value) is type(typed) and value == typed) or value_text(value) == text.strip():
            return value
    shown = [value_text(v) for v in values]
    raise LegalAnalysisError(f"--why-not {text!r} is not a value of {conclusion_id}",
                             expected="one of " + ", ".join(shown),
                             suggestion=did_you_mean(text.strip(), shown))
