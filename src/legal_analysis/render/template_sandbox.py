"""The sandbox a user's memo templates run in: Jinja's, with the limits of :mod:`.template_limits`.

:class:`Sandbox` is Jinja's immutable sandbox (no Python internals, no changing the memo or any
list or dict) that also counts what a template does against a :class:`~.template_limits.Budget`.
The checks are cooperative, with no thread or signal: the clock and the sizes are looked at in
the sandbox's own hooks (every call, item lookup, arithmetic operator, filter, test and template
loaded), at every step of a ``for`` loop, in every ``~`` and for every piece of text written.
A compiled template reaches the last three through :class:`CountingCodeGenerator`. Attribute
lookups are not timed: they are the commonest step and cannot run long by themselves.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Iterator
from types import BuiltinMethodType, FunctionType, MethodType
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .template_limits import Budget, Limits, Refused
from .template_sizes import (
    GROWING_FILTERS,
    STRUCTURAL_FILTERS,
    filter_size,
    method_size,
    percent_size,
)

_METHODS = (MethodType, BuiltinMethodType)
_CONTAINERS = (dict, list, tuple, set, frozenset)
"""Types whose methods (``get``, ``index``, ``count``…) cannot build a value larger than their
arguments and the container."""
_JINJA_KEYWORDS = frozenset({"_loop_vars", "_block_vars"})
"""What Jinja passes to every call inside a loop or block (the variables set there)."""
_HELPERS = "legal_analysis."
"""The module of the functions the memo's renderers give a template (``fn``, ``pad``…)."""
_UNSET_GLOBALS = ("lipsum",)
"""Jinja globals a user's template does not get: ``lipsum`` writes random text."""
_UNSET_FILTERS = ("random",)
"""Jinja filters a user's template does not get: ``random`` would make the memo differ from one
run to the next."""


class Steps:
    """An iterable stepped through with the clock checked at every step (a ``for`` loop's)."""

    __slots__ = ("_budget", "_iterable", "_iterator")

    def __init__(self, iterable: Iterable[Any], budget: Budget) -> None:
        self._iterable = iterable
        self._iterator: Iterator[Any] = iter(())
        self._budget = budget

    def __iter__(self) -> Steps:
        self._iterator = iter(self._iterable)
        return self

    def __next__(self) -> Any:
        self._budget.tick()
        return next(self._iterator)

    def __len__(self) -> int:  # for loop.length and loop.last; TypeError when not sized
        return len(self._iterable)  # type: ignore[arg-type]


def _number(value: Any) -> int:
    """The size of a number, or of text that is a number ('12'), given as a count; 0 else."""
    if isinstance(value, str) and len(value) < 30 and value.strip().lstrip("+-").isdigit():
        value = int(value)
    return abs(value) if isinstance(value, int) else 0


STEPS = "_steps"
"""The filter each ``for`` loop's iterable is put through (:meth:`Sandbox.steps`)."""


class CountingCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every loop, ``~`` and piece of output going through the
    :class:`Sandbox`'s counting hooks."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):  # before the filters a template uses are listed
            loop.iter = nodes.Filter(loop.iter, STEPS, [], [], None, None, lineno=loop.lineno)
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.concatenated({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def _output_const_repr(self, group: Iterable[Any]) -> str:
        return f"environment.written({super()._output_const_repr(group)})"

    def _output_child_pre(self, node: nodes.Expr, frame: Frame,
                          finalize: CodeGenerator._FinalizeInfo) -> None:
        self.write("environment.written(")
        super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame,
                           finalize: CodeGenerator._FinalizeInfo) -> None:
        super()._output_child_post(node, frame, finalize)
        self.write(")")


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, counting time, output, sizes and nesting against limits."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = CountingCodeGenerator

    def __init__(self, limits: Limits, **options: Any) -> None:
        self.user_finalize: Callable[[Any], Any] | None = options.pop("finalize", None)
        super().__init__(**options)
        self.limits = limits
        self.restart()
        self._safe: dict[tuple[type, str], bool] = {}
        self.finalize = self._finalize
        for name in _UNSET_GLOBALS:
            self.globals.pop(name, None)
        self.filters = {name: self._counted_filter(name, f) for name, f in self.filters.items()
                        if name not in _UNSET_FILTERS}
        self.filters[STEPS] = self.steps
        self.tests = {name: self._ticking(f) for name, f in self.tests.items()}

    def restart(self) -> None:
        """A fresh budget for the next rendering."""
        self.budget = Budget(self.limits)
        self.written = self.budget.write
        """A piece of text written, counted (:class:`CountingCodeGenerator` writes a call for
        every piece, at the top level of a template or into a macro or block)."""

    # -- hooks Jinja's sandbox provides ----------------------------------------------------------

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = self.budget
        budget.tick()
        if not self.is_safe_callable(obj):
            raise SecurityError(f"{obj!r} is not safely callable")
        # str.format comes wrapped by the sandbox
        target = obj.__dict__.get("__wrapped__", obj) if isinstance(obj, FunctionType) else obj
        owner = target.__self__ if isinstance(target, _METHODS) else None

        def what() -> str:
            return f"{getattr(target, '__name__', 'the call')}()"

        if isinstance(owner, str | bytes | int):
            size, args = method_size(owner, target.__name__, args, kwargs, budget.measure)
            budget.fits(size, what)
        elif isinstance(obj, LoopContext):  # loop(children) in a recursive loop
            args = (Steps(args[0], budget), *args[1:]) if args else args
        elif not isinstance(obj, Macro | BlockReference) and not isinstance(owner, _CONTAINERS):
            helper = str(getattr(target, "__module__", "")).startswith(_HELPERS)
            for arg in (*args, *(v for k, v in kwargs.items() if k not in _JINJA_KEYWORDS)):
                budget.fits(budget.measure(arg), lambda: f"an argument to {what()}", given=True)
                if helper and _number(arg) > budget.limits.value:  # pad(depth) and the like
                    raise Refused(f"{what()} was given a count of more than "
                                  f"{budget.limits.value:,} (the limit for one value)")
        budget.enter()
        try:
            result = context.call(obj, *args, **kwargs)
        finally:
            budget.leave()
        return budget.build(result, what)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's answer, which turns on the type of ``obj`` and the name alone, remembered."""
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.tick()  # also each item a filter such as sort(attribute=…) looks at
        return super().getitem(obj, argument)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget = self.budget
        budget.tick()
        what = f"'{operator}'"
        numbers = isinstance(left, int) and isinstance(right, int)
        if operator == "*" and numbers:
            budget.number(left.bit_length() + right.bit_length(), what)
        elif operator == "*":
            count, seq = (right, left) if isinstance(right, int) else (left, right)
            if isinstance(count, int) and isinstance(seq, str | bytes | list | tuple):
                budget.fits(budget.measure(seq) * max(count, 0), what)
        elif operator == "**" and numbers and right > 0 and abs(left) > 1:
            budget.number(left.bit_length() * min(right, budget.limits.bits + 1), what)
        elif operator == "%" and isinstance(left, str | bytes):
            budget.fits(percent_size(left, right, budget.measure), what)
        elif operator == "+" and not numbers:
            budget.fits(budget.measure(left) + budget.measure(right), what)
        return budget.build(super().call_binop(context, operator, left, right), what)

    def get_template(self, name: Any, parent: str | None = None,
                     globals: Any = None) -> jinja2.Template:
        """A template to render (the memo's), include, import or extend; refused when templates
        are already nested as deep as the limit."""
        self._check_nesting()
        return super().get_template(name, parent, globals)

    def select_template(self, names: Any, parent: str | None = None,
                        globals: Any = None) -> jinja2.Template:
        """The first of ``names`` there is (``{% include [a, b] %}``), as :meth:`get_template`."""
        self._check_nesting()
        return super().select_template(names, parent, globals)

    # -- hooks the counting code generator adds ---------------------------------------------------

    def steps(self, iterable: Iterable[Any]) -> Steps:
        """A ``for`` loop's iterable, with the clock checked at every step."""
        return Steps(iterable, self.budget)

    def concatenated(self, join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]) -> str:
        """``a ~ b ~ …``, refused before it is built when it would be too long."""
        budget = self.budget
        budget.fits(sum(map(budget.measure, parts)), "'~'")
        return budget.build(join(parts), "'~'")  # type: ignore[no-any-return]

    def _finalize(self, value: Any) -> Any:
        """Every ``{{ expression }}``: refused before it is written out when too long."""
        if not isinstance(value, str):
            self.budget.fits(self.budget.measure(value), "an expression to write out", given=True)
        return value if self.user_finalize is None else self.user_finalize(value)

    # -- the rest --------------------------------------------------------------------------------

    def _check_nesting(self) -> None:
        """Count the templates, blocks and macros running one inside another (their frames on
        the stack), so that a template that includes or imports itself stops at the limit."""
        self.budget.tick()
        depth = 0
        frame = sys._getframe(2)
        while frame is not None:
            depth += "__jinja_template__" in frame.f_globals
            frame = frame.f_back  # type: ignore[assignment]
        if depth >= self.limits.depth:
            raise Refused(self.budget.too_deep)

    def _counted_filter(self, name: str, f: Callable[..., Any]) -> Callable[..., Any]:
        what = f"the filter '{name}'"
        argument = f"an argument to {what}"
        growing = name in GROWING_FILTERS
        skip = 1 if getattr(f, "jinja_pass_arg", None) is not None else 0  # context, environment
        text = name not in STRUCTURAL_FILTERS and not growing  # (growing ones measure their own)

        @functools.wraps(f)
        def counted(*args: Any, **kwargs: Any) -> Any:
            budget = self.budget
            budget.tick()
            if text:
                for arg in (*args[skip:], *kwargs.values()):
                    budget.fits(budget.measure(arg), argument, given=True)
            if growing and len(args) > skip:
                given = list(args[skip:])
                budget.fits(filter_size(name, given, kwargs, budget), what)
                args = (*args[:skip], *given)
            return budget.build(f(*args, **kwargs), what)

        return counted

    def _ticking(self, f: Any) -> Any:
        @functools.wraps(f)
        def ticking(*args: Any, **kwargs: Any) -> Any:
            self.budget.tick()
            return f(*args, **kwargs)

        return ticking
