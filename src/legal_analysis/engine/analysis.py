"""Analysing a scenario: every conclusion for every subject, with branches and decisive facts.

A conclusion whose rules turn on unknown or disputed facts is settled by enumerating the values of
those facts that have a finite domain (booleans, enumerations, the versions of a disputed fact).
If every completion gives the same outcome, the conclusion is established anyway; otherwise it is
*undetermined*, and the result lists its decisive facts and the outcome under each of their values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core import UNKNOWN, Status
from ..errors import LegalAnalysisError, did_you_mean
from ..facts import Scenario
from ..ruleset.loading import Rulebook
from .decision import Decision, DecisionStatus
from .evaluate import Engine, Subject, fill
from .tracing import Tracer
from .world import FactIndex, World, build_index


@dataclass(frozen=True)
class Citation:
    """An authority cited for a conclusion."""

    source: str
    pinpoint: str | None
    quote: str | None = None


@dataclass(frozen=True)
class Branch:
    """The outcome of an undetermined conclusion under some values of its decisive facts."""

    when: tuple[tuple[tuple[str, Any], ...], ...]
    """Alternative assignments (fact key, value) that all lead to this outcome."""
    status: Status
    value: Any
    rules: tuple[str, ...]
    details: tuple[str, ...]
    accounts: tuple[str, ...] = ()
    """Actors whose version of a disputed fact leads here."""


@dataclass(frozen=True)
class Result:
    """One conclusion for one subject."""

    id: str
    subject: Subject
    question: str
    status: Status
    value: Any
    rules: tuple[str, ...]
    details: tuple[str, ...]
    branches: tuple[Branch, ...] = ()
    decisive_facts: tuple[str, ...] = ()
    unresolved_facts: tuple[str, ...] = ()
    note: str | None = None
    citations: tuple[Citation, ...] = ()
    limit_reached: bool = False
    """Whether settling the conclusion stopped at :data:`MAX_EVALUATIONS` worlds: then an
    undetermined status may hide an answer that holds whichever way the facts go (the note
    says so). Without it, the status and value are exact."""

    @property
    def subject_dict(self) -> dict[str, str]:
        return dict(self.subject)

    @property
    def node_id(self) -> str:
        return f"{self.id}[" + ",".join(f"{r}={v}" for r, v in self.subject) + "]"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form documented in docs/conclusions.md."""
        return {
            "id": self.id,
            "question": self.question,
            "subject": self.subject_dict,
            "status": self.status,
            "value": jsonable(self.value),
            "details": list(self.details),
            "branches": [
                {"when": [{k: jsonable(v) for k, v in alt} for alt in b.when],
                 "status": b.status, "value": jsonable(b.value), "rules": list(b.rules),
                 "details": list(b.details), "accounts": list(b.accounts)}
                for b in self.branches],
            "decisive_facts": list(self.decisive_facts),
            "unresolved_facts": list(self.unresolved_facts),
            "note": self.note,
            "rules": list(self.rules),
            "citations": [{"source": c.source, "pinpoint": c.pinpoint, "quote": c.quote}
                          for c in self.citations],
        }


