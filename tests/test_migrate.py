"""`legal-analysis migrate` and :func:`migrate_document`: every format-1 scenario becomes a valid
format-2 one that says the same, the file's leading comments are kept, and nothing is written over
a file without leave."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings

from legal_analysis.documents import Document, parse_document
from legal_analysis.errors import ScenarioError
from legal_analysis.migrate import migrate_document
from legal_analysis.model.loading import build_scenario_v2
from legal_analysis.rewrite import leading_comments, rewrite

from .conftest import EXAMPLES, ROOT
from .strategies import examples, scenario_data
from .test_cli import run

SHIPPED = sorted([*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("casebook/*.yaml"),
                  *EXAMPLES.glob("tutorial/*.yaml")])
TUTORIAL = EXAMPLES / "tutorial" / "tutorial-border-war.yaml"


def _v2(text: str, name: str = "migrated.yaml") -> Any:
    return build_scenario_v2(parse_document(text.encode("utf-8"), name, ScenarioError))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_migrates_to_valid_format_2(path: Path) -> None:
    done = rewrite(path)
    s = _v2(done.text)
    assert s.format == 2
    assert set(s.parties) == set(yaml.safe_load(path.read_text(encoding="utf-8"))["states"])
    assert all(p.kind == "state" for p in s.parties.values())
    assert done.notes and done.notes[0].startswith("states → parties of kind state")


def test_the_home_deployment_becomes_a_force_placed_with_the_receiving_state() -> None:
    s = _v2(rewrite(EXAMPLES / "dprk-2025-04-28.yaml").text)
    force = s.forces["dprk-to-russia"]
    assert (force.belongs_to, force.placed_with.value, force.conflict) == (
        "PRK", "RUS", "russia-ukraine")
    assert force.recruitment.value == "state_sent" and force.acknowledged_by["PRK"].on is not None
    assert [side.parties for side in s.conflicts["russia-ukraine"].sides] == [("RUS",), ("UKR",)]
    attack = s.conflicts["russia-ukraine"].uses_of_force[0]
    assert (attack.by, attack.against, attack.force) == ("UKR", "RUS", None)
    assert attack.armed_attack.accounts[0].value is True
    soldier = s.persons["soldier-1"]
    assert soldier.member_of.value == "dprk-to-russia" and soldier.held_by == "UKR"
    assert soldier.wishes.value.wants == ("KOR",) and soldier.wishes.value.refuses == ()
    assert str(soldier.wishes.certainty) == "reported" and soldier.wishes.sources
    assert soldier.armed_forces_of.value == "PRK"


def test_values_are_mapped_in_accounts_and_dates_too() -> None:
    data = yaml.safe_load(TUTORIAL.read_text(encoding="utf-8"))
    data["deployments"]["arcadian-brigade"]["command_authority"] = {
        "value": "unknown", "accounts": [{"by": ["XAR"], "value": "receiving"},
                                         {"by": ["XCA"], "value": "joint"}]}
    data["deployments"]["arcadian-brigade"]["uniforms"] = {
        "value": "receiving", "on": "2025-01-01", "before": "sending"}
    data["deployments"]["arcadian-brigade"]["armed_attack_intensity"] = True
    data["persons"]["private-doe"]["wish_verified_independently"] = True
    out = migrate_document(data)
    force = out["forces"]["arcadian-brigade"]
    assert [a["value"] for a in force["command"]["accounts"]] == ["placed_with", "joint"]
    assert force["uniforms"] == {"value": "placed_with", "on": "2025-01-01", "before": "own"}
    assert out["conflicts"]["border-war"]["uses_of_force"] == [
        {"by": "XAR", "against": "XCA", "force": "arcadian-brigade", "armed_attack": True}]
    person = out["persons"]["private-doe"]
    assert person["wish_verification"] == "independent_interview"
    assert person["wishes"] == {"value": {"wants": ["XCA"]}, "note": "He asked to stay in Caledonia."}
    build_scenario_v2(Document("<migrated>", out))


def test_undated_participation_becomes_since_unknown() -> None:
    done = rewrite(TUTORIAL)
    s = _v2(done.text)
    assert str(s.parties["XCA"].treaties["cat"].since) == "unknown"
    assert any("'since: unknown' written for 7 treaty participations" in n for n in done.notes)


def test_the_leading_comment_block_is_kept_and_later_comments_are_counted() -> None:
    original = (EXAMPLES / "dprk-2025-04-28.yaml").read_text(encoding="utf-8")
    done = rewrite(EXAMPLES / "dprk-2025-04-28.yaml")
    assert done.text.startswith(leading_comments(original) + "\nformat: 2\n")
    assert leading_comments(original).count("\n") == 20
    assert any(n.startswith("9 comment lines after the leading block not carried over")
               for n in done.notes)


@given(data=scenario_data())
@settings(max_examples=examples(40), deadline=None)
def test_every_generated_scenario_migrates_to_valid_format_2(data: dict[str, Any]) -> None:
    """For every valid format-1 scenario drawn, migrate_document gives a valid format-2 scenario
    with as many parties, forces and persons as the original has states, deployments and
    persons."""
    s: Any = build_scenario_v2(Document("<migrated>", migrate_document(data)))
    assert (len(s.parties), len(s.forces), len(s.persons)) == (
        len(data["states"]), len(data["deployments"]), len(data["persons"]))


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["conflicts"]["border-war"]["belligerents"].append("XAR"),
     "border-war.belligerents: 3 belligerents: format 2 needs to know who fights on which side"),
    (lambda d: d["conflicts"]["border-war"].update(
        aggressor="unknown", armed_attack_by_adversary=True),
     "cannot be written in format 2 while the aggressor is unknown"),
])
def test_what_format_2_cannot_take_as_it_is_is_a_located_error(
        tmp_path: Path, change: Any, message: str) -> None:
    data = yaml.safe_load(TUTORIAL.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "old.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, out, err = run("migrate", str(path))
    assert code == 2 and not out and err.count("\n") == 1
    assert err.startswith(f"legal-analysis: {path}:") and message in err


def test_migrate_writes_to_standard_output_and_says_what_it_did_on_standard_error() -> None:
    code, out, err = run("migrate", str(TUTORIAL))
    assert code == 0
    assert _v2(out).id == "tutorial-border-war"
    assert "migrate: deployments.arcadian-brigade → forces.arcadian-brigade: a force of XAR " \
           "placed with XBO, fighting XCA" in err


def test_migrate_writes_a_file_and_never_over_one_without_force(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    code, out, _ = run("migrate", str(TUTORIAL), "-o", str(target))
    assert code == 0 and f"format 2 written to {target}" in out
    assert _v2(target.read_text(encoding="utf-8")).format == 2
    target.write_text("mine\n", encoding="utf-8")
    code, _, err = run("migrate", str(TUTORIAL), "-o", str(target))
    assert code == 2 and "exists already and was left as it was" in err
    assert target.read_text(encoding="utf-8") == "mine\n"
    code, _, _ = run("migrate", str(TUTORIAL), "-o", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# A made-up scenario")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]  # no temporary file left


def test_migrate_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, _, err = run("migrate", str(TUTORIAL), "-o", str(fifo), "--force")
    assert code == 2 and "not a regular file" in err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    link = tmp_path / "link.yaml"
    (tmp_path / "real.yaml").write_text("kept\n", encoding="utf-8")
    link.symlink_to(tmp_path / "real.yaml")
    code, _, err = run("migrate", str(TUTORIAL), "-o", str(link))
    assert code == 2 and "symbolic link" in err
    assert (tmp_path / "real.yaml").read_text(encoding="utf-8") == "kept\n"


def test_migrate_refuses_a_format_2_file_and_a_broken_one(tmp_path: Path) -> None:
    done = tmp_path / "new.yaml"
    assert run("migrate", str(TUTORIAL), "-o", str(done))[0] == 0
    code, _, err = run("migrate", str(done))
    assert code == 2 and "is in scenario format 2 already" in err
    broken = ROOT / "tests" / "fixtures" / "bad_scenarios" / "unknown-field-typo.yaml"
    code, _, err = run("migrate", str(broken), "-o", str(tmp_path / "x.yaml"))
    assert code == 2 and "did you mean" in err and not (tmp_path / "x.yaml").exists()


def test_migrate_writes_json_for_a_json_target(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    assert run("migrate", str(TUTORIAL), "-o", str(target))[0] == 0
    assert _v2(target.read_text(encoding="utf-8"), "new.json").id == "tutorial-border-war"
