"""Comparing outcomes, the smallest fact changes that flip a conclusion, and dated events."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..core import FactKey, Status
from ..facts import Scenario
from .decision import DecisionStatus
from .outcome import Result, Subject
from .slots import World
from .world import FactIndex


@dataclass(frozen=True)
class Change:
    """A conclusion whose outcome differs between two analyses."""

    id: str
    subject: Subject
    before: Result | None
    after: Result | None


@dataclass(frozen=True)
class Flip:
    """A set of fact changes that changes a conclusion's outcome, and the outcome after it
    (``status`` is ``established``, ``conflict`` or ``no_rule``)."""

    changes: tuple[tuple[str, Any], ...]
    status: DecisionStatus
    value: Any


def _outcome(r: Result) -> tuple[str, str]:
    return (r.status, repr(r.value))


def compare(before: Sequence[Result], after: Sequence[Result]) -> tuple[Change, ...]:
    """Every conclusion whose status or value differs between two lists of results."""
    a = {(r.id, r.subject): r for r in before}
    b = {(r.id, r.subject): r for r in after}
    out: list[Change] = []
    for key in list(dict.fromkeys([*a, *b])):
        ra, rb = a.get(key), b.get(key)
        if ra is None or rb is None or _outcome(ra) != _outcome(rb):
            out.append(Change(key[0], key[1], ra, rb))
    return tuple(out)


def flips(world: World, keys: Sequence[str], result: Result, max_size: int = 2) -> list[Flip]:
    """The smallest sets (up to ``max_size``) of changes to the facts ``keys`` that change the
    outcome of ``result`` in ``world``, each with the decision made under it."""
    plan = world.plan
    slots = [plan.slot_of[k] for k in keys if world.domain(plan.slot_of[k])]
    here = _outcome(result)
    found: list[Flip] = []
    for size in range(1, max_size + 1):
        for combo in itertools.combinations(slots, size):
            options = [[v for v in (world.domain(s) or ()) if v != world.V[s]] for s in combo]
            for values in itertools.product(*options):
                change = dict(zip(combo, values, strict=True))
                d = world.child(change).decide(result.id, result.subject)
                if d.status is DecisionStatus.UNKNOWN:
                    continue  # a change that still leaves the outcome open is not a flip
                status = Status.UNDETERMINED if d.status is DecisionStatus.NO_RULE \
                    else Status(d.status.value)
                if (status, repr(d.value)) != here:
                    found.append(Flip(tuple((plan.names[s], v) for s, v in change.items()),
                                      d.status, d.value))
        if found:
            return found
    return found


class Dated(Protocol):
    """An analysis, as far as its dated events go."""

    scenario: Scenario

    @property
    def index(self) -> FactIndex: ...


def event_dates(analysis: Dated) -> dict[dt.date, list[str]]:
    """Dated events in the scenario: the facts that take effect on each date."""
    dates: dict[dt.date, list[str]] = {}
    scenario = analysis.scenario
    for key, entry in analysis.index.entries.items():
        if entry.on is not None:
            dates.setdefault(entry.on, []).append(key)
    for pid, p in scenario.persons.items():
        if isinstance(p.captured_on.value, dt.date) and p.captured_by:
            dates.setdefault(p.captured_on.value, []).append(
                str(FactKey("persons", pid, ("captured_on",))))
    for cid, c in scenario.conflicts.items():
        if isinstance(c.start.value, dt.date):
            dates.setdefault(c.start.value, []).append(str(FactKey("conflicts", cid, ("start",))))
    return {d: sorted(set(v)) for d, v in sorted(dates.items())}


def subject_text(subject: Subject) -> str:
    return ", ".join(f"{r}={v}" for r, v in subject)
