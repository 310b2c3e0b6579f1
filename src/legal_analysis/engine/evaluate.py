"""Three-valued, defeasible evaluation of conclusions in one world.

Rules are instantiated for every binding of their variables; their conditions are compiled into
closures over fact keys (no ``eval``). A conclusion for a subject is decided in a world by Kleene
logic over its rules' conditions: a rule applies when its condition holds and no exception that
defeats it applies; among the applicable rules the highest priority wins; two applicable rules of
equal priority with different values give ``conflict``; no applicable rule gives the conclusion's
declared default (or no answer). Unknown facts propagate: any rule whose applicability is unknown
leaves the decision unknown, and the caller branches on the unknown facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..core import UNKNOWN, FactKey
from ..facts import Scenario
from ..ruleset.loading import Rule, Rulebook
from ..ruleset.paths import PathInfo, fields_of
from .compile import Target, Traced, Tri, compile_traced, value_of
from .decision import Decision, DecisionStatus, applicability, conclude
from .tracing import DecisionTrace, InstanceTrace, Tracer
from .world import FactIndex, World

Subject = tuple[tuple[str, str], ...]
"""A subject: (role, entity id) pairs in the order the conclusion declares its roles."""
Binding = dict[str, str]


def resolve(info: PathInfo, binding: Binding, scenario: Scenario) -> Target:
    """Resolve a checked path under a binding to a fact key or a constant."""
    kind = _var_kind(info, binding)
    ident: str | None = binding[info.variable]
    person = binding.get("__person__")
    steps = info.steps
    if not steps:
        return ("const", ident)
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        if ident is None:
            return ("const", UNKNOWN)
        if kind == "destination":
            dest_fields = fields_of("destination")
            own = step in _DESTINATION_OWN
            if step == "state":
                kind = "state"
                if last:
                    return ("const", ident)
                continue
            if step == "code":
                return ("const", ident)
            if own:
                return ("key", str(FactKey("persons", str(person), ("destinations", ident, step))))
            if step not in dest_fields:  # pragma: no cover - checked on load
                return ("const", UNKNOWN)
            kind = "state"
        if kind == "state":
            if step == "code":
                return ("const", ident)
            if step == "name":
                return ("const", scenario.states[ident].name)
            if step == "constitution_claims_nationals_of":
                return ("const", scenario.states[ident].constitution_claims_nationals_of)
            return ("key", str(FactKey("states", ident, tuple(step.split(".")))))
        if kind == "conflict":
            c = scenario.conflicts[ident]
            if step in ("name", "belligerents"):
                return ("const", getattr(c, step))
            return ("key", str(FactKey("conflicts", ident, (step,))))
        if kind == "deployment":
            d = scenario.deployments[ident]
            if step in _DEPLOYMENT_REFS:
                ident, kind = getattr(d, step), _DEPLOYMENT_REFS[step]
                if last:
                    return ("const", ident)
                continue
            return ("key", str(FactKey("deployments", ident, (step,))))
        if kind == "person":
            p = scenario.persons[ident]
            if step == "deployment":
                ident, kind = p.deployment, "deployment"
            elif step == "captured_by":
                ident, kind = p.captured_by, "state"
            elif step == "name":
                return ("const", p.name)
            else:
                return ("key", str(FactKey("persons", ident, (step,))))
            if last:
                return ("const", ident if ident is not None else UNKNOWN)
            continue
    return ("const", ident)  # pragma: no cover


_DEPLOYMENT_REFS = {"sending_state": "state", "receiving_state": "state", "against": "state",
                    "conflict": "conflict"}
_DESTINATION_OWN = frozenset({
    "torture_risk", "irreparable_harm_risk", "persecution_risk", "fundamental_rights_risk",
    "onward_transfer_to", "evidence", "is_sending_state", "is_receiving_state",
    "is_detaining_power", "is_national_state", "claims_person", "is_third_state",
})


def _var_kind(info: PathInfo, binding: Binding) -> str:
    return binding.get(f"__kind__{info.variable}", "")


class Instance:
    """A rule bound to entities: its subject, what its paths resolve to, and its exceptions."""

    __slots__ = ("binding", "defeaters", "engine", "rule", "subject", "targets")

    def __init__(self, rule: Rule, binding: Binding, subject: Subject,
                 targets: dict[str, Target], engine: Engine) -> None:
        self.rule = rule
        self.binding = binding
        self.subject = subject
        self.targets = targets
        self.engine = engine
        self.defeaters: tuple[int, ...] = ()
        """The positions, among the instances of the same subject, of the exceptions to it."""

    def check(self, world: World) -> Tri:
        """Whether the rule's condition holds in ``world`` (None: unknown)."""
        return self.rule.check(world, self.targets, self.engine)

    def value(self, world: World) -> Any:
        """The value the rule gives (its fixed value, or the value its path names)."""
        spec = self.rule.spec
        if spec.value_from is None:
            return spec.value
        return value_of(world, self.targets[spec.value_from])

    @property
    def key(self) -> str:
        names = ",".join(f"{k}={v}" for k, v in self.binding.items() if not k.startswith("__"))
        return f"{self.rule.id}[{names}]"


