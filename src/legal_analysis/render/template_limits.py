"""What one rendering of a user's templates may use, and the running count against it.

A template is a program: it can loop, recurse and build values. :class:`Limits` names the time,
output, value sizes, numbers and nesting it may use; :class:`Budget` counts them during one
rendering and raises :class:`Refused` as soon as one is exceeded. The sizes of operations that
could build a large value in one step (``'x' * n``, ``'%9999999s' % v``, ``s.center(n)``, a join)
are estimated *before* the step, from the operands, so the value is never built.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import string
import time
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any

import jinja2
from jinja2.utils import Namespace


@dataclasses.dataclass(frozen=True)
class Limits:
    """The limits of one rendering (the numbers docs/templates.md gives)."""

    seconds: float = 10.0
    """Wall-clock time for the whole rendering."""
    output: int = 50_000_000
    """Characters of text written, counting text written inside macros and ``set`` blocks."""
    value: int = 5_000_000
    """Characters of one value a template builds or writes out (a list built counts 4 for each
    item besides the text of its strings; one written out, the text it writes)."""
    built: int = 50_000_000
    """Characters of all the values a template builds, added up, counted as for :attr:`value`."""
    depth: int = 50
    """Includes, imports, extends, macro calls and other calls nested inside one another."""
    digits: int = 4300
    """Digits of a number a template computes (Python's own limit for writing one out)."""
    template_bytes: int = 100_000
    """Bytes of one template file (Jinja takes about a second to compile 100,000 bytes of tags,
    in one step the clock cannot interrupt)."""

    @property
    def bits(self) -> int:
        """:attr:`digits` as bits (log2(10) = 3.3219…)."""
        return self.digits * 33219 // 10000 + 1


LIMITS = Limits()
"""The limits every rendering of a user's templates runs under."""


class Refused(jinja2.TemplateError):
    """A template went past one of its limits, or asked for a file it may not read."""


What = str | Callable[[], str]
"""What builds a value, for a message: words, or a function giving them (when they would cost
something to make and are needed only in a message)."""


def _said(what: What) -> str:
    return what if isinstance(what, str) else what()


_SIZED = (str, bytes, list, tuple, dict, set, frozenset)


def _new_size(value: str | bytes | list[Any] | tuple[Any, ...] | dict[Any, Any] | set[Any]
              | frozenset[Any]) -> int:
    """What a value just built takes, in characters: its text, or 4 for each item of a list or
    each key and value of a dict, besides the text of the strings among them (the other items
    are values already counted, or the memo's own)."""
    if isinstance(value, str | bytes):
        return len(value)
    items = (*value.keys(), *value.values()) if isinstance(value, dict) else value
    return sum(len(item) + 4 if type(item) is str else 4 for item in items)
_END = object()


class Budget:
    """The count of one rendering against its :class:`Limits`."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.written = 0
        self.built = 0
        self.depth = 0
        self._sizes: dict[int, tuple[object, int]] = {}

    def tick(self) -> None:
        """Refuse to go on once the time is up."""
        if time.monotonic() > self.deadline:
            raise Refused(f"the templates ran for more than {self.limits.seconds:g} seconds "
                          "(the limit; does a loop run far longer than meant?)")

    def write(self, text: str) -> str:
        """Count ``text`` written (at the top level or into a macro or ``set`` block)."""
        self.written += len(text)  # the clock is looked at by the loop or call writing it
        if self.written > self.limits.output:
            raise Refused(self.too_long)
        return text

    @property
    def too_long(self) -> str:
        return (f"the templates wrote more than {self.limits.output:,} characters (the limit "
                "for output, counting text written inside macros and blocks)")

    def fits(self, size: int, what: What, *, given: bool = False) -> None:
        """Refuse a value of ``size`` characters that ``what`` is about to build (or, when
        ``given``, that is ``what``: an argument, an expression to write out)."""
        if size > self.limits.value:
            verb = "is" if given else "would build"
            raise Refused(f"{_said(what)} {verb} a value of more than {self.limits.value:,} "
                          "characters (the limit for one value)")

    def build(self, value: Any, what: What) -> Any:
        """Count ``value``, just built by ``what``, and give it back."""
        if isinstance(value, _SIZED):
            size = _new_size(value)
            self.fits(size, what)
            self.built += size
            if self.built > self.limits.built:
                raise Refused(f"the templates built more than {self.limits.built:,} characters "
                              "of values in all (the limit)")
        elif isinstance(value, int):
            self.number(value.bit_length(), what)
        return value

    def number(self, bits: int, what: What) -> None:
        """Refuse a number of ``bits`` bits that ``what`` would make."""
        if bits > self.limits.bits:
            raise Refused(f"{_said(what)} would make a number of more than {self.limits.digits:,} "
                          "digits (the limit)")

    @property
    def too_deep(self) -> str:
        return (f"includes, imports and calls nested more than {self.limits.depth} deep "
                "(does a template include itself, or a macro call itself?)")

    def enter(self) -> None:
        """One call deeper (a macro, a block, any function)."""
        self.depth += 1
        if self.depth > self.limits.depth:
            raise Refused(self.too_deep)

    def leave(self) -> None:
        self.depth -= 1

    def measure(self, value: Any) -> int:
        """About how many characters ``value`` has when written out (its ``str``), counted
        without writing it; counting stops once past the limit for one value."""
        if type(value) is str:
            return len(value)
        size = _leaf_size(value)
        if size is not None:
            return size
        cap = self.limits.value
        total = 0
        path: set[int] = set()  # the containers being counted, to stop at a cycle
        stack: list[tuple[int, Iterator[Any]]] = [(0, iter((value,)))]
        while stack and total <= cap:
            item = next(stack[-1][1], _END)
            if item is _END:
                path.discard(stack.pop()[0])
                continue
            size = _leaf_size(item)
            if size is not None:
                total += size + 4  # quotes and ", "
            elif id(item) in path:
                total += 7
            elif (parts := _parts(item)) is not None:
                total += 4
                path.add(id(item))
                stack.append((id(item), parts))
            else:
                total += self._repr_size(item)
        return total

    def _repr_size(self, item: object) -> int:
        known = self._sizes.get(id(item))
        if known is None:
            if len(self._sizes) > 10_000:
                self._sizes.clear()
            known = self._sizes[id(item)] = (item, len(repr(item)))
        return known[1]


_LEAVES: dict[type, Callable[[Any], int]] = {
    str: len, bool: lambda _: 5, type(None): lambda _: 4, float: lambda _: 24,
    int: lambda n: n.bit_length() * 3 // 10 + 2, bytes: lambda b: 4 * len(b) + 3}


def _leaf_size(item: object) -> int | None:
    """The size of a string, number or None written out; None for anything else."""
    size = _LEAVES.get(type(item))
    if size is not None:
        return size(item)
    if isinstance(item, str):  # Markup and other subclasses
        return len(item)
    return None


def _parts(item: object) -> Iterator[Any] | None:
    """What a container holds (keys and values of a mapping), or None for anything else."""
    if isinstance(item, Namespace):
        item = item._Namespace__attrs  # its attributes, which it keeps in a private dict
    if isinstance(item, Mapping | ItemsView):
        pairs = item.items() if isinstance(item, Mapping) else item
        return (part for pair in pairs for part in pair)
    if isinstance(item, list | tuple | set | frozenset | KeysView | ValuesView):
        return iter(item)
    return None


# -- sizes of one step, estimated from its operands -----------------------------------------------

def _count(text: str | None, star: int) -> int:
    """A width or precision in a format: digits, or ``*`` (taken from the arguments)."""
    if not text:
        return 0
    if text == "*":
        return star
    return int(text) if len(text) < 12 else 10**12


_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?.", re.S)
_DIGITS = re.compile(r"\d+")


def _percent_fields(text: str) -> tuple[int, int, int]:
    """In a ``%`` format: how many conversions, the widths and precisions it writes in digits
    (added up), and how many it takes from the arguments (``*``)."""
    fields = fixed = stars = 0
    for m in _PERCENT.finditer(text):
        fields += 1
        stars += (m[1] == "*") + (m[2] == "*")
        fixed += _count(m[1], 0) + _count(m[2], 0)
    return fields, fixed, stars


_short_percent_fields = functools.lru_cache(maxsize=256)(_percent_fields)


def percent_size(fmt: str | bytes, values: Any, measure: Callable[[Any], int]) -> int:
    """Characters of ``fmt % values`` at most."""
    text = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
    fields, fixed, stars = (_short_percent_fields if len(text) < 100 else _percent_fields)(text)
    items = values if isinstance(values, tuple) else (values,)
    biggest = max(map(measure, items), default=0)
    widest = max((abs(v) for v in items if isinstance(v, int)), default=0) if stars else 0
    return len(text) + fields * biggest + fixed + stars * widest


def format_size(fmt: str, args: tuple[Any, ...], kwargs: Mapping[str, Any],
                measure: Callable[[Any], int]) -> int:
    """Characters of ``fmt.format(*args, **kwargs)`` at most."""
    values = (*args, *kwargs.values())
    biggest = max(map(measure, values), default=0)
    widest = max((abs(v) for v in values if isinstance(v, int)), default=0)
    size = 0
    for literal, field, spec, _ in string.Formatter().parse(fmt):
        size += len(literal)
        if field is not None:
            spec = spec or ""
            size += biggest + sum(_count(d, 0) for d in _DIGITS.findall(spec))
            size += widest * spec.count("{")
    return size


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) else default


def method_size(owner: str | bytes | int, name: str, args: tuple[Any, ...],
                kwargs: Mapping[str, Any], measure: Callable[[Any], int]) -> tuple[int, tuple[Any, ...]]:
    """The size the method ``name`` of ``owner`` would build, and its arguments (an iterable
    given to ``join`` is read into a list to be measured). 0 for a method that cannot grow."""
    given = [*args, *kwargs.values()]
    first = given[0] if given else None
    if isinstance(owner, int):
        return (_int(first) if name == "to_bytes" else 0), args
    n = len(owner)
    if name in ("center", "ljust", "rjust", "zfill"):
        return max(n, _int(first)), args
    if name == "expandtabs":
        tab = "\t" if isinstance(owner, str) else b"\t"
        return n + owner.count(tab) * _int(first, 8), args  # type: ignore[arg-type]
    kind = str if isinstance(owner, str) else bytes
    if name == "replace" and len(given) >= 2 and isinstance(given[0], kind):
        old, new = given[0], given[1]
        times = owner.count(old) if old else n + 1  # type: ignore[arg-type]
        if len(given) > 2 and _int(given[2], -1) >= 0:
            times = min(times, _int(given[2]))
        return n + times * measure(new), args
    if name == "join" and args:
        items = list(args[0])
        return sum(map(measure, items)) + n * len(items), (items, *args[1:])
    if name == "translate" and isinstance(first, Mapping):
        return n * max((measure(v) for v in first.values()), default=1), args
    if name == "format" and isinstance(owner, str):
        return format_size(owner, args, kwargs, measure), args
    if name == "format_map" and isinstance(owner, str) and isinstance(first, Mapping):
        return format_size(owner, (), first, measure), args
    return 0, args


_FILTER_OPTIONS: dict[str, tuple[tuple[str, Any], ...]] = {
    "center": (("width", 80),),
    "indent": (("width", 4), ("first", False), ("blank", False)),
    "wordwrap": (("width", 79), ("break_long_words", True), ("wrapstring", None),
                 ("break_on_hyphens", True)),
    "replace": (("old", None), ("new", None), ("count", None)),
    "join": (("d", ""), ("attribute", None)),
    "batch": (("linecount", 0), ("fill_with", None)),
    "slice": (("slices", 0), ("fill_with", None)),
    "tojson": (("indent", None),),
    "sum": (("attribute", None), ("start", 0)),
}
"""The filters that can build a value much larger than their arguments, with their options
after the value (names and defaults, as Jinja defines them)."""

GROWING_FILTERS = frozenset({*_FILTER_OPTIONS, "format"})
"""Filters whose result is estimated by :func:`filter_size` before they run."""


def filter_size(name: str, args: list[Any], kwargs: Mapping[str, Any], budget: Budget) -> int:
    """The size the filter ``name`` would build from ``args`` (the value first) and ``kwargs``.

    The value of ``join`` and ``sum`` is read into a list in ``args``, to be measured.
    """
    measure = budget.measure
    value = args[0]
    if name == "format":
        size = measure(value)  # before it is written out as the format
        if size > budget.limits.value:
            return size
        return percent_size(str(value), kwargs or tuple(args[1:]), measure)
    defaults = _FILTER_OPTIONS[name]
    options = dict(defaults)
    options.update(zip((key for key, _ in defaults), args[1:], strict=False))
    options.update(kwargs)
    if name == "center":
        return max(measure(value), _int(options["width"]))
    if name == "indent":
        width = options["width"]
        lines = value.count("\n") + 1 if isinstance(value, str) else measure(value)
        return measure(value) + lines * (width if isinstance(width, int) else measure(width))
    if name == "wordwrap":
        return measure(value) * (1 + measure(options["wrapstring"] or "\n"))
    if name == "replace" and isinstance(value, str):
        size, _ = method_size(value, "replace", (options["old"], options["new"],
                                                  _int(options["count"], -1)), {}, measure)
        return size
    if name in ("batch", "slice"):
        fill = options["fill_with"]
        count = _int(options["linecount" if name == "batch" else "slices"])
        return count * (4 + (0 if fill is None else measure(fill)))
    if name == "tojson":
        indent = options["indent"]
        return measure(value) * (1 + (len(indent) if isinstance(indent, str) else _int(indent)))
    if name not in ("join", "sum"):
        return 0
    items = args[0] = list(value)
    size = sum(map(measure, items))
    if name == "join":
        return size + measure(options["d"]) * len(items)
    start = options["start"]
    if isinstance(start, int | float):
        return 0
    size += measure(start)
    if size * len(items) > budget.limits.built:  # each step copies what came before
        raise Refused(f"'sum' of {len(items):,} sequences would copy more than "
                      f"{budget.limits.built:,} characters (the limit)")
    return size


STRUCTURAL_FILTERS = frozenset({
    "abs", "attr", "batch", "count", "d", "default", "dictsort", "first", "float", "groupby", "int",
    "items", "last", "length", "list", "map", "max", "min", "reject", "rejectattr", "reverse",
    "round", "select", "selectattr", "slice", "sort", "sum", "unique"})
"""Filters that do not write their arguments out as text; the others have them measured."""
