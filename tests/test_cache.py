"""The cache of compiled rule bases: used when the rule files are unchanged, ignored otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from legal_analysis import analyse, load_scenario
from legal_analysis.engine.cache import fingerprint, load_program

from .conftest import EXAMPLES, FIXTURES


def _rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(FIXTURES / "rules_engine", folder)
    return folder


def test_a_second_load_reads_the_cache_and_decides_alike(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first load writes one cache file; the second reads it (loading the rule files
    would fail here) and its program decides as the first does."""
    monkeypatch.setenv("LEGAL_ANALYSIS_CACHE", str(tmp_path / "cache"))
    folder = _rules(tmp_path)
    first = load_program(folder)
    files = list((tmp_path / "cache").iterdir())
    assert [p.name for p in files] == [f"{fingerprint(folder)}.pickle"]
    monkeypatch.setattr("legal_analysis.engine.cache.load_rulebook", None)
    second = load_program(folder)
    assert second.rulebook is not first.rulebook
    scenario = load_scenario(FIXTURES / "scenarios" / "engine.yaml")
    a, b = analyse(scenario, first.rulebook), analyse(scenario, second.rulebook)
    assert a.to_dict() == b.to_dict()


def test_a_changed_rule_file_is_loaded_anew(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Any change to a rule file changes the fingerprint, so the stale entry is not used."""
    monkeypatch.setenv("LEGAL_ANALYSIS_CACHE", str(tmp_path / "cache"))
    folder = _rules(tmp_path)
    before = fingerprint(folder)
    load_program(folder)
    rules = folder / "engine.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("art 9", "art 10"),
                     encoding="utf-8")
    assert fingerprint(folder) != before
    book = load_program(folder).rulebook
    assert book.conclusions["chained"].spec.default is not None
    assert book.conclusions["chained"].spec.default.authorities[0].pinpoint == "art 10"
    assert len(list((tmp_path / "cache").iterdir())) == 2


def test_a_damaged_cache_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGAL_ANALYSIS_CACHE", str(tmp_path / "cache"))
    folder = _rules(tmp_path)
    load_program(folder)
    (tmp_path / "cache" / f"{fingerprint(folder)}.pickle").write_bytes(b"not a pickle")
    assert "flag" in load_program(folder).rulebook.conclusions


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGAL_ANALYSIS_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_program(_rules(tmp_path))
    assert not (tmp_path / "xdg").exists()


def test_the_shipped_rules_load_from_the_cache_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The home scenario's analysis is the same from a freshly compiled rule base and from
    the cache."""
    fresh = load_program()
    again = load_program()
    scenario = load_scenario(EXAMPLES / "dprk-2025-01-12.yaml")
    assert analyse(scenario, fresh.rulebook).to_dict() == \
        analyse(scenario, again.rulebook).to_dict()