class Engine:
    """Rule instances for one scenario, and the decision procedure over worlds."""

    def __init__(self, scenario: Scenario, rulebook: Rulebook) -> None:
        self.scenario = scenario
        self.rulebook = rulebook
        self.names = display_names(scenario)
        self._null = World(FactIndex(scenario, scenario.as_of, {}, {}, {}, {}), {}, frozenset())
        self._targets: dict[tuple[tuple[str, ...], str, str, str | None], Target] = {}
        self._traced: dict[str, Traced] = {}
        self.memo: dict[Any, Any] = {}
        """Values that depend only on the rule base and this engine's rule instances (such as
        the authorities cited for a set of rules), computed once."""
        self.by_subject: dict[str, dict[Subject, list[Instance]]] = {
            cid: {} for cid in rulebook.conclusions}
        for rule in rulebook.rules.values():
            for binding in self._bindings(rule):
                inst = self._instantiate(rule, binding)
                if inst is not None:
                    self.by_subject[rule.spec.conclusion].setdefault(inst.subject, []).append(inst)
        for cid, subjects in self.by_subject.items():
            for insts in subjects.values():
                for inst in insts:
                    inst.defeaters = tuple(
                        j for j, e in enumerate(insts) if e is not inst and (
                            inst.rule.id in e.rule.spec.defeats or cid in e.rule.spec.defeats))

    # -- instantiation -------------------------------------------------------------------------
    def _bindings(self, rule: Rule) -> list[Binding]:
        """Every binding of the rule's variables; a variable that 'where' equates with a path
        from variables bound before it is bound to what that path names, not enumerated."""
        s = self.scenario
        pools = {"state": sorted(s.states), "conflict": sorted(s.conflicts),
                 "deployment": sorted(s.deployments), "person": sorted(s.persons)}
        equal = dict(rule.equalities)
        person_var = next((v for v, k in rule.spec.for_.items() if k == "person"), None)
        partial: list[Binding] = [{}]
        kinds = rule.spec.for_
        order = ([v for v in kinds if v not in equal and kinds[v] != "destination"]
                 + [v for v in kinds if v in equal and kinds[v] != "destination"]
                 + [v for v in kinds if kinds[v] == "destination"])
        for var in order:
            kind = kinds[var]
            grown: list[Binding] = []
            for binding in partial:
                path = equal.get(var)
                head = path.split(".")[0] if path else None
                if path is not None and head in binding and kind != "destination":
                    kind_, value = self._resolve(rule.paths[path], binding)
                    if kind_ != "const" or value is None or value is UNKNOWN:
                        continue
                    ids = [str(value)]
                elif kind == "destination":
                    if person_var is None or person_var not in binding:
                        continue
                    ids = destinations_of(s, binding[person_var])
                else:
                    ids = pools[kind]
                for ident in ids:
                    b = dict(binding)
                    b[var] = ident
                    b[f"__kind__{var}"] = kind
                    if kind == "destination" and person_var is not None:
                        b["__person__"] = binding[person_var]
                    grown.append(b)
            partial = grown
        return partial

    def _resolve(self, info: PathInfo, binding: Binding) -> Target:
        """:func:`resolve`, remembered: many rules read the same path of the same entity."""
        key = (info.steps, binding[info.variable], _var_kind(info, binding),
               binding.get("__person__"))
        target = self._targets.get(key)
        if target is None:
            target = self._targets[key] = resolve(info, binding, self.scenario)
        return target

    def _instantiate(self, rule: Rule, binding: Binding) -> Instance | None:
        if rule.where_check is not None:
            where = {p: self._resolve(rule.paths[p], binding) for p in rule.where_paths}
            if rule.where_check(self._null, where, self) is not True:
                return None
        targets = {p: self._resolve(info, binding) for p, info in rule.paths.items()}
        subject_parts: list[tuple[str, str]] = []
        cspec = self.rulebook.conclusions[rule.spec.conclusion].spec
        for role in cspec.subject:
            kind, value = targets[rule.spec.subject[role]]
            if kind != "const" or value is UNKNOWN or value is None:
                return None
            subject_parts.append((role, str(value)))
        return Instance(rule, binding, tuple(subject_parts), targets, self)

    # -- decisions ----------------------------------------------------------------------------
    def subjects(self, cid: str) -> list[Subject]:
        return sorted(self.by_subject.get(cid, {}))

    def instances(self, cid: str, subject: Subject) -> list[Instance]:
        """The rule instances of a conclusion for a subject, in rule-base order."""
        return self.by_subject.get(cid, {}).get(subject, [])

    def decide(self, world: World, cid: str, subject: Subject,
               tracer: Tracer | None = None) -> Decision:
        """Decide a conclusion for a subject in a world; with a ``tracer``, report what was
        found on the way (every condition node, the exceptions, the sub-conclusions asked).

        Without a tracer, decisions are memoised twice: in the world, and in the index across
        worlds (see :func:`remembered`): a decision is reused in any world that gives every
        fact it read the same value (branches and what-ifs mostly change facts a given decision
        never reads).
        """
        if tracer is not None:
            return self._decide_traced(world, cid, subject, tracer)
        ckey = (cid, subject)
        cached = world.cache.get(ckey)
        if cached is not None:
            decision, reads, deps = cached
            if world.reads:
                world.reads[-1].update(reads)
            if world.seen:
                world.seen[-1].update(deps)
            return decision  # type: ignore[no-any-return]
        entry = remembered(world, ckey, lambda: self._decide(world, cid, subject))
        world.cache[ckey] = entry
        return entry[0]  # type: ignore[no-any-return]

    def _decide(self, world: World, cid: str, subject: Subject) -> Decision:
        insts = self.instances(cid, subject)
        return self.conclude(world, cid, subject, insts, [i.check(world) for i in insts])[0]

    def _decide_traced(self, world: World, cid: str, subject: Subject,
                       tracer: Tracer) -> Decision:
        done = tracer.decisions.get((cid, subject))
        if done is not None:
            return done.decision
        insts = self.instances(cid, subject)
        records = []
        for inst in insts:
            record = InstanceTrace(inst, len(inst.rule.nodes),
                                   lambda w, c, s: self.decide(w, c, s, tracer))
            record.own = self.traced_condition(inst.rule)(world, inst.targets, self, record)
            records.append(record)
        decision, applies = self.conclude(world, cid, subject, insts, [r.own for r in records])
        for record, a in zip(records, applies, strict=True):
            record.applies = a
            record.value = record.instance.value(world)
        tracer.decisions[(cid, subject)] = DecisionTrace(cid, subject, decision, tuple(records))
        return decision

    def traced_condition(self, rule: Rule) -> Traced:
        """The traced closure of a rule's condition (compiled when first asked for)."""
        traced = self._traced.get(rule.id)
        if traced is None:
            book = self.rulebook
            traced = self._traced[rule.id] = compile_traced(
                rule.when, lambda c: list(book.conclusions[c].spec.subject))
        return traced

    def conclude(self, world: World, cid: str, subject: Subject, insts: list[Instance],
                 own: list[Tri]) -> tuple[Decision, list[Tri]]:
        """The decision given whether each instance's condition holds (``own``), and whether
        each applies once exceptions are weighed: the one step every evaluation shares."""
        applies = applicability(own, [i.defeaters for i in insts])
        spec = self.rulebook.conclusions[cid].spec
        verdict = conclude(spec.combine, [i.rule.spec.priority for i in insts],
                           lambda i: insts[i].value(world), applies, spec.default is not None)
        if verdict.status is DecisionStatus.ESTABLISHED and not verdict.winners:
            assert spec.default is not None
            return Decision(DecisionStatus.ESTABLISHED, spec.default.value, ("default",)), applies
        if verdict.status in (DecisionStatus.UNKNOWN, DecisionStatus.NO_RULE):
            return Decision(verdict.status), applies
        winners = [insts[i] for i in verdict.winners]
        ids = tuple(i.rule.id for i in winners)
        return Decision(verdict.status, verdict.value, ids,
                        _details(winners, subject, self.names)), applies


