"""Text made safe to show: control characters written as visible escapes.

A name in a scenario may hold any character, among them ESC (which starts a terminal's colour and
cursor commands), a vertical tab or a C1 control. Written raw to a terminal they recolour or move
the text that follows; in XML (an SVG diagram, a Word file) most of them are not allowed at all.
Every piece of text the command line prints, and every text memo and picture, goes through
:func:`visible` (or :func:`visible_json` for JSON), which writes each control character as an
escape such as ``\\x1b``.
"""

from __future__ import annotations

import re
from functools import cache

_CONTROLS = "".join(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)))
"""The C0 controls, DEL and the C1 controls."""
_SURROGATES = "\ud800-\udfff"
"""Halves of UTF-16 pairs, which no text encoding can write: Python reads an undecodable byte
of a file name given on the command line as one of them (``\\xff`` as U+DCFF)."""


@cache
def _pattern(keep: str) -> re.Pattern[str]:
    chars = "".join(c for c in _CONTROLS if c not in keep)
    return re.compile(f"[{re.escape(chars)}{_SURROGATES}]")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "\t\n") -> str:
    """``text`` with every control character but those in ``keep`` (tab and newline, unless
    told) written as a ``\\xNN`` escape, and a lone surrogate as ``\\uDCNN``.

    >>> visible("Red" + chr(0x1B) + "[31mland" + chr(0x0B) + "!")
    'Red\\\\x1b[31mland\\\\x0b!'
    >>> visible("two" + chr(10) + "lines"), visible("a" + chr(10) + "b", keep="")
    ('two\\nlines', 'a\\\\x0ab')
    """
    return _pattern(keep).sub(lambda m: _escape(m.group()), text)


_JSON_RAW = re.compile(f"[\x7f-\x9f{_SURROGATES}]")


def visible_json(text: str) -> str:
    """JSON text (from :func:`json.dumps`, which escapes C0 controls but leaves DEL, the C1
    controls and lone surrogates as they are) with those written as ``\\u`` escapes: the same
    JSON value, with nothing in it that a terminal would act on or an encoder refuse.

    >>> visible_json('{"name": "a' + chr(0x85) + '"}')
    '{"name": "a\\\\u0085"}'
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
