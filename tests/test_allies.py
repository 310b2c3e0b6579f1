"""Allies on one side and a foreign contingent at a government's invitation (docs/examples/v2/):
no question of self-defence or armed conflict is asked between parties on the same side; an ally
may use force in collective self-defence at the victim's request (UN Charter Art 51); a state
fighting an armed group at the territorial government's invitation does not use force against that
state, and the conflict stays non-international. Each answer is checked with its rule and
articles."""

from __future__ import annotations

from typing import Any

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.engine.analysis import Analysis
from legal_analysis.render import render

from .hypotheticals import v2_data


def _analyse(data: dict[str, Any], rulebook: Rulebook) -> Analysis:
    return analyse(load_scenario(data), rulebook)


def _cited(result: Any) -> set[tuple[str, str]]:
    return {(c.source, c.pinpoint or "") for c in result.citations}


def _pairs(analysis: Analysis, conclusion: str) -> set[frozenset[str]]:
    return {frozenset(r.subject_dict.values()) for r in analysis.conclusions(conclusion)}


def test_no_question_is_asked_between_allies(rulebook: Rulebook) -> None:
    analysis = _analyse(v2_data("allies-on-one-side"), rulebook)
    for conclusion in ("self_defence_available", "international_armed_conflict"):
        assert frozenset({"AAA", "CCC"}) not in _pairs(analysis, conclusion)
    assert analysis.get("conflict_classification", conflict="war").value == "international"
    for party in ("AAA", "BBB", "CCC"):
        assert analysis.get("party_to_conflict", state=party, conflict="war").value is True


def test_the_ally_asked_for_help_acts_in_collective_self_defence(rulebook: Rulebook) -> None:
    analysis = _analyse(v2_data("allies-on-one-side"), rulebook)
    ally = analysis.get("self_defence_available", defending="CCC", against="BBB")
    assert (ally.status, ally.value) == ("established", True)
    assert ally.rules == ("self_defence.ally.requested",)
    assert {("un-charter", "art 51"), ("icj-nicaragua-1986", "para 199")} <= _cited(ally)
    victim = analysis.get("self_defence_available", defending="AAA", against="BBB")
    assert (victim.value, victim.rules) == (True, ("self_defence.victim_against_aggressor",))
    assert analysis.get("unlawful_use_of_force", state="CCC").value is False


def _use(data: dict[str, Any]) -> dict[str, Any]:
    (use,) = data["conflicts"]["war"]["uses_of_force"]
    assert isinstance(use, dict)
    return use


def test_without_a_request_the_ally_needs_an_attack_of_its_own(rulebook: Rulebook) -> None:
    """Collective self-defence needs the victim's request: an ally not asked has a right of
    self-defence only if it was itself attacked, which the facts do not say, so the answer is
    open; shown not attacked, it has none."""
    data = v2_data("allies-on-one-side")
    _use(data)["assistance_requested_from"] = {"CCC": False}
    result = _analyse(data, rulebook).get("self_defence_available", defending="CCC",
                                          against="BBB")
    assert result.status == "undetermined"
    assert {b.value for b in result.branches} == {True, False}


def test_an_unknown_request_leaves_the_allys_answer_open(rulebook: Rulebook) -> None:
    data = v2_data("allies-on-one-side")
    del _use(data)["assistance_requested_from"]
    result = _analyse(data, rulebook).get("self_defence_available", defending="CCC",
                                          against="BBB")
    assert result.status == "undetermined"


def test_a_contingent_at_the_governments_invitation(rulebook: Rulebook) -> None:
    analysis = _analyse(v2_data("contingent-for-consenting-government"), rulebook)
    classification = analysis.get("conflict_classification", conflict="civil-war")
    assert (classification.status, classification.value) == ("established", "non_international")
    force = analysis.get("unlawful_use_of_force", state="BBB")
    assert (force.value, force.rules) == (False, ("force.intervention_by_invitation",))
    assert {("un-charter", "art 2(4)"), ("icj-drc-uganda-2005", "paras 42-53")} <= _cited(force)
    assert analysis.get("party_to_conflict", state="BBB", conflict="civil-war").value is True
    assert not _pairs(analysis, "international_armed_conflict")


def test_consent_not_yet_given_on_the_date_decides_nothing(rulebook: Rulebook) -> None:
    """The consent is dated: before it was given, the rule of invitation does not apply."""
    data = v2_data("contingent-for-consenting-government")
    data["as_of"] = "2024-08-01"
    force = _analyse(data, rulebook).get("unlawful_use_of_force", state="BBB")
    assert force.value is not False


def test_a_memo_of_plain_answers_has_a_bottom_line(rulebook: Rulebook) -> None:
    """Every answer of the allies memo is plain (none needs a discussion): its bottom line still
    states them, issue by issue, instead of being empty."""
    memo = render(_analyse(v2_data("allies-on-one-side"), rulebook), "md").decode("utf-8")
    bottom = memo.split("## 1. Bottom line", 1)[1].split("## 2.", 1)[0]
    assert "1. " in bottom
    assert "State CCC may use force in self-defence against State BBB" in bottom
