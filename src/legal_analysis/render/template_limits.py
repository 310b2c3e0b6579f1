"""What one rendering of a user's templates may use, and the running count against it.

A template is a program: it can loop, recurse and build values. :class:`Limits` names the time,
output, value sizes, numbers and nesting it may use; :class:`Budget` counts them during one
rendering and raises :class:`Refused` as soon as one is exceeded; :meth:`Budget.measure` tells
how long a value would be written out, without writing it. (:mod:`.template_sizes` estimates
what one step would build before it is taken.)
"""

from __future__ import annotations

import dataclasses
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
