"""Turning a rule's condition into the source of one straight-line Python function.

A rule is bound to a scenario as a tuple of *slots* (:mod:`.plan`): for each path the rule
names, the index of a fact (or of a constant) in a world's value list ``V``. The generated
function reads those slots and returns the condition's truth in Kleene's three-valued logic,
computed as 0 (false), 1 (unknown) or 2 (true) and returned as ``False``, ``None`` or ``True``.

Three forms come from the same tree:

- *fast*: parts of an 'all' or an 'any' are read in order and reading stops at the first that
  settles it, exactly as the rule language specifies; an unknown fact whose value a test reads
  is recorded in ``R`` (an ordered set), which is how settling finds the facts to branch on;
- *traced*: every node is evaluated and its result written to ``N`` (by preorder number), and
  the subject each test on another conclusion asked about to ``Q``: what a derivation reads;
- *abstract* (for the rule checker): tests the checker cannot relate to one another read a
  true/false atom from an extra slot instead.

The functions never see a rule's text: operands, conclusion ids and roles are passed in a
constant table (``K``), so no string from a rule file is written into the source.

Why generated code rather than closures: measured on the home scenario's 362 rule instances
(``benchmarks/bench_compile.py``), closures with the same semantics (one per node of the
condition, the form the engine used before) take about 2.9 times as long as these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..facts import CERTAINTY_ORDER
from ..ruleset.conditions import All, Always, AnyOf, ConclusionTest, Condition, FactTest, Not

COMPARE_OPS: dict[str, str] = {
    "equals": "{x} == {k}", "not_equals": "{x} != {k}", "in": "{x} in {k}",
    "contains": "{k} in {x}", "before": "{x} < {k}", "after": "{x} > {k}",
    "on_or_before": "{x} <= {k}", "on_or_after": "{x} >= {k}", "gt": "{x} > {k}",
    "ge": "{x} >= {k}", "lt": "{x} < {k}", "le": "{x} <= {k}",
}
"""Each comparison as an expression over the fact's value ``x`` and the operand ``k``."""


class Source:
    """The source of a module of generated functions, and its table of constants."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: list[Any] = []
        self._index: dict[tuple[type, Any], int] = {}

    def constant(self, value: Any) -> str:
        """The name under which ``value`` is passed to the generated code."""
        try:
            key: tuple[type, Any] | None = (type(value), value)
            hash(key)
        except TypeError:
            key = None
        if key is not None and key in self._index:
            return f"K[{self._index[key]}]"
        self.constants.append(value)
        if key is not None:
            self._index[key] = len(self.constants) - 1
        return f"K[{len(self.constants) - 1}]"

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


class _Rule:
    """Generation state for one rule's function."""

    def __init__(self, source: Source, paths: Sequence[str],
                 roles: Callable[[str], list[str]], atoms: dict[int, int] | None = None) -> None:
        self.source = source
        self.slot = {p: f"s{i}" for i, p in enumerate(paths)}
        self.roles = roles
        self.atoms = atoms
        self.count = 0
        self.node = 0

    def fresh(self, stem: str) -> str:
        self.count += 1
        return f"{stem}{self.count}"

    def k(self, value: Any) -> str:
        return self.source.constant(value)


def emit_fast(source: Source, name: str, cond: Condition, paths: Sequence[str],
              roles: Callable[[str], list[str]], atoms: dict[int, int] | None = None) -> None:
    """A fast (or, with ``atoms``, abstract) function ``name(V, C, t, R, D, A)``.

    ``atoms`` maps the preorder number of a test to the index, in ``t``, of the slot holding
    its atom."""
    g = _Rule(source, paths, roles, atoms)
    body = _expr(g, cond)
    source.lines += [f"def {name}(V, C, t, R, D, A):", *_unpack(paths, atoms),
                     f"    return TRI[{body}]", ""]


def emit_traced(source: Source, name: str, cond: Condition, paths: Sequence[str],
                roles: Callable[[str], list[str]]) -> None:
    """A traced function ``name(V, C, t, R, D, A, N, Q)`` (see the module docstring)."""
    g = _Rule(source, paths, roles)
    lines: list[str] = []
    result = _traced(g, cond, lines)
    source.lines += [f"def {name}(V, C, t, R, D, A, N, Q):", *_unpack(paths, None),
                     *("    " + line for line in lines), f"    return TRI[{result}]", ""]


def _unpack(paths: Sequence[str], atoms: dict[int, int] | None) -> list[str]:
    """Unpack ``t``: a slot per path, then (abstract form) a slot per atom."""
    names = [f"s{i}" for i in range(len(paths))]
    names += [f"a{i}" for i in range(len(atoms or {}))]
    return [f"    {', '.join(names)}, = t"] if names else []


def _expr(g: _Rule, cond: Condition) -> str:
    """A fast expression of value 0, 1 or 2."""
    index = g.node
    g.node += 1
    if isinstance(cond, (All, AnyOf)):
        names = [g.fresh("p") for _ in cond.items]
        stop, other = ("0", "2") if isinstance(cond, All) else ("2", "0")
        parts = [f"{stop} if ({n} := {_expr(g, item)}) == {stop} else" for n, item in
                 zip(names, cond.items, strict=True)]
        unknown = " or ".join(f"{n} == 1" for n in names)
        return "(" + " ".join(parts) + f" (1 if {unknown} else {other}))"
    if isinstance(cond, Not):
        return f"(2 - {_expr(g, cond.item)})"
    if isinstance(cond, Always):
        return "2" if cond.value else "0"
    if g.atoms is not None and index in g.atoms:
        return f"(2 if V[a{g.atoms[index]}] is True else 0)"
    if isinstance(cond, FactTest):
        return _fact(g, cond)
    return _conclusion(g, cond)


