"""Helpers for the benchmark scripts: timing, and a seeded generator of scenario data."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "docs" / "examples" / "dprk-2025-01-12.yaml"

COMMAND = ("sending", "receiving", "joint")
RECRUITMENT = ("state_sent", "individual_volunteers", "private_company")
HEALTH = ("healthy", "wounded", "seriously_wounded", "seriously_sick")


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and minimum wall time of ``fn`` in milliseconds over ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def _maybe(rng: random.Random, values: tuple[Any, ...]) -> Any:
    return rng.choice(values) if rng.random() < 0.7 else "unknown"


def scenario_data(rng: random.Random, n: int) -> dict[str, Any]:
    """A generated scenario: three states at war around a deployment, one or two captives."""
    codes = ["S1", "S2", "S3", "S4"]
    receiving, adversary, sending, other = codes
    persons = {}
    for i in range(rng.randint(1, 2)):
        persons[f"p{i}"] = {
            "name": f"Person {i}", "deployment": "dep", "captured_by": adversary,
            "captured_on": "2025-01-09", "health": _maybe(rng, HEALTH),
            "status_doubted": _maybe(rng, (True, False)),
            "wishes": _maybe(rng, (other, sending)),
            "nationalities": [sending], "claimed_as_national_by": [other],
            "destinations": {sending: {"torture_risk": _maybe(rng, (True, False))},
                             receiving: {"onward_transfer_to": sending}},
        }
    return {
        "id": f"gen-{n}", "title": f"Generated {n}", "as_of": "2025-03-01",
        "states": {c: {"name": f"State {c}"} for c in codes},
        "conflicts": {"war": {"name": "War", "belligerents": [receiving, adversary],
                              "start": "2022-02-24", "aggressor": receiving,
                              "cessation_of_active_hostilities": _maybe(rng, (True, False))}},
        "deployments": {"dep": {
            "sending_state": sending, "receiving_state": receiving, "conflict": "war",
            "against": adversary, "command_authority": _maybe(rng, COMMAND),
            "recruitment": _maybe(rng, RECRUITMENT), "official_duty": _maybe(rng, (True, False)),
            "direct_participation": _maybe(rng, (True, False)),
            "acknowledged_by": {sending: _maybe(rng, (True, False))}}},
        "persons": persons,
        "destinations": [sending, receiving, other, adversary],
    }
