"""The project's own depth check of a YAML or JSON text, run before any parser sees it.

A parser has limits of its own, and each version words them its own way (PyYAML's libyaml parser
now stops flow collections nested about a thousand deep with "exceeded maximum nesting depth"). The
project promises one message, ``the document is nested too deeply``, whatever version is installed,
so this scan finds flow collections (``[`` and ``{``) nested deeper than the limit first.

The scan is lexical: it skips quoted scalars and comments, and counts a bracket only where it can
open a collection (inside a flow collection, or where a value starts). It is run only when the text
holds more brackets than the limit, so an ordinary file costs one ``str.count``.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(r"[\"'#\[\]{}\n\\]")
_VALUE_START = frozenset(" \t\n:,-[{?")


def _before(text: str, i: int) -> str:
    """The character before ``i`` (``"\\n"`` at the start of the text)."""
    return text[i - 1] if i > 0 else "\n"


def _opens_value(text: str, i: int) -> bool:
    """Whether a character at ``i`` stands where a value (or key) may start."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in _VALUE_START


def too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """The 1-based line and column of the first flow collection deeper than ``limit``, or None.

    >>> too_deep("[" * 5 + "]" * 5, 4)
    (1, 5)
    >>> too_deep("a: '[[[[[[' # [[[[[\\nb: [x, {y: z}]", 2) is None
    True
    >>> too_deep("name: a[b[c[d[e", 2) is None
    True
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    quote = ""
    skip_to = -1
    for match in _TOKENS.finditer(text):
        i = match.start()
        if i < skip_to:
            continue
        ch = match.group()
        if quote == '"':
            if ch == "\\":
                skip_to = i + 2
            elif ch == '"':
                quote = ""
            continue
        if quote == "'":
            if ch == "'":
                if text.startswith("'", i + 1):
                    skip_to = i + 2
                else:
                    quote = ""
            continue
        if ch in "\"'":
            if depth or _opens_value(text, i):
                quote = ch
        elif ch == "#":
            if _before(text, i) in " \t\n":
                end = text.find("\n", i)
                skip_to = len(text) if end < 0 else end
        elif ch in "[{":
            if depth or _opens_value(text, i):
                depth += 1
                if depth > limit:
                    line = text.count("\n", 0, i) + 1
                    return line, i - (text.rfind("\n", 0, i) + 1) + 1
        elif ch in "]}" and depth:
            depth -= 1
    return None
