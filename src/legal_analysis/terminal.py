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


@cache
def _pattern(keep: str) -> re.Pattern[str]:
    chars = "".join(c for c in _CONTROLS if c not in keep)
    return re.compile(f"[{re.escape(chars)}]")


def visible(text: str, keep: str = "\t\n") -> str:
    """``text`` with every control character but those in ``keep`` (tab and newline, unless
    told) written as a ``\\xNN`` escape.

    >>> visible("Red" + chr(0x1B) + "[31mland" + chr(0x0B) + "!")
    'Red\\\\x1b[31mland\\\\x0b!'
    >>> visible("two" + chr(10) + "lines"), visible("a" + chr(10) + "b", keep="")
    ('two\\nlines', 'a\\\\x0ab')
    """
    return _pattern(keep).sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_JSON_RAW = re.compile("[\x7f-\x9f]")


def visible_json(text: str) -> str:
    """JSON text (from :func:`json.dumps`, which escapes C0 controls but leaves DEL and the C1
    controls as they are) with those written as ``\\u`` escapes: the same JSON value, with
    nothing in it that a terminal would act on.

    >>> visible_json('{"name": "a' + chr(0x85) + '"}')
    '{"name": "a\\\\u0085"}'
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
