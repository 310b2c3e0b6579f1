"""The format-2 models are generated from the declaration: they accept what it declares, refuse
what it does not, carry provenance on every fact, and name no legal concept of their own."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from legal_analysis import schema
from legal_analysis.core import UNKNOWN, Certainty
from legal_analysis.model.build import Models, model_of, scenario_model
from legal_analysis.model.fact import FACT_KEYS, Fact
from legal_analysis.model.walk import fact_key, iter_entities, iter_facts
from legal_analysis.schema import SCHEMA, Choice, Schema, Type

SRC = Path(schema.__file__).resolve().parent.parent

MINIMAL: dict[str, Any] = {"format": 2, "id": "x", "title": "t", "as_of": "2025-01-01",
                           "parties": {"AAA": {"kind": "state", "name": "State AAA"},
                                       "BBB": {"kind": "state", "name": "State BBB"}}}


def test_every_declared_field_is_a_model_field() -> None:
    for kind in SCHEMA.kinds():
        assert list(model_of(kind.name).model_fields) == list(kind.field_names), kind.name


def test_a_choice_fact_takes_exactly_its_domain() -> None:
    Force = model_of("force")
    for value in schema.domain("force", "command") or ():
        assert Force.model_validate({"belongs_to": "AAA", "command": value}).command.value == value  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):
        Force.model_validate({"belongs_to": "AAA", "command": "sending"})


def test_facts_keep_their_provenance() -> None:
    Person = model_of("person")
    p = Person.model_validate({"name": "P", "captured_on": {
        "value": "unknown", "certainty": "disputed", "note": "n", "on": "2025-01-02",
        "accounts": [{"by": ["AAA"], "value": "2025-01-01"}]}})
    fact = p.captured_on  # type: ignore[attr-defined]
    assert fact.value is UNKNOWN and fact.certainty is Certainty.DISPUTED and fact.is_disputed
    assert fact.on == dt.date(2025, 1, 2) and fact.accounts[0].by == ("AAA",)
    assert Person.model_validate({"name": "P"}).health.is_unknown  # type: ignore[attr-defined]


def test_a_grouped_fact_reads_its_short_and_full_forms() -> None:
    Person = model_of("person")
    short = Person.model_validate({"name": "P", "wishes": {"wants": ["AAA"], "refuses": ["BBB"]}})
    full = Person.model_validate({"name": "P", "wishes": {
        "value": {"wants": ["AAA"], "refuses": ["BBB"]}, "certainty": "reported"}})
    assert short.wishes.value == full.wishes.value  # type: ignore[attr-defined]
    assert full.wishes.certainty is Certainty.REPORTED  # type: ignore[attr-defined]
    for kind in SCHEMA.kinds():  # the short form must never look like a fact in full
        for f in kind.fields:
            if f.type is Type.GROUPED:
                assert not {c.value for c in f.choices} & FACT_KEYS


def test_a_side_reads_a_bare_list() -> None:
    Side = model_of("side")
    assert Side.model_validate(["AAA", "BBB"]).parties == ("AAA", "BBB")  # type: ignore[attr-defined]


def test_since_unknown_is_explicit_and_the_default() -> None:
    """An undated participation is 'since unknown', never bound at every date."""
    Tp = model_of("treaty_participation")
    assert Tp.model_validate({"status": "party"}).since is UNKNOWN  # type: ignore[attr-defined]
    assert Tp.model_validate({"status": "party", "since": "unknown"}).since is UNKNOWN  # type: ignore[attr-defined]
    assert Tp.model_validate({"since": "1954-11-10"}).since == dt.date(1954, 11, 10)  # type: ignore[attr-defined]


def test_walking_a_scenario_finds_every_entity_and_fact() -> None:
    s = scenario_model().model_validate({**MINIMAL, "forces": {"f": {
        "belongs_to": "AAA", "acknowledged_by": {"BBB": True},
        "locations": [{"name": "Town", "territory_of": "BBB", "status": "adversary_territory"}]}}})
    kinds = [e.kind.name for e in iter_entities(s)]
    assert kinds.count("party") == 2 and "place" in kinds and kinds[0] == "scenario"
    stated = {str(fact_key(k)): f.value for k, _field, f, _e in iter_facts(s) if f.is_stated}
    assert stated == {"forces.f.acknowledged_by.BBB": True,
                      "forces.f.locations.0.status": "adversary_territory"}


def test_the_json_schema_offers_a_fact_s_bare_value() -> None:
    defs = scenario_model().model_json_schema()["$defs"]
    command = defs["ForceCommandFact"]["anyOf"]
    assert any(b.get("anyOf") and {"own", "placed_with", "joint"} <= set(
        b["anyOf"][0].get("enum", [])) for b in command)


def test_a_new_kind_of_party_is_one_declaration() -> None:
    """Adding a kind of party is one choice with its sentence: the models accept it, and fields
    limited to other kinds stay refused for it."""
    party = SCHEMA.kind("party")
    kinds = (*schema.PARTY_KINDS, Choice("liberation_movement",
                                         "{party} is a national liberation movement",
                                         "a national liberation movement"))
    kind_field = dataclasses.replace(party.field("kind"), choices=kinds, sentences={
        c.value: c.sentence for c in kinds})
    new_party = dataclasses.replace(party, fields=tuple(
        kind_field if f.name == "kind" else f for f in party.fields))
    wider = Schema.of("scenario", tuple(new_party if k.name == "party" else k
                                        for k in SCHEMA.kinds()))
    movement = Models(wider).of("party").model_validate(
        {"kind": "liberation_movement", "name": "The Movement"})
    assert movement.kind == "liberation_movement"  # type: ignore[attr-defined]
    assert wider.variant_label("party", "liberation_movement") == "a national liberation movement"
    with pytest.raises(ValidationError, match="kind"):
        model_of("party").model_validate({"kind": "liberation_movement", "name": "M"})


def test_a_fact_is_unknown_unless_stated() -> None:
    assert not Fact[bool]().is_stated
    assert Fact[bool].model_validate({"before": True, "on": "2025-01-01"}).is_stated
    assert Fact[bool].model_validate(False).is_stated


VOCABULARY = re.compile(r"\b(part(y|ies)|forces?|persons?|conflicts?|states?|prisoners?|"
                        r"wishes|belligerents?|deployments?|sides?|treat(y|ies))\b", re.I)


@pytest.mark.parametrize("module", ["model/build.py", "model/walk.py", "model/checks.py",
                                    "model/fact.py", "model/loading.py"])
def test_legal_vocabulary_lives_only_in_the_declaration(module: str) -> None:
    """The generated models and their checks name no legal concept outside their docstrings and
    examples: every such word comes from the declaration."""
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    words: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings:
            words.append(node.value)
        elif isinstance(node, ast.Name):
            words.append(node.id)
        elif isinstance(node, ast.Attribute):
            words.append(node.attr)
    found = sorted({m.group(0) for w in words for m in VOCABULARY.finditer(w.replace("_", " "))})
    assert not found, f"{module} names {found}"
