"""Combatant immunity (rules/immunity.yaml): whether a captured person may be tried for having
taken part in the hostilities follows his status; a prosecution of a prisoner of war for that
alone is named for what it is. Checked on the own-soldier and civil-war hypotheticals."""

from __future__ import annotations

from typing import Any

import pytest

from legal_analysis import Rulebook, analyse, load_scenario

from .hypotheticals import v2_data


def _data(name: str) -> dict[str, Any]:
    return v2_data(name)


def _immunity(data: dict[str, Any], rulebook: Rulebook, person: str) -> Any:
    return analyse(load_scenario(data), rulebook).get("combatant_immunity", person=person)


@pytest.mark.parametrize(("name", "person", "value", "rule", "cited"), [
    ("own-soldier-captured", "rifleman", "immune",
     "immunity.prisoner_of_war.tried_for_participation", ("api", "art 43(2)")),
    ("own-soldier-captured", "saboteur", "not_immune", "immunity.no_status",
     ("gc3", "art 3(1)(d)")),
    ("civil-war", "fighter", "not_immune", "immunity.no_status", ("api", "art 75(4)")),
])
def test_immunity_follows_the_status(rulebook: Rulebook, name: str, person: str, value: str,
                                     rule: str, cited: tuple[str, str]) -> None:
    result = _immunity(_data(name), rulebook, person)
    assert (result.status, result.value, result.rules) == ("established", value, (rule,))
    assert cited in {(c.source, c.pinpoint) for c in result.citations}


def test_a_trial_of_a_prisoner_of_war_for_taking_part_is_named(rulebook: Rulebook) -> None:
    data = _data("own-soldier-captured")
    data["persons"]["rifleman"]["prosecuted_for"] = "participation"
    result = _immunity(data, rulebook, "rifleman")
    assert (result.value, result.rules) == ("immune",
                                            ("immunity.prisoner_of_war.tried_for_participation",))
    assert "breaches his combatant immunity" in " ".join(result.details)


def test_a_trial_for_war_crimes_is_not_barred_by_immunity(rulebook: Rulebook) -> None:
    data = _data("own-soldier-captured")
    data["persons"]["rifleman"]["prosecuted_for"] = "war_crimes"
    result = _immunity(data, rulebook, "rifleman")
    assert (result.value, result.rules) == ("immune", ("immunity.prisoner_of_war",))
    assert "such as war crimes" in " ".join(result.details)


def test_doubt_defers_any_trial_for_taking_part(rulebook: Rulebook) -> None:
    data = _data("own-soldier-captured")
    data["persons"]["saboteur"].update(status_doubted=True, takes_direct_part=True)
    result = _immunity(data, rulebook, "saboteur")
    assert (result.value, result.rules) == ("immune_until_tribunal", ("immunity.status_in_doubt",))
    assert ("api", "art 45(2)") in {(c.source, c.pinpoint) for c in result.citations}


def test_an_open_status_leaves_immunity_open(rulebook: Rulebook) -> None:
    data = _data("own-soldier-captured")
    del data["parties"]["AAA"]["treaties"]["api"]
    result = _immunity(data, rulebook, "saboteur")
    assert result.status == "undetermined"
    assert {b.value for b in result.branches} == {"immune", "not_immune"}
