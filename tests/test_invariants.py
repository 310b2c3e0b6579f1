"""Legal invariants of the shipped rule base, checked over generated scenarios."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legal_analysis import Analysis, Rulebook, analyse
from legal_analysis.facts import Scenario

from .strategies import scenarios

SETTINGS = settings(max_examples=10, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TERRITORY = ("receiving_state_territory", "annexed_by_receiving_state",
             "occupied_by_receiving_state", "adversary_territory")


def _outcomes(a: Analysis, cid: str) -> dict[Any, tuple[str, str]]:
    return {r.subject: (r.status, repr(r.value)) for r in a.conclusions(cid)}


def _with(scenario: Scenario, **deployment: Any) -> Scenario:
    data = scenario.model_dump(mode="json")
    data["deployments"]["dep"].update(deployment)
    return Scenario.model_validate(data)


@SETTINGS
@given(scenario=scenarios(), data=st.data())
def test_unlawfulness_of_the_war_never_changes_pow_status(
        rulebook: Rulebook, scenario: Scenario, data: st.DataObject) -> None:
    """Equality of belligerents: who the aggressor is, and what justification the sending state
    claims, change no person's prisoner-of-war status."""
    base = analyse(scenario, rulebook)
    aggressor = data.draw(st.sampled_from(sorted(scenario.states)))
    claim = data.draw(st.sampled_from(["collective_self_defence", "none_claimed", "consent"]))
    changed = base.what_if({"conflicts.war.aggressor": aggressor,
                            "deployments.dep.claimed_justification": claim}).after
    assert _outcomes(base, "pow_status") == _outcomes(changed, "pow_status")


@SETTINGS
@given(scenario=scenarios(), first=st.sampled_from(TERRITORY), second=st.sampled_from(TERRITORY))
def test_location_never_changes_the_sending_states_breach(
        rulebook: Rulebook, scenario: Scenario, first: str, second: str) -> None:
    """Where the troops fight (the receiving state's own territory, annexed or occupied areas,
    the adversary's territory) never changes whether the sending state breaches the prohibition
    of the use of force."""
    dep = scenario.deployments["dep"]
    place = {"name": "Front", "territory_of": dep.receiving_state, "status": first}
    a = analyse(_with(scenario, locations=[place]), rulebook)
    b = a.what_if({"deployments.dep.locations.0.status": second}).after
    sending = dep.sending_state
    left = {k: v for k, v in _outcomes(a, "unlawful_use_of_force").items() if dict(k)["state"] == sending}
    right = {k: v for k, v in _outcomes(b, "unlawful_use_of_force").items() if dict(k)["state"] == sending}
    assert left == right


@SETTINGS
@given(scenario=scenarios(), acknowledged=st.booleans())
def test_acknowledgement_is_not_a_condition_of_party_status(
        rulebook: Rulebook, scenario: Scenario, acknowledged: bool) -> None:
    """A state cannot avoid being a party by denying its deployment: acknowledgement by the
    sending or the receiving state changes no party-status outcome."""
    dep = scenario.deployments["dep"]
    s = _with(scenario, acknowledged_by={dep.sending_state: not acknowledged,
                                         dep.receiving_state: not acknowledged})
    a = analyse(s, rulebook)
    b = a.what_if({f"deployments.dep.acknowledged_by.{dep.sending_state}": acknowledged,
                   f"deployments.dep.acknowledged_by.{dep.receiving_state}": acknowledged}).after
    assert _outcomes(a, "party_to_conflict") == _outcomes(b, "party_to_conflict")


@SETTINGS
@given(scenario=scenarios())
def test_troops_sent_on_official_duty_are_never_mercenaries(
        rulebook: Rulebook, scenario: Scenario) -> None:
    """AP I Art. 47(2)(e)-(f): a member of a state's armed forces sent by it on official duty is
    not a mercenary (whether or not that state is a party), whatever else is known or unknown."""
    data = _with(scenario, official_duty=True, recruitment="state_sent").model_dump(mode="json")
    sending = scenario.deployments["dep"].sending_state
    for person in data["persons"].values():
        person["member_of_forces_of"] = sending  # one of the troops the state sent
    a = analyse(Scenario.model_validate(data), rulebook)
    for r in a.conclusions("mercenary"):
        assert (r.status, r.value) == ("established", False), r


@SETTINGS
@given(scenario=scenarios())
def test_a_barred_destination_is_never_permitted(rulebook: Rulebook, scenario: Scenario) -> None:
    """Non-refoulement prevails: where transfer to a destination is barred, no repatriation
    option to it is 'permitted', on any branch."""
    a = analyse(scenario, rulebook)
    for r in a.conclusions("refoulement_barred"):
        if r.status != "established" or r.value is not True:
            continue
        option = a.get("repatriation_option", **r.subject_dict)
        assert option.value != "permitted"
        assert all(b.value != "permitted" for b in option.branches)