def remembered(world: World, key: Any, compute: Callable[[], Any]) -> Any:
    """``(value, unknown facts read, dependencies)`` of ``compute()`` in ``world``, reused from
    any world of the same index that gives every fact the computation read the same value.

    Entries are filed under the facts that were varied (overridden or recomputed) when they
    were made, so a look-up hashes those facts' values and checks only the facts this world
    varies. What the computation read is added to the computation that called it, if any.
    """
    entry = _recall(world, world.index.memo.get(key))
    if entry is None:
        world.reads.append({})
        world.seen.append({})
        try:
            value = compute()
        finally:
            reads = world.reads.pop()
            seen = world.seen.pop()
        entry = (value, reads, seen)
        varied = tuple(sorted(k for k in seen if k in world.varying()))
        table = world.index.memo.setdefault(key, {}).setdefault(varied, {})
        table.setdefault(tuple(seen[k] for k in varied), []).append(entry)
    if world.reads:
        world.reads[-1].update(entry[1])
    if world.seen:
        world.seen[-1].update(entry[2])
    return entry


def _recall(world: World, memo: Any) -> Any:
    """A remembered decision whose dependencies all have the same values in ``world``."""
    if not memo:
        return None
    mine = world.varying()
    dep = world.dep
    for varied, table in memo.items():
        candidates = table.get(tuple(dep(k) for k in varied))
        if not candidates:
            continue
        for entry in candidates:
            deps = entry[2]
            # the facts this world varies that the decision read, other than those filed on
            if len(deps) < len(mine):
                others = [k for k in deps if k in mine and k not in varied]
            else:
                others = [k for k in mine if k in deps and k not in varied]
            if all(dep(k) == deps[k] for k in others):
                return entry
    return None


