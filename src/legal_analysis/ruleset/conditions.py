"""Conditions as data: parsed from rule files into small immutable trees, never ``eval``-ed.

A condition is one of::

    {all: [c, …]}   {any: [c, …]}   {not: c}   {always: true}
    {fact: PATH, equals|not_equals|in|contains|same_as|is_unknown|known|
                 certainty_at_least|before|after|on_or_before|on_or_after|gt|ge|lt|le: OPERAND,
     standard: alleged|reported|established}
    {conclusion: ID, subject: {ROLE: PATH, …}, equals|in|is_unknown: OPERAND}

A fact test's ``standard`` is how sure the fact must be for the test to read it: a fact stated
with a lower certainty (alleged, where the standard is reported) is read as unknown, so the
conclusion turns on whether the allegation is proved rather than taking it as shown (without a
standard, any certainty will do). Date operands may be ``as_of`` (the evaluation date).
``contains`` and ``same_as`` may take a path as operand (``{path: destination}`` for
``contains``; a plain path for ``same_as``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..errors import Location

FACT_OPS: tuple[str, ...] = (
    "equals", "not_equals", "in", "contains", "same_as", "is_unknown", "known",
    "certainty_at_least", "before", "after", "on_or_before", "on_or_after", "gt", "ge", "lt", "le",
)
CONCLUSION_OPS: tuple[str, ...] = ("equals", "in", "is_unknown", "contains")
DATE_OPS: frozenset[str] = frozenset({"before", "after", "on_or_before", "on_or_after"})
NUMBER_OPS: frozenset[str] = frozenset({"gt", "ge", "lt", "le"})
STANDARDS: tuple[str, ...] = ("alleged", "reported", "established")
"""The standards a fact test may require, weakest first."""


@dataclass(frozen=True)
class All:
    items: tuple[Condition, ...]
    location: Location


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]
    location: Location


@dataclass(frozen=True)
class Not:
    item: Condition
    location: Location


@dataclass(frozen=True)
class Always:
    value: bool
    location: Location


@dataclass(frozen=True)
class FactTest:
    path: str
    op: str
    operand: Any
    operand_path: str | None
    location: Location
    standard: str | None = None
    """The certainty the fact must have to be read (see the module docstring)."""


@dataclass(frozen=True)
class ConclusionTest:
    conclusion: str
    subject: tuple[tuple[str, str], ...]
    op: str
    operand: Any
    location: Location


Condition = All | AnyOf | Not | Always | FactTest | ConclusionTest


def fact_tests(cond: Condition) -> list[FactTest]:
    """Every fact test inside a condition, in order."""
    if isinstance(cond, FactTest):
        return [cond]
    if isinstance(cond, (All, AnyOf)):
        return [t for item in cond.items for t in fact_tests(item)]
    if isinstance(cond, Not):
        return fact_tests(cond.item)
    return []


def conclusion_tests(cond: Condition) -> list[ConclusionTest]:
    """Every test on another conclusion inside a condition, in order."""
    if isinstance(cond, ConclusionTest):
        return [cond]
    if isinstance(cond, (All, AnyOf)):
        return [t for item in cond.items for t in conclusion_tests(item)]
    if isinstance(cond, Not):
        return conclusion_tests(cond.item)
    return []


def preorder(cond: Condition) -> list[Condition]:
    """Every node of a condition, the node before its parts: a traced evaluation numbers the
    nodes in this order."""
    if isinstance(cond, (All, AnyOf)):
        return [cond, *(n for item in cond.items for n in preorder(item))]
    if isinstance(cond, Not):
        return [cond, *preorder(cond.item)]
    return [cond]


def describe(cond: Condition) -> str:
    """A compact, readable rendering of a condition.

    >>> from ..errors import Location
    >>> describe(FactTest("deployment.command_authority", "in", ("sending", "joint"), None,
    ...                   Location("r.yaml")))
    'deployment.command_authority in [sending, joint]'
    """
    if isinstance(cond, All):
        return "all of (" + "; ".join(describe(c) for c in cond.items) + ")"
    if isinstance(cond, AnyOf):
        return "any of (" + "; ".join(describe(c) for c in cond.items) + ")"
    if isinstance(cond, Not):
        return "not (" + describe(cond.item) + ")"
    if isinstance(cond, Always):
        return "always" if cond.value else "never"
    if isinstance(cond, FactTest):
        return f"{cond.path} {cond.op.replace('_', ' ')} {_operand_text(cond)}"
    subject = ", ".join(f"{r}={p}" for r, p in cond.subject)
    return f"{cond.conclusion}({subject}) {cond.op.replace('_', ' ')} {_fmt(cond.operand)}"


def _operand_text(cond: FactTest) -> str:
    if cond.operand_path is not None:
        return cond.operand_path
    return _fmt(cond.operand)


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
