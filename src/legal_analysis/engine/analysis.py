"""Analysing a scenario: every conclusion for every subject, as of a date, and the questions
asked of an analysis (look-up, what-if, flips, timeline, derivations).

The rule base is compiled once (:mod:`.program`), bound once to each scenario structure
(:mod:`.plan`), and the scenario's facts are read into a world (:mod:`.slots`). Each
conclusion is settled by :mod:`.settle`: its status and value exactly, its branches and
decisive facts when first read (see :mod:`.outcome`). A what-if or another date is a world
derived from this one, and reuses every decision the changed facts cannot reach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core import Status
from ..errors import LegalAnalysisError, did_you_mean
from ..facts import Scenario
from ..ruleset.loading import Rulebook
from .changes import check_changes, check_keys
from .counterfactual import Change, Flip, compare, event_dates, flips
from .decision import Decision
from .outcome import (
    MORE_THAN_ENUMERATED,
    NOT_ENUMERABLE,
    TOO_MANY,
    Branch,
    Citation,
    Result,
    jsonable,
)
from .plan import Instance, Plan, Subject, plan_for
from .program import Program, program_for
from .provenance import index_of
from .readable import TITLE_LIMIT, Display, need_display, one_line, shorten
from .records import COLUMNS_AFTER, COLUMNS_BEFORE, frame, records, roles_of
from .sentences import display_names
from .settle import MAX_EVALUATIONS, settle
from .slots import World, world_for
from .trace import derivation, keys_read, why_not
from .tracing import Tracer
from .world import FactIndex

__all__ = [
    "MORE_THAN_ENUMERATED", "NOT_ENUMERABLE", "TOO_MANY", "Analysis", "Branch", "Change",
    "Citation", "Flip", "Result", "Timeline", "TimelineEvent", "WhatIf", "analyse",
    "check_keys", "domain_of", "jsonable",
]


@dataclass
class Analysis:
    """Every conclusion of the rule base for every subject of a scenario, as of a date."""

    scenario: Scenario
    rulebook: Rulebook
    as_of: dt.date
    overrides: dict[str, Any]
    """Facts set by a what-if, by key."""
    program: Program
    plan: Plan
    world: World
    """The world the conclusions are decided in (the scenario's, with the what-if's facts)."""
    stated_world: World
    """The scenario's own world as of the date (no fact set by a what-if)."""
    limit: int = MAX_EVALUATIONS
    """Most worlds in which one conclusion is decided while settling it."""
    results: list[Result] = field(default_factory=list)
    traces: dict[str, Any] = field(default_factory=dict, repr=False)
    """Derivation nodes already built, by node id (a sub-conclusion is derived once)."""
    branch_worlds: dict[tuple[tuple[int, Any], ...], World] = field(
        default_factory=dict, repr=False)
    """The worlds in which unknown facts were fixed to settle undetermined conclusions."""
    _tracer: Tracer | None = field(default=None, repr=False)
    _index: FactIndex | None = field(default=None, repr=False)
    _names: dict[str, str] | None = field(default=None, repr=False)
    display: Display | None = field(default=None, repr=False, compare=False)
    """The memo's wording, for sentences and notebook displays (see :mod:`.readable`)."""

    def __repr__(self) -> str:
        counts = [f"{len(self.results)} conclusions"]
        for status in (Status.UNDETERMINED, Status.CONFLICT):
            n = sum(r.status == status for r in self.results)
            if n:
                counts.append(f"{n} {status}")
        changed = f" with {len(self.overrides)} facts set otherwise" if self.overrides else ""
        title = shorten(self.scenario.title, TITLE_LIMIT)
        return one_line(f"<Analysis {title!r} as of {self.as_of.isoformat()}{changed}: "
                        f"{', '.join(counts)}>")

    def _repr_html_(self) -> str | None:
        """Every result in a table, with the versions of the facts of the open ones."""
        return self.display.html(self) if self.display is not None else None

    def _repr_markdown_(self) -> str | None:
        return self.display.markdown(self) if self.display is not None else None

    def records(self) -> list[dict[str, Any]]:
        """One flat dict per result (see :func:`.records.records`): conclusion, the subject's
        roles as columns, status, value, answer sentence, decisive facts."""
        return records(self.results, need_display(self.display))

    def to_frame(self) -> Any:
        """:meth:`records` as a pandas DataFrame (needs the ``frames`` extra: ``pip install
        'legal-analysis[frames]'``)."""
        columns = [*COLUMNS_BEFORE, *roles_of(self.results), *COLUMNS_AFTER]
        return frame(self.records(), columns)

    def tracer(self) -> Tracer:
        """The tracer that derivations read: traced decisions in the analysis's world (made
        once each, when first explained)."""
        if self._tracer is None:
            self._tracer = Tracer(self.world)
        return self._tracer

    @property
    def index(self) -> FactIndex:
        """Every fact of the scenario as of the date, with its provenance (built when first
        asked for)."""
        if self._index is None:
            self._index = index_of(self.stated_world, self.scenario, self.rulebook.participation)
        return self._index

    @property
    def names(self) -> dict[str, str]:
        """Entity id → display name (states, persons, conflicts, deployments)."""
        if self._names is None:
            self._names = display_names(self.scenario)
        return self._names

    # -- look-up --------------------------------------------------------------------------------
    def conclusions(self, conclusion_id: str | None = None) -> list[Result]:
        """All results, or those of one conclusion."""
        if conclusion_id is None:
            return list(self.results)
        self._need_conclusion(conclusion_id)
        return [r for r in self.results if r.id == conclusion_id]

    def get(self, conclusion_id: str, **subject: str) -> Result:
        """The result of a conclusion for a subject given by role, e.g. ``state="PRK"``."""
        matches = [r for r in self.conclusions(conclusion_id)
                   if all(r.subject_dict.get(k) == v for k, v in subject.items())]
        if len(matches) != 1:
            known = "; ".join(",".join(f"{k}={v}" for k, v in r.subject)
                              for r in self.conclusions(conclusion_id)) or "none"
            what = "no subject matches" if not matches else "several subjects match"
            raise LegalAnalysisError(f"{what} {subject} for {conclusion_id!r}",
                                     expected=f"one of: {known}")
        return matches[0]

    def value(self, key: str) -> Any:
        """The value of a fact in this analysis (as of its date, with its what-if changes;
        :data:`~legal_analysis.UNKNOWN` if unknown), e.g. ``persons.p1.captured``."""
        return self.world.V[self._slot(key)]

    def domain(self, key: str) -> tuple[Any, ...] | None:
        """The values a fact can take where they are finitely many, else None (the versions of a
        disputed fact are its values)."""
        return self.world.domain(self._slot(key))

    def facts_read(self, conclusion_id: str, **subject: str) -> list[str]:
        """Every fact the rules of a conclusion read for a subject, directly or through the
        conclusions they test, sorted."""
        result = self.get(conclusion_id, **subject)
        return sorted(keys_read(self, result.id, result.subject))

    def decide(self, conclusion_id: str, subject: Subject,
               changes: Iterable[tuple[str, Any]] = ()) -> Decision:
        """The decision on a conclusion for a subject in this analysis's world, or in the world
        where the facts in ``changes`` (fact key, value) are set otherwise; its ``winners`` are
        the rule instances that decided it."""
        given = {self._slot(k): v for k, v in changes}
        world = self.world.child(given) if given else self.world
        return world.decide(conclusion_id, subject)

    def instances(self, conclusion_id: str, subject: Subject) -> tuple[Instance, ...]:
        """The rules of a conclusion bound to a subject (each with its entities)."""
        return self.plan.instances.get((conclusion_id, subject), ())

    def _slot(self, key: str) -> int:
        check_keys(self.plan.indexed, {key: None})
        return self.plan.slot_of[key]

    def _need_conclusion(self, cid: str) -> None:
        if cid not in self.rulebook.conclusions:
            raise LegalAnalysisError(f"unknown conclusion {cid!r}",
                                     suggestion=did_you_mean(cid, self.rulebook.conclusions),
                                     expected="an id listed by 'legal-analysis rules list'")

    # -- counterfactuals ---------------------------------------------------------------------------
    def what_if(self, changes: Mapping[str, Any]) -> WhatIf:
        """Re-analyse with some facts set to other values; list every conclusion that changes.
        Decisions the changed facts cannot reach are not made again."""
        changes = check_changes(self.index, changes)
        world = self.world.child({self.plan.slot_of[k]: v for k, v in changes.items()})
        after = _analysis(self.scenario, self.rulebook, self.as_of,
                          {**self.overrides, **changes}, self.program, self.plan, world,
                          self.stated_world, self.limit, display=self.display)
        after._index = self._index
        return WhatIf(tuple(changes.items()), self, after, compare(self.results, after.results))

    def flips(self, conclusion_id: str, max_size: int = 2, **subject: str) -> list[
            tuple[tuple[str, Any], ...]]:
        """The smallest sets of fact changes that change a conclusion's outcome."""
        return [f.changes for f in self.flip_outcomes(conclusion_id, max_size, **subject)]

    def flip_outcomes(self, conclusion_id: str, max_size: int = 2, **subject: str) -> list[Flip]:
        """:meth:`flips`, each with the outcome the conclusion has after the change."""
        result = self.get(conclusion_id, **subject)
        keys = sorted(keys_read(self, result.id, result.subject))
        return flips(self.world, keys, result, max_size)

    def timeline(self) -> Timeline:
        """The scenario evaluated at each dated event (and the analysis date), with what changes
        and why. Each date's world is this one with the facts that differ on that date, so only
        the decisions they reach are made again."""
        dates = event_dates(self)
        events: list[TimelineEvent] = []
        previous: Analysis | None = None
        for day in sorted(set(dates) | {self.as_of}):
            stated = self.stated_world.differing(
                world_for(self.plan, self.scenario, self.rulebook.participation, day))
            world = stated.child({self.plan.slot_of[k]: v for k, v in self.overrides.items()}) \
                if self.overrides else stated
            current = _analysis(self.scenario, self.rulebook, day, self.overrides, self.program,
                                self.plan, world, stated, self.limit, display=self.display)
            changes = compare(previous.results, current.results) if previous is not None else ()
            events.append(TimelineEvent(day, tuple(dates.get(day, ())), changes))
            previous = current
        return Timeline(tuple(events), self)

    def explain(self, conclusion_id: str, *, stop_at: Iterable[str] = (),
                **subject: str) -> dict[str, Any]:
        """The derivation tree of a conclusion (JSON-serialisable; stable node ids). Conclusions
        named in ``stop_at`` (node ids such as ``pow_status[person=p1]``) are referred to by id,
        not derived again."""
        return derivation(self, self.get(conclusion_id, **subject), frozenset(stop_at))

    def why_not(self, conclusion_id: str, value: Any, **subject: str) -> list[dict[str, Any]]:
        """Why a conclusion does not take ``value``: the rules that would give it and what
        blocks each (the failing or unknown tests, with the facts they read)."""
        return why_not(self, self.get(conclusion_id, **subject), value)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (docs/conclusions.md): every result of a public conclusion, with
        its branches (helper conclusions, ``public: false``, are read through :meth:`get`)."""
        return {"scenario": self.scenario.id, "as_of": self.as_of.isoformat(),
                "conclusions": [r.to_dict() for r in self._public()]}

    def status_dict(self) -> dict[str, Any]:
        """Each public conclusion's status and value alone (no branches are worked out)."""
        return {"scenario": self.scenario.id, "as_of": self.as_of.isoformat(),
                "conclusions": [r.status_dict() for r in self._public()]}

    def _public(self) -> list[Result]:
        book = self.rulebook.conclusions
        return [r for r in self.results if book[r.id].spec.public]


