"""load_scenario takes a file's path, the file's text or the scenario as a mapping: each gives
the same scenario, and a broken one the same one-line error, located in ``<string>`` or named
``<mapping>``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from legal_analysis import Rulebook, ScenarioError, load_scenario
from legal_analysis.documents import read_document
from legal_analysis.sources import Registry

from .conftest import EXAMPLES, FIXTURES

SCENARIOS = sorted([*EXAMPLES.glob("*.yaml"), *(EXAMPLES / "v2").glob("*.yaml")])
def _utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


BROKEN = sorted(p for p in (FIXTURES / "bad_scenarios").glob("*.yaml")
                if _utf8(p) and "\n" in p.read_text(encoding="utf-8"))
"""Each broken fixture whose text is read as text (an empty file's would be a path)."""


def message(source: object, registry: Registry | None = None) -> str:
    with pytest.raises(ScenarioError) as info:
        load_scenario(source, registry)  # type: ignore[arg-type]
    text = str(info.value)
    assert "\n" not in text
    return text


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_text_and_mapping_give_the_file_s_scenario(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    failure: str | None
    try:
        from_file = load_scenario(path)
    except ScenarioError as exc:  # a format-2 example the rules cannot read yet
        failure = str(exc)
    else:
        failure = None
    if failure is not None:
        assert message(text) == "<string>" + failure[len(str(path)):]
        assert message(read_document(path).data).startswith("<mapping>: ")
        return
    assert load_scenario(text) == from_file
    assert load_scenario(read_document(path).data) == from_file


def test_a_mapping_from_yaml_safe_load_gives_the_file_s_scenario() -> None:
    """PyYAML reads dates, also as keys, into dates: they mean what the file's text does."""
    path = EXAMPLES / "dprk-2025-01-12.yaml"
    assert load_scenario(yaml.safe_load(path.read_text(encoding="utf-8"))) == load_scenario(path)


def test_a_json_string_is_text() -> None:
    text = '{"id": "x", "title": "X", "as_of": "2025-01-01", "states": {"A": {"name": "Aland"}}}'
    assert load_scenario(text).states["A"].name == "Aland"


def test_a_string_without_a_line_break_is_a_path() -> None:
    assert message("no-such-scenario.yaml").startswith("no-such-scenario.yaml: cannot read")


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_broken_text_fails_as_the_file_does_located_in_the_string(
        path: Path, rulebook: Rulebook) -> None:
    from_file = message(path, rulebook.registry)
    assert from_file.startswith(f"{path}:")
    text = path.read_text(encoding="utf-8")
    assert message(text, rulebook.registry) == "<string>" + from_file[len(str(path)):]


def test_broken_text_names_its_line_and_column() -> None:
    text = "id: x\ntitle: X\nas_of: 2025-13-40\nstates: {}\n"
    assert message(text).startswith("<string>:3:8: as_of: ")


def test_a_broken_mapping_names_the_field() -> None:
    text = message({"id": "x", "title": "X", "as_of": "soon", "states": {}})
    assert text.startswith("<mapping>: as_of: "), text


def test_a_mapping_that_holds_itself_is_refused() -> None:
    data: dict[str, object] = {"id": "x", "title": "X", "as_of": "2025-01-01", "states": {}}
    data["summary"] = data
    assert "nested too deeply" in message(data)


def test_the_caller_s_mapping_is_left_as_it_was() -> None:
    data = yaml.safe_load((EXAMPLES / "dprk-2025-01-12.yaml").read_text(encoding="utf-8"))
    before = repr(data)
    load_scenario(data)
    assert repr(data) == before
