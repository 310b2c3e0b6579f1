"""Militias and volunteer corps outside the armed forces (GC III Art 4A(2)), on the hypothetical
docs/examples/v2/militias-and-the-four-conditions.yaml: a member of a corps that belongs to a
party and fulfils the four conditions is a prisoner of war; a member of one that fails a condition
is not, unless doubt has arisen (GC III Art 5); each answer is checked with its rule and articles."""

from __future__ import annotations

from typing import Any

import pytest

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.errors import ScenarioError

from .hypotheticals import v2_data


def _undoubted() -> dict[str, Any]:
    """The hypothetical with no doubt raised about either member (the file has the Home Guard's
    member doubted)."""
    data = v2_data("militias-and-the-four-conditions")
    data["persons"]["guardsman"]["status_doubted"] = False
    return data


def _status(data: dict[str, Any], rulebook: Rulebook, person: str) -> Any:
    return analyse(load_scenario(data), rulebook).get("pow_status", person=person)


def _cited(result: Any) -> set[tuple[str, str]]:
    return {(c.source, c.pinpoint or "") for c in result.citations}


def test_a_corps_fulfilling_the_four_conditions_gives_prisoner_of_war_status(
        rulebook: Rulebook) -> None:
    result = _status(v2_data("militias-and-the-four-conditions"), rulebook, "guardsman")
    assert (result.status, result.value) == ("established", "prisoner_of_war")
    assert result.rules == ("pow.militia.four_conditions",)
    assert {("gc3", "art 4A(2)"), ("gc3", "art 4A(2)(a)"), ("gc3", "art 4A(2)(d)")} <= _cited(
        result)


def test_a_corps_failing_a_condition_gives_none(rulebook: Rulebook) -> None:
    result = _status(v2_data("militias-and-the-four-conditions"), rulebook, "rider")
    assert (result.status, result.value) == ("established", "not_prisoner_of_war")
    assert result.rules == ("pow.militia.condition_not_met",)


@pytest.mark.parametrize("condition", ["responsible_command", "distinctive_sign",
                                       "arms_carried_openly", "laws_of_war_compliance"])
def test_each_condition_is_needed(rulebook: Rulebook, condition: str) -> None:
    data = _undoubted()
    data["forces"]["home-guard"][condition] = False
    assert _status(data, rulebook, "guardsman").value == "not_prisoner_of_war"


def test_an_unknown_condition_leaves_the_status_open(rulebook: Rulebook) -> None:
    """Unknown is never false: a condition nobody has established opens the answer."""
    data = _undoubted()
    del data["forces"]["home-guard"]["distinctive_sign"]
    result = _status(data, rulebook, "guardsman")
    assert result.status == "undetermined"
    assert {b.value for b in result.branches} == {"prisoner_of_war", "not_prisoner_of_war"}


def test_an_alleged_breach_of_the_laws_of_war_alone_does_not_decide(rulebook: Rulebook) -> None:
    """The Night Riders' disregard of the laws of war is only alleged: with a sign and arms
    carried openly, their member's status turns on whether the allegation is proved."""
    data = v2_data("militias-and-the-four-conditions")
    data["forces"]["night-riders"].update(distinctive_sign=True, arms_carried_openly=True)
    result = _status(data, rulebook, "rider")
    assert result.status == "undetermined"


def test_a_settled_category_answers_the_doubt(rulebook: Rulebook) -> None:
    """The Home Guard's member is doubted, but the route of Art 4A(2) settles his category: he is
    a prisoner of war, not merely presumed one; without the sign the presumption holds him."""
    data = v2_data("militias-and-the-four-conditions")
    assert _status(data, rulebook, "guardsman").rules == ("pow.militia.four_conditions",)
    data["forces"]["home-guard"]["distinctive_sign"] = False
    assert _status(data, rulebook, "guardsman").value == "presumed_prisoner_of_war"


def test_doubt_keeps_the_protection_until_a_tribunal_decides(rulebook: Rulebook) -> None:
    data = v2_data("militias-and-the-four-conditions")
    data["persons"]["rider"]["status_doubted"] = True
    result = _status(data, rulebook, "rider")
    assert (result.value, result.rules) == ("presumed_prisoner_of_war",
                                            ("pow.doubt_presumption",))


def test_a_militia_member_is_no_member_of_the_armed_forces(rulebook: Rulebook) -> None:
    scenario = load_scenario(v2_data("militias-and-the-four-conditions"))
    assert scenario.persons["guardsman"].member_of_forces_of.value == "none"
    assert scenario.deployments["home-guard"].category == "militia_or_volunteer_corps"


def test_a_militia_placed_with_another_party_is_refused() -> None:
    data = v2_data("militias-and-the-four-conditions")
    data["parties"]["CCC"] = {"kind": "state", "name": "State CCC"}
    data["conflicts"]["war"]["sides"] = [["AAA"], ["CCC"]]
    data["forces"]["home-guard"]["placed_with"] = "CCC"
    with pytest.raises(ScenarioError, match="militia or volunteer corps placed"):
        load_scenario(data)


def test_militia_fields_are_refused_in_format_1() -> None:
    data = {"id": "m", "title": "t", "as_of": "2025-03-01",
            "states": {"AAA": {"name": "A"}, "BBB": {"name": "B"}},
            "conflicts": {"war": {"name": "w", "belligerents": ["AAA", "BBB"]}},
            "deployments": {"d": {"sending_state": "BBB", "receiving_state": "AAA",
                                  "conflict": "war", "against": "AAA",
                                  "distinctive_sign": True}}}
    with pytest.raises(ScenarioError, match="field of scenario format 2"):
        load_scenario(data)
