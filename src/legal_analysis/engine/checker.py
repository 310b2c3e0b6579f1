"""Static checks of a loaded rule base (``legal-analysis rules check``).

Loading already rejects unknown facts, conclusions, sources and quotations, cycles between
conclusions and exceptions that defeat each other in a loop. The checker adds what needs the
whole rule base: rules that can never fire, rules without an authority or a pinpoint (or with a
pinpoint that names another source by its registry id), and conclusions that can end in
``conflict``: for each pair of rules of equal rank with different values, every combination of
the finite-valued facts they (and their exceptions, and the exceptions to those) read is tried,
and a combination in which both apply is reported as a witness.

Conditions are evaluated by the engine's generated code over *atoms* (a fact named by its kind,
``person.health``, or a test the checker cannot relate to others), and whether a rule applies
is weighed by the engine's :func:`~.decision.applicability`: the checker has no logic of its
own.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from ..ruleset.conditions import (
    All,
    AnyOf,
    ConclusionTest,
    Condition,
    FactTest,
    Not,
    describe,
    preorder,
)
from ..ruleset.loading import Rule, Rulebook
from .decision import applicability
from .program import Program, atom_tests, program_for

MAX_ASSIGNMENTS = 1 << 16
"""Most assignments tried for one pair of rules."""


@dataclass
class Report:
    """What the checker found: errors fail the check, notes inform."""

    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rules: int = 0
    conclusions: int = 0
    pairs: int = 0
    assignments: int = 0

    def lines(self) -> list[str]:
        out = [f"error: {e}" for e in self.errors] + [f"note: {n}" for n in self.notes]
        verdict = "FAILED" if self.errors else "ok"
        out.append(f"rules check {verdict}: {self.rules} rules, {self.conclusions} conclusions, "
                   f"{self.pairs} rule pairs checked for conflict over {self.assignments} "
                   f"combinations of facts; {len(self.errors)} "
                   f"{'error' if len(self.errors) == 1 else 'errors'}")
        return out


Atom = tuple[str, Any]


def _atom_of(rule: Rule, test: FactTest) -> tuple[str, tuple[Any, ...]]:
    """A fact test's atom: its path with the variable replaced by its kind, and a domain."""
    info = rule.paths[test.path]
    kind = rule.spec.for_[info.variable]
    name = ".".join([kind, *info.steps])
    if _is_value_test(rule, test):
        return name, tuple(info.end.domain or ())
    # tests on dates, numbers, lists, certainty: an independent true/false atom
    return f"{name} {test.op} {test.operand_path or test.operand}", (True, False)


def _atoms(rule: Rule, cond: Condition, out: dict[str, tuple[Any, ...]]) -> None:
    if isinstance(cond, FactTest):
        name, domain = _atom_of(rule, cond)
        out[name] = domain
    elif isinstance(cond, ConclusionTest):
        out[describe(cond)] = (True, False)
    elif isinstance(cond, (All, AnyOf)):
        for c in cond.items:
            _atoms(rule, c, out)
    elif isinstance(cond, Not):
        _atoms(rule, cond.item, out)


def _is_value_test(rule: Rule, cond: FactTest) -> bool:
    info = rule.paths[cond.path]
    return cond.op in ("equals", "not_equals", "in") and info.end.domain is not None


class _Atoms:
    """A world of atoms: each test the checker cannot relate to others is a true/false atom,
    and each enumerated fact (named by kind, ``person.health``) a value of its domain; one
    slot each, in the order first met."""

    def __init__(self, names: list[str]) -> None:
        self.slot = {n: i for i, n in enumerate(names)}
        self.values: list[Any] = [None] * len(names)


class _Compiled:
    """A rule's condition as the engine compiles it, over atoms: value tests read their atom's
    value through the engine's own generated test; every other test reads its atom."""

    def __init__(self, program: Program, rule: Rule, atoms: _Atoms) -> None:
        tests = atom_tests(rule, lambda t: _is_value_test(rule, t))
        self.check = program.abstract(rule, tests)
        nodes = preorder(rule.when)
        value_names = {p: ".".join([rule.spec.for_[info.variable], *info.steps])
                       for p, info in rule.paths.items()}
        atom_names = [""] * len(tests)
        for i, position in tests.items():
            node = nodes[i]
            atom_names[position] = describe(node) if isinstance(node, ConclusionTest) \
                else _atom_of(rule, node)[0]  # type: ignore[arg-type]
        self.t = tuple(atoms.slot.get(value_names[p], 0) for p in rule.paths) \
            + tuple(atoms.slot[n] for n in atom_names)

    def holds(self, atoms: _Atoms) -> bool | None:
        return self.check(atoms.values, None, self.t, {}, None, None)