def destinations_of(s: Scenario, pid: str) -> list[str]:
    """The destinations considered for a person: the scenario's, then the person's own."""
    person = s.persons[pid]
    return list(dict.fromkeys([*s.destinations, *person.destinations]))


def _details(insts: list[Instance], subject: Subject,
             names: dict[str, str]) -> tuple[str, ...]:
    out: list[str] = []
    for inst in insts:
        if inst.rule.spec.detail:
            text = fill(inst.rule.spec.detail, inst.binding, subject, names)
            if text not in out:
                out.append(text)
    return tuple(out)


def fill(template: str, binding: Binding, subject: Subject,
         names: dict[str, str] | None = None) -> str:
    """Fill {placeholders} in a rule's sentence with the bound entities' names (or ids)."""
    values = {k: v for k, v in binding.items() if not k.startswith("__")}
    values.update(dict(subject))
    if names:
        values = {k: names.get(v, v) for k, v in values.items()}
    return template.format_map(values)


def display_names(s: Scenario) -> dict[str, str]:
    """Entity id → display name, for sentences (states last, so they win a clash). A deployment,
    which has no name, is called after its states: 'the troops of A deployed to B'."""
    out: dict[str, str] = {}
    out.update({k: deployment_name(s, k) for k in s.deployments})
    out.update({k: v.name for k, v in s.conflicts.items()})
    out.update({k: v.name for k, v in s.persons.items()})
    out.update({k: v.name for k, v in s.states.items()})
    return out


def deployment_name(s: Scenario, did: str) -> str:
    """A deployment in words: 'the troops of <sending state> deployed to <receiving state>'."""
    d = s.deployments[did]
    sending, receiving = s.states[d.sending_state].name, s.states[d.receiving_state].name
    return f"the troops of {sending} deployed to {receiving}"


def as_date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
