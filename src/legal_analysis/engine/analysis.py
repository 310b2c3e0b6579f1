"""Analysing a scenario: every conclusion for every subject, as of a date, and the questions
asked of an analysis (look-up, what-if, flips, timeline, derivations).

Each conclusion is settled by :mod:`.settle`: its status and value exactly, its branches and
decisive facts when first read (see :mod:`.outcome`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import LegalAnalysisError, did_you_mean
from ..facts import Scenario
from ..ruleset.loading import Rulebook
from .decision import DecisionStatus
from .evaluate import Engine
from .outcome import (
    MORE_THAN_ENUMERATED,
    NOT_ENUMERABLE,
    TOO_MANY,
    Branch,
    Citation,
    Result,
    Subject,
    jsonable,
)
from .settle import MAX_EVALUATIONS, settle
from .tracing import Tracer
from .world import FactIndex, World, build_index

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
    engine: Engine
    index: FactIndex
    world: World
    results: list[Result] = field(default_factory=list)
    traces: dict[str, Any] = field(default_factory=dict, repr=False)
    """Derivation nodes already built, by node id (a sub-conclusion is derived once)."""
    branch_worlds: dict[tuple[tuple[str, Any], ...], World] = field(
        default_factory=dict, repr=False)
    """The worlds in which unknown facts were fixed to settle undetermined conclusions."""
    _tracer: Tracer | None = field(default=None, repr=False)
    limit: int = field(default=MAX_EVALUATIONS, repr=False)
    """Most worlds in which one conclusion is decided while settling it (see
    :data:`MAX_EVALUATIONS`)."""

    def tracer(self) -> Tracer:
        """The tracer that derivations read: traced decisions in the analysis's world (made
        once each, when first explained)."""
        if self._tracer is None:
            self._tracer = Tracer(self.index.world(self.overrides))
        return self._tracer

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

    @property
    def names(self) -> dict[str, str]:
        """Entity id → display name (states, persons, conflicts, deployments)."""
        return self.engine.names

    def value(self, key: str) -> Any:
        """The value of a fact in this analysis (as of its date, with its what-if changes;
        :data:`~legal_analysis.UNKNOWN` if unknown), e.g. ``persons.p1.captured``."""
        check_keys(self.index, {key: None})
        return self.world.raw(key)

    def domain(self, key: str) -> tuple[Any, ...] | None:
        """The values a fact can take where they are finitely many, else None (the versions of a
        disputed fact are its values)."""
        check_keys(self.index, {key: None})
        return domain_of(self.index, key)

    def facts_read(self, conclusion_id: str, **subject: str) -> list[str]:
        """Every fact the rules of a conclusion read for a subject, directly or through the
        conclusions they test, sorted."""
        from .trace import keys_read

        result = self.get(conclusion_id, **subject)
        return sorted(keys_read(self, result.id, result.subject))

    def _need_conclusion(self, cid: str) -> None:
        if cid not in self.rulebook.conclusions:
            raise LegalAnalysisError(f"unknown conclusion {cid!r}",
                                     suggestion=did_you_mean(cid, self.rulebook.conclusions),
                                     expected="an id listed by 'legal-analysis rules list'")

    # -- counterfactuals ---------------------------------------------------------------------------
    def what_if(self, changes: Mapping[str, Any]) -> WhatIf:
        """Re-analyse with some facts set to other values; list every conclusion that changes."""
        from .counterfactual import what_if

        return what_if(self, changes)

    def flips(self, conclusion_id: str, max_size: int = 2, **subject: str) -> list[
            tuple[tuple[str, Any], ...]]:
        """The smallest sets of fact changes that change a conclusion's outcome."""
        return [f.changes for f in self.flip_outcomes(conclusion_id, max_size, **subject)]

    def flip_outcomes(self, conclusion_id: str, max_size: int = 2, **subject: str) -> list[Flip]:
        """:meth:`flips`, each with the outcome the conclusion has after the change."""
        from .counterfactual import flips

        return flips(self, self.get(conclusion_id, **subject), max_size)

    def timeline(self) -> Timeline:
        """The scenario evaluated at each dated event, with what changes and why."""
        from .counterfactual import timeline

        return timeline(self)

    def explain(self, conclusion_id: str, *, stop_at: Iterable[str] = (),
                **subject: str) -> dict[str, Any]:
        """The derivation tree of a conclusion (JSON-serialisable; stable node ids). Conclusions
        named in ``stop_at`` (node ids such as ``pow_status[person=p1]``) are referred to by id,
        not derived again."""
        from .trace import derivation

        return derivation(self, self.get(conclusion_id, **subject), frozenset(stop_at))

    def why_not(self, conclusion_id: str, value: Any, **subject: str) -> list[dict[str, Any]]:
        """Why a conclusion does not take ``value``: the rules that would give it and what
        blocks each (the failing or unknown tests, with the facts they read)."""
        from .trace import why_not

        return why_not(self, self.get(conclusion_id, **subject), value)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (docs/conclusions.md): every result with its branches."""
        return {"scenario": self.scenario.id, "as_of": self.as_of.isoformat(),
                "conclusions": [r.to_dict() for r in self.results]}

    def status_dict(self) -> dict[str, Any]:
        """Each conclusion's status and value alone (no branches are worked out)."""
        return {"scenario": self.scenario.id, "as_of": self.as_of.isoformat(),
                "conclusions": [r.status_dict() for r in self.results]}


