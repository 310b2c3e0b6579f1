"""The limits on how many entities a scenario may hold: at each limit a scenario loads, one past
it is refused with one line naming the limit (exit code 2 on the command line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from legal_analysis import analyse, load_rulebook, load_scenario
from legal_analysis.cli import app
from legal_analysis.errors import ScenarioError
from legal_analysis.limits import (
    LIMITS,
    MAX_BELLIGERENTS,
    MAX_CONFLICTS,
    MAX_DEPLOYMENTS,
    MAX_PERSONS,
    MAX_STATES,
    MAX_TRANSFERS,
    transfers,
)

runner = CliRunner()


def scenario(states: int = 4, conflicts: int = 1, belligerents: int = 2, deployments: int = 1,
             persons: int = 1, destinations: int = 1) -> dict[str, Any]:
    """A valid scenario of the sizes given: every conflict between the first ``belligerents``
    states, deployments from the other states, persons captured by the adversary, each
    considered for the first ``destinations`` states."""
    codes = [f"S{i:02d}" for i in range(states)]
    fighting = codes[:belligerents]
    senders = codes[belligerents:] or codes[:1]
    return {
        "id": "sized", "title": "A scenario of a given size", "as_of": "2024-06-01",
        "states": {c: {"name": f"State {c}"} for c in codes},
        "conflicts": {f"c{i}": {"name": f"Conflict {i}", "belligerents": fighting}
                      for i in range(conflicts)},
        "deployments": {f"d{i}": {"sending_state": senders[i % len(senders)],
                                  "receiving_state": fighting[0], "conflict": "c0",
                                  "against": fighting[1]} for i in range(deployments)},
        "persons": {f"p{i}": {"name": f"Person {i}", "deployment": "d0",
                              "captured_by": fighting[1]} for i in range(persons)},
        "destinations": codes[:destinations],
    }


AT_LIMIT: dict[str, dict[str, int]] = {
    "MAX_STATES": {"states": MAX_STATES},
    "MAX_CONFLICTS": {"conflicts": MAX_CONFLICTS},
    "MAX_BELLIGERENTS": {"states": MAX_BELLIGERENTS + 1, "belligerents": MAX_BELLIGERENTS},
    "MAX_DEPLOYMENTS": {"deployments": MAX_DEPLOYMENTS},
    "MAX_PERSONS": {"persons": MAX_PERSONS},
    "MAX_TRANSFERS": {"states": 10, "persons": MAX_TRANSFERS // 5, "destinations": 5},
}
PAST_LIMIT: dict[str, dict[str, int]] = {
    "MAX_STATES": {"states": MAX_STATES + 1},
    "MAX_CONFLICTS": {"conflicts": MAX_CONFLICTS + 1},
    "MAX_BELLIGERENTS": {"states": MAX_BELLIGERENTS + 2, "belligerents": MAX_BELLIGERENTS + 1},
    "MAX_DEPLOYMENTS": {"deployments": MAX_DEPLOYMENTS + 1},
    "MAX_PERSONS": {"persons": MAX_PERSONS + 1},
    "MAX_TRANSFERS": {"states": 10, "persons": MAX_TRANSFERS // 5 + 1, "destinations": 5},
}


def write(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "sized.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_every_limit_is_tested() -> None:
    assert set(AT_LIMIT) == set(PAST_LIMIT) == {limit.name for limit in LIMITS}
    assert MAX_TRANSFERS % 5 == 0 and MAX_TRANSFERS // 5 < MAX_PERSONS


@pytest.mark.parametrize("name", sorted(AT_LIMIT))
def test_a_scenario_at_the_limit_loads(tmp_path: Path, name: str) -> None:
    s = load_scenario(write(tmp_path, scenario(**AT_LIMIT[name])))
    counts = {"MAX_STATES": len(s.states), "MAX_CONFLICTS": len(s.conflicts),
              "MAX_BELLIGERENTS": max(len(c.belligerents) for c in s.conflicts.values()),
              "MAX_DEPLOYMENTS": len(s.deployments), "MAX_PERSONS": len(s.persons),
              "MAX_TRANSFERS": transfers(s)}
    limit = next(limit for limit in LIMITS if limit.name == name)
    assert counts[name] == limit.value


@pytest.mark.parametrize("name", sorted(PAST_LIMIT))
def test_a_scenario_past_the_limit_is_refused_naming_it(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, scenario(**PAST_LIMIT[name]))
    limit = next(limit for limit in LIMITS if limit.name == name)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert f"more than the limit of {limit.value:,} ({name})" in message
    assert message.startswith(f"{path}:") and "\n" not in message
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"legal-analysis: {message}\n"


def test_five_thousand_persons_are_refused_at_once(tmp_path: Path) -> None:
    """The scenario that once ran for minutes in gigabytes is refused before any evaluation."""
    path = write(tmp_path, scenario(persons=5000))
    for command in ("validate", "evaluate", "memo"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 2, command
        assert result.stderr.startswith(f"legal-analysis: {path}:") and \
            f"persons: 5,000 persons, more than the limit of {MAX_PERSONS} (MAX_PERSONS)" in result.stderr


def test_the_largest_persons_scenario_allowed_evaluates(tmp_path: Path) -> None:
    data = scenario(states=10, persons=MAX_PERSONS, destinations=MAX_TRANSFERS // MAX_PERSONS)
    s = load_scenario(write(tmp_path, data))
    analysis = analyse(s, load_rulebook())
    pow_ = {r.subject_dict["person"] for r in analysis.conclusions("pow_status")}
    assert pow_ == set(s.persons)
    assert len(analysis.conclusions("repatriation_option")) == transfers(s) == MAX_TRANSFERS
