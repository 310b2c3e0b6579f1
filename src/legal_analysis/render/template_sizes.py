"""The size a step of a template would build, estimated before the step from its operands.

``'x' * n``, ``'%9999999s' % v``, ``'{:>9999999}'.format(v)``, ``s.center(n)``, ``s.replace(a,
b)``, a join and the filters that can grow text could each build a value far larger than what
they are given, in one step; :class:`~.template_sandbox.Sandbox` asks these functions first and
refuses the step when the answer passes the limit for one value. The estimates are upper bounds
(for a format, every field counted as wide as the widest argument) and cost little next to the
step itself.
"""

from __future__ import annotations

import codecs
import functools
import re
import string
from collections.abc import Callable, Mapping
from typing import Any

from .template_limits import Budget, Refused


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


_SLOW_CODECS = frozenset({"punycode", "idna"})
"""Text encodings written in Python whose time grows faster than the text (8,000 different
letters take punycode ten seconds)."""


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
    if name in ("encode", "decode"):
        encoding = args[0] if args else kwargs.get("encoding", "utf-8")
        if not isinstance(encoding, str):
            return 0, args  # the method says what is wrong
        if codecs.lookup(encoding).name in _SLOW_CODECS:
            raise Refused(f"the encoding {encoding!r} is not available to templates (its time "
                          "grows with the square of the text)")
        return 0, args
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
    "round": (("precision", 0), ("method", "common")),
}
"""The filters that can build a value much larger than their arguments (or a number with as
many digits as they are told), with their options after the value (names and defaults, as Jinja
defines them)."""

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
    if name == "round":  # Python computes 10 ** precision, which has that many digits
        if abs(_int(options["precision"])) > budget.limits.digits:
            raise Refused(f"the filter 'round' would make a number of more than "
                          f"{budget.limits.digits:,} digits (the limit)")
        return 0
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
