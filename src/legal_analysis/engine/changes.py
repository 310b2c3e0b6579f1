"""Checking the fact changes of a what-if as the scenario loader checks a file.

A change sets a fact to another value, as if the scenario had been written with it. So it is
checked the same way: the value against the fact's declared type, with the scenario's own models
(a date, a whole number, text, a list, one of an enumeration's values, or ``unknown``), and then
the scenario with the value in place against the same cross-reference checks
(:func:`~legal_analysis.scenario.check_references`: an aggressor must be a state of the scenario,
a capture cannot come before the conflict began). A value the models would convert (the text
``2025-01-09`` for a date, a list for a tuple) is converted, as loading a file converts it.
Derived facts (``states.<code>.bound.<treaty>`` …) take true, false or unknown.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Collection, Mapping
from functools import cache
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from ..core import is_unknown
from ..dates import impossible_date
from ..errors import LegalAnalysisError, ScenarioError, did_you_mean
from ..facts import UNKNOWN, DestinationFacts, Fact, Model, Scenario
from ..scenario import check_references, check_state_codes
from .world import FactEntry, FactIndex, stated


def check_keys(known: FactIndex | Collection[str], changes: Mapping[str, Any]) -> None:
    """Refuse fact keys the scenario does not have (``known``: its keys, or its index), with
    did-you-mean."""
    keys = known.entries if isinstance(known, FactIndex) else known
    for key in changes:
        if not isinstance(key, str) or key not in keys:
            raise LegalAnalysisError(f"unknown fact {key!r}",
                                     suggestion=did_you_mean(str(key), sorted(keys)),
                                     expected="a fact key such as "
                                     "deployments.<id>.command_authority")


def check_changes(index: FactIndex, changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` with each value as the scenario models read it; raises
    :class:`~legal_analysis.errors.LegalAnalysisError` (one line, naming the fact) at the first
    key the scenario does not have or value it could not hold. Unknown is :data:`UNKNOWN`."""
    check_keys(index, changes)
    typed = {key: _typed(index.entries[key], value) for key, value in changes.items()}
    _check_references(index.scenario, index, typed)
    return {key: stated(value) for key, value in typed.items()}


@cache
def _adapter(value_type: Any) -> TypeAdapter[Any]:
    return TypeAdapter(typing.Union[value_type, Literal["unknown"]])  # noqa: UP007 - a runtime type


def _typed(entry: FactEntry, value: Any) -> Any:
    if is_unknown(value):
        return UNKNOWN
    try:
        return _adapter(entry.value_type).validate_python(value)
    except (ValidationError, TypeError):
        bad_day = impossible_date(value) if isinstance(value, str) else None
        if bad_day is not None:
            raise LegalAnalysisError(bad_day[0], field=str(entry.key), expected=bad_day[1]) from None
        options = _options(entry.value_type)
        raise LegalAnalysisError(
            f"{value!r} is not a possible value of {entry.key}", expected=expected(entry),
            suggestion=did_you_mean(value, options) if isinstance(value, str) else None,
        ) from None


def _options(value_type: Any) -> list[str]:
    if typing.get_origin(value_type) is Literal:
        return [str(a) for a in typing.get_args(value_type)]
    if value_type is bool:
        return ["true", "false"]
    return []


def expected(entry: FactEntry) -> str:
    """What a fact's values may be, in words (for error messages)."""
    tp = entry.value_type
    if options := _options(tp):
        return "one of " + ", ".join(options) + " or unknown"
    if tp is dt.date:
        return "a date such as 2024-10-26, or unknown"
    if tp is int:
        return "a whole number, or unknown"
    if typing.get_origin(tp) is tuple:
        return "a list (on the command line: a,b,c), or unknown"
    return "text, or unknown"


def _check_references(scenario: Scenario, index: FactIndex, typed: Mapping[str, Any]) -> None:
    """Check the scenario with the changed facts in place as a scenario file is checked."""
    changed: Any = scenario
    for key, value in typed.items():
        path = index.entries[key].path
        if path:
            changed = _with_value(changed, path, value)
    if changed is scenario:
        return
    try:
        check_references(changed)
        check_state_codes(changed)
    except ScenarioError as exc:
        setting = ", ".join(f"{k}={_shown(v)}" for k, v in typed.items())
        where = "" if exc.field in typed else f", once {setting} is set"
        raise LegalAnalysisError(f"{exc.message}{where}", field=exc.field, expected=exc.expected,
                                 suggestion=exc.suggestion) from None


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ",".join(map(str, value))
    return str(value)


def _with_value(node: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A copy of ``node`` with the fact at ``path`` set to ``value`` from the first day on."""
    if not path:
        assert isinstance(node, Fact), node
        return node.model_copy(update={"value": value, "on": None, "before": UNKNOWN})
    head, rest = path[0], path[1:]
    if isinstance(node, Model):
        return node.model_copy(update={str(head): _with_value(getattr(node, str(head)), rest,
                                                              value)})
    if isinstance(node, dict):
        # a person's destination the scenario says nothing about has no entry yet
        child = node[head] if head in node else DestinationFacts()
        return {**node, head: _with_value(child, rest, value)}
    assert isinstance(node, tuple) and isinstance(head, int), (node, head)
    return tuple(_with_value(c, rest, value) if i == head else c for i, c in enumerate(node))
