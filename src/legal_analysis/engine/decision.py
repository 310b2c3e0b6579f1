"""What a decision is, and the two steps of deciding that do not depend on how conditions were
evaluated: which rules apply once exceptions are weighed, and what the applicable rules give.

A world's :meth:`~.slots.World.decide` and the rule checker both call these, so that an
exception defeats a rule in exactly one way everywhere: only when the exception itself applies
(its condition holds and no exception to it applies).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core import UNKNOWN

Tri = bool | None


class DecisionStatus(enum.StrEnum):
    """How a decision in one world came out. ``unknown``: it turns on facts not known there;
    ``no_rule``: every rule is known not to apply and there is no default."""

    ESTABLISHED = "established"
    UNKNOWN = "unknown"
    CONFLICT = "conflict"
    NO_RULE = "no_rule"


@dataclass(frozen=True)
class Decision:
    """The outcome of a conclusion for one subject in one world."""

    status: DecisionStatus
    value: Any = UNKNOWN
    rules: tuple[str, ...] = ()
    """The ids of the rules that decided it (``default`` for the conclusion's default)."""
    winners: tuple[Any, ...] = field(default=(), compare=False)
    """The rule instances that decided it (for their sentences)."""

    @property
    def signature(self) -> tuple[str, str]:
        return (self.status, repr(self.value))


OPEN = Decision(DecisionStatus.UNKNOWN)
"""The decision that turns on facts not known (the same object every time)."""
NO_RULE = Decision(DecisionStatus.NO_RULE)
"""The decision no rule makes (the same object every time)."""


def applicability(own: Sequence[Tri], defeaters: Sequence[Sequence[int]]) -> list[Tri]:
    """Whether each rule applies: its own condition (``own``), unless an exception that applies
    defeats it (``defeaters[i]``: the indices of the rules that defeat rule ``i``). A rule whose
    condition holds is defeated (False) if some exception to it applies, and left open (None)
    if none applies but some might. The exception graph is acyclic (checked on load).

    >>> applicability([True, True, True], [[1], [2], []])  # C defeats B, B defeats A
    [True, False, True]
    >>> applicability([True, None], [[1], []])
    [None, None]
    """
    out: list[Tri] = list(own)
    done = [False] * len(own)

    def of(i: int) -> Tri:
        if done[i]:
            return out[i]
        result = own[i]
        if result is not False and defeaters[i]:
            defeated: Tri = False
            for j in defeaters[i]:
                a = of(j)
                if a is True:
                    defeated = True
                    break
                if a is None:
                    defeated = None
            if defeated is True:
                result = False
            elif defeated is None:
                result = None
        out[i] = result
        done[i] = True
        return result

    for i in range(len(own)):
        of(i)
    return out


@dataclass(frozen=True)
class Verdict:
    """What the applicable rules give: the decision, and which rules won it."""

    status: DecisionStatus
    value: Any = UNKNOWN
    winners: tuple[int, ...] = ()


def conclude(combine: str, priorities: Sequence[int], value: Callable[[int], Any],
             applies: Sequence[Tri], has_default: bool) -> Verdict:
    """The verdict of a conclusion's rules given whether each applies (see
    :func:`applicability`): among the applicable rules the highest priority wins (``union``:
    every applicable rule's value is collected); two winners with different values give
    ``conflict``; no applicable rule gives the default (``winners`` empty) or ``no_rule``. A rule
    whose applicability is unknown leaves the outcome ``unknown`` unless it could not change it.
    ``value(i)`` is rule ``i``'s value (:data:`UNKNOWN` where it reads an unknown fact).
    """
    applicable = [i for i, a in enumerate(applies) if a is True]
    open_ = [i for i, a in enumerate(applies) if a is None]
    if open_ and not _cannot_change(combine, priorities, value, applicable, open_):
        return Verdict(DecisionStatus.UNKNOWN)
    if not applicable:
        return Verdict(DecisionStatus.ESTABLISHED if has_default else DecisionStatus.NO_RULE)
    if combine == "union":
        values: set[Any] = set()
        for i in applicable:
            v = value(i)
            if v is UNKNOWN:
                return Verdict(DecisionStatus.UNKNOWN)
            values.add(v)
        return Verdict(DecisionStatus.ESTABLISHED, tuple(sorted(values, key=str)),
                       tuple(applicable))
    top = max(priorities[i] for i in applicable)
    winners = tuple(i for i in applicable if priorities[i] == top)
    vals: list[Any] = []
    for i in winners:
        v = value(i)
        if v is UNKNOWN:
            return Verdict(DecisionStatus.UNKNOWN)
        if v not in vals:
            vals.append(v)
    if len(vals) > 1:
        return Verdict(DecisionStatus.CONFLICT, UNKNOWN, winners)
    return Verdict(DecisionStatus.ESTABLISHED, vals[0], winners)


def _cannot_change(combine: str, priorities: Sequence[int], value: Callable[[int], Any],
                   applicable: list[int], open_: list[int]) -> bool:
    """Whether rules whose applicability is unknown could not change the outcome whichever way
    they go: they give the value the applicable rules already give (and do not outrank them
    with another). A sound shortcut: otherwise the caller branches on the unknown facts."""
    if not applicable:
        return False
    if combine == "union":
        values = {value(i) for i in applicable}
        return all(value(i) in values for i in open_)
    top = max(priorities[i] for i in applicable)
    shown = {repr(value(i)) for i in applicable if priorities[i] == top}
    if len(shown) != 1:
        return False
    return all(priorities[i] < top or repr(value(i)) in shown for i in open_)
