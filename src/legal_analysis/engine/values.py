"""Reading fact values typed on a command line (``--set KEY=VALUE``)."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping
from typing import Any

from ..facts import UNKNOWN
from .changes import check_changes, check_keys
from .world import FactIndex


def parse_value(text: str) -> Any:
    """``true`` → True, ``2025-04-28`` → a date, ``12`` → 12, ``a,b`` stays text.

    >>> parse_value("true"), parse_value("12"), parse_value("joint")
    (True, 12, 'joint')
    """
    low = text.strip().lower()
    if low in ("true", "yes"):
        return True
    if low in ("false", "no"):
        return False
    if low == UNKNOWN:
        return UNKNOWN
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        return int(text)
    except ValueError:
        return text.strip()


def parse_changes(index: FactIndex, raw: Mapping[str, str]) -> dict[str, Any]:
    """Changes for a what-if from ``KEY=VALUE`` text: each value read for its fact's type
    (text stays text; ``a,b`` is a list for a list fact; ``unknown`` is unknown), then checked
    as a scenario file's value is (:func:`.changes.check_changes`)."""
    check_keys(index, raw)
    out: dict[str, Any] = {}
    for key, text in raw.items():
        entry = index.entries[key]
        value: Any = text.strip()
        if value.lower() == UNKNOWN:
            value = UNKNOWN
        elif entry.value_type is bool:
            value = parse_value(value)
        elif typing.get_origin(entry.value_type) is tuple:
            value = tuple(v.strip() for v in value.split(",") if v.strip())
        out[key] = value
    return check_changes(index, out)
