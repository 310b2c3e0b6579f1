"""Every broken format-2 scenario in tests/fixtures/bad_scenarios_v2/ fails with one clear,
located line, whichever way it is loaded.

Each fixture holds one error; its first lines say the message (``# expect: <substring>``) and the
line it must point at (``# line: <n>``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legal_analysis.cli import app
from legal_analysis.errors import ScenarioError
from legal_analysis.scenario import load_scenario, read_scenario_file

from .test_cli import run

FIXTURES = Path(__file__).parent / "fixtures" / "bad_scenarios_v2"
NAMES = sorted(p.name for p in FIXTURES.glob("*.yaml"))


def _expectation(path: Path) -> tuple[str, int]:
    head = path.read_text(encoding="utf-8").splitlines()[:2]
    expect = re.match(r"# expect: (.+)$", head[0])
    line = re.match(r"# line: (\d+)$", head[1])
    assert expect and line, f"{path.name}: the first lines must be '# expect: …' and '# line: N'"
    return expect.group(1), int(line.group(1))


def test_there_is_a_fixture_for_each_kind_of_error() -> None:
    assert len(NAMES) >= 25
    assert app is not None


@pytest.mark.parametrize("name", NAMES)
def test_bad_format_2_scenario_gives_one_located_line(name: str) -> None:
    path = FIXTURES / name
    expect, line = _expectation(path)
    for load in (read_scenario_file, load_scenario):
        with pytest.raises(ScenarioError) as info:
            load(path)
        message = str(info.value)
        assert "\n" not in message, f"not one line: {message!r}"
        located = re.match(re.escape(str(path)) + r":(\d+):(\d+): ", message)
        assert located, f"does not start with '{path}:line:col: ': {message!r}"
        assert int(located.group(1)) == line, f"points at line {located.group(1)}: {message!r}"
        assert expect in message, f"{expect!r} not in {message!r}"


@pytest.mark.parametrize("name", NAMES[:3])
def test_validate_prints_the_line_and_exits_2(name: str) -> None:
    code, out, err = run("validate", str(FIXTURES / name))
    assert code == 2 and not out
    assert err.startswith(f"legal-analysis: {FIXTURES / name}:") and err.count("\n") == 1
