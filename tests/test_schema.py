"""The fact model's declaration (scenario format 2) is complete and consistent, and its look-ups
work."""

from __future__ import annotations

import string

import pytest

from legal_analysis import schema
from legal_analysis.schema import NONE, SCHEMA, PathError, Schema, Type
from legal_analysis.schema.declaration import Field, Kind, yes_no


def _placeholders(sentence: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(sentence) if name}


def test_every_kind_is_reachable_from_the_file() -> None:
    reached = {SCHEMA.root}
    for kind in SCHEMA.kinds():
        for f in kind.fields:
            reached.update(k for k in (f.item,) if k)
    assert reached == {k.name for k in SCHEMA.kinds()}


def test_every_field_is_described_in_a_sentence() -> None:
    for kind in SCHEMA.kinds():
        assert kind.description.endswith("."), kind.name
        for f in kind.fields:
            assert f.description[:1].isupper() and f.description.endswith("."), (kind.name, f.name)


@pytest.mark.parametrize("kind", [k.name for k in SCHEMA.kinds()])
def test_sentences_name_only_what_they_can(kind: str) -> None:
    """A sentence names its own entity, its fields, an enclosing entity and its fields, the
    value, or (in a mapping of facts) the key: nothing else could be filled in."""
    k = SCHEMA.kind(kind)
    allowed = {k.name, *k.field_names, "value"}
    for outer in SCHEMA.enclosing(kind):
        allowed |= {outer, *SCHEMA.kind(outer).field_names}
    for f in k.fields:
        extra = {"key"} if f.type is Type.MAP else set()
        for value, sentence in f.sentences.items():
            unknown = _placeholders(sentence) - allowed - extra
            assert not unknown, f"{kind}.{f.name} [{value}]: {sorted(unknown)} in {sentence!r}"


def test_every_fact_value_has_its_sentence() -> None:
    for kind in SCHEMA.kinds():
        for f in kind.fields:
            if f.fact and f.domain:
                assert set(f.domain) <= set(f.sentences), (kind.name, f.name)
            if f.fact and f.type is Type.BOOL:
                assert {"true", "false"} == set(f.sentences), (kind.name, f.name)
            if f.none:
                assert NONE in f.sentences


def test_a_declaration_missing_a_sentence_is_refused() -> None:
    broken = Kind("thing", "Thing", "A thing.", (
        Field("flag", Type.BOOL, "A flag.", sentences={"true": "{thing} is"}),))
    root = Kind("root", "Root", "The file.", (
        Field("things", Type.MAP, "Things.", fact=False, item="thing"),))
    with pytest.raises(ValueError, match=r"thing\.flag: no sentence for 'false'"):
        Schema.of("root", (root, broken))


def test_a_constraint_on_a_missing_path_is_refused() -> None:
    from legal_analysis.schema.declaration import among

    thing = Kind("thing", "Thing", "A thing.", (
        Field("other", Type.REF, "Another.", target="thing", sentences={"value": "{value}"},
              constraints=(among("nowhere.id", "m", "e"),)),))
    root = Kind("root", "Root", "The file.", (
        Field("things", Type.MAP, "Things.", fact=False, item="thing"),))
    with pytest.raises(ValueError, match="among: thing has no field 'nowhere'"):
        Schema.of("root", (root, thing))


def test_domains_never_hold_a_reserved_word() -> None:
    for kind in SCHEMA.kinds():
        for f in kind.fields:
            values = [c.value for c in f.choices]
            assert len(values) == len(set(values)), (kind.name, f.name)
            assert "unknown" not in values


def test_lookups() -> None:
    assert schema.domain("relation", "control") == (
        "none", "general_support", "overall_control", "effective_control", "complete_dependence")
    assert schema.domain("force", "official_duty") == ("true", "false")
    assert schema.domain("person", "captured_on") is None
    assert schema.target("force", "placed_with").name == "party"  # type: ignore[union-attr]
    assert schema.target("conflict", "sides").name == "side"  # type: ignore[union-attr]
    assert schema.target("person", "health") is None
    assert SCHEMA.collection("force") == "forces"
    assert SCHEMA.enclosing("support") == ("relation",)
    steps = schema.walk("person.destinations.onward_transfer_to")
    assert [s.kind.name for s in steps] == ["person", "destination"]
    assert steps[-1].target.name == "party"  # type: ignore[union-attr]
    assert schema.field("force", "belongs_to").role == "own party"


@pytest.mark.parametrize(("path", "message"), [
    ("person.nationalty", "person has no field 'nationalty' (did you mean 'nationalities'?)"),
    ("persn.health", "there is no kind 'persn' (did you mean 'person'?)"),
    ("person.health.value", "person.health (a value) has no field 'value'"),
])
def test_walking_a_wrong_path_names_the_closest(path: str, message: str) -> None:
    with pytest.raises(PathError) as info:
        schema.walk(path)
    assert str(info.value) == message


def test_yes_no_declares_both_sentences() -> None:
    f = yes_no("flag", "A flag.", "{thing} is", "{thing} is not")
    assert f.domain == ("true", "false") and dict(f.sentences) == {
        "true": "{thing} is", "false": "{thing} is not"}
