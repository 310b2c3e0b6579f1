"""A national of the detaining power captured fighting in the other side's ranks
(docs/examples/v2/national-of-detaining-power.yaml): whether he is a prisoner of war is contested;
the rule follows one view and the answer shows both, with the articles each rests on."""

from __future__ import annotations

from typing import Any

import pytest

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.render import render

from .conftest import EXAMPLES
from .hypotheticals import v2_data

FILE = EXAMPLES / "v2" / "national-of-detaining-power.yaml"


def _data() -> dict[str, Any]:
    return v2_data("national-of-detaining-power")


def _status(data: dict[str, Any], rulebook: Rulebook) -> Any:
    return analyse(load_scenario(data), rulebook).get("pow_status", person="volunteer")


def test_a_national_of_the_detaining_power_is_not_its_prisoner_of_war_on_the_view_followed(
        rulebook: Rulebook) -> None:
    analysis = analyse(load_scenario(FILE), rulebook)
    result = analysis.get("pow_status", person="volunteer")
    assert (result.status, result.value) == ("established", "not_prisoner_of_war")
    assert result.rules == ("pow.national_of_detaining_power",)
    assert ("gc3", "art 87, para 2") in {(c.source, c.pinpoint) for c in result.citations}
    memo = render(analysis, "md").decode("utf-8")
    assert "Contested points of law" in memo
    assert "sets no condition of nationality" in memo and "not being a national" in memo


@pytest.mark.parametrize("drop", ["allegiance_to", "nationalities"])
def test_either_nationality_or_allegiance_is_enough(rulebook: Rulebook, drop: str) -> None:
    data = _data()
    del data["persons"]["volunteer"][drop]
    result = _status(data, rulebook)
    assert (result.value, result.rules) == ("not_prisoner_of_war",
                                            ("pow.national_of_detaining_power",))


def test_without_a_tie_to_the_detaining_power_he_is_a_prisoner_of_war(rulebook: Rulebook) -> None:
    """Neither nationality nor allegiance stated: the exception is not shown, and the member of
    a party's armed forces is a prisoner of war (the presumption of AP I Art 45(1))."""
    data = _data()
    person = data["persons"]["volunteer"]
    del person["allegiance_to"]
    person["nationalities"] = ["CCC"]
    result = _status(data, rulebook)
    assert result.value == "prisoner_of_war"
    assert result.rules == ("pow.member_of_party_forces",)


def test_doubt_still_calls_for_a_tribunal(rulebook: Rulebook) -> None:
    data = _data()
    data["persons"]["volunteer"]["status_doubted"] = True
    result = _status(data, rulebook)
    assert (result.value, result.rules) == (
        "presumed_prisoner_of_war", ("pow.doubt_presumption.despite_exception",))