def jsonable(value: Any) -> Any:
    """A value as JSON data (unknown as the string 'unknown'; dates as ISO strings)."""
    if value is UNKNOWN:
        return UNKNOWN.value
    if isinstance(value, tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


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
    limit: int = field(default=1 << 12, repr=False)
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
        return {"scenario": self.scenario.id, "as_of": self.as_of.isoformat(),
                "conclusions": [r.to_dict() for r in self.results]}


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


TOO_MANY = "turns on too many unknown facts to enumerate: "
NOT_ENUMERABLE = "turns on facts that cannot be enumerated: "
MORE_THAN_ENUMERATED = "turns on more unknown facts than were enumerated: "
"""How the note of an undetermined result without branches begins (the fact keys follow)."""

MAX_EVALUATIONS = 1 << 12
"""Most worlds in which one conclusion is decided while settling it (the first is the scenario
itself). A conclusion that would need more is left undetermined with ``limit_reached`` set and
a note that says so; no generated or example scenario comes near it."""


@dataclass(frozen=True)
class _Leaf:
    when: tuple[tuple[str, Any], ...]
    decision: Decision
    unresolved: tuple[str, ...] = ()
    open: bool = False
    """Left undecided because the tree reached :data:`MAX_EVALUATIONS` worlds."""
    settled: tuple[str, ...] = ()
    """Unknown facts split on and folded away: the outcome holds whichever way they go."""


@dataclass(frozen=True)
class _Split:
    key: str
    children: tuple[tuple[Any, _Leaf | _Split], ...]


def settle(analysis: Analysis, cid: str, subject: Subject) -> Result:
    """Decide one conclusion for one subject, branching on its unknown facts.

    Kleene evaluation first; where it leaves the outcome unknown, the unknown facts it read are
    split one at a time over their possible values (a decision tree; at each node the fact read
    first is split first), breadth first, until every leaf is decided or no finite-valued fact
    is left. A split whose branches all decide alike is folded away, so the facts left in the
    tree are the decisive ones, and an outcome every leaf shares holds whichever way the unknown
    facts go. The tree is grown to the end: only a conclusion needing more than
    :data:`MAX_EVALUATIONS` worlds stops short, and its result says so (``limit_reached``).
    """
    spec = analysis.rulebook.conclusions[cid].spec
    question = fill(spec.question, {}, subject, analysis.engine.names)
    tree, limited = _grow(analysis, cid, subject)
    if isinstance(tree, _Leaf):
        if tree.decision.status is DecisionStatus.UNKNOWN:
            facts = ", ".join(tree.unresolved)
            return Result(cid, subject, question, Status.UNDETERMINED, UNKNOWN, (), (),
                          unresolved_facts=tree.unresolved,
                          note=(TOO_MANY if tree.open else NOT_ENUMERABLE) + facts,
                          citations=_citations(analysis, cid, _all_rules(analysis.engine, cid,
                                                                         subject)),
                          limit_reached=limited)
        note = None
        if tree.settled:
            note = ("holds whichever way these unknown facts are resolved: "
                    + ", ".join(sorted(tree.settled)))
        result = _result(analysis, cid, subject, question, tree.decision, note=note)
    else:
        result = _from_tree(analysis, cid, subject, question, tree)
    return dataclasses.replace(result, limit_reached=True) if limited else result


@dataclass
class _Node:
    fixed: dict[str, Any]
    decision: Decision
    candidates: list[str]
    rest: tuple[str, ...]
    key: str | None = None
    children: list[tuple[Any, _Node]] | None = None


def _evaluate(analysis: Analysis, cid: str, subject: Subject, fixed: dict[str, Any]) -> _Node:
    index = analysis.index
    if not fixed:
        world = analysis.world
    else:
        # conclusions that turn on the same facts share the world where those facts are fixed,
        # and with it the decisions already made there
        key = tuple(sorted(fixed.items(), key=lambda kv: kv[0]))
        shared = analysis.branch_worlds.get(key)
        if shared is None:
            shared = analysis.branch_worlds[key] = index.world({**analysis.overrides, **fixed})
        world = shared
    world.reads.append({})
    decision = analysis.engine.decide(world, cid, subject)
    reads = world.reads.pop()
    if decision.status is not DecisionStatus.UNKNOWN:
        return _Node(fixed, decision, [], ())
    return _Node(fixed, decision, [k for k in reads if k not in fixed and domain_of(index, k)],
                 tuple(sorted(k for k in reads if k not in fixed)))


def _grow(analysis: Analysis, cid: str, subject: Subject) -> tuple[_Leaf | _Split, bool]:
    """The folded decision tree, and whether it stopped at :data:`MAX_EVALUATIONS`."""
    root = _evaluate(analysis, cid, subject, {})
    budget = analysis.limit - 1
    queue = deque([root] if root.candidates else [])
    limited = False
    while queue:
        node = queue.popleft()
        domain = domain_of(analysis.index, node.candidates[0]) or ()
        if len(domain) > budget:
            limited = True
            break
        budget -= len(domain)
        node.key = node.candidates[0]
        node.children = []
        for value in domain:
            child = _evaluate(analysis, cid, subject, {**node.fixed, node.key: value})
            node.children.append((value, child))
            if child.candidates:
                queue.append(child)
    return _fold(root), limited


def _fold(node: _Node) -> _Leaf | _Split:
    when = tuple(node.fixed.items())
    if node.children is None or node.key is None:
        return _Leaf(when, node.decision, node.rest, open=bool(node.candidates))
    key = node.key
    children = tuple((v, _fold(c)) for v, c in node.children)
    if len({_shape(child, key) for _, child in children}) == 1:
        # every value of the split fact leads to the same outcome(s): the fact is not decisive;
        # keep only the rules and details that hold on every branch
        first = _without(children[0][1], key)
        if isinstance(first, _Leaf) and all(isinstance(c, _Leaf) for _, c in children):
            decisions = [c.decision for _, c in children if isinstance(c, _Leaf)]
            rules = tuple(r for r in first.decision.rules if all(r in d.rules for d in decisions))
            details = tuple(x for x in first.decision.details
                            if all(x in d.details for d in decisions))
            merged = Decision(first.decision.status, first.decision.value, rules, details)
            return _Leaf(first.when, merged, first.unresolved, first.open,
                         tuple(dict.fromkeys((key, *first.settled, *(
                             k for _, c in children if isinstance(c, _Leaf) for k in c.settled)))))
        return first
    return _Split(key, children)


def _shape(node: _Leaf | _Split, ignore: str) -> Any:
    """What a subtree decides, independent of the value of ``ignore`` along its paths."""
    if isinstance(node, _Leaf):
        return ("leaf", node.decision.signature, node.unresolved, node.open)
    return ("split", node.key, tuple((repr(v), _shape(c, ignore)) for v, c in node.children))


def _without(node: _Leaf | _Split, key: str) -> _Leaf | _Split:
    """The subtree with ``key`` removed from every assignment in it."""
    if isinstance(node, _Leaf):
        return _Leaf(tuple((k, v) for k, v in node.when if k != key), node.decision,
                     node.unresolved, node.open, node.settled)
    return _Split(node.key, tuple((v, _without(c, key)) for v, c in node.children))


def _outcome_of(d: Decision) -> tuple[str, str]:
    """A branch's outcome: 'no rule decides' and 'unknown' are both undetermined."""
    if d.status in (DecisionStatus.UNKNOWN, DecisionStatus.NO_RULE):
        return (Status.UNDETERMINED, repr(UNKNOWN))
    return d.signature


def _leaves(node: _Leaf | _Split) -> list[_Leaf]:
    if isinstance(node, _Leaf):
        return [node]
    return [leaf for _, child in node.children for leaf in _leaves(child)]


def _split_keys(node: _Leaf | _Split) -> list[str]:
    if isinstance(node, _Leaf):
        return []
    out = [node.key]
    for _, child in node.children:
        out.extend(k for k in _split_keys(child) if k not in out)
    return out


def _from_tree(analysis: Analysis, cid: str, subject: Subject, question: str,
               tree: _Split) -> Result:
    index = analysis.index
    grouped: dict[tuple[str, str], list[tuple[tuple[str, Any], ...]]] = {}
    sample: dict[tuple[str, str], Decision] = {}
    unresolved: list[str] = []
    further: list[str] = []
    for leaf in _leaves(tree):
        sig = _outcome_of(leaf.decision)
        grouped.setdefault(sig, []).append(leaf.when)
        sample.setdefault(sig, leaf.decision)
        target = further if leaf.open else unresolved
        target.extend(k for k in leaf.unresolved if k not in target)
    branches: list[Branch] = []
    for sig in sorted(grouped, key=lambda s: (s[0] != Status.ESTABLISHED, s[1])):
        d = sample[sig]
        accounts: list[str] = []
        for alt in grouped[sig]:
            for key, value in alt:
                entry = index.entries.get(key)
                if entry is not None and entry.disputed:
                    for who in entry.who_says(value):
                        if who not in accounts:
                            accounts.append(who)
        status = Status.UNDETERMINED if d.status in (DecisionStatus.UNKNOWN,
                                                     DecisionStatus.NO_RULE) \
            else Status(d.status.value)
        branches.append(Branch(tuple(grouped[sig]), status, d.value, d.rules, d.details,
                               tuple(accounts)))
    if len(grouped) == 1:
        # every leaf is left open alike: no fact decides anything yet
        facts = sorted(set(unresolved) | set(further))
        return Result(cid, subject, question, Status.UNDETERMINED, UNKNOWN, (), (),
                      unresolved_facts=tuple(facts),
                      note=MORE_THAN_ENUMERATED + ", ".join(facts),
                      citations=_citations(analysis, cid, _all_rules(analysis.engine, cid,
                                                                     subject)))
    notes = []
    if unresolved:
        notes.append("also turns on facts that cannot be enumerated: "
                     + ", ".join(sorted(unresolved)))
    if further:
        notes.append("where it stays undetermined it turns on further facts: "
                     + ", ".join(sorted(further)))
    return Result(cid, subject, question, Status.UNDETERMINED, UNKNOWN, (), (), tuple(branches),
                  tuple(sorted(_split_keys(tree))), tuple(sorted(set(unresolved) | set(further))),
                  "; ".join(notes) or None,
                  _citations(analysis, cid, _all_rules(analysis.engine, cid, subject)))


def _all_rules(eng: Engine, cid: str, subject: Subject) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.rule.id for i in eng.by_subject.get(cid, {}).get(subject, [])))


