"""Static checks of a loaded rule base (``legal-analysis rules check``).

Loading already rejects unknown facts, conclusions, sources and quotations, and cycles. The
checker adds what needs the whole rule base: rules that can never fire, rules without an
authority or a pinpoint (or with a pinpoint that names another source by its registry id),
exceptions that defeat each other in a loop, and conclusions that can end
in ``conflict``: for each pair of rules of equal rank with different values, every combination of
the finite-valued facts they (and their exceptions) read is tried, and a combination in which both
apply is reported as a witness.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from .conditions import All, Always, AnyOf, ConclusionTest, Condition, FactTest, Not, describe
from .loading import Rule, Rulebook

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


def _holds(rule: Rule, cond: Condition, env: dict[str, Any]) -> bool:
    if isinstance(cond, All):
        return all(_holds(rule, c, env) for c in cond.items)
    if isinstance(cond, AnyOf):
        return any(_holds(rule, c, env) for c in cond.items)
    if isinstance(cond, Not):
        return not _holds(rule, cond.item, env)
    if isinstance(cond, Always):
        return cond.value
    if isinstance(cond, ConclusionTest):
        return bool(env[describe(cond)])
    name, _domain = _atom_of(rule, cond)
    value = env[name]
    if not _is_value_test(rule, cond):
        return bool(value)
    if cond.op == "equals":
        return bool(value == cond.operand)
    if cond.op == "not_equals":
        return bool(value != cond.operand)
    return value in cond.operand


def _is_value_test(rule: Rule, cond: FactTest) -> bool:
    info = rule.paths[cond.path]
    return cond.op in ("equals", "not_equals", "in") and info.end.domain is not None


def _ids_named(text: str, book: Rulebook) -> list[str]:
    """The registered source ids that ``text`` contains as whole words (ids with a hyphen only:
    a one-word id such as ``cat`` may be an ordinary word of a pinpoint)."""
    words = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]", text))
    return sorted(i for i in book.registry.ids() if i in words and "-" in i)


def check_rulebook(book: Rulebook) -> Report:
    """Run every static check; see the module docstring."""
    report = Report(rules=len(book.rules), conclusions=len(book.conclusions))
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
        if not _satisfiable(rule, rule.when):
            report.errors.append(f"{rule.location}: rule {rule.id} can never fire: no "
                                 f"combination of facts satisfies {describe(rule.when)}")
    _check_defeat_loops(book, report)
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
            witness = _conflict_witness(book, r1, r2, report)
            if witness is not None:
                shown = ", ".join(f"{k}={_fmt(v)}" for k, v in witness)
                report.errors.append(
                    f"{r2.location}: conclusion {cid} can end in conflict: rules {r1.id} and "
                    f"{r2.id} both apply with different values when {shown or 'always'}")
    return report


def _fmt(v: Any) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def _satisfiable(rule: Rule, cond: Condition) -> bool:
    atoms: dict[str, tuple[Any, ...]] = {}
    _atoms(rule, cond, atoms)
    names = sorted(atoms)
    total = 1
    for n in names:
        total *= len(atoms[n])
    if total > MAX_ASSIGNMENTS:
        return True  # too large to refute exhaustively; assume it can fire
    for combo in itertools.product(*(atoms[n] for n in names)):
        if _holds(rule, cond, dict(zip(names, combo, strict=True))):
            return True
    return False


def _defeaters(book: Rulebook, rule: Rule) -> list[Rule]:
    return [r for r in book.rules.values()
            if r.spec.conclusion == rule.spec.conclusion and r is not rule
            and (rule.id in r.spec.defeats or rule.spec.conclusion in r.spec.defeats)]


def _conflict_witness(book: Rulebook, r1: Rule, r2: Rule, report: Report) -> tuple[Atom, ...] | None:
    d1, d2 = _defeaters(book, r1), _defeaters(book, r2)
    involved = [r1, r2, *d1, *d2]
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
    for combo in itertools.product(*(atoms[n] for n in names)):
        report.assignments += 1
        env = dict(zip(names, combo, strict=True))
        if _applies(r1, d1, env) and _applies(r2, d2, env):
            return tuple((n, env[n]) for n in names)
    return None


def _applies(rule: Rule, defeaters: list[Rule], env: dict[str, Any]) -> bool:
    if not _holds(rule, rule.when, env):
        return False
    return not any(_holds(d, d.when, env) for d in defeaters)


def _check_defeat_loops(book: Rulebook, report: Report) -> None:
    graph = {rid: [t for t in r.spec.defeats if t in book.rules] for rid, r in book.rules.items()}
    state: dict[str, int] = {}

    def visit(rid: str, path: list[str]) -> None:
        if state.get(rid) == 2:
            return
        if state.get(rid) == 1:
            loop = [*path[path.index(rid):], rid]
            report.errors.append(f"{book.rules[rid].location}: exceptions defeat each other in a "
                                 f"loop: {' → '.join(loop)}")
            return
        state[rid] = 1
        for t in graph[rid]:
            visit(t, [*path, t])
        state[rid] = 2

    for rid in sorted(graph):
        visit(rid, [rid])
