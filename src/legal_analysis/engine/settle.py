"""Settling a conclusion: its exact status and value, and (when asked) its branches.

A conclusion is decided first in the scenario's own world (three-valued). Where that leaves it
open, the unknown facts it read are split one at a time over their possible values (at each
node the fact read first is split first): a decision tree, grown to the end, whose leaves are
decided or turn only on facts with no finite set of values. The conclusion is *established*
when every leaf decides the same value (it holds whichever way those facts go), a *conflict*
when every leaf is one, and *undetermined* otherwise.

:func:`settle` finds the status by walking that tree depth first and stopping at the first two
leaves that differ (Shannon expansion with early exit); each node re-decides only what the
fixed facts reach, the rest being reused from the worlds already decided. The tree itself
(branches, decisive facts, the rules every branch shares) is built breadth first only when the
result's details are first read. Only a conclusion needing more than the analysis's limit of
worlds stops short, and its result says so.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from ..core import UNKNOWN, Status
from ..ruleset.loading import Rulebook
from .decision import Decision, DecisionStatus
from .outcome import (
    MORE_THAN_ENUMERATED,
    NOT_ENUMERABLE,
    TOO_MANY,
    Branch,
    Citation,
    Result,
    Settled,
    Subject,
)
from .plan import Plan
from .program import Program
from .readable import Display
from .sentences import details, fill
from .slots import World
from .world import FactIndex

MAX_EVALUATIONS = 1 << 12
"""Most worlds in which one conclusion is decided while settling it (the first is the scenario
itself). A conclusion that would need more is left undetermined with ``limit_reached`` set and
a note that says so; no generated or example scenario comes near it."""


class Context(Protocol):
    """What settling reads from an analysis."""

    rulebook: Rulebook
    program: Program
    plan: Plan
    world: World
    branch_worlds: dict[tuple[tuple[int, Any], ...], World]
    limit: int
    display: Display | None

    @property
    def names(self) -> dict[str, str]: ...

    @property
    def index(self) -> FactIndex: ...


class _Limit(Exception):
    """The tree needs more worlds than the limit."""


def settle(ctx: Context, cid: str, subject: Subject) -> Result:
    """The result of one conclusion for one subject: its status and value now, the rest when
    first read (see the module docstring)."""
    budget = [ctx.limit]
    try:
        leaf = _uniform(ctx, cid, subject, {}, budget)
    except _Limit:
        return Result(cid, subject, Status.UNDETERMINED, UNKNOWN,
                      lambda: _settled(ctx, cid, subject), limit_reached=True, owner=ctx)
    if leaf is None:
        status, value = Status.UNDETERMINED, UNKNOWN
    elif leaf.status is DecisionStatus.ESTABLISHED:
        status, value = Status.ESTABLISHED, leaf.value
    else:
        status, value = Status.CONFLICT, UNKNOWN
    return Result(cid, subject, status, value, lambda: _settled(ctx, cid, subject), owner=ctx)


def _uniform(ctx: Context, cid: str, subject: Subject, fixed: dict[int, Any],
             budget: list[int]) -> Decision | None:
    """The decision every leaf below ``fixed`` gives, if they all give the same established
    value or all conflict; None as soon as two leaves differ or one is not decided."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _Limit
    node = _evaluate(ctx, cid, subject, fixed)
    status = node.decision.status
    if status is DecisionStatus.ESTABLISHED or status is DecisionStatus.CONFLICT:
        return node.decision
    if status is not DecisionStatus.UNKNOWN or not node.candidates:
        return None
    key = node.candidates[0]
    first: Decision | None = None
    for value in ctx.world.domain(key) or ():
        leaf = _uniform(ctx, cid, subject, {**fixed, key: value}, budget)
        if leaf is None or (first is not None and leaf.signature != first.signature):
            return None
        first = first or leaf
    return first


# -- the tree, when the details are asked for -------------------------------------------------

@dataclass(frozen=True)
class _Leaf:
    when: tuple[tuple[str, Any], ...]
    decision: Decision
    details: tuple[str, ...] = ()
    unresolved: tuple[str, ...] = ()
    open: bool = False
    """Left undecided because the tree reached the limit of worlds."""
    settled: tuple[str, ...] = ()
    """Unknown facts split on and folded away: the outcome holds whichever way they go."""


@dataclass(frozen=True)
class _Split:
    key: str
    children: tuple[tuple[Any, _Leaf | _Split], ...]


@dataclass
class _Node:
    fixed: dict[int, Any]
    decision: Decision
    candidates: list[int]
    rest: tuple[str, ...]
    key: int | None = None
    children: list[tuple[Any, _Node]] | None = None