def _result(analysis: Analysis, cid: str, subject: Subject, question: str, d: Decision,
            note: str | None = None) -> Result:
    if d.status is DecisionStatus.ESTABLISHED:
        return Result(cid, subject, question, Status.ESTABLISHED, d.value, d.rules, d.details,
                      note=note, citations=_citations(analysis, cid, d.rules))
    if d.status is DecisionStatus.CONFLICT:
        return Result(cid, subject, question, Status.CONFLICT, UNKNOWN, d.rules, d.details,
                      note="rules of equal rank give different answers: " + ", ".join(d.rules),
                      citations=_citations(analysis, cid, d.rules))
    return Result(cid, subject, question, Status.UNDETERMINED, UNKNOWN, (), (),
                  note="no rule decides this question on the facts given",
                  citations=_citations(analysis, cid, _all_rules(analysis.engine, cid, subject)))


def _citations(analysis: Analysis, cid: str, rule_ids: tuple[str, ...]) -> tuple[Citation, ...]:
    """The authorities of the rules that decided a conclusion, each once, in rule order
    (remembered by the engine: they depend on the rule base alone)."""
    key = ("citations", cid, rule_ids)
    cached: tuple[Citation, ...] | None = analysis.engine.memo.get(key)
    if cached is not None:
        return cached
    out: dict[Citation, None] = {}
    book = analysis.rulebook
    default = book.conclusions[cid].spec.default
    for rid in rule_ids:
        if rid == "default":
            auths = default.authorities if default is not None else ()
        else:
            auths = book.rules[rid].spec.authorities if rid in book.rules else ()
        for a in auths:
            out.setdefault(Citation(a.source, a.pinpoint, a.quote))
    result = analysis.engine.memo[key] = tuple(out)
    return result
