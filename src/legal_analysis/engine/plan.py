"""Binding the compiled rules to a scenario's *structure*, once for every scenario that shares it.

A scenario's structure is what binding reads: its entities and their ids, the references
between them (a deployment's states, a person's deployment and captor, the destinations
considered), the plain data rules may test (names, belligerents, constitutional claims), and
which dictionary-keyed facts it states (acknowledgements, destinations, places). Scenarios with
the same structure differ only in their facts' values, so they share one :class:`Plan`:

- a *slot* for every fact (a stated fact, an unknown fact about a destination, a treaty's
  participation, a derived fact) and for every constant a rule reads, with the value list a
  world starts from;
- every rule instance (a rule bound to entities): its subject, the slot of each of its paths,
  its exceptions;
- for every conclusion and subject, the slots its decision may read, directly or through other
  conclusions (a bit mask), so that a world in which other facts changed reuses the decision.

The facts' values are read into a world by :mod:`.slots`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..core import UNKNOWN, FactKey
from ..facts import TREATIES, DestinationFacts, Scenario
from ..ruleset.conditions import ConclusionTest, conclusion_tests
from ..ruleset.paths import PathInfo, fields_of, finite_domain
from ..scenario import iter_typed_facts
from .decision import Decision, DecisionStatus
from .program import PLANS_KEPT, Program, RuleCode

Subject = tuple[tuple[str, str], ...]


class Instance:
    """A rule bound to entities: its subject, the slot of each of its paths, its exceptions."""

    __slots__ = ("binding", "code", "defeaters", "subject", "t")

    def __init__(self, code: RuleCode, binding: dict[str, str], subject: Subject,
                 t: tuple[int, ...]) -> None:
        self.code = code
        self.binding = binding
        """Variable → entity id (the sentences' placeholders)."""
        self.subject = subject
        self.t = t
        self.defeaters: tuple[int, ...] = ()
        """The positions, among the instances of the same subject, of the exceptions to it."""

    @property
    def rule(self) -> Any:
        return self.code.rule


@dataclass
class Group:
    """The instances of one conclusion for one subject, with what deciding it needs at hand."""

    conclusion: str
    instances: tuple[Instance, ...]
    checks: tuple[tuple[Any, tuple[int, ...]], ...]
    """Each instance's generated condition and slots."""
    defeaters: tuple[tuple[int, ...], ...]
    defeated: bool
    """Whether any instance has an exception to it."""
    priorities: tuple[int, ...]
    combine: str
    default: Decision | None
    values: tuple[Any, ...]
    """Each instance's fixed value, or the slot it takes its value from (``value_slots``)."""
    value_slots: tuple[int | None, ...]
    mask: int = 0
    """The slots the instances read themselves (with what derived ones are computed from)."""


@dataclass
class Derived:
    """A derived fact: its slot, the slots it is computed from, and how."""

    slot: int
    kind: str
    args: tuple[Any, ...]
    deps: tuple[int, ...]


@dataclass
class Plan:
    """The rule instances and slots of one scenario structure (see the module docstring)."""

    program: Program
    names: list[str] = field(default_factory=list)
    """Each slot's fact key (``deployments.d1.command_authority``), or '' for a constant."""
    keys: list[FactKey | None] = field(default_factory=list)
    slot_of: dict[str, int] = field(default_factory=dict)
    template: list[Any] = field(default_factory=list)
    """A world's values before the scenario's facts are read: constants, and unknown facts."""
    domains: list[tuple[Any, ...] | None] = field(default_factory=list)
    stated: list[tuple[int, tuple[str | int, ...]]] = field(default_factory=list)
    """(slot, path in the scenario model) of every stated fact."""
    defaults: list[int] = field(default_factory=list)
    """The slots of the facts about a destination the scenario does not state (unknown)."""
    treaties: list[tuple[int, str, str]] = field(default_factory=list)
    """(slot, state code, treaty) of every treaty-participation fact."""
    derived: list[Derived] = field(default_factory=list)
    """Derived facts, each after those it is computed from."""
    derived_of: dict[int, Derived] = field(default_factory=dict)
    """Each derived fact by its slot."""
    dependents: dict[int, int] = field(default_factory=dict)
    """For a slot, the mask of the derived facts computed from it (directly or not)."""
    instances: dict[tuple[str, Subject], tuple[Instance, ...]] = field(default_factory=dict)
    groups: dict[tuple[str, Subject], Group] = field(default_factory=dict)
    subjects: dict[str, list[Subject]] = field(default_factory=dict)
    deps: dict[tuple[str, Subject], int] = field(default_factory=dict)
    reader: Any = None
    """Reads a scenario's stated facts into a world's slots (made when first needed)."""
    indexed: frozenset[str] = frozenset()
    """The keys of the facts a scenario of this structure has (those a what-if may set)."""
    _constants: dict[Any, int] = field(default_factory=dict, repr=False)

    # -- slots --------------------------------------------------------------------------------
    def fact_slot(self, key: FactKey, domain: tuple[Any, ...] | None) -> int:
        name = str(key)
        slot = self.slot_of.get(name)
        if slot is None:
            slot = self.slot_of[name] = len(self.names)
            self.names.append(name)
            self.keys.append(key)
            self.template.append(UNKNOWN)
            self.domains.append(domain)
        return slot

    def constant_slot(self, value: Any) -> int:
        if value is None:
            value = UNKNOWN
        try:
            marker: Any = (type(value), value)
            hash(marker)
        except TypeError:
            marker = (type(value), repr(value))
        slot = self._constants.get(marker)
        if slot is None:
            slot = self._constants[marker] = len(self.names)
            self.names.append("")
            self.keys.append(None)
            self.template.append(value)
            self.domains.append(None)
        return slot

    def is_fact(self, slot: int) -> bool:
        return self.keys[slot] is not None

    def group(self, key: tuple[str, Subject]) -> Group:
        """The instances of a conclusion for a subject (none, for a subject no rule is about)."""
        found = self.groups.get(key)
        if found is None:
            spec = self.program.rulebook.conclusions[key[0]].spec
            default = Decision(DecisionStatus.ESTABLISHED, spec.default.value, ("default",)) \
                if spec.default is not None else None
            found = self.groups[key] = Group(key[0], (), (), (), False, (), spec.combine,
                                             default, (), ())
        return found


def structure(s: Scenario, reads_names: bool = True) -> Any:
    """What binding reads from a scenario (see the module docstring), as a hashable value."""
    return (
        tuple((c, st.name if reads_names else "", st.kind, st.constitution_claims_nationals_of,
               st.allies)
              for c, st in s.states.items()),
        tuple((c, x.name if reads_names else "", x.belligerents) for c, x in s.conflicts.items()),
        tuple((d, x.sending_state, x.receiving_state, x.against, x.conflict, x.category,
               tuple(x.acknowledged_by), len(x.locations)) for d, x in s.deployments.items()),
        tuple((r, x.by, x.to) for r, x in s.relations.items()),
        tuple((p, x.name if reads_names else "", x.deployment, x.captured_by,
               tuple(x.destinations)) for p, x in s.persons.items()),
        s.destinations,
    )


def plan_for(program: Program, scenario: Scenario) -> Plan:
    """The plan of a scenario's structure (built once, then reused; the most recent
    :data:`~.program.PLANS_KEPT` are kept)."""
    key = structure(scenario)
    plans = program.plans
    found = plans.get(key)
    if found is not None:
        plans.move_to_end(key)
        assert isinstance(found, Plan)
        return found
    plan = build_plan(program, scenario)
    plans[key] = plan
    if len(plans) > PLANS_KEPT:
        plans.popitem(last=False)
    return plan


# -- building a plan --------------------------------------------------------------------------

def build_plan(program: Program, s: Scenario) -> Plan:
    plan = Plan(program)
    _fact_slots(plan, s)
    plan.indexed = frozenset(plan.slot_of)
    _bind(plan, s)
    _defeaters(plan)
    _dependencies(plan)
    return plan


def _fact_slots(plan: Plan, s: Scenario) -> None:
    """A slot for every fact the index of such a scenario has (see :mod:`.world`)."""
    for path, _fact, value_type in iter_typed_facts(s):
        key = FactKey(str(path[0]), str(path[1]), tuple(str(p) for p in path[2:]))
        plan.stated.append((plan.fact_slot(key, finite_domain(value_type)), path))
    dest_fields = [(name, info) for name, info in fields_of("destination").items()
                   if info.role == "fact" and name in DestinationFacts.model_fields]
    for pid in s.persons:
        for d in destinations_of(s, pid):
            for name, info in dest_fields:
                key = FactKey("persons", pid, ("destinations", d, name))
                if str(key) not in plan.slot_of:
                    plan.defaults.append(plan.fact_slot(key, info.domain))
    for code in s.states:
        for treaty in TREATIES:
            plan.treaties.append((plan.fact_slot(FactKey("states", code, ("bound", treaty)),
                                                 (True, False)), code, treaty))
    yes_no = (True, False)

    def derive(key: FactKey, kind: str, args: tuple[Any, ...], deps: tuple[int, ...]) -> int:
        slot = plan.fact_slot(key, yes_no)
        plan.derived.append(made := Derived(slot, kind, args, deps))
        plan.derived_of[slot] = made
        return slot

    for did, dep in s.deployments.items():
        states: tuple[tuple[str, str | None], ...] = (("sending", dep.sending_state),
                                                      ("receiving", dep.receiving_state))
        for role, state_code in states:
            src = None if state_code is None else plan.slot_of.get(
                str(FactKey("deployments", did, ("acknowledged_by", state_code))))
            derive(FactKey("deployments", did, (f"acknowledged_by_{role}_state",)), "copy",
                   (src,), (src,) if src is not None else ())
    for pid, person in s.persons.items():
        cap = plan.slot_of[str(FactKey("persons", pid, ("captured_on",)))]
        derive(FactKey("persons", pid, ("captured",)), "captured", (cap, person.captured_by),
               (cap,))
        d_ = s.deployments.get(person.deployment) if person.deployment else None
        nat = plan.slot_of[str(FactKey("persons", pid, ("nationalities",)))]
        claim = plan.slot_of[str(FactKey("persons", pid, ("claimed_as_national_by",)))]
        for d in destinations_of(s, pid):
            def at(name: str, d: str = d, pid: str = pid) -> FactKey:
                return FactKey("persons", pid, ("destinations", d, name))
            roles = (
                derive(at("is_sending_state"), "const",
                       (d_ is not None and d == d_.sending_state,), ()),
                derive(at("is_receiving_state"), "const",
                       (d_ is not None and d == d_.receiving_state,), ()),
                derive(at("is_detaining_power"), "const", (d == person.captured_by,), ()),
                derive(at("is_national_state"), "member", (nat, d), (nat,)),
                derive(at("claims_person"), "member", (claim, d), (claim,)),
            )
            derive(at("is_third_state"), "none_of", roles, roles)
    direct: dict[int, set[int]] = {}
    for d_fact in plan.derived:
        for dep_slot in d_fact.deps:
            direct.setdefault(dep_slot, set()).add(d_fact.slot)
    for slot in direct:
        seen: set[int] = set()
        stack = [slot]
        while stack:
            for nxt in direct.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        plan.dependents[slot] = _mask(seen)


def destinations_of(s: Scenario, pid: str) -> list[str]:
    """The destinations considered for a person: the scenario's, then the person's own."""
    return list(dict.fromkeys([*s.destinations, *s.persons[pid].destinations]))


def _mask(slots: Iterable[int]) -> int:
    out = 0
    for s in slots:
        out |= 1 << s
    return out


Target = tuple[str, Any]
"""What a path resolves to: ('key', a fact key) or ('const', a value)."""
_DEPLOYMENT_REFS = {"sending_state": "state", "receiving_state": "state", "against": "state",
                    "conflict": "conflict"}
_DESTINATION_OWN = frozenset({*DestinationFacts.model_fields, "is_sending_state",
                              "is_receiving_state", "is_detaining_power", "is_national_state",
                              "claims_person", "is_third_state"})


def resolve(info: PathInfo, ident: str | None, kind: str, person: str | None,
            s: Scenario) -> Target:
    """What a checked path names under a binding of its variable (``ident``, of ``kind``)."""
    steps = info.steps
    if not steps:
        return ("const", ident)
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        if ident is None:
            return ("const", UNKNOWN)
        if kind == "destination":
            if step == "state":
                kind = "state"
                if last:
                    return ("const", ident)
                continue
            if step == "code":
                return ("const", ident)
            if step in _DESTINATION_OWN:
                return ("key", FactKey("persons", str(person), ("destinations", ident, step)))
            kind = "state"
        if kind == "state":
            if step == "code":
                return ("const", ident)
            if step in ("name", "kind"):
                return ("const", getattr(s.states[ident], step))
            if step in ("constitution_claims_nationals_of", "allies"):
                return ("const", getattr(s.states[ident], step))
            return ("key", FactKey("states", ident, tuple(step.split("."))))
        if kind == "conflict":
            c = s.conflicts[ident]
            if step in ("name", "belligerents"):
                return ("const", getattr(c, step))
            return ("key", FactKey("conflicts", ident, (step,)))
        if kind == "deployment":
            d = s.deployments[ident]
            if step in _DEPLOYMENT_REFS:
                ident, kind = getattr(d, step), _DEPLOYMENT_REFS[step]
                if last:
                    return ("const", ident)
                continue
            if step == "category":
                return ("const", d.category)
            return ("key", FactKey("deployments", ident, (step,)))
        if kind == "relation":
            r = s.relations[ident]
            if step in ("by", "to"):
                ident, kind = getattr(r, step), "state"
                if last:
                    return ("const", ident)
                continue
            return ("key", FactKey("relations", ident, (step,)))
        p = s.persons[ident]  # a person
        if step == "deployment":
            ident, kind = p.deployment, "deployment"
        elif step == "captured_by":
            ident, kind = p.captured_by, "state"
        elif step == "name":
            return ("const", p.name)
        else:
            return ("key", FactKey("persons", ident, (step,)))
        if last:
            return ("const", ident)
    return ("const", ident)  # pragma: no cover


@dataclass
class _Binding:
    ids: dict[str, str]
    kinds: dict[str, str]
    person: str | None = None


def _bind(plan: Plan, s: Scenario) -> None:
    """Every instance of every rule (see :func:`_bindings`) that 'where' admits and that has a
    subject; instances keep the rule base's order."""
    program = plan.program
    book = program.rulebook
    for cid in book.conclusions:
        plan.subjects[cid] = []
    found: dict[tuple[str, Subject], list[Instance]] = {}
    cache: dict[Any, int] = {}
    as_of = s.as_of
    for code in program.rules:
        rule = code.rule
        roles = list(book.conclusions[rule.spec.conclusion].spec.subject)
        for b in _bindings(plan, code, s, cache):
            t = tuple(_slot(plan, code, p, b, s, cache) for p in code.paths)
            if code.where is not None and code.where(plan.template, None, t, {}, None,
                                                     as_of) is not True:
                continue
            subject: list[tuple[str, str]] = []
            for role in roles:
                value = plan.template[t[code.paths.index(rule.spec.subject[role])]]
                if value is UNKNOWN or value is None or plan.is_fact(
                        t[code.paths.index(rule.spec.subject[role])]):
                    break
                subject.append((role, str(value)))
            else:
                key = (rule.spec.conclusion, tuple(subject))
                found.setdefault(key, []).append(Instance(code, dict(b.ids), key[1], t))
    for key, insts in found.items():
        plan.instances[key] = tuple(insts)
        plan.subjects[key[0]].append(key[1])
    for cid in plan.subjects:
        plan.subjects[cid].sort()


def _slot(plan: Plan, code: RuleCode, path: str, b: _Binding, s: Scenario,
          cache: dict[Any, int]) -> int:
    info = code.rule.paths[path]
    ident = b.ids[info.variable]
    kind = b.kinds[info.variable]
    key = (info.steps, ident, kind, b.person)
    slot = cache.get(key)
    if slot is None:
        what, ref = resolve(info, ident, kind, b.person, s)
        # a constant, a fact the index has, or (a path to a missing entry) an unknown fact
        slot = plan.constant_slot(ref) if what == "const" else plan.fact_slot(ref, None)
        cache[key] = slot
    return slot


def _bindings(plan: Plan, code: RuleCode, s: Scenario, cache: dict[Any, int]
              ) -> list[_Binding]:
    """Every binding of a rule's variables; a variable that 'where' equates with a path from
    variables bound before it is bound to what that path names, not enumerated."""
    rule = code.rule
    pools = {"state": sorted(s.states), "conflict": sorted(s.conflicts),
             "deployment": sorted(s.deployments), "relation": sorted(s.relations),
             "person": sorted(s.persons)}
    equal = dict(rule.equalities)
    kinds = rule.spec.for_
    person_var = next((v for v, k in kinds.items() if k == "person"), None)
    order = ([v for v in kinds if v not in equal and kinds[v] != "destination"]
             + [v for v in kinds if v in equal and kinds[v] != "destination"]
             + [v for v in kinds if kinds[v] == "destination"])
    partial = [_Binding({}, {})]
    for var in order:
        kind = kinds[var]
        grown: list[_Binding] = []
        for b in partial:
            path = equal.get(var)
            head = path.split(".")[0] if path else None
            if path is not None and head in b.ids and kind != "destination":
                slot = _slot(plan, code, path, b, s, cache)
                value = plan.template[slot]
                if plan.is_fact(slot) or value is UNKNOWN:
                    continue
                ids = [str(value)]
            elif kind == "destination":
                if person_var is None or person_var not in b.ids:
                    continue
                ids = destinations_of(s, b.ids[person_var])
            else:
                ids = pools[kind]
            for ident in ids:
                person = b.ids[person_var] if kind == "destination" and person_var else b.person
                grown.append(_Binding({**b.ids, var: ident}, {**b.kinds, var: kind}, person))
        partial = grown
    return partial


def _defeaters(plan: Plan) -> None:
    conclusions = plan.program.rulebook.conclusions
    for key, insts in plan.instances.items():
        cid = key[0]
        for inst in insts:
            inst.defeaters = tuple(
                j for j, e in enumerate(insts) if e is not inst and (
                    inst.code.id in e.code.rule.spec.defeats or cid in e.code.rule.spec.defeats))
        spec = conclusions[cid].spec
        plan.groups[key] = Group(
            cid, insts, tuple((i.code.check, i.t) for i in insts),
            tuple(i.defeaters for i in insts), any(i.defeaters for i in insts),
            tuple(i.code.rule.spec.priority for i in insts), spec.combine,
            Decision(DecisionStatus.ESTABLISHED, spec.default.value, ("default",))
            if spec.default is not None else None,
            tuple(i.code.rule.spec.value for i in insts),
            tuple(None if i.code.value_slot is None else i.t[i.code.value_slot] for i in insts))


def _dependencies(plan: Plan) -> None:
    """The slots each decision may read (a mask), through the conclusions it tests too."""
    derived_inputs: dict[int, int] = {}
    for d in plan.derived:  # in order: inputs before what is computed from them
        mask = 0
        for dep in d.deps:
            mask |= (1 << dep) | derived_inputs.get(dep, 0)
        derived_inputs[d.slot] = mask
    book = plan.program.rulebook
    done: dict[tuple[str, Subject], int] = {}

    def deps(key: tuple[str, Subject]) -> int:
        if key in done:
            return done[key]
        mask = 0
        for inst in plan.instances.get(key, ()):
            for slot in inst.t:
                if plan.is_fact(slot):
                    mask |= (1 << slot) | derived_inputs.get(slot, 0)
        if key in plan.groups:
            plan.groups[key].mask = mask
        for inst in plan.instances.get(key, ()):
            for test in _conclusion_tests(inst):
                roles = list(book.conclusions[test.conclusion].spec.subject)
                given = dict(test.subject)
                slots = [inst.t[inst.code.paths.index(given[r])] for r in roles]
                if any(plan.is_fact(x) for x in slots):
                    subjects = plan.subjects.get(test.conclusion, [])
                else:
                    subjects = [tuple((r, str(plan.template[x])) for r, x in zip(roles, slots,
                                                                                 strict=True))]
                for subject in subjects:
                    mask |= deps((test.conclusion, subject))
        done[key] = mask
        return mask

    for cid in book.order:  # a conclusion after those it depends on
        for subject in plan.subjects.get(cid, []):
            plan.deps[(cid, subject)] = deps((cid, subject))


def _conclusion_tests(inst: Instance) -> list[ConclusionTest]:
    return conclusion_tests(inst.code.rule.when)