def _settled(ctx: Context, cid: str, subject: Subject) -> Settled:
    spec = ctx.rulebook.conclusions[cid].spec
    question = fill(spec.question, {}, subject, ctx.names)
    tree = _fold(_grow(ctx, cid, subject), ctx.plan.names, ctx.names)
    if isinstance(tree, _Split):
        return _from_tree(ctx, cid, subject, question, tree)
    if tree.decision.status is DecisionStatus.UNKNOWN:
        facts = ", ".join(tree.unresolved)
        return Settled(question, unresolved_facts=tree.unresolved,
                       note=(TOO_MANY if tree.open else NOT_ENUMERABLE) + facts,
                       citations=_citations(ctx, cid, _all_rules(ctx, cid, subject)))
    note = None
    if tree.settled:
        note = ("holds whichever way these unknown facts are resolved: "
                + ", ".join(sorted(tree.settled)))
    return _from_decision(ctx, cid, subject, question, tree.decision, tree.details, note)


def _evaluate(ctx: Context, cid: str, subject: Subject, fixed: dict[int, Any]) -> _Node:
    if not fixed:
        world = ctx.world
    else:
        # conclusions that turn on the same facts share the world where those facts are fixed,
        # and with it the decisions already made there
        key = tuple(sorted(fixed.items(), key=lambda kv: kv[0]))
        shared = ctx.branch_worlds.get(key)
        if shared is None:
            shared = ctx.branch_worlds[key] = ctx.world.child(fixed)
        world = shared
    reads: dict[int, None] = {}
    decision = world.decide(cid, subject, reads)
    if decision.status is not DecisionStatus.UNKNOWN:
        return _Node(fixed, decision, [], ())
    plan = ctx.plan
    read = [s for s in branchable(plan, world, reads) if s not in fixed and plan.is_fact(s)]
    return _Node(fixed, decision, [s for s in read if world.domain(s)],
                 tuple(sorted(plan.names[s] for s in read)))


def branchable(plan: Plan, world: World, slots: Iterable[int]) -> list[int]:
    """The facts to split on for the unknown facts ``slots``, in order: a derived fact that is
    only a combination of others (a destination that is none of the person's own states, an
    acknowledgement copied from the scenario) stands for the unknown facts it is computed from,
    so that no two splits can give values that no setting of those facts gives together (a
    destination both claiming the person and a third state). A derived fact read from a fact with
    no finite set of values (a person's nationalities, the date of capture) is split itself: each
    of its values is reached by some value of that fact."""
    out: dict[int, None] = {}

    def add(slot: int) -> None:
        derived = plan.derived_of.get(slot)
        if derived is not None and derived.kind in COMBINED:
            open_inputs = [d for d in derived.deps if world.V[d] is UNKNOWN]
            if open_inputs:
                for d in open_inputs:
                    add(d)
                return
        out.setdefault(slot)

    for slot in slots:
        add(slot)
    return list(out)


COMBINED = frozenset({"none_of", "copy"})
"""Kinds of derived fact that only combine other facts of the plan (see :func:`branchable`)."""


def _grow(ctx: Context, cid: str, subject: Subject) -> _Node:
    """The decision tree, grown breadth first up to the limit of worlds."""
    root = _evaluate(ctx, cid, subject, {})
    budget = ctx.limit - 1
    queue = deque([root] if root.candidates else [])
    while queue:
        node = queue.popleft()
        domain = ctx.world.domain(node.candidates[0]) or ()
        if len(domain) > budget:
            break
        budget -= len(domain)
        node.key = node.candidates[0]
        node.children = []
        for value in domain:
            child = _evaluate(ctx, cid, subject, {**node.fixed, node.key: value})
            node.children.append((value, child))
            if child.candidates:
                queue.append(child)
    return root


def _fold(node: _Node, slots: list[str], names: dict[str, str]) -> _Leaf | _Split:
    """The tree with every split whose branches all decide alike folded away (facts named)."""
    when = tuple((slots[k], v) for k, v in node.fixed.items())
    if node.children is None or node.key is None:
        return _Leaf(when, node.decision, details(node.decision, names), node.rest,
                     open=bool(node.candidates))
    key = slots[node.key]
    children = tuple((v, _fold(c, slots, names)) for v, c in node.children)
    if len({_shape(child) for _, child in children}) == 1:
        # every value of the split fact leads to the same outcome(s): the fact is not decisive;
        # keep only the rules and details that hold on every branch
        first = _without(children[0][1], key)
        if isinstance(first, _Leaf) and all(isinstance(c, _Leaf) for _, c in children):
            leaves = [c for _, c in children if isinstance(c, _Leaf)]
            rules = tuple(r for r in first.decision.rules
                          if all(r in c.decision.rules for c in leaves))
            kept = tuple(x for x in first.details if all(x in c.details for c in leaves))
            merged = Decision(first.decision.status, first.decision.value, rules)
            return _Leaf(first.when, merged, kept, first.unresolved, first.open,
                         tuple(dict.fromkeys((key, *first.settled, *(
                             k for c in leaves for k in c.settled)))))
        return first
    return _Split(key, children)


