"""Editing scenario data in tests: read a file's plain data, set a field by dotted key."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from legal_analysis.documents import read_document


def scenario_data(path: Path) -> dict[str, Any]:
    """A scenario file's plain data (a copy the test may change)."""
    data: dict[str, Any] = copy.deepcopy(read_document(path).data)
    return data


def set_field(data: dict[str, Any], dotted_key: str, value: Any) -> None:
    """Set a fact (or any field) by dotted key, e.g. 'deployments.d.command_authority'."""
    *parents, last = dotted_key.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
