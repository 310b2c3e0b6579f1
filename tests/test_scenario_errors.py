"""Every broken scenario in tests/fixtures/bad_scenarios/ fails with one clear, located line.

Each fixture holds one error. Its expectation is in its first lines (``# expect: <substring>``
and ``# line: <n>``) or, for files that cannot carry a comment (JSON, empty, not UTF-8), in
``expected.yaml`` beside them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from legal_analysis.errors import ScenarioError
from legal_analysis.ruleset.loading import load_sources
from legal_analysis.scenario import load_scenario

FIXTURES = Path(__file__).parent / "fixtures" / "bad_scenarios"
EXPECTED_FILE = FIXTURES / "expected.yaml"

# Fixtures whose message the loader does not yet give well (reported; see each reason).
LOADER_TO_IMPROVE: dict[str, str] = {}


def _expectations() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(FIXTURES.iterdir()):
        if path == EXPECTED_FILE:
            continue
        if path.name in table:
            out[path.name] = table[path.name]
            continue
        head = path.read_bytes().decode("utf-8").splitlines()[:2]
        expect = re.match(r"# expect: (.+)$", head[0]) if head else None
        line = re.match(r"# line: (\d+)$", head[1]) if len(head) > 1 else None
        assert expect, f"{path.name}: first line must be '# expect: ...' (or list it in expected.yaml)"
        out[path.name] = {"expect": expect.group(1), "line": int(line.group(1)) if line else None}
    return out


EXPECTATIONS = _expectations()


def _params() -> list[Any]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=LOADER_TO_IMPROVE[name], strict=True))
        if name in LOADER_TO_IMPROVE
        else name
        for name in EXPECTATIONS
    ]


def test_there_is_a_fixture_for_each_kind_of_error() -> None:
    assert len(EXPECTATIONS) >= 14
    assert {p.suffix for p in FIXTURES.iterdir()} >= {".yaml", ".json"}


@pytest.mark.parametrize("name", _params())
def test_bad_scenario_gives_one_located_line(name: str) -> None:
    path = FIXTURES / name
    expected = EXPECTATIONS[name]
    with pytest.raises(ScenarioError) as info:
        load_scenario(path, load_sources())  # (the shipped registry, to check citations)
    message = str(info.value)
    assert "\n" not in message and "\r" not in message, f"not one line: {message!r}"
    located = re.match(re.escape(str(path)) + r":(\d+):(\d+): ", message)
    assert located, f"does not start with '{path}:line:col: ': {message!r}"
    line, col = int(located.group(1)), int(located.group(2))
    assert line > 0 and col > 0
    if expected.get("line") is not None:
        assert line == expected["line"], f"points at line {line}, not {expected['line']}: {message!r}"
    assert expected["expect"] in message, f"{expected['expect']!r} not in {message!r}"
    assert "Traceback" not in message
