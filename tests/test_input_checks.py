"""Inputs the loaders refuse with one located line: days the calendar does not have, an
``--as-of`` not written YYYY-MM-DD, numbers too long to convert, characters YAML cannot hold, and
broken treaty-participation data; and what they still accept (JSON strings with control
characters, every real date).

Broken scenarios and rule files have their fixtures in ``fixtures/bad_scenarios`` and
``fixtures/bad_rules`` (tested by test_scenario_errors.py, test_hostile.py and
test_rules_errors.py); treaty-participation data has its own in ``fixtures/bad_participation``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from legal_analysis import RuleError, load_rulebook
from legal_analysis.dates import date_option
from legal_analysis.documents import parse_document
from legal_analysis.errors import LegalAnalysisError, ScenarioError
from legal_analysis.ruleset.loading import PARTICIPATION_FILE

from .conftest import FIXTURES
from .test_hostile import cli

runner = CliRunner()
PARTICIPATION = sorted((FIXTURES / "bad_participation").glob("*.yaml"))
SMALL: dict[str, Any] = {
    "id": "small", "title": "A small scenario", "as_of": "2025-03-01",
    "states": {c: {"name": f"State {c}"} for c in ("AAA", "BBB", "CCC")},
    "conflicts": {"war": {"name": "War", "belligerents": ["AAA", "BBB"]}},
    "deployments": {"dep": {"sending_state": "CCC", "receiving_state": "AAA", "conflict": "war",
                            "against": "BBB"}},
}


def one_line(code: int, err: str) -> str:
    """The error line of a command that must have failed with exit code 2."""
    assert code == 2, err
    assert err.startswith("legal-analysis: ") and err.count("\n") == 1, err
    return err


def small(folder: Path, **changes: Any) -> Path:
    path = folder / "small.json"
    path.write_text(json.dumps({**SMALL, **changes}), encoding="utf-8")
    return path


# -- dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["20250301", "2025-W09-6", "2025-060", "2025-3-1", "01-03-2025",
                                  "2025-03-01T00:00", "2025-03-01 ", "２０２５-03-01"])
def test_as_of_takes_only_yyyy_mm_dd(tmp_path: Path, text: str) -> None:
    """Python reads 20250301, week and ordinal dates as dates too; --as-of does not."""
    err = one_line(*cli("evaluate", small(tmp_path), "--as-of", text)[::2])
    assert f"--as-of {text!r} is not a date written YYYY-MM-DD" in err
    assert "(expected a date such as 2025-04-28)" in err


@pytest.mark.parametrize(("text", "why"), [("2025-02-29", "February 2025 has 28 days"),
                                           ("2025-13-01", "there is no month 13"),
                                           ("2025-04-00", "April 2025 has 30 days")])
def test_as_of_on_a_day_the_calendar_does_not_have(tmp_path: Path, text: str, why: str) -> None:
    err = one_line(*cli("memo", small(tmp_path), "--as-of", text)[::2])
    assert f"--as-of '{text}' is not a date in the calendar: {why}" in err


def test_as_of_on_a_real_date_evaluates_then(tmp_path: Path) -> None:
    code, out, err = cli("evaluate", small(tmp_path), "--as-of", "2024-02-29", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["as_of"] == "2024-02-29"


def test_what_if_refuses_a_day_the_calendar_does_not_have(tmp_path: Path) -> None:
    path = small(tmp_path, persons={"p1": {"name": "P", "deployment": "dep", "captured_by": "BBB",
                                           "captured_on": "2025-01-09"}})
    err = one_line(*cli("what-if", path, "--set", "persons.p1.captured_on=2025-02-30")[::2])
    assert "'2025-02-30' is not a date in the calendar: February 2025 has 28 days" in err


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31))
def test_a_date_is_read_exactly_when_the_calendar_has_it(year: int, month: int, day: int) -> None:
    """For every year, month and day up to 31: a scenario's date and --as-of are read as that
    date when the calendar has the day, and refused with the same calendar message (and a
    real date near it) when it does not; neither ever raises anything but the project's error."""
    text = f"{year:04}-{month:02}-{day:02}"
    try:
        real: dt.date | None = dt.date(year, month, day)
    except ValueError:
        real = None
    raw = f"id: d\ntitle: D\nas_of: {text}\nstates: {{}}\n".encode()
    if real is not None:
        assert parse_document(raw, "d.yaml", ScenarioError).data["as_of"] == real
        assert date_option("--as-of", text) == real
        return
    with pytest.raises(ScenarioError) as in_file:
        parse_document(raw, "d.yaml", ScenarioError)
    with pytest.raises(LegalAnalysisError) as in_option:
        date_option("--as-of", text)
    assert str(in_file.value).startswith(f"d.yaml:3:8: as_of: '{text}' is not a date in the "
                                         "calendar: ")
    assert str(in_option.value).startswith(f"--as-of '{text}' is not a date in the calendar: ")
    near = re.search(r"such as (\d{4}-\d{2}-\d{2})\)$", str(in_file.value))
    assert near is not None and dt.date.fromisoformat(near.group(1)).month == month


