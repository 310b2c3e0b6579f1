"""Warnings: facts no rule reads, persons of whom questions cannot be asked, contradictions.

Each fixture in tests/fixtures/warnings/ is ``_base.yaml`` (which gives no warning) with one
change; its first lines name the one warning it gives (``# warn:``, ``# kind:``, ``# line:``).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from legal_analysis import Rulebook
from legal_analysis.cli import app
from legal_analysis.engine.plan import plan_for
from legal_analysis.engine.program import program_for
from legal_analysis.facts import Place
from legal_analysis.lint import ScenarioWarning, scenario_warnings
from legal_analysis.lint.unread import DERIVED_FROM, RECORDED, classify
from legal_analysis.ruleset.paths import MODELS
from legal_analysis.scenario import iter_facts, load_scenario, read_scenario

from .conftest import EXAMPLES, FIXTURES

WARNINGS = FIXTURES / "warnings"
BASE = WARNINGS / "_base.yaml"
CASES = sorted(p.name for p in WARNINGS.glob("*.yaml") if p != BASE)
SHIPPED = sorted([*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("casebook/*.yaml"),
                  *EXAMPLES.glob("tutorial/*.yaml")])
runner = CliRunner()


def warnings_of(path: Path, rulebook: Rulebook) -> list[ScenarioWarning]:
    scenario, doc = read_scenario(path)
    return scenario_warnings(scenario, rulebook, doc)


def expectation(path: Path) -> tuple[str, str, int]:
    head = path.read_text(encoding="utf-8").splitlines()[:3]
    found = [re.match(rf"# {k}: (.+)$", line) for k, line in zip(("warn", "kind", "line"), head,
                                                                  strict=True)]
    assert all(found), f"{path.name}: must begin with '# warn:', '# kind:' and '# line:'"
    warn, kind, line = (m.group(1) for m in found if m)
    return warn, kind, int(line)


def test_the_base_of_the_fixtures_gives_no_warning(rulebook: Rulebook) -> None:
    assert warnings_of(BASE, rulebook) == []


def test_there_is_a_fixture_for_each_kind_of_warning() -> None:
    kinds = {expectation(WARNINGS / name)[1] for name in CASES}
    assert kinds == {"unread", "unaskable", "contradiction"}
    assert len(CASES) >= 15


@pytest.mark.parametrize("name", CASES)
def test_each_fixture_gives_its_one_warning(rulebook: Rulebook, name: str) -> None:
    warn, kind, line = expectation(WARNINGS / name)
    found = warnings_of(WARNINGS / name, rulebook)
    assert len(found) == 1, [str(w) for w in found]
    w = found[0]
    assert w.kind == kind
    assert warn in str(w), str(w)
    assert w.location is not None and w.location.line == line, str(w)
    assert str(w).startswith(f"{WARNINGS / name}:{line}:") and "\n" not in str(w)
    assert str(w).split(": ")[1] == w.field


def test_a_warning_is_also_given_without_a_document(rulebook: Rulebook) -> None:
    found = scenario_warnings(load_scenario(WARNINGS / "neutral-belligerent.yaml"), rulebook)
    assert [(w.location, w.field) for w in found] == [(None, "states.AAA.neutral")]
    assert str(found[0]).startswith("states.AAA.neutral: warning: AAA is said to be neutral")


def test_a_person_lacking_deployment_and_captor_is_told_both(rulebook: Rulebook,
                                                              tmp_path: Path) -> None:
    text = BASE.read_text(encoding="utf-8")
    text = text.replace("    deployment: dep\n", "").replace("    captured_by: BBB\n", "")
    path = tmp_path / "bare.yaml"
    path.write_text(text, encoding="utf-8")
    [w] = warnings_of(path, rulebook)
    assert "no question about a person can be asked of this person" in w.message
    assert "no deployment is named" in w.message and "no detaining power is named" in w.message


def test_no_question_at_all_is_said_so(rulebook: Rulebook, tmp_path: Path) -> None:
    """Under a rule base whose every question about persons needs a captor, a person without
    one can be asked nothing, and the warning says so."""
    kept = {"pow_status", "mercenary"}
    # the other conclusions stay (the kept ones' rules test them) but are no longer questions
    book = dataclasses.replace(rulebook, conclusions={
        c: conclusion if c in kept else dataclasses.replace(
            conclusion, spec=conclusion.spec.model_copy(update={"public": False}))
        for c, conclusion in rulebook.conclusions.items()})
    text = BASE.read_text(encoding="utf-8").replace("    captured_by: BBB\n", "")
    path = tmp_path / "bare.yaml"
    path.write_text(text, encoding="utf-8")
    [w] = warnings_of(path, book)
    assert w.field == "persons.p1"
    assert w.message.startswith("no question about a person can be asked of this person: no "
                                "detaining power is named (captured_by)")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_shipped_examples_give_no_warning(rulebook: Rulebook, path: Path) -> None:
    """No contradiction in any example, and no fact with sources the rules leave unread or
    person left out of a question: the examples are what the warnings hold a scenario to."""
    assert [str(w) for w in warnings_of(path, rulebook)] == []


def test_warnings_are_deterministic_and_in_file_order(rulebook: Rulebook, tmp_path: Path) -> None:
    text = BASE.read_text(encoding="utf-8")
    text = text.replace("    kind: international\n", "    kind: non_international\n")
    text = text.replace("  AAA: {name: State A}\n", "  AAA: {name: State A, neutral: true}\n")
    text = text.replace("    captured_by: BBB\n", "    captured_by: AAA\n")
    path = tmp_path / "three.yaml"
    path.write_text(text, encoding="utf-8")
    first = [str(w) for w in warnings_of(path, rulebook)]
    assert first == [str(w) for w in warnings_of(path, rulebook)]
    lines = [int(w.split(":")[1]) for w in first]
    assert len(first) == 3 and lines == sorted(lines)


def test_recorded_facts_are_fields_of_the_scenario_model() -> None:
    for kind, field in RECORDED:
        known = Place.model_fields if kind == "place" else MODELS[kind].model_fields
        assert field in known, (kind, field)


def test_derived_facts_are_computed_from_the_facts_named(rulebook: Rulebook) -> None:
    """Every fact the engine computes a derived fact from is one DERIVED_FROM names for it."""
    scenario = load_scenario(EXAMPLES / "dprk-2025-01-12.yaml")
    plan = plan_for(program_for(rulebook), scenario)
    where = {".".join(str(p) for p in path): classify(path) for path, _ in iter_facts(scenario)}
    checked = 0
    for derived in plan.derived:
        key = plan.names[derived.slot]
        deps = [plan.names[d] for d in derived.deps]
        field = key.rsplit(".", 1)[1]
        kind = "destination" if ".destinations." in key else \
            {"persons": "person", "deployments": "deployment"}[key.split(".", 1)[0]]
        for dep in deps:
            if dep in where:
                found = where[dep]
                assert found is not None and found[:2] in DERIVED_FROM[(kind, field)], (key, dep)
                checked += 1
    assert checked >= 4  # each soldier's capture date, nationalities and claims, and more


# -- the command line ------------------------------------------------------------------------------

def test_validate_prints_warnings_on_stderr_and_exits_0() -> None:
    path = WARNINGS / "aggressor-not-belligerent.yaml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{path}: ok (") and "; 1 warning)" in result.stdout
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{path}:17:") and ": conflicts.war.aggressor: warning: " in line


def test_evaluate_prints_warnings_on_stderr_and_exits_0() -> None:
    path = WARNINGS / "unaskable-no-captor.yaml"
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 0
    assert "persons.p1: warning: " in result.stderr and "warning" not in result.stdout
    assert "Party to the armed conflict" in result.stdout


@pytest.mark.parametrize("command", ["validate", "evaluate"])
def test_quiet_suppresses_warnings(command: str) -> None:
    path = str(WARNINGS / "tribunal-without-doubt.yaml")
    loud = runner.invoke(app, [command, path])
    assert "warning:" in loud.stderr
    for flag in ("--quiet", "-q"):
        quiet = runner.invoke(app, [command, path, flag])
        assert quiet.exit_code == loud.exit_code == 0
        assert quiet.stderr == "" and quiet.stdout.replace("; 1 warning", "") == loud.stdout \
            .replace("; 1 warning", "")


def test_an_error_still_wins_over_warnings() -> None:
    result = runner.invoke(app, ["evaluate", str(WARNINGS / "neutral-belligerent.yaml"),
                                 "--as-of", "someday"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "is not a date" in result.stderr


UNREAD = FIXTURES / "warnings_unread"
READERS = frozenset({"pow.failed_to_distinguish", "pow.doubt_presumption.despite_exception",
                     "obligations.equivalent_protection"})
"""The only rules that read a person's ``carries_arms_openly``: without them, no rule of the rule
base reads that fact, as no shipped rule reads some facts a scenario may give."""


def _without(rulebook: Rulebook, ids: frozenset[str]) -> Rulebook:
    return dataclasses.replace(
        rulebook, rules={k: r for k, r in rulebook.rules.items() if k not in ids},
        conclusions={c: dataclasses.replace(cn, rules=tuple(r for r in cn.rules
                                                            if r.id not in ids))
                     for c, cn in rulebook.conclusions.items()})


@pytest.mark.parametrize("name", sorted(p.name for p in UNREAD.glob("*.yaml")))
def test_a_fact_no_rule_reads_is_warned_about(rulebook: Rulebook, name: str) -> None:
    """A fact given with sources (in itself or in an account) that no rule of the rule base
    reads is named, at its place in the file: checked under a rule base from which the rules
    reading the fact are removed, since every person's fact is read by some shipped rule."""
    readers = {r.id for r in rulebook.rules.values()
               if any(p.endswith(".carries_arms_openly") for p in r.paths)}
    assert readers == READERS
    path = UNREAD / name
    warn, kind, line = expectation(path)
    [w] = warnings_of(path, _without(rulebook, READERS))
    assert w.location is not None and (w.kind, w.location.line) == (kind, line)
    assert f"{w.field}: warning: {w.message}".startswith(warn)
