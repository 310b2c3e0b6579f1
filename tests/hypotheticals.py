"""The hypothetical format-2 scenarios of docs/examples/v2/ as data a test may change."""

from __future__ import annotations

import copy
from typing import Any

from legal_analysis.documents import read_document
from legal_analysis.errors import ScenarioError

from .conftest import EXAMPLES

V2 = EXAMPLES / "v2"


def v2_data(name: str) -> dict[str, Any]:
    """The plain data of ``docs/examples/v2/<name>.yaml`` as the library reads it (``on:`` is a
    key, not a yes-or-no), a fresh copy each call."""
    data = read_document(V2 / f"{name}.yaml", ScenarioError).data
    assert isinstance(data, dict)
    return copy.deepcopy(data)