# -- treaty-participation data ------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", PARTICIPATION, ids=[p.stem for p in PARTICIPATION])
def test_broken_participation_data_gives_one_located_line(tmp_path: Path, fixture: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(FIXTURES / "rules_engine", folder)
    target = folder / PARTICIPATION_FILE
    target.parent.mkdir()
    shutil.copy(fixture, target)
    head = fixture.read_text(encoding="utf-8").splitlines()
    expect = head[0].removeprefix("# expect: ")
    line = int(head[1].removeprefix("# line: "))
    with pytest.raises(RuleError) as info:
        load_rulebook(folder)
    assert str(info.value).startswith(f"{target}:{line}:"), str(info.value)
    assert expect in str(info.value)
    err = one_line(*cli("rules", "check", "--rules", folder)[::2])
    assert expect in err


# -- numbers and characters -------------------------------------------------------------------------

def test_a_number_too_long_in_a_batch_is_a_located_error_not_an_internal_one(
        tmp_path: Path) -> None:
    good = json.dumps(SMALL)
    long = good.replace('"against": "BBB"', '"against": "BBB", "size": ' + "3" * 5000)
    path = tmp_path / "many.jsonl"
    path.write_text(good + "\n" + long + "\n", encoding="utf-8")
    code, out, _ = cli("batch", path)
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["ok"] for r in records] == [True, False]
    error = records[1]["error"]
    assert error.startswith(f"{path}:2:") and "internal error" not in error
    assert "deployments.dep.size: a number too long: 5,000 digits" in error


@pytest.mark.parametrize("char", ["\x7f", "\x80", "\x85", "\x9f", "\u2028", "\u2029", "\ufffe"])
def test_a_json_string_keeps_characters_yaml_refuses_or_folds(tmp_path: Path, char: str) -> None:
    """JSON allows these characters in a string; they are read as JSON reads them, not refused
    and not turned into a line break."""
    path = tmp_path / "raw.json"  # the character itself, not an escape
    path.write_text(json.dumps({**SMALL, "summary": f"before{char}after"}, ensure_ascii=False),
                    encoding="utf-8")
    assert char in path.read_text(encoding="utf-8")
    doc = parse_document(path.read_bytes(), str(path), ScenarioError)
    assert doc.data["summary"] == f"before{char}after"
    code, out, err = cli("validate", path)
    assert code == 0 and "ok" in out, err


@pytest.mark.parametrize(("char", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B"),
                                            ("\x7f", "U+007F"), ("\x80", "U+0080"),
                                            ("\x9f", "U+009F"), ("\ufffe", "U+FFFE")])
def test_a_yaml_file_with_a_character_yaml_refuses_is_located(tmp_path: Path, char: str,
                                                              code: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(f"id: x\ntitle: ab{char}c\n", encoding="utf-8")
    err = one_line(*cli("validate", path)[::2])
    assert f"{path}:2:10: the " in err and f"character {code} is not allowed in a YAML file" in err


def test_a_json_key_with_its_colon_on_another_line_is_located(tmp_path: Path) -> None:
    path = tmp_path / "colon.json"
    path.write_text('{"id": "x",\n  "title"\n  : "t"}', encoding="utf-8")
    err = one_line(*cli("validate", path)[::2])
    assert f"{path}:2:3: the ':' after this key stands on another line" in err


def test_a_key_of_the_longest_allowed_length_is_read(tmp_path: Path) -> None:
    key = "k" * 1000
    doc = parse_document(json.dumps({"id": "x", key: 1}).encode(), "k.json", ScenarioError)
    assert doc.data[key] == 1


# -- citations against another rule base --------------------------------------------------------------

def test_validate_checks_citations_against_the_rule_base_it_is_given(tmp_path: Path) -> None:
    path = small(tmp_path, conflicts={"war": {"name": "War", "belligerents": ["AAA", "BBB"],
                                              "aggressor": {"value": "BBB",
                                                            "sources": ["test-treaty, art 1"]}}})
    code, out, err = cli("validate", path, "--rules", FIXTURES / "rules_engine")
    assert code == 0 and "ok" in out, err
    err = one_line(*cli("validate", path)[::2])
    assert "conflicts.war.aggressor.sources[0]: unknown source 'test-treaty'" in err


def test_a_registry_date_the_calendar_does_not_have_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(FIXTURES / "bad_rules" / "sources_impossible_date.yaml", folder / "sources.yaml")
    for command in (["rules", "check"], ["validate", small(tmp_path)]):
        err = one_line(*cli(*command, "--rules", folder)[::2])
        assert f"{folder / 'sources.yaml'}:7:11: sources.gc3.date: '1949-08-32' is not a date in " \
               "the calendar: August 1949 has 31 days" in err
