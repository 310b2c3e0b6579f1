"""The same input gives the same bytes: memos (md, json), ``evaluate`` (table and JSON) and
``explain``.

Each output is made by ``python -m legal_analysis`` in fresh processes: twice with a random hash
seed, and once each with ``PYTHONHASHSEED`` 0, 1 and 12345. String hashing, and so the order of
sets and of anything built from one, changes with the seed; the output must not.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

SEEDS: tuple[str | None, ...] = (None, None, "0", "1", "12345")
COMMANDS = {
    "memo-md": ("memo", "{scenario}", "-f", "md"),
    "memo-json": ("memo", "{scenario}", "-f", "json"),
    "evaluate-json": ("evaluate", "{scenario}", "--format", "json"),
    "evaluate-table": ("evaluate", "{scenario}", "--branches"),
    "explain": ("explain", "{scenario}", "pow_status", "--every-part"),
}

SCENARIO: dict[str, Any] = {
    "id": "determinism", "title": "Several states, two captives, disputed facts",
    "as_of": "2025-03-01",
    "states": {c: {"name": f"State {c}"} for c in ("AAA", "BBB", "CCC", "DDD", "EEE")},
    "actors": {"agency": {"name": "An agency", "state": "AAA"}},
    "conflicts": {"war": {"name": "War", "belligerents": ["AAA", "BBB"], "start": "2022-02-24",
                          "aggressor": "BBB"}},
    "deployments": {"dep": {
        "sending_state": "CCC", "receiving_state": "BBB", "conflict": "war", "against": "AAA",
        "command_authority": {"value": "unknown", "certainty": "disputed",
                              "accounts": [{"value": "sending", "by": ["AAA"]},
                                           {"value": "receiving", "by": ["BBB", "CCC"]}]},
        "direct_participation": {"value": True, "asserted_by": ["AAA", "agency"],
                                 "denied_by": ["CCC"]},
        "acknowledged_by": {"CCC": False, "BBB": False}}},
    "persons": {
        f"p{i}": {"name": f"Person {i}", "deployment": "dep", "captured_by": "AAA",
                  "captured_on": "2025-01-09", "health": "wounded",
                  "nationalities": ["CCC"], "claimed_as_national_by": ["DDD", "EEE"],
                  "wishes": "DDD",
                  "destinations": {"CCC": {"torture_risk": True},
                                   "DDD": {"onward_transfer_to": "CCC"}}}
        for i in (1, 2)},
    "destinations": ["CCC", "DDD", "EEE", "BBB"],
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[bytes]]:
    """Each command's stdout under each seed (run two processes at a time)."""
    path = tmp_path_factory.mktemp("determinism") / "scenario.json"
    path.write_text(json.dumps(SCENARIO), encoding="utf-8")
    jobs = [(name, seed) for name in COMMANDS for seed in SEEDS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: _run(COMMANDS[job[0]], path, job[1]), jobs))
    out: dict[str, list[bytes]] = {name: [] for name in COMMANDS}
    for (name, _seed), data in zip(jobs, results, strict=True):
        out[name].append(data)
    return out


def _run(command: tuple[str, ...], scenario: Path, seed: str | None) -> bytes:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    if seed is not None:
        env["PYTHONHASHSEED"] = seed
    args = [a.format(scenario=scenario) for a in command]
    done = subprocess.run([sys.executable, "-m", "legal_analysis", *args], capture_output=True,
                          env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_output_is_byte_identical_across_runs_and_hash_seeds(outputs: dict[str, list[bytes]],
                                                             name: str) -> None:
    first, *others = outputs[name]
    assert first, f"{name} printed nothing"
    for seed, other in zip(SEEDS[1:], others, strict=True):
        assert other == first, f"{name} differs with PYTHONHASHSEED={seed or 'random'}"


def test_json_outputs_are_json(outputs: dict[str, list[bytes]]) -> None:
    data = json.loads(outputs["evaluate-json"][0])
    assert data["scenario"] == "determinism" and data["conclusions"]
    json.loads(outputs["memo-json"][0])
