"""The bridge: a format-2 scenario whose structures today's rules read is lowered to format 1 and
analysed exactly as the format-1 file it was migrated from; any other gets one error naming the
structure the rules cannot read yet."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.bridge import ASIDE, FIELDS, LOWERED, WHOLE, lower, unreadable
from legal_analysis.documents import Document, parse_document
from legal_analysis.errors import ScenarioError
from legal_analysis.facts import Scenario
from legal_analysis.migrate import migrate_document
from legal_analysis.model.loading import build_scenario_v2
from legal_analysis.rewrite import rewrite
from legal_analysis.scenario import build_scenario
from legal_analysis.schema import SCHEMA

from .strategies import examples, scenario_data
from .test_cli import run
from .test_migrate import SHIPPED, TUTORIAL

BRIDGE = Path(__file__).resolve().parent.parent / "src" / "legal_analysis" / "bridge.py"


def _migrated(path: Path) -> Scenario:
    text = rewrite(path).text
    return build_scenario(parse_document(text.encode("utf-8"), f"{path.stem}.v2.yaml",
                                         ScenarioError))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_a_migrated_example_is_analysed_as_the_original(path: Path, rulebook: Rulebook) -> None:
    """migrate → load format 2 → lower gives the very scenario, and so the very analysis."""
    original, lowered = load_scenario(path), _migrated(path)
    assert lowered.model_dump() == original.model_dump()
    before = analyse(original, rulebook).to_dict()["conclusions"]
    after = analyse(lowered, rulebook).to_dict()["conclusions"]
    assert after == before


@given(data=scenario_data())
@settings(max_examples=examples(40), deadline=None)
def test_every_generated_scenario_comes_back_the_same(data: dict[str, Any]) -> None:
    """For every valid format-1 scenario drawn, migrating it and lowering the result gives the
    same format-1 scenario."""
    s = build_scenario_v2(Document("<migrated>", migrate_document(data)))
    assert Scenario.model_validate(lower(s)).model_dump() == \
        Scenario.model_validate(data).model_dump()


def test_the_bridge_classifies_every_field() -> None:
    """Each field of the declaration is lowered by name, left aside, or refused when stated: a
    field added to the declaration must be classified here before the bridge takes it."""
    source = BRIDGE.read_text(encoding="utf-8")
    for kind in SCHEMA.kinds():
        listed = FIELDS.get(kind.name, {})
        assert set(listed) <= set(kind.field_names), kind.name
        for f in kind.fields:
            if listed.get(f.name) in (None, LOWERED) and kind.name not in WHOLE:
                assert f'"{f.name}"' in source or f".{f.name}" in source, \
                    f"{kind.name}.{f.name} is neither lowered nor listed in bridge.FIELDS"
    assert ASIDE != LOWERED


def _tutorial_v2() -> dict[str, Any]:
    return migrate_document(yaml.safe_load(TUTORIAL.read_text(encoding="utf-8")))


def _add_organisation(d: dict[str, Any]) -> None:
    d["parties"]["ORG"] = {"kind": "international_organisation", "name": "The Organisation"}


def _own_force(d: dict[str, Any]) -> None:
    del d["forces"]["arcadian-brigade"]["placed_with"]


def _wants_two(d: dict[str, Any]) -> None:
    d["persons"]["private-doe"]["wishes"] = {"wants": ["XAR", "XBO"]}


def _civilian(d: dict[str, Any]) -> None:
    d["persons"]["private-doe"]["member_of"] = "none"


def _militia(d: dict[str, Any]) -> None:
    d["forces"]["arcadian-brigade"]["category"] = "levee_en_masse"


def _neutral_holder(d: dict[str, Any]) -> None:
    d["persons"]["private-doe"]["held_by"] = "XAR"
    d["forces"]["arcadian-brigade"]["placed_with"] = "XCA"


@pytest.mark.parametrize(("change", "key", "what"), [
    (_add_organisation, "parties.ORG.kind", "an international organisation as a party"),
    (_own_force, "forces.arcadian-brigade.belongs_to",
     "a force of a party that is not on a side of its conflict and is placed with nobody"),
    (_wants_two, "persons.private-doe.wishes", "wishes to go to more than one state"),
    (_civilian, "persons.private-doe.member_of", "a person who is a member of no force"),
    (_militia, "forces.arcadian-brigade.category", "a levée en masse"),
    (_neutral_holder, "persons.private-doe.held_by",
     "a detaining power that is not a party to a conflict"),
])
def test_a_structure_the_rules_cannot_read_is_named(tmp_path: Path, change: Any, key: str,
                                                    what: str) -> None:
    data = copy.deepcopy(_tutorial_v2())
    change(data)
    model = build_scenario_v2(Document("<v2>", data))  # the file itself is valid
    problem = unreadable(model)
    assert problem is not None and what in problem.what
    path = tmp_path / "v2.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, out, err = run("evaluate", str(path))
    assert code == 2 and not out and err.count("\n") == 1
    assert f": {key}: the rules cannot yet read " in err and what in err
    code, out, _ = run("validate", str(path))
    assert code == 0 and "ok (format 2:" in out and f"note: the rules cannot yet read {what}" in out


def test_a_readable_format_2_file_is_evaluated_and_validated(tmp_path: Path) -> None:
    path = tmp_path / "v2.yaml"
    assert run("migrate", str(TUTORIAL), "-o", str(path))[0] == 0
    code, out, _ = run("validate", str(path))
    assert code == 0 and out.strip().endswith("ok (format 2: 3 parties, 1 conflict, 1 force, "
                                              "1 person)")
    code, v2, _ = run("evaluate", str(path), "--format", "json")
    code1, v1, _ = run("evaluate", str(TUTORIAL), "--format", "json")
    assert code == code1 == 0 and v2 == v1
