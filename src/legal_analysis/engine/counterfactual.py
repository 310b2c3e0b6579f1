"""What-if, the smallest fact changes that flip a conclusion, and the timeline of a scenario."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Any

from ..core import FactKey, Status
from .analysis import (
    Analysis,
    Change,
    Flip,
    Result,
    Timeline,
    TimelineEvent,
    WhatIf,
    analyse,
    check_keys,
    domain_of,
)
from .decision import DecisionStatus
from .evaluate import Subject


def _outcome(r: Result) -> tuple[str, str]:
    return (r.status, repr(r.value))


def compare(before: Analysis, after: Analysis) -> tuple[Change, ...]:
    """Every conclusion whose status or value differs between two analyses."""
    a = {(r.id, r.subject): r for r in before.results}
    b = {(r.id, r.subject): r for r in after.results}
    out: list[Change] = []
    for key in list(dict.fromkeys([*a, *b])):
        ra, rb = a.get(key), b.get(key)
        if ra is None or rb is None or _outcome(ra) != _outcome(rb):
            out.append(Change(key[0], key[1], ra, rb))
    return tuple(out)


def what_if(analysis: Analysis, changes: Mapping[str, Any]) -> WhatIf:
    """Re-analyse with facts changed; the engine (rule instances) is reused."""
    check_keys(analysis.index, changes)
    merged = {**analysis.overrides, **changes}
    after = analyse(analysis.scenario, analysis.rulebook, analysis.as_of, merged, analysis.engine,
                    limit=analysis.limit)
    return WhatIf(tuple(changes.items()), analysis, after, compare(analysis, after))


def facts_read(analysis: Analysis, result: Result) -> list[str]:
    """The facts (with a finite domain) a conclusion's evaluation reads, known or not."""
    from .trace import keys_read

    return sorted(k for k in keys_read(analysis, result.id, result.subject)
                  if domain_of(analysis.index, k))


def flips(analysis: Analysis, result: Result, max_size: int = 2) -> list[Flip]:
    """The smallest sets (up to ``max_size`` facts) of changes that change the outcome, each
    with the decision made under it."""
    eng, index = analysis.engine, analysis.index
    keys = facts_read(analysis, result)
    here = _outcome(result)
    found: list[Flip] = []
    for size in range(1, max_size + 1):
        for combo_keys in itertools.combinations(keys, size):
            options = []
            for k in combo_keys:
                current = analysis.world.raw(k)
                options.append([v for v in (domain_of(index, k) or ()) if v != current])
            for values in itertools.product(*options):
                change = dict(zip(combo_keys, values, strict=True))
                w = index.world({**analysis.overrides, **change})
                d = eng.decide(w, result.id, result.subject)
                if d.status is DecisionStatus.UNKNOWN:
                    continue  # a change that still leaves the outcome open is not a flip
                status = Status.UNDETERMINED if d.status is DecisionStatus.NO_RULE \
                    else Status(d.status.value)
                if (status, repr(d.value)) != here:
                    found.append(Flip(tuple(change.items()), d.status, d.value))
        if found:
            return found
    return found


def event_dates(analysis: Analysis) -> dict[dt.date, list[str]]:
    """Dated events in the scenario: the facts that take effect on each date."""
    dates: dict[dt.date, list[str]] = {}
    for key, entry in analysis.index.entries.items():
        if entry.on is not None:
            dates.setdefault(entry.on, []).append(key)
    s = analysis.scenario
    for pid, p in s.persons.items():
        if isinstance(p.captured_on.value, dt.date) and p.captured_by:
            dates.setdefault(p.captured_on.value, []).append(
                str(FactKey("persons", pid, ("captured_on",))))
    for cid, c in s.conflicts.items():
        if isinstance(c.start.value, dt.date):
            dates.setdefault(c.start.value, []).append(str(FactKey("conflicts", cid, ("start",))))
    return {d: sorted(set(v)) for d, v in sorted(dates.items())}


def timeline(analysis: Analysis) -> Timeline:
    """Evaluate at each dated event (and the analysis date); show what changes and why."""
    dates = event_dates(analysis)
    points = sorted(set(dates) | {analysis.as_of})
    events: list[TimelineEvent] = []
    previous: Analysis | None = None
    for day in points:
        current = analyse(analysis.scenario, analysis.rulebook, day, analysis.overrides,
                          analysis.engine, limit=analysis.limit)
        changes = compare(previous, current) if previous is not None else ()
        events.append(TimelineEvent(day, tuple(dates.get(day, ())), changes))
        previous = current
    return Timeline(tuple(events))


def subject_text(subject: Subject) -> str:
    return ", ".join(f"{r}={v}" for r, v in subject)