@dataclass(frozen=True)
class WhatIf:
    """An analysis redone with some facts set otherwise, and the conclusions that change."""

    changes_made: tuple[tuple[str, Any], ...]
    before: Analysis
    after: Analysis
    changes: tuple[Change, ...]

    def __repr__(self) -> str:
        made = ", ".join(f"{k}={v!r}" for k, v in self.changes_made)
        n = len(self.changes)
        return one_line(f"<WhatIf {shorten(made, 200)}: {n} conclusion{'s' * (n != 1)} change>")

    def _repr_html_(self) -> str | None:
        """The facts set otherwise, and each conclusion that changes, before and after."""
        display = self.before.display
        return display.html(self) if display is not None else None

    def _repr_markdown_(self) -> str | None:
        display = self.before.display
        return display.markdown(self) if display is not None else None


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    facts: tuple[str, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Timeline:
    """An analysis at each dated event of its scenario, with what changes on each date."""

    events: tuple[TimelineEvent, ...]
    analysis: Analysis | None = field(default=None, repr=False, compare=False)
    """The analysis the timeline is of (its wording, for notebook displays)."""

    def __repr__(self) -> str:
        if not self.events:
            return "<Timeline: no dates>"
        n = sum(len(e.changes) for e in self.events)
        first, last = self.events[0].date.isoformat(), self.events[-1].date.isoformat()
        return one_line(f"<Timeline {len(self.events)} dates from {first} to {last}: "
                        f"{n} change{'s' * (n != 1)} of a conclusion>")

    def _repr_html_(self) -> str | None:
        """Each date, the facts dated then and the conclusions that change."""
        display = self.analysis.display if self.analysis is not None else None
        return display.html(self) if display is not None else None

    def _repr_markdown_(self) -> str | None:
        display = self.analysis.display if self.analysis is not None else None
        return display.markdown(self) if display is not None else None


def analyse(scenario: Scenario, rulebook: Rulebook, as_of: dt.date | None = None,
            overrides: Mapping[str, Any] | None = None, *,
            limit: int | None = None, conclusions: Iterable[str] | None = None) -> Analysis:
    """Evaluate every conclusion of ``rulebook`` for every subject of ``scenario``.

    ``overrides`` sets facts to other values (as :meth:`Analysis.what_if` does). ``limit`` is
    the most worlds in which one conclusion is decided while settling it (default
    :data:`~.settle.MAX_EVALUATIONS`); a result that reaches it says so (``limit_reached``).
    ``conclusions`` keeps only the results of those conclusions (the others are decided only
    as far as those rely on them).
    """
    when = as_of or scenario.as_of
    program = program_for(rulebook)
    plan = plan_for(program, scenario)
    stated = world_for(plan, scenario, rulebook.participation, when)
    ov = dict(overrides or {})
    world = stated
    if ov:
        check_keys(plan.indexed, ov)
        ov = check_changes(index_of(stated, scenario, rulebook.participation), ov)
        world = stated.child({plan.slot_of[k]: v for k, v in ov.items()})
    wanted = None
    if conclusions is not None:
        wanted = frozenset(conclusions)
        for cid in sorted(wanted - set(rulebook.conclusions)):
            raise LegalAnalysisError(f"unknown conclusion {cid!r}",
                                     suggestion=did_you_mean(cid, rulebook.conclusions),
                                     expected="an id listed by 'legal-analysis rules list'")
    return _analysis(scenario, rulebook, when, ov, program, plan, world, stated,
                     MAX_EVALUATIONS if limit is None else limit, wanted)


def _analysis(scenario: Scenario, rulebook: Rulebook, when: dt.date, overrides: dict[str, Any],
              program: Program, plan: Plan, world: World, stated: World,
              limit: int, wanted: frozenset[str] | None = None,
              display: Display | None = None) -> Analysis:
    analysis = Analysis(scenario, rulebook, when, overrides, program, plan, world, stated, limit,
                        display=display)
    analysis.results = [settle(analysis, cid, subject)
                        for cid in program.order if wanted is None or cid in wanted
                        for subject in plan.subjects[cid]]
    return analysis


def domain_of(index: FactIndex, key: str) -> tuple[Any, ...] | None:
    """The values a fact can take, where they are finitely many (None otherwise)."""
    entry = index.entries.get(key)
    return entry.domain if entry is not None else None
