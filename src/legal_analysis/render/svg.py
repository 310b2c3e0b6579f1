"""A small deterministic SVG writer: elements as text, every piece of text escaped.

Numbers are written with at most one decimal, attributes in the order given, so the same drawing
always gives the same bytes. Nothing here knows about memos; :mod:`.diagram` draws with it.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence

from ..terminal import visible

Attr = tuple[str, "str | float | int"]
"""One attribute: its name and its value (numbers are formatted by :func:`num`)."""


def num(value: float) -> str:
    """A number as SVG text: integers plain, others with one decimal.

    >>> num(3), num(2.25), num(-0.04), num(10.0)
    ('3', '2.2', '0', '10')
    """
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def escape(text: str) -> str:
    """Text escaped for SVG content and attribute values (``<``, ``>``, ``&``, quotes), control
    characters written as visible escapes (most are not allowed in XML at all).

    >>> escape('<script>"x" & y</script>')
    '&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;'
    >>> escape("Red" + chr(0x1B) + "[31m")
    'Red\\\\x1b[31m'
    """
    return html.escape(visible(text), quote=True)


def element(name: str, attrs: Sequence[Attr] = (), children: Sequence[str] = (),
            text: str | None = None) -> str:
    """One element: ``<name a="v">children or escaped text</name>``, or self-closed if empty.

    >>> element("rect", [("x", 1), ("width", 2.5)])
    '<rect x="1" width="2.5"/>'
    >>> element("text", [("x", 0)], text="a<b")
    '<text x="0">a&lt;b</text>'
    """
    parts = [name]
    for key, value in attrs:
        shown = num(value) if isinstance(value, int | float) else value
        parts.append(f'{key}="{escape(shown)}"')
    opening = " ".join(parts)
    if text is not None:
        return f"<{opening}>{escape(text)}</{name}>"
    if not children:
        return f"<{opening}/>"
    return f"<{opening}>" + "".join(children) + f"</{name}>"


def document(width: float, height: float, label: str, children: Sequence[str]) -> str:
    """A whole ``<svg>`` element, scalable, with an accessible title."""
    attrs: list[Attr] = [
        ("xmlns", "http://www.w3.org/2000/svg"),
        ("viewBox", f"0 0 {num(width)} {num(height)}"),
        ("width", width), ("height", height),
        ("role", "img"), ("aria-label", label),
        ("font-family", "Helvetica, Arial, sans-serif"), ("font-size", 12),
    ]
    return element("svg", attrs, [element("title", text=label), *children])


def wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped to lines of at most ``width`` characters (at least one line).

    >>> wrap("a party to the conflict", 10)
    ['a party to', 'the', 'conflict']
    >>> wrap("", 10)
    ['']
    """
    return textwrap.wrap(text, max(width, 4), break_long_words=True, break_on_hyphens=False) or [""]
