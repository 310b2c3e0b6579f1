"""Cost per captured person: time and peak memory to evaluate a scenario and to render its memo,
with 1, 10, 100 and 1,000 persons, and for the largest scenario the loader's limits allow.

The scenarios are the home scenario (docs/examples/dprk-2025-01-12.yaml) with its two soldiers
replaced by N minimal persons (a name, the DPRK deployment, captured by Ukraine), each considered
for the scenario's six destinations; they are validated without the loader's limits, which
refuse more than ``MAX_PERSONS`` persons. The last scenario is the home scenario grown to every
limit at once (the per-person figures of its rows divide by its persons, though its states,
conflicts and deployments cost too). Each measurement runs in a fresh process, so its peak
memory (the process's largest resident set, from ``resource.getrusage``) is its own; "over the
base" is what evaluating or rendering added to the process once the rule base and the scenario
were loaded. Wall time varies with what else the machine runs; CPU time (``time.process_time``)
much less. The memo is the Markdown memo (``--format`` chooses another); its time is the
rendering alone, its memory that of evaluating and rendering.

The memo of 1,000 persons is not rendered: at the cost measured for 100 it would take minutes and
several gigabytes, so the figure printed for it is an estimate from the 100-person run, marked so.

    python benchmarks/bench_persons.py [--format md|html|json|docx] [--all-formats]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import HOME
from legal_analysis import Scenario, analyse, load_rulebook
from legal_analysis.documents import read_document
from legal_analysis.errors import ScenarioError
from legal_analysis.limits import (
    MAX_BELLIGERENTS,
    MAX_CONFLICTS,
    MAX_DEPLOYMENTS,
    MAX_PERSONS,
    MAX_STATES,
    MAX_TRANSFERS,
    check_limits,
    transfers,
)
from legal_analysis.render import FORMATS, render
from legal_analysis.scenario import check_references

SIZES = (1, 10, 100, 1_000)
MEMO_SIZES = (1, 10, 100)
"""Sizes whose memo is rendered; the memo of larger ones is estimated from the largest here."""


def build(persons: int) -> Scenario:
    """The home scenario with ``persons`` minimal persons; no limit is checked."""
    data: dict[str, Any] = read_document(HOME, ScenarioError).data
    data["persons"] = {f"p{i}": {"name": f"Person {i}", "deployment": "dprk-to-russia",
                                 "captured_by": "UKR"} for i in range(persons)}
    scenario = Scenario.model_validate(data)
    check_references(scenario)
    return scenario


def largest_allowed() -> Scenario:
    """The home scenario grown to every limit at once: ``MAX_STATES`` states, ``MAX_CONFLICTS``
    conflicts of ``MAX_BELLIGERENTS`` belligerents each, ``MAX_DEPLOYMENTS`` deployments, and
    ``MAX_PERSONS`` minimal persons captured by their deployment's adversary, each considered for
    ``MAX_TRANSFERS // MAX_PERSONS`` destinations."""
    data: dict[str, Any] = read_document(HOME, ScenarioError).data
    states = data["states"]
    extra = [f"Z{i:02d}" for i in range(MAX_STATES - len(states))]
    states.update({code: {"name": f"State {code}"} for code in extra})
    fighting = [["RUS", "UKR", *extra[:MAX_BELLIGERENTS - 2]]]
    rest = extra[MAX_BELLIGERENTS - 2:]
    for k in range(1, MAX_CONFLICTS):
        fighting.append(rest[:MAX_BELLIGERENTS])
        rest = rest[MAX_BELLIGERENTS:]
        data["conflicts"][f"war-{k}"] = {"name": f"War {k}", "belligerents": fighting[k]}
    data["conflicts"]["russia-ukraine"]["belligerents"] = fighting[0]
    conflicts = list(data["conflicts"])
    senders = ["PRK", "KOR", "XTS", *rest]
    for k in range(1, MAX_DEPLOYMENTS):
        war = fighting[k % MAX_CONFLICTS]
        data["deployments"][f"deployment-{k}"] = {
            "sending_state": senders[k % len(senders)], "receiving_state": war[0],
            "conflict": conflicts[k % MAX_CONFLICTS], "against": war[1]}
    deployments = list(data["deployments"])
    data["persons"] = {f"p{i}": {"name": f"Person {i}",
                                 "deployment": deployments[i % MAX_DEPLOYMENTS],
                                 "captured_by": data["deployments"][
                                     deployments[i % MAX_DEPLOYMENTS]]["against"]}
                       for i in range(MAX_PERSONS)}
    data["destinations"] = data["destinations"][:MAX_TRANSFERS // MAX_PERSONS]
    scenario = Scenario.model_validate(data)
    check_references(scenario)
    check_limits(scenario)
    return scenario


def _rss_mb() -> float:
    """The largest resident set of this process so far, in megabytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


def measure(persons: int, step: str, fmt: str) -> dict[str, float]:
    """One measurement, in this process: seconds of the step, peak and base memory in MB
    (``persons`` 0: the largest scenario the limits allow)."""
    rulebook = load_rulebook()
    scenario = build(persons) if persons else largest_allowed()
    base = _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    analysis = analyse(scenario, rulebook)
    if step == "memo":
        start, cpu = time.perf_counter(), time.process_time()
        render(analysis, fmt)
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
            "peak_mb": _rss_mb(), "base_mb": base}


def in_fresh_process(persons: int, step: str, fmt: str) -> dict[str, float]:
    args = [sys.executable, __file__, "--one", str(persons), step, "--format", fmt]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def row(label: str, step: str, persons: int, m: dict[str, float], note: str = "") -> str:
    added = m["peak_mb"] - m["base_mb"]
    each = f"{m['cpu'] / persons * 1000:7.1f} ms {added / persons:6.1f} MB"
    return (f"{label:>16} {step:<9} {m['seconds']:7.2f} s {m['cpu']:7.2f} s {m['peak_mb']:6.0f} MB "
            f"(+{added:4.0f} MB) {each}{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--format", default="md", choices=FORMATS)
    parser.add_argument("--all-formats", action="store_true",
                        help="render the largest allowed scenario's memo in every format (the "
                             "Word memo alone takes a minute or more)")
    parser.add_argument("--one", nargs=2, metavar=("PERSONS", "STEP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(int(args.one[0]), args.one[1], args.format)))
        return
    memo = f"memo {args.format}"
    print(f"{'scenario':>16} {'step':<9} {'wall':>9} {'CPU':>9} {'peak memory':>18} per person "
          f"(CPU, memory over the base)")
    last: dict[str, float] | None = None
    for n in SIZES:
        label = f"{n:,} person{'s' if n > 1 else ''}"
        print(row(label, "evaluate", n, in_fresh_process(n, "evaluate", args.format)))
        if n in MEMO_SIZES:
            last = in_fresh_process(n, "memo", args.format)
            print(row(label, memo, n, last))
        elif last is not None:
            scale = n / MEMO_SIZES[-1]
            estimate = {"seconds": last["seconds"] * scale, "cpu": last["cpu"] * scale,
                        "base_mb": last["base_mb"],
                        "peak_mb": last["base_mb"] + (last["peak_mb"] - last["base_mb"]) * scale}
            print(row(label, memo, n, estimate,
                      f"  estimated from {MEMO_SIZES[-1]} persons (at least): too slow to "
                      f"render here"))
    s = largest_allowed()
    label = "largest allowed"
    print(f"\nThe largest scenario the limits allow (docs/limits.md): {len(s.states)} states, "
          f"{len(s.conflicts)} conflicts of {MAX_BELLIGERENTS} belligerents, "
          f"{len(s.deployments)} deployments, {len(s.persons)} persons, {transfers(s)} pairs of "
          f"a person and a destination.")
    print(row(label, "evaluate", MAX_PERSONS, in_fresh_process(0, "evaluate", args.format)))
    for fmt in FORMATS if args.all_formats else (args.format,):
        print(row(label, f"memo {fmt}", MAX_PERSONS, in_fresh_process(0, "memo", fmt)))

if __name__ == "__main__":
    main()
