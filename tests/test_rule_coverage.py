"""Every rule of the rule base fires in some scenario, and every exception defeats its rule.

The scenarios are the casebook's (``docs/tools/gen_casebook.py``: the home scenario at its three
dates, the variations, the structure cases from ``docs/examples/v2/``, and each exercise's
what-if) and the tutorial's. A rule *fires* where it decides a result or its derivation shows it
as ``applies``; an exception (a rule with
``defeats``) is *exercised* where the rule it names is shown as ``defeated`` with the exception
applying (its condition holds and no exception to it applies): the rule's own condition holds
or is unknown, and the exception settles that it does not apply. A rule that no scenario makes
fire is untested: add a case to the casebook (or report the rule as dead) until this passes.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "docs" / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

import gen_casebook  # noqa: E402
from legal_analysis import Analysis, analyse, load_scenario  # noqa: E402

INFEASIBLE: dict[tuple[str, str], str] = {
    ("pow.mercenary", "pow.member_of_party_forces"):
        "a mercenary is not a member of a party's armed forces (AP I art 47(2)(e)), which the "
        "rule requires",
    ("pow.mercenary", "pow.state_troops_either_branch"):
        "the rule needs the sending state's party status unknown for a member of its forces, "
        "which leaves condition (e) of mercenary status unknown, never true",
    ("pow.mercenary", "pow.member_of_receiving_forces"):
        "a member of the receiving state's forces, a party, fails condition (e) of mercenary "
        "status",
}
"""(exception, defeated rule) pairs no consistent facts can exercise, with the reason: both rules
cannot hold at once. They are reported to the rule base's authors; the test checks that each is
still declared and still unexercised, so the list cannot go stale."""

EXTRA_SCENARIOS = (ROOT / "docs" / "examples" / "tutorial" / "tutorial-border-war.yaml",
                   ROOT / "docs" / "examples" / "v2" / "wants-to-go-home.yaml",
                   ROOT / "docs" / "examples" / "v2" / "refuses-to-go-home.yaml",
                   ROOT / "tests" / "fixtures" / "coverage" / "repatriation-delays.yaml",
                   ROOT / "docs" / "examples" / "v2" / "held-abroad-death-penalty.yaml",
                   *(ROOT / "docs" / "examples" / "v2" / f"{name}.yaml" for name in (
                       "own-soldier-captured", "civil-war", "riots-below-armed-conflict",
                       "national-of-detaining-power", "repatriation-overdue")))
"""Scenarios beyond the casebook's that count for coverage."""


@cache
def _coverage() -> tuple[dict[str, set[str]], set[tuple[str, str]]]:
    """For each rule, the scenarios in which it fires; the (rule, exception) pairs exercised."""
    book = gen_casebook.default_casebook()
    analyses: list[Analysis] = book.analyses()
    analyses += [book.what_if(case, i).after for case in book.cases
                 for i in range(len(case.exercises))]
    analyses += [analyse(load_scenario(p), book.rulebook) for p in EXTRA_SCENARIOS]
    fired: dict[str, set[str]] = {rid: set() for rid in book.rulebook.rules}
    defeated: set[tuple[str, str]] = set()
    with gen_casebook.top_level_derivations():
        for analysis in analyses:
            for result in analysis.results:
                for rid in result.rules:
                    if rid in fired:
                        fired[rid].add(_name(analysis))
                tree = analysis.explain(result.id, **result.subject_dict)
                for node in tree["rules"]:
                    if node["outcome"] == "applies":
                        fired[node["rule"]].add(_name(analysis))
                    if node["outcome"] == "defeated":
                        for exc in node["exceptions"]:
                            if exc["result"] == "true":
                                defeated.add((node["rule"], exc["rule"]))
                                fired[exc["rule"]].add(_name(analysis))
    return fired, defeated


def _name(analysis: Analysis) -> str:
    what_if = ", ".join(f"{k}={v}" for k, v in analysis.overrides.items())
    name: str = analysis.scenario.id
    return name + (f" (what if {what_if})" if what_if else "")


def test_every_rule_fires_in_some_scenario() -> None:
    fired, _ = _coverage()
    book = gen_casebook.default_casebook().rulebook
    missing = sorted(rid for rid, where in fired.items() if not where)
    assert not missing, (
        "these rules fire in no casebook scenario (add a case to docs/tools/casebook_*.py, "
        "then regenerate with " + gen_casebook.COMMAND + "):\n"
        + "\n".join(f"  {rid}  ({book.rules[rid].cited_at})" for rid in missing))


def test_every_exception_defeats_its_rule_in_some_scenario() -> None:
    _, defeated = _coverage()
    book = gen_casebook.default_casebook().rulebook
    missing: list[str] = []
    declared: set[tuple[str, str]] = set()
    for rule in book.rules.values():
        for target in rule.spec.defeats:
            declared.add((rule.id, target))
            targets = [target] if target in book.rules else \
                [r.id for r in book.conclusions[target].rules if r.id != rule.id]
            exercised = any((t, rule.id) in defeated for t in targets)
            if (rule.id, target) in INFEASIBLE:
                assert not exercised, (f"{rule.id} defeats {target} in a scenario after all: "
                                       "remove the pair from INFEASIBLE")
            elif not exercised:
                missing.append(f"  {rule.id} never defeats {target}  ({rule.cited_at})")
    stale = sorted(set(INFEASIBLE) - declared)
    assert not stale, f"INFEASIBLE names exceptions the rule base no longer declares: {stale}"
    assert not missing, ("these exceptions never displace the rule they name in a casebook "
                         "scenario:\n" + "\n".join(missing))
