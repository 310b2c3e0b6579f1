"""A civil war (docs/examples/v2/civil-war.yaml): a state against an organised armed group, and a
fighter of the group captured by the state. The conflict is classified from the facts, the group
is a party, and there is no prisoner-of-war status; each answer is checked with the articles it
rests on, and the questions that belong to wars between states are not asked."""

from __future__ import annotations

from typing import Any

import pytest

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.engine.analysis import Analysis
from legal_analysis.render import render

from .conftest import EXAMPLES
from .hypotheticals import v2_data

FILE = EXAMPLES / "v2" / "civil-war.yaml"


def _data() -> dict[str, Any]:
    return v2_data("civil-war")


def _analyse(data: dict[str, Any], rulebook: Rulebook) -> Analysis:
    return analyse(load_scenario(data), rulebook)


@pytest.fixture(scope="module")
def war(rulebook: Rulebook) -> Analysis:
    return analyse(load_scenario(FILE), rulebook)


def _cited(analysis: Analysis, conclusion: str, **subject: str) -> set[tuple[str, str]]:
    return {(c.source, c.pinpoint or "")
            for c in analysis.get(conclusion, **subject).citations}


def test_the_conflict_is_non_international(war: Analysis) -> None:
    result = war.get("conflict_classification", conflict="civil-war")
    assert (result.status, result.value) == ("established", "non_international")
    assert result.rules == ("classification.organised_armed_group",)
    assert {("gc3", "art 3, para 1"), ("apii", "art 1(2)")} <= _cited(
        war, "conflict_classification", conflict="civil-war")


def test_the_group_and_the_state_are_parties(war: Analysis) -> None:
    for party in ("AAA", "GRP"):
        result = war.get("party_to_conflict", state=party, conflict="civil-war")
        assert (result.value, result.rules) == (True, ("party.belligerent.armed_group",))


def test_a_fighter_of_the_group_is_not_a_prisoner_of_war(war: Analysis) -> None:
    result = war.get("pow_status", person="fighter")
    assert (result.status, result.value) == ("established", "not_prisoner_of_war")
    assert result.rules == ("pow.non_international_conflict",)
    assert {("gc3", "art 3(1)"), ("apii", "art 6(2)")} <= _cited(war, "pow_status",
                                                                 person="fighter")
    mercenary = war.get("mercenary", person="fighter")
    assert (mercenary.value, mercenary.rules) == (False, ("mercenary.non_international_conflict",))


def test_questions_of_wars_between_states_are_not_asked(war: Analysis) -> None:
    for conclusion in ("international_armed_conflict", "unlawful_use_of_force",
                       "self_defence_available", "aggression_liability",
                       "attribution_of_conduct"):
        assert war.conclusions(conclusion) == [], conclusion


def test_the_memo_does_not_treat_the_group_as_a_state(war: Analysis) -> None:
    memo = render(war, "md").decode("utf-8")
    assert "The conflict is a non-international armed conflict" in memo
    treaty_rows = [line for line in memo.splitlines() if line.startswith("| The Front |")]
    assert treaty_rows == []
    assert "international armed conflict exists" not in memo


@pytest.mark.parametrize(("change", "value"), [
    ({"conflicts": {"intensity": "internal_disturbances"}}, "none"),
    ({"parties": {"organised": False}}, "none"),
])
def test_below_the_threshold_there_is_no_armed_conflict(rulebook: Rulebook,
                                                        change: dict[str, Any],
                                                        value: str) -> None:
    data = _data()
    if "conflicts" in change:
        data["conflicts"]["civil-war"].update(change["conflicts"])
    else:
        data["parties"]["GRP"].update(change["parties"])
    analysis = _analyse(data, rulebook)
    result = analysis.get("conflict_classification", conflict="civil-war")
    assert (result.value, result.rules) == (value, ("classification.below_threshold",))
    status = analysis.get("pow_status", person="fighter")
    assert (status.value, status.rules) == ("not_prisoner_of_war", ("pow.no_armed_conflict",))
    assert analysis.conclusions("party_to_conflict")[0].value is not True


def test_unknown_intensity_leaves_the_classification_open(rulebook: Rulebook) -> None:
    data = _data()
    del data["conflicts"]["civil-war"]["intensity"]
    analysis = _analyse(data, rulebook)
    result = analysis.get("conflict_classification", conflict="civil-war")
    assert result.status == "undetermined"
    assert {b.value for b in result.branches} == {"non_international", "none"}


def test_two_armed_groups_fighting_each_other(rulebook: Rulebook) -> None:
    data = _data()
    data["parties"]["AAA"] = {"kind": "armed_group", "name": "The League", "organised": True}
    del data["persons"]["fighter"]["nationalities"]
    result = _analyse(data, rulebook).get("conflict_classification", conflict="civil-war")
    assert (result.value, result.rules) == ("non_international",
                                            ("classification.organised_armed_group",))
