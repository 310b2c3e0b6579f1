"""Turning one YAML or JSON scalar into a value, with the project's own checks first.

PyYAML's constructors raise bare Python errors for values they cannot build (a day the calendar
does not have, an integer past Python's 4,300-digit conversion limit, an explicit ``!!int`` on a
word), and word a refused tag their own way. Here every such value is checked before it is
converted, and a problem is a :class:`BadScalar` (what is wrong and what is expected) that the
document builder turns into one located line.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from .dates import impossible_date

MAX_DIGITS = 4_300
"""Most digits a number may have (Python converts text of at most this many digits to an int)."""
_TOO_BIG = 10 ** MAX_DIGITS

_TAG = "tag:yaml.org,2002:"
_BUILT = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
"""Tags of the values a document may hold."""
_AS_TEXT = frozenset(_TAG + t for t in ("merge", "value", "yaml"))
"""Tags YAML 1.1 gives to the plain words '<<', '=' and the like, which are read as text."""
_NOUNS = {_TAG + "int": "a whole number", _TAG + "float": "a number", _TAG + "bool": "true or false",
          _TAG + "timestamp": "a date", _TAG + "null": "null", _TAG + "str": "text"}
_JSON_INT = re.compile(r"-?[0-9]+")
_TOO_LONG = f"a number of at most {MAX_DIGITS:,} digits"


class BadScalar(Exception):
    """A scalar that cannot become a value: what is wrong and, if known, what is expected."""

    def __init__(self, message: str, expected: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected


def _too_long(digits: int) -> BadScalar:
    return BadScalar(f"a number too long: {digits:,} digits, more than the limit of "
                     f"{MAX_DIGITS:,}", _TOO_LONG)


def json_scalar(text: str) -> Any:
    """A plain JSON scalar (a number, true, false or null) as JSON reads it.

    >>> json_scalar("1e4"), json_scalar("null")
    (10000.0, None)
    """
    if _JSON_INT.fullmatch(text) and len(text.lstrip("-")) > MAX_DIGITS:
        raise _too_long(len(text.lstrip("-")))
    return json.loads(text)


def lenient_int(text: str) -> int:
    """An integer of a JSON text being checked for syntax only: one too long to convert stands
    as 0 (the document builder refuses it later, with its line and column)."""
    return int(text) if len(text.lstrip("-")) <= MAX_DIGITS else 0


def yaml_scalar(node: yaml.ScalarNode, constructor: yaml.constructor.SafeConstructor) -> Any:
    """The value of a YAML scalar node whose tag is resolved; :class:`BadScalar` if it has none."""
    tag = node.tag
    if tag in _AS_TEXT:
        return str(node.value)
    if tag == _TAG + "binary":
        raise BadScalar("binary values are not supported", "text")
    if tag not in _BUILT:
        raise BadScalar(f"the tag {tag!r} is not allowed", "plain values, without tags")
    if tag == _TAG + "int":
        digits = len(re.sub(r"[-+_:]", "", node.value))  # 1_000, 0x1f, 1:30 (sexagesimal)
        if digits > MAX_DIGITS:
            raise _too_long(digits)
    elif tag == _TAG + "timestamp" and (impossible := impossible_date(node.value)) is not None:
        raise BadScalar(*impossible)
    try:
        value = constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, KeyError, AttributeError, TypeError,
            yaml.constructor.ConstructorError):  # an explicit tag on a value it does not fit
        raise BadScalar(f"cannot read {node.value!r} as {_NOUNS[tag]}", _NOUNS[tag]) from None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _TOO_BIG:
        raise _too_long(int(value.bit_length() * 0.30103) + 1)  # about that many digits
    return value
