"""The project's own depth check agrees with the real depth of generated documents."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from legal_analysis.nesting import too_deep

TEXT = st.text(alphabet="ab[]{}'\"#:, \\", max_size=6)
LEAVES = st.one_of(st.integers(), TEXT, st.booleans(), st.none())
DATA = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=40,
)


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(DATA, st.integers(min_value=0, max_value=6))
def test_flow_depth_found_exactly(data: Any, limit: int) -> None:
    """For a document written in flow style (YAML or JSON), with brackets, quotes and '#' inside
    its strings, the scan reports a collection nested deeper than the limit exactly when the
    document's real nesting depth exceeds the limit, so quoted text never counts as nesting."""
    for text in (json.dumps(data), yaml.safe_dump(data, default_flow_style=True)):
        assert (too_deep(text, limit) is not None) == (depth(data) > limit), text
