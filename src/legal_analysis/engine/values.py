"""Reading fact values typed on a command line (``--set KEY=VALUE``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..core import UNKNOWN
from ..errors import LegalAnalysisError, did_you_mean
from .analysis import check_keys, domain_of
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
    if low == UNKNOWN.value:
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
    """Typed changes for a what-if, checked against each fact's possible values."""
    check_keys(index, raw)
    out: dict[str, Any] = {}
    for key, text in raw.items():
        value = parse_value(text)
        domain = domain_of(index, key)
        if domain is not None and value is not UNKNOWN and value not in domain:
            shown = [str(v).lower() if isinstance(v, bool) else str(v) for v in domain]
            raise LegalAnalysisError(f"{text!r} is not a possible value of {key}",
                                     expected="one of " + ", ".join(shown),
                                     suggestion=did_you_mean(text, shown))
        entry = index.entries.get(key)
        if entry is not None and isinstance(entry.value, tuple) and isinstance(value, str):
            value = tuple(v.strip() for v in value.split(",") if v.strip())
        out[key] = value
    return out
