"""What-if values are checked as a scenario file's values are: a value of the wrong type, an
impossible date, a state code the scenario does not define or a mapping for a text fact is one
line and exit code 2 on the command line, and a LegalAnalysisError from ``Analysis.what_if``.
``captured_on=abc`` crashed with a TypeError, and ``start=2025-13-01`` said "No conclusion
changes".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from legal_analysis import LegalAnalysisError, Rulebook, analyse, load_scenario
from legal_analysis.engine.analysis import Analysis

from .test_hostile import assert_one_line, cli, small_scenario

BAD_SETS = [
    ("persons.p1.captured_on=abc", "expected a date"),
    ("persons.p1.captured_on=true", "expected a date"),
    ("conflicts.war.start=2025-13-01", "'2025-13-01' is not a date in the calendar: there is no month 13"),
    ("conflicts.war.aggressor=ZZZ", "'ZZZ' is not a state of this scenario"),
    ("conflicts.war.aggressor=", "'' is not a state of this scenario"),
    ("deployments.dep.size=many", "expected a whole number"),
    ("deployments.dep.command_authority=sometimes", "expected one of sending, receiving, joint"),
    ("persons.p1.health=wonded", "did you mean 'wounded'"),
    ("states.AAA.bound.cat=perhaps", "expected one of true, false or unknown"),
    ("persons.p1.captured=2025-01-01", "expected one of true, false or unknown"),
    ("persons.p1.captred_on=2025-01-01", "did you mean 'persons.p1.captured_on'"),
    ("conflicts.war.start=2025-02-01", "before the conflict began on 2025-02-01, once "
                                       "conflicts.war.start=2025-02-01 is set"),
    ("persons.p1.captured_on=2020-01-01", "captured on 2020-01-01, before the conflict began"),
]


@pytest.mark.parametrize(("change", "words"), BAD_SETS)
def test_a_value_the_scenario_could_not_hold_is_one_line(tmp_path: Path, change: str,
                                                         words: str) -> None:
    assert_one_line(*cli("what-if", small_scenario(tmp_path), "--set", change), words)


def test_each_value_is_read_for_its_facts_type(tmp_path: Path) -> None:
    """Text stays text (a date-like legal basis, a number-like place), a list fact takes a,b,
    and a state code names a state: each is accepted."""
    scenario = small_scenario(tmp_path)
    for change in ("deployments.dep.claimed_legal_basis=2020-01-01",
                   "persons.p1.captured_at=12", "persons.p1.nationalities=CCC,BBB",
                   "conflicts.war.aggressor=AAA", "persons.p1.health=unknown",
                   "states.AAA.bound.cat=no"):
        code, _, err = cli("what-if", scenario, "--set", change, "-f", "json")
        assert code == 0, (change, err)


def test_the_json_of_a_what_if_gives_values_as_json(tmp_path: Path) -> None:
    import json

    code, out, _ = cli("what-if", small_scenario(tmp_path), "--set",
                       "persons.p1.nationalities=CCC,BBB", "--set", "states.AAA.bound.cat=no",
                       "-f", "json")
    assert code == 0
    assert json.loads(out)["set"] == {"persons.p1.nationalities": ["CCC", "BBB"],
                                      "states.AAA.bound.cat": False}


@pytest.fixture
def small(tmp_path: Path, rulebook: Rulebook) -> Analysis:
    return analyse(load_scenario(small_scenario(tmp_path)), rulebook)


@pytest.mark.parametrize(("changes", "words"), [
    ({"persons.p1.captured_on": "abc"}, "expected a date"),
    ({"persons.p1.captured_on": True}, "expected a date"),
    ({"conflicts.war.start": "2025-13-01"}, "start: '2025-13-01' is not a date in the calendar"),
    ({"conflicts.war.aggressor": "ZZZ"}, "'ZZZ' is not a state of this scenario"),
    ({"persons.p1.captured_at": {"a": 1}}, "{'a': 1} is not a possible value"),
    ({"persons.p1.captured_at": ["x"]}, "expected text"),
    ({"deployments.dep.size": 1.5}, "expected a whole number"),
    ({"deployments.dep.direct_participation": "sometimes"}, "true, false or unknown"),
    ({"persons.p1.nope": True}, "unknown fact 'persons.p1.nope'"),
    ({("not", "a", "key"): True}, "unknown fact"),
])
def test_the_python_api_raises_a_one_line_error(small: Analysis, changes: dict[Any, Any],
                                                words: str) -> None:
    with pytest.raises(LegalAnalysisError) as caught:
        small.what_if(changes)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_the_python_api_reads_values_as_the_models_do(small: Analysis) -> None:
    """A date given as text becomes a date, a list a tuple, as when a scenario file is read;
    what the analysis used is what the result says was set."""
    result = small.what_if({"persons.p1.captured_on": "2025-01-10",
                            "persons.p1.nationalities": ["CCC"]})
    assert result.changes_made == (("persons.p1.captured_on", dt.date(2025, 1, 10)),
                                   ("persons.p1.nationalities", ("CCC",)))
    assert result.after.overrides["persons.p1.captured_on"] == dt.date(2025, 1, 10)


def test_analyse_checks_its_overrides_too(small: Analysis) -> None:
    with pytest.raises(LegalAnalysisError, match="expected a date"):
        analyse(small.scenario, small.rulebook, overrides={"persons.p1.captured_on": "abc"})
