"""Relations between parties (docs/examples/v2/): a state that arms and trains an armed group,
directs its operations or holds overall control over it, and a state that lends its territory to
an aggressor. Each answer is checked with the rule that gives it and the articles it rests on:
support is not attribution (ARSIWA Art 8, Nicaragua), overall control internationalises the
conflict (Tadić) but is contested for attribution, arming and training a group is a use of force,
lending territory is an act of aggression (GA Res 3314 Art 3(f)) and aid or assistance (ARSIWA
Art 16), and a support fact only alleged leaves the answer open."""

from __future__ import annotations

from typing import Any

import pytest

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.engine.analysis import Analysis
from legal_analysis.errors import ScenarioError
from legal_analysis.render import render

from .hypotheticals import v2_data


def _analyse(data: dict[str, Any], rulebook: Rulebook) -> Analysis:
    return analyse(load_scenario(data), rulebook)


def _cited(result: Any) -> set[tuple[str, str]]:
    return {(c.source, c.pinpoint or "") for c in result.citations}


def _relation(data: dict[str, Any]) -> dict[str, Any]:
    (relation,) = data["relations"].values()
    assert isinstance(relation, dict)
    return relation


# --- a state that arms and trains a group, without control -----------------------------------

def test_support_without_control_is_not_attribution(rulebook: Rulebook) -> None:
    analysis = _analyse(v2_data("group-armed-without-control"), rulebook)
    result = analysis.get("attribution_of_group_conduct", group="GRP", state="CCC")
    assert (result.status, result.value) == ("established", "not_attributable")
    assert result.rules == ("attribution.group.support_only",)
    assert {("icj-nicaragua-1986", "para 115"), ("arsiwa", "art 8")} <= _cited(result)


def test_a_supporting_state_is_not_a_party_and_the_conflict_stays_internal(
        rulebook: Rulebook) -> None:
    analysis = _analyse(v2_data("group-armed-without-control"), rulebook)
    party = analysis.get("party_to_conflict", state="CCC", conflict="civil-war")
    assert (party.value, party.rules) == (False, ("party.supporting_state.support_only",))
    classification = analysis.get("conflict_classification", conflict="civil-war")
    assert (classification.status, classification.value) == ("established", "non_international")


def test_arming_and_training_a_group_is_a_use_of_force(rulebook: Rulebook) -> None:
    analysis = _analyse(v2_data("group-armed-without-control"), rulebook)
    result = analysis.get("unlawful_use_of_force", state="CCC")
    assert (result.status, result.value) == ("established", True)
    assert result.rules == ("force.arms_and_trains_group",)
    assert {("un-charter", "art 2(4)"), ("icj-nicaragua-1986", "para 228")} <= _cited(result)


def test_financing_alone_is_not_a_use_of_force(rulebook: Rulebook) -> None:
    data = v2_data("group-armed-without-control")
    _relation(data)["support"].update(arming=False, training=False)
    result = _analyse(data, rulebook).get("unlawful_use_of_force", state="CCC")
    assert (result.status, result.value) == ("established", False)
    assert result.rules == ("force.finances_group_only",)


def test_arming_only_alleged_leaves_the_use_of_force_open(rulebook: Rulebook) -> None:
    """Standard of proof: a support fact that is only alleged is not established, so the answer
    branches on it instead of reading it as true (or as false)."""
    data = v2_data("group-armed-without-control")
    support = _relation(data)["support"]
    support["arming"] = {"value": True, "certainty": "alleged"}
    support["training"] = {"value": True, "certainty": "alleged"}
    result = _analyse(data, rulebook).get("unlawful_use_of_force", state="CCC")
    assert result.status != "established"
    assert {b.value for b in result.branches} >= {True}


# --- effective control over specific operations -----------------------------------------------

def test_directed_operations_are_the_directing_states_conduct(rulebook: Rulebook) -> None:
    analysis = _analyse(v2_data("group-under-effective-control"), rulebook)
    result = analysis.get("attribution_of_group_conduct", group="GRP", state="CCC")
    assert (result.status, result.value) == ("established", "operations_directed")
    assert result.rules == ("attribution.group.specific_operations",)
    assert ("arsiwa", "art 8") in _cited(result)


def test_control_over_the_group_internationalises_the_conflict(rulebook: Rulebook) -> None:
    analysis = _analyse(v2_data("group-under-effective-control"), rulebook)
    result = analysis.get("conflict_classification", conflict="civil-war")
    assert (result.status, result.value) == ("established", "international")
    assert result.rules == ("classification.internationalised_by_overall_control",)
    assert ("icty-tadic-appeal-1999", "para 97") in _cited(result)
    for party in ("AAA", "CCC", "GRP"):
        assert analysis.get("party_to_conflict", state=party, conflict="civil-war").value is True


# --- overall control ----------------------------------------------------------------------------

def _overall(disputed: bool = False) -> dict[str, Any]:
    data = v2_data("group-under-overall-control")
    relation = _relation(data)
    if not disputed:
        relation["control"] = "overall_control"
        relation["direction_of_operations"] = False
    return data


def test_overall_control_internationalises_but_is_contested_for_attribution(
        rulebook: Rulebook) -> None:
    analysis = _analyse(_overall(), rulebook)
    classification = analysis.get("conflict_classification", conflict="war")
    assert (classification.status, classification.value) == ("established", "international")
    attribution = analysis.get("attribution_of_group_conduct", group="GRP", state="CCC")
    assert (attribution.status, attribution.value) == ("established", "not_attributable")
    assert attribution.rules == ("attribution.group.overall_control",)
    memo = render(analysis, "md").decode("utf-8")
    assert "Contested points of law" in memo
    assert "Bosnian Genocide" in memo and "Tadić (Appeal)" in memo


