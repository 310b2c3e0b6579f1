"""The compiled rule base: every rule's condition as generated Python (see :mod:`.codegen`),
compiled once per rule base and process, and the plans that bind it to scenarios.

:func:`program_for` gives the :class:`Program` of a loaded rule base, compiling it the first
time; :mod:`.cache` keeps compiled programs on disk, keyed by the rule files' contents, so that a
fresh process need not compile again.
"""

from __future__ import annotations

import marshal
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from types import CodeType
from typing import Any

from ..core import UNKNOWN
from ..ruleset.conditions import ConclusionTest, FactTest, preorder
from ..ruleset.loading import Rule, Rulebook
from .codegen import Source, emit_fast, emit_traced
from .decision import DecisionStatus

Fast = Callable[..., bool | None]
"""A generated condition: ``(V, C, t, R, D, A) -> True | False | None``."""

PLANS_KEPT = 64
"""Plans (bindings for one scenario structure) a program keeps, most recently used first."""


@dataclass(frozen=True)
class RuleCode:
    """One rule as compiled: its paths in the order of a binding's slots, and its functions."""

    rule: Rule
    index: int
    paths: tuple[str, ...]
    check: Fast
    traced: Callable[..., bool | None]
    where: Fast | None
    value_slot: int | None
    """The position in ``paths`` of the path the rule takes its value from, if any."""

    @property
    def id(self) -> str:
        return self.rule.id


@dataclass(frozen=True)
class Compiled:
    """A rule base's generated module: its code object and its table of constants (both
    storable: code with :mod:`marshal`, constants with :mod:`pickle`)."""

    code: bytes
    constants: tuple[Any, ...]
    names: tuple[tuple[str, str, str], ...]
    """For each rule, the names of its fast, traced and where functions."""


def generate(book: Rulebook) -> Compiled:
    """Generate and compile the functions of every rule of ``book``."""
    source = Source()
    names: list[tuple[str, str, str]] = []

    def roles(cid: str) -> list[str]:
        return list(book.conclusions[cid].spec.subject)

    for i, rule in enumerate(book.rules.values()):
        paths = list(rule.paths)
        emit_fast(source, f"r{i}", rule.when, paths, roles)
        emit_traced(source, f"t{i}", rule.when, paths, roles)
        where = ""
        if rule.where is not None:
            where = f"w{i}"
            emit_fast(source, where, rule.where, paths, roles)
        names.append((f"r{i}", f"t{i}", where))
    code = compile(source.text(), "<legal_analysis rules>", "exec")
    return Compiled(marshal.dumps(code), tuple(source.constants), tuple(names))


def namespace(constants: tuple[Any, ...]) -> dict[str, Any]:
    """The globals generated code runs with."""
    return {"__builtins__": {"str": str}, "U": UNKNOWN, "TRI": (False, None, True),
            "EST": DecisionStatus.ESTABLISHED, "K": constants}


class Program:
    """A rule base compiled: each rule's functions, and the plans binding it to scenarios."""

    def __init__(self, book: Rulebook, compiled: Compiled | None = None) -> None:
        self.rulebook = book
        self.compiled = compiled if compiled is not None else generate(book)
        code = marshal.loads(self.compiled.code)
        assert isinstance(code, CodeType)
        env = namespace(self.compiled.constants)
        exec(code, env)  # the module generated above: function definitions only
        self.rules: list[RuleCode] = []
        for i, (rule, (fast, traced, where)) in enumerate(zip(book.rules.values(),
                                                              self.compiled.names, strict=True)):
            paths = tuple(rule.paths)
            value_slot = paths.index(rule.spec.value_from) if rule.spec.value_from else None
            self.rules.append(RuleCode(rule, i, paths, env[fast], env[traced],
                                       env[where] if where else None, value_slot))
        self.by_id = {r.id: r for r in self.rules}
        self.order = tuple(sorted(book.conclusions,
                                  key=lambda c: (book.conclusions[c].spec.order, c)))
        """Conclusion ids in the order an analysis lists them."""
        self.plans: OrderedDict[Any, Any] = OrderedDict()
        self.memo: dict[Any, Any] = {}
        """Values that depend on the rule base alone (the authorities cited for a set of
        rules), computed once."""
        self._abstract: dict[str, Fast] = {}

    def abstract(self, rule: Rule, atoms: dict[int, int]) -> Fast:
        """The rule's condition with the tests numbered in ``atoms`` read from atom slots, for
        the rule checker (compiled when first asked for)."""
        key = f"{rule.id}/{sorted(atoms.items())}"
        fn = self._abstract.get(key)
        if fn is None:
            source = Source()
            book = self.rulebook
            emit_fast(source, "f", rule.when, list(rule.paths),
                      lambda c: list(book.conclusions[c].spec.subject), atoms)
            env = namespace(tuple(source.constants))
            exec(compile(source.text(), "<legal_analysis checker>", "exec"), env)
            fn = self._abstract[key] = env["f"]
        return fn


def atom_tests(rule: Rule, value_test: Callable[[FactTest], bool]) -> dict[int, int]:
    """The tests of a rule's condition the checker treats as atoms (all but the value tests it
    can relate across rules), numbered by preorder, each with its position among the atoms."""
    out: dict[int, int] = {}
    for i, node in enumerate(preorder(rule.when)):
        if isinstance(node, ConclusionTest) or (isinstance(node, FactTest)
                                                and not value_test(node)):
            out[i] = len(out)
    return out


_PROGRAMS: dict[int, tuple[Rulebook, Program]] = {}


def program_for(book: Rulebook) -> Program:
    """The compiled program of a loaded rule base (compiled once per rule base and process)."""
    found = _PROGRAMS.get(id(book))
    if found is not None and found[0] is book:
        return found[1]
    program = Program(book)
    register(program)
    return program


def register(program: Program) -> None:
    """Remember a program for its rule base (one loaded from the disk cache, say)."""
    if len(_PROGRAMS) > 16:
        _PROGRAMS.clear()
    _PROGRAMS[id(program.rulebook)] = (program.rulebook, program)