def _shape(node: _Leaf | _Split) -> Any:
    """What a subtree decides, whatever the values fixed along its paths."""
    if isinstance(node, _Leaf):
        return ("leaf", node.decision.signature, node.unresolved, node.open)
    return ("split", node.key, tuple((repr(v), _shape(c)) for v, c in node.children))


def _without(node: _Leaf | _Split, key: str) -> _Leaf | _Split:
    """The subtree with ``key`` removed from every assignment in it."""
    if isinstance(node, _Leaf):
        return _Leaf(tuple((k, v) for k, v in node.when if k != key), node.decision,
                     node.details, node.unresolved, node.open, node.settled)
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


def _from_tree(ctx: Context, cid: str, subject: Subject, question: str,
               tree: _Split) -> Settled:
    index = ctx.index
    grouped: dict[tuple[str, str], list[tuple[tuple[str, Any], ...]]] = {}
    sample: dict[tuple[str, str], tuple[Decision, tuple[str, ...]]] = {}
    unresolved: list[str] = []
    further: list[str] = []
    for leaf in _leaves(tree):
        sig = _outcome_of(leaf.decision)
        grouped.setdefault(sig, []).append(leaf.when)
        sample.setdefault(sig, (leaf.decision, leaf.details))
        target = further if leaf.open else unresolved
        target.extend(k for k in leaf.unresolved if k not in target)
    branches: list[Branch] = []
    for sig in sorted(grouped, key=lambda s: (s[0] != Status.ESTABLISHED, s[1])):
        d, said = sample[sig]
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
        branches.append(Branch(tuple(grouped[sig]), status, d.value, d.rules, said,
                               tuple(accounts)))
    citations = _citations(ctx, cid, _all_rules(ctx, cid, subject))
    if len(grouped) == 1:
        # every leaf is left open alike: no fact decides anything yet
        facts = sorted(set(unresolved) | set(further))
        return Settled(question, unresolved_facts=tuple(facts),
                       note=MORE_THAN_ENUMERATED + ", ".join(facts), citations=citations)
    notes = []
    if unresolved:
        notes.append("also turns on facts that cannot be enumerated: "
                     + ", ".join(sorted(unresolved)))
    if further:
        notes.append("where it stays undetermined it turns on further facts: "
                     + ", ".join(sorted(further)))
    return Settled(question, (), (), tuple(branches), tuple(sorted(_split_keys(tree))),
                   tuple(sorted(set(unresolved) | set(further))), "; ".join(notes) or None,
                   citations)


def _all_rules(ctx: Context, cid: str, subject: Subject) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.code.id for i in ctx.plan.instances.get((cid, subject), ())))


def _from_decision(ctx: Context, cid: str, subject: Subject, question: str, d: Decision,
                   said: tuple[str, ...], note: str | None = None) -> Settled:
    # a rule bound twice for one subject (a pair of parties read in either order) is named once
    rules, said = tuple(dict.fromkeys(d.rules)), tuple(dict.fromkeys(said))
    if d.status is DecisionStatus.ESTABLISHED:
        return Settled(question, rules, said, note=note,
                       citations=_citations(ctx, cid, rules))
    if d.status is DecisionStatus.CONFLICT:
        return Settled(question, rules, said,
                       note="rules of equal rank give different answers: " + ", ".join(rules),
                       citations=_citations(ctx, cid, rules))
    return Settled(question, note="no rule decides this question on the facts given",
                   citations=_citations(ctx, cid, _all_rules(ctx, cid, subject)))


def _citations(ctx: Context, cid: str, rule_ids: tuple[str, ...]) -> tuple[Citation, ...]:
    """The authorities of the rules that decided a conclusion, each once, in rule order
    (remembered by the program: they depend on the rule base alone)."""
    key = ("citations", cid, rule_ids)
    cached: tuple[Citation, ...] | None = ctx.program.memo.get(key)
    if cached is not None:
        return cached
    out: dict[Citation, None] = {}
    book = ctx.rulebook
    default = book.conclusions[cid].spec.default
    for rid in rule_ids:
        if rid == "default":
            auths = default.authorities if default is not None else ()
        else:
            auths = book.rules[rid].spec.authorities if rid in book.rules else ()
        for a in auths:
            out.setdefault(Citation(a.source, a.pinpoint, a.quote))
    result = ctx.program.memo[key] = tuple(out)
    return result
