"""The worked example scenarios in docs/examples/ load, and say what they claim to say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from legal_analysis.scenario import load_scenario

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"

AS_OF = {
    "dprk-2024-10-26.yaml": dt.date(2024, 10, 26),
    "dprk-2025-01-12.yaml": dt.date(2025, 1, 12),
    "dprk-2025-04-28.yaml": dt.date(2025, 4, 28),
}


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(AS_OF)


@pytest.mark.parametrize("name", sorted(AS_OF))
def test_example_loads_with_its_date(name: str) -> None:
    scenario = load_scenario(EXAMPLES / name)
    assert scenario.as_of == AS_OF[name]
    assert scenario.id == name.removesuffix(".yaml")
    assert {"RUS", "UKR", "PRK", "KOR"} <= set(scenario.states)
    dep = scenario.deployments["dprk-to-russia"]
    assert (dep.sending_state, dep.receiving_state, dep.against) == ("PRK", "RUS", "UKR")
    assert scenario.conflicts["russia-ukraine"].belligerents == ("RUS", "UKR")
    assert all(not state.treaties for state in scenario.states.values()), (
        "treaty participation comes from the rule base's data, not the examples"
    )


def test_october_command_authority_is_unknown_or_disputed() -> None:
    dep = load_scenario(EXAMPLES / "dprk-2024-10-26.yaml").deployments["dprk-to-russia"]
    assert dep.command_authority.is_unknown or dep.command_authority.is_disputed
    assert not load_scenario(EXAMPLES / "dprk-2024-10-26.yaml").persons


def test_january_has_two_captured_soldiers_and_no_acknowledgement() -> None:
    s = load_scenario(EXAMPLES / "dprk-2025-01-12.yaml")
    assert set(s.persons) == {"soldier-1", "soldier-2"}
    for person in s.persons.values():
        assert person.captured_by == "UKR"
        assert person.nationalities.value == ("PRK",)
        assert person.nationalities.certainty == "reported"
        assert set(person.destinations) == {"PRK", "RUS", "KOR", "UKR", "XTS", "XNS"}
    ack = s.deployments["dprk-to-russia"].acknowledged_by
    assert ack["PRK"].value is False and ack["RUS"].value is False
    assert s.states["XNS"].neutral.value is True


def test_april_acknowledgements_are_dated() -> None:
    s = load_scenario(EXAMPLES / "dprk-2025-04-28.yaml")
    dep = s.deployments["dprk-to-russia"]
    assert dep.acknowledged_by["RUS"].on == dt.date(2025, 4, 26)
    assert dep.acknowledged_by["PRK"].on == dt.date(2025, 4, 28)
    assert dep.acknowledged_by["PRK"].before is False
    assert dep.claimed_justification.value == "collective_self_defence"
    assert dep.official_duty.value is True
    assert s.states["KOR"].willing_to_receive.value is True


@pytest.mark.parametrize("name", sorted(AS_OF))
def test_every_stated_fact_has_a_source(name: str) -> None:
    from legal_analysis.scenario import iter_facts

    scenario = load_scenario(EXAMPLES / name)
    for key, fact in iter_facts(scenario):
        if fact.is_unknown and not fact.accounts:
            continue
        assert fact.sources or fact.accounts or key[:2] == ("states", "XNS"), key
        for ref in fact.sources:
            if ref.source.startswith("seed-"):
                assert ref.pinpoint and ref.pinpoint.startswith("para "), (key, ref)
