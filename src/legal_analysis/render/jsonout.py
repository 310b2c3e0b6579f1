"""The JSON memo: the analysis (as ``evaluate --format json``) and the memo model."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..engine.analysis import Analysis
from .model import Memo


def _plain(value: Any) -> Any:
    """Dataclasses, tuples and dicts as plain JSON data (a trailing ``_`` dropped from names)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name.rstrip("_"): _plain(getattr(value, f.name))
                for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def memo_json(analysis: Analysis, memo: Memo) -> bytes:
    """The JSON memo: the analysis and the memo model, indented, UTF-8, ending in a newline."""
    data = {"analysis": analysis.to_dict(), "memo": _plain(memo)}
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