def test_overall_control_is_read_from_its_elements(rulebook: Rulebook) -> None:
    """Tadić's test: a state that finances or arms a group and plans its operations has overall
    control over it, whatever the parties call their relation (here the degree of control is
    disputed), so the conflict is international."""
    result = _analyse(_overall(disputed=True), rulebook).get("conflict_classification",
                                                             conflict="war")
    assert (result.status, result.value) == ("established", "international")


def test_disputed_control_without_planning_leaves_the_classification_open(
        rulebook: Rulebook) -> None:
    """The control is disputed (the victim says overall control, the supporter general support)
    and the support stops short of planning: the classification is not decided on one account."""
    data = _overall(disputed=True)
    _relation(data)["support"]["planning"] = False
    _relation(data)["direction_of_operations"] = False
    result = _analyse(data, rulebook).get("conflict_classification", conflict="war")
    assert result.status != "established"
    assert {b.value for b in result.branches} == {"international", "non_international"}


def test_directing_operations_internationalises_the_conflict(rulebook: Rulebook) -> None:
    data = _overall(disputed=True)
    relation = _relation(data)
    relation["support"]["planning"] = False
    relation["control"] = "general_support"
    relation["direction_of_operations"] = True
    analysis = _analyse(data, rulebook)
    classification = analysis.get("conflict_classification", conflict="war")
    assert (classification.status, classification.value) == ("established", "international")
    assert analysis.get("party_to_conflict", state="CCC", conflict="war").value is True


def test_complete_dependence_makes_the_group_a_de_facto_organ(rulebook: Rulebook) -> None:
    data = _overall()
    _relation(data)["control"] = "complete_dependence"
    result = _analyse(data, rulebook).get("attribution_of_group_conduct", group="GRP",
                                          state="CCC")
    assert (result.value, result.rules) == ("all_conduct",
                                            ("attribution.group.complete_dependence",))
    assert ("arsiwa", "art 4(1)") in _cited(result)


# --- territory lent to an aggressor --------------------------------------------------------------

def test_lending_territory_to_the_aggressor_is_aggression_and_aid(rulebook: Rulebook) -> None:
    analysis = _analyse(v2_data("territory-lent-to-aggressor"), rulebook)
    force = analysis.get("unlawful_use_of_force", state="CCC")
    assert (force.value, force.rules) == (True, ("force.territory_made_available",))
    assert ("unga-res-3314", "annex, art 3(f)") in _cited(force)
    aid = analysis.get("aid_or_assistance", state="CCC", assisted="AAA")
    assert (aid.value, aid.rules) == (True, ("aid.territory_to_aggressor",))
    assert {("arsiwa", "art 16"), ("arsiwa", "art 16(a)")} <= _cited(aid)


def test_the_lending_state_is_not_asked_about_self_defence_or_party_status(
        rulebook: Rulebook) -> None:
    analysis = _analyse(v2_data("territory-lent-to-aggressor"), rulebook)
    assert not [r for r in analysis.conclusions("self_defence_available")
                if "CCC" in r.subject_dict.values()]
    assert not [r for r in analysis.conclusions("party_to_conflict")
                if r.subject_dict.get("state") == "CCC"]


def test_territory_lent_only_alleged_leaves_both_answers_open(rulebook: Rulebook) -> None:
    data = v2_data("territory-lent-to-aggressor")
    _relation(data)["territory_made_available"] = {"value": True, "certainty": "alleged"}
    analysis = _analyse(data, rulebook)
    assert analysis.get("unlawful_use_of_force", state="CCC").status != "established"
    assert analysis.get("aid_or_assistance", state="CCC", assisted="AAA").status != "established"


def test_lending_territory_to_the_victim_is_not_aggression(rulebook: Rulebook) -> None:
    data = v2_data("territory-lent-to-aggressor")
    relation = _relation(data)
    relation["to"], relation["attacks_against"] = "BBB", "AAA"
    analysis = _analyse(data, rulebook)
    assert not [r for r in analysis.conclusions("unlawful_use_of_force")
                if r.subject_dict.get("state") == "CCC" and r.value is True]
    aid = analysis.get("aid_or_assistance", state="CCC", assisted="BBB")
    assert aid.value is not True


# --- Security Council findings ---------------------------------------------------------------------

def test_a_finding_of_aggression_names_the_aggressor(rulebook: Rulebook) -> None:
    data = v2_data("territory-lent-to-aggressor")
    del data["conflicts"]["war"]["aggressor"]
    scenario = load_scenario(data)
    aggressor = scenario.conflicts["war"].aggressor
    assert aggressor.value == "AAA"
    assert [s.source for s in aggressor.sources] == ["sc-resolution"]
    force = analyse(scenario, rulebook).get("unlawful_use_of_force", state="CCC")
    assert force.value is True


def test_another_determination_is_refused_with_its_place() -> None:
    data = v2_data("territory-lent-to-aggressor")
    data["conflicts"]["war"]["security_council_findings"][0]["determination"] = \
        "breach_of_the_peace"
    with pytest.raises(ScenarioError) as info:
        load_scenario(data)
    message = str(info.value)
    assert "security_council_findings[0].determination" in message
    assert "other than an act of aggression" in message


@pytest.mark.parametrize("name", ["group-armed-without-control", "group-under-effective-control",
                                  "group-under-overall-control", "territory-lent-to-aggressor"])
def test_relations_are_refused_in_format_1(name: str) -> None:
    """Format 1 has no relations: a file without 'format: 2' that writes them gets one error."""
    data = v2_data(name)
    data.pop("format")
    with pytest.raises(ScenarioError):
        load_scenario(data)