@dataclass(frozen=True)
class Flip:
    """A set of fact changes that changes a conclusion's outcome, and the outcome after it
    (``status`` is ``established``, ``conflict`` or ``no_rule``)."""

    changes: tuple[tuple[str, Any], ...]
    status: DecisionStatus
    value: Any


@dataclass(frozen=True)
class Change:
    """A conclusion whose outcome differs between two analyses."""

    id: str
    subject: Subject
    before: Result | None
    after: Result | None


@dataclass(frozen=True)
class WhatIf:
    changes_made: tuple[tuple[str, Any], ...]
    before: Analysis
    after: Analysis
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    facts: tuple[str, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Timeline:
    events: tuple[TimelineEvent, ...]


def analyse(scenario: Scenario, rulebook: Rulebook, as_of: dt.date | None = None,
            overrides: Mapping[str, Any] | None = None, engine: Engine | None = None, *,
            limit: int | None = None) -> Analysis:
    """Evaluate every conclusion of ``rulebook`` for every subject of ``scenario``.

    ``limit`` is the most worlds in which one conclusion is decided while settling it
    (default :data:`MAX_EVALUATIONS`); a result that reaches it says so (``limit_reached``).
    """
    when = as_of or scenario.as_of
    eng = engine if engine is not None else Engine(scenario, rulebook)
    index = build_index(scenario, rulebook.participation, when)
    ov = dict(overrides or {})
    check_keys(index, ov)
    world = index.world(ov)
    analysis = Analysis(scenario, rulebook, when, ov, eng, index, world,
                        limit=MAX_EVALUATIONS if limit is None else limit)
    results: list[Result] = []
    for cid in sorted(rulebook.conclusions,
                      key=lambda c: (rulebook.conclusions[c].spec.order, c)):
        for subject in eng.subjects(cid):
            results.append(settle(analysis, cid, subject))
    analysis.results = results
    return analysis


def check_keys(index: FactIndex, changes: Mapping[str, Any]) -> None:
    """Refuse fact keys the scenario does not have (with did-you-mean)."""
    for key in changes:
        if key not in index.entries:
            raise LegalAnalysisError(f"unknown fact {key!r}",
                                     suggestion=did_you_mean(key, index.entries),
                                     expected="a fact key such as "
                                     "deployments.<id>.command_authority")


def domain_of(index: FactIndex, key: str) -> tuple[Any, ...] | None:
    """The values a fact can take, where they are finitely many (None otherwise)."""
    entry = index.entries.get(key)
    return entry.domain if entry is not None else None