def _ids_named(text: str, book: Rulebook) -> list[str]:
    """The registered source ids that ``text`` contains as whole words (ids with a hyphen only:
    a one-word id such as ``cat`` may be an ordinary word of a pinpoint)."""
    words = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]", text))
    return sorted(i for i in book.registry.ids() if i in words and "-" in i)


def check_rulebook(book: Rulebook) -> Report:
    """Run every static check; see the module docstring."""
    report = Report(rules=len(book.rules), conclusions=len(book.conclusions))
    program = program_for(book)
    for rule in book.rules.values():
        if not rule.spec.authorities:
            report.errors.append(f"{rule.location}: rule {rule.id} cites no authority")
        for a in rule.spec.authorities:
            if not a.pinpoint:
                report.errors.append(f"{rule.location}: rule {rule.id} cites {a.source} "
                                     "without a pinpoint (article, paragraph, page)")
            for named in _ids_named(a.pinpoint or "", book):
                short = book.registry.get(named).short
                report.errors.append(
                    f"{rule.location}: rule {rule.id} cites {a.source} with the pinpoint "
                    f"{a.pinpoint!r}, which names the source {named!r} by its id: memos would "
                    f"print the id; write its short form ({short!r})")
        if not _satisfiable(program, rule):
            report.errors.append(f"{rule.location}: rule {rule.id} can never fire: no "
                                 f"combination of facts satisfies {describe(rule.when)}")
    for cid, c in sorted(book.conclusions.items()):
        if c.spec.combine == "union":
            continue
        for r1, r2 in itertools.combinations(c.rules, 2):
            if r1.spec.priority != r2.spec.priority:
                continue
            if r1.spec.value_from is None and r2.spec.value_from is None \
                    and r1.spec.value == r2.spec.value:
                continue
            report.pairs += 1
            witness = _conflict_witness(program, r1, r2, report)
            if witness is not None:
                shown = ", ".join(f"{k}={_fmt(v)}" for k, v in witness)
                report.errors.append(
                    f"{r2.location}: conclusion {cid} can end in conflict: rules {r1.id} and "
                    f"{r2.id} both apply with different values when {shown or 'always'}")
    return report


def _fmt(v: Any) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def _satisfiable(program: Program, rule: Rule) -> bool:
    atoms: dict[str, tuple[Any, ...]] = {}
    _atoms(rule, rule.when, atoms)
    names = sorted(atoms)
    total = 1
    for n in names:
        total *= len(atoms[n])
    if total > MAX_ASSIGNMENTS:
        return True  # too large to refute exhaustively; assume it can fire
    world = _Atoms(names)
    compiled = _Compiled(program, rule, world)
    for combo in itertools.product(*(atoms[n] for n in names)):
        world.values = list(combo)
        if compiled.holds(world) is True:
            return True
    return False


def _exceptions(book: Rulebook, rules: list[Rule]) -> list[Rule]:
    """The rules given, then every rule that defeats one of them, and so on (an exception
    defeats only if it applies, which its own exceptions decide)."""
    out = list(rules)
    i = 0
    while i < len(out):
        rule = out[i]
        for r in book.rules.values():
            if r.spec.conclusion == rule.spec.conclusion and r is not rule and r not in out \
                    and (rule.id in r.spec.defeats or rule.spec.conclusion in r.spec.defeats):
                out.append(r)
        i += 1
    return out


def _conflict_witness(program: Program, r1: Rule, r2: Rule,
                      report: Report) -> tuple[Atom, ...] | None:
    book = program.rulebook
    involved = _exceptions(book, [r1, r2])
    atoms: dict[str, tuple[Any, ...]] = {}
    for r in involved:
        _atoms(r, r.when, atoms)
    names = sorted(atoms)
    total = 1
    for n in names:
        total *= len(atoms[n])
    if total > MAX_ASSIGNMENTS:
        report.notes.append(f"{r1.id} / {r2.id}: {total} combinations, more than "
                            f"{MAX_ASSIGNMENTS}; not checked")
        return None
    world = _Atoms(names)
    compiled = [_Compiled(program, r, world) for r in involved]
    defeaters = [[j for j, e in enumerate(involved) if e is not r and (
        r.id in e.spec.defeats or r.spec.conclusion in e.spec.defeats)] for r in involved]
    for combo in itertools.product(*(atoms[n] for n in names)):
        report.assignments += 1
        world.values = list(combo)
        applies = applicability([c.holds(world) for c in compiled], defeaters)
        if applies[0] is True and applies[1] is True:
            return tuple(zip(names, combo, strict=True))
    return None
