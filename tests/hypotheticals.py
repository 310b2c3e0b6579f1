"""The hypothetical format-2 scenarios of docs/examples/v2/ as data a test may change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .conftest import EXAMPLES

V2 = EXAMPLES / "v2"


def v2_data(name: str) -> dict[str, Any]:
    """The plain data of ``docs/examples/v2/<name>.yaml``, a fresh copy each call."""
    data = yaml.safe_load(Path(V2 / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data