def _read(slot: str, x: str) -> str:
    """A condition true when the slot's value (bound to ``x``) is unknown, which records the
    read; its value is 1 then."""
    return f"(({x} := V[{slot}]) is U and (R.setdefault({slot}) or 1))"


def _fact(g: _Rule, test: FactTest) -> str:
    if test.standard is None or g.atoms is not None:  # the checker's abstract form: values only
        return _fact_value(g, test)
    # a fact less sure than the test's standard is read as unknown (and recorded as read, so
    # that settling splits it: set, it counts as proved)
    s = g.slot[test.path]
    below = f"C[{s}] < {CERTAINTY_ORDER[test.standard]}"
    return f"(1 if ({below} and (R.setdefault({s}) or 1)) else {_fact_value(g, test)})"


def _fact_value(g: _Rule, test: FactTest) -> str:
    s = g.slot[test.path]
    op, operand = test.op, test.operand
    if op in ("known", "is_unknown"):
        want_unknown = operand if op == "is_unknown" else not operand
        return f"(2 if V[{s}] is U else 0)" if want_unknown else f"(0 if V[{s}] is U else 2)"
    x = g.fresh("x")
    if test.operand_path is not None:
        y = g.fresh("x")
        o = g.slot[test.operand_path]
        holds = f"{x} == {y}" if op == "same_as" else f"{y} in {x}"
        # both values are read before either is tested, as both may be unknown
        return (f"(1 if ({_read(s, x)}, {_read(o, y)}) != (False, False) "
                f"else (2 if {holds} else 0))")
    if op == "certainty_at_least":
        return f"(1 if {_read(s, x)} else (2 if C[{s}] >= {CERTAINTY_ORDER[operand]} else 0))"
    k = "A" if operand == "as_of" else g.k(operand)
    holds = COMPARE_OPS[op].format(x=x, k=k)
    return f"(1 if {_read(s, x)} else (2 if {holds} else 0))"


def _conclusion(g: _Rule, test: ConclusionTest) -> str:
    given = dict(test.subject)
    roles = g.roles(test.conclusion)
    names = [g.fresh("y") for _ in roles]
    reads = " or ".join(_read(g.slot[given[r]], n) for r, n in zip(roles, names, strict=True))
    subject = "(" + "".join(f"({g.k(r)}, str({n}))," for r, n in zip(roles, names,
                                                                      strict=True)) + ")"
    d = g.fresh("d")
    call = f"({d} := D({g.k(test.conclusion)}, {subject}))"
    return f"(1 if {reads} else {_verdict(g, test, d, call)})"


def _verdict(g: _Rule, test: ConclusionTest, d: str, call: str) -> str:
    """What a test on another conclusion finds, given the decision bound to ``d`` by ``call``."""
    if test.op == "is_unknown":
        return f"(2 if ({call}.status is not EST) == {bool(test.operand)} else 0)"
    k = g.k(test.operand)
    holds = {"equals": f"{d}.value == {k}", "in": f"{d}.value in {k}",
             "contains": f"{k} in {d}.value"}[test.op]
    return f"((2 if {holds} else 0) if {call}.status is EST else 1)"


def _traced(g: _Rule, cond: Condition, lines: list[str]) -> str:
    """Statements that evaluate every node of ``cond`` and record it; the node's variable."""
    index = g.node
    g.node += 1
    n = f"n{index}"
    if isinstance(cond, (All, AnyOf)):
        children = [_traced(g, item, lines) for item in cond.items]
        stop, other = ("0", "2") if isinstance(cond, All) else ("2", "0")
        hit = " or ".join(f"{c} == {stop}" for c in children)
        unknown = " or ".join(f"{c} == 1" for c in children)
        lines.append(f"{n} = {stop} if {hit} else (1 if {unknown} else {other})")
    elif isinstance(cond, Not):
        lines.append(f"{n} = 2 - {_traced(g, cond.item, lines)}")
    elif isinstance(cond, Always):
        lines.append(f"{n} = {'2' if cond.value else '0'}")
    elif isinstance(cond, FactTest):
        lines.append(f"{n} = {_fact(g, cond)}")
    else:
        given = dict(cond.subject)
        roles = g.roles(cond.conclusion)
        names = [g.fresh("y") for _ in roles]
        reads = " or ".join(_read(g.slot[given[r]], y) for r, y in zip(roles, names,
                                                                       strict=True))
        subject = "(" + "".join(f"({g.k(r)}, str({y}))," for r, y in zip(roles, names,
                                                                         strict=True)) + ")"
        d = g.fresh("d")
        lines += [f"if {reads}:", f"    Q[{index}] = None", f"    {n} = 1", "else:",
                  f"    Q[{index}] = ({g.k(cond.conclusion)}, {subject})",
                  f"    {n} = {_verdict(g, cond, d, f'({d} := D(*Q[{index}]))')}"]
    lines.append(f"N[{index}] = TRI[{n}]")
    return n
