"""Checks of a document's text made before any parser reads it.

Where the project promises a message (a character YAML cannot hold, a JSON key YAML cannot read),
its own check runs first, so the message is located, says what is wrong, and reads the same under
every PyYAML version. JSON is read by the YAML parser (which keeps line numbers); a JSON string
may hold characters that YAML refuses (DEL, the C1 controls) or reads as line breaks (U+0085,
U+2028, U+2029): :func:`hide_from_yaml` swaps them for stand-ins the parser accepts, one character
for one so every column stays true, and the document builder puts them back.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import LegalAnalysisError, Location

MAX_KEY_CHARS = 1_000
"""Longest key a JSON document may have, in characters between its quotes."""
_SIMPLE_KEY_SPAN = 1_024
"""The YAML parser's limit on a key, from its first character to its ':'."""

NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character a YAML file may not hold (YAML's printable set, as PyYAML and libyaml apply it)."""
_HIDDEN_IN_JSON = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd"
                             "\U00010000-\U0010ffff]")
"""What a JSON string may hold but YAML refuses or reads as a line break."""
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"(?P<gap>[ \t\r\n]*)(?P<colon>:)?')
_STAND_INS = 0xF0000
"""First of the private-use characters that stand in for hidden ones."""


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``.

    >>> position("ab\\ncd", 4)
    (2, 2)
    """
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def check_characters(text: str, name: str, error: type[LegalAnalysisError]) -> None:
    """Refuse the first character of a YAML text that YAML does not allow (a control character
    such as DEL or U+0090), with its line and column."""
    bad = NOT_YAML.search(text)
    if bad is None:
        return
    char = bad.group()
    code = f"U+{ord(char):04X}"
    what = f"the control character {code}" if unicodedata.category(char) == "Cc" \
        else f"the character {code}"
    escape = f"\\x{ord(char):02x}" if ord(char) <= 0xFF else f"\\u{ord(char):04x}"
    raise error(f"{what} is not allowed in a YAML file",
                location=Location(name, *position(text, bad.start())),
                expected=f'the character removed, or written as "{escape}" inside double quotes')


def check_json_keys(text: str, name: str, error: type[LegalAnalysisError]) -> None:
    """Refuse a key of a (valid) JSON text that the YAML parser could not read: longer than
    :data:`MAX_KEY_CHARS`, or with its ':' on another line or far after it."""
    for match in _JSON_STRING.finditer(text):
        if match.group("colon") is None:
            continue
        gap = match.group("gap")
        length = match.end() - match.start() - len(gap) - 3  # without the quotes and the ':'
        where = Location(name, *position(text, match.start()))
        if length > MAX_KEY_CHARS:
            raise error(f"the key is {length:,} characters long, more than the limit of "
                        f"{MAX_KEY_CHARS:,}", location=where,
                        expected="a short key: keys are ids and field names")
        if "\n" in gap or "\r" in gap:
            raise error("the ':' after this key stands on another line", location=where,
                        expected="the key and its ':' on one line")
        if match.end() - match.start() > _SIMPLE_KEY_SPAN:
            raise error(f"the ':' after this key stands more than {_SIMPLE_KEY_SPAN:,} "
                        "characters from the key's start", location=where,
                        expected="the key and its ':' close together")


def hide_from_yaml(text: str) -> tuple[str, dict[int, str]]:
    """A valid JSON text with every character YAML would refuse or fold swapped for a private-use
    stand-in absent from the text, and the table (for :meth:`str.translate`) that restores them.

    After strict JSON parsing such characters can only stand inside strings.

    >>> hidden, table = hide_from_yaml('{"a": "x\\x7fy"}')
    >>> hidden != '{"a": "x\\x7fy"}', hidden.translate(table) == '{"a": "x\\x7fy"}'
    (True, True)
    """
    found = sorted(set(_HIDDEN_IN_JSON.findall(text)))
    if not found:
        return text, {}
    present = set(text)
    stand_ins: dict[str, str] = {}
    code = _STAND_INS
    for char in found:
        while chr(code) in present:
            code += 1
        stand_ins[char] = chr(code)
        code += 1
    hidden = _HIDDEN_IN_JSON.sub(lambda m: stand_ins[m.group()], text)
    return hidden, {ord(stand_in): char for char, stand_in in stand_ins.items()}
