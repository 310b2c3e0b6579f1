"""A belligerent's own soldiers captured by the enemy (docs/examples/v2/own-soldier-captured.yaml):
the most basic prisoner-of-war case, with its variations out of uniform — a combatant who fails to
distinguish himself in an attack (AP I Art 44(3)-(4)) and a spy taken in the act (Hague
Regulations Arts 29-31, AP I Art 46). Each test checks the answer and the rules and articles it
rests on."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.engine.analysis import Analysis
from legal_analysis.render import render

from .conftest import EXAMPLES
from .hypotheticals import v2_data

FILE = EXAMPLES / "v2" / "own-soldier-captured.yaml"


def _data() -> dict[str, Any]:
    return v2_data("own-soldier-captured")


def _analyse(data: dict[str, Any], rulebook: Rulebook) -> Analysis:
    return analyse(load_scenario(data), rulebook)


def _pinpoints(analysis: Analysis, conclusion: str, **subject: str) -> set[tuple[str, str]]:
    result = analysis.get(conclusion, **subject)
    return {(c.source, c.pinpoint or "") for c in result.citations}


@pytest.fixture(scope="module")
def home(rulebook: Rulebook) -> Analysis:
    return _analyse(_data(), rulebook)


def test_a_soldier_captured_in_uniform_in_combat_is_a_prisoner_of_war(home: Analysis) -> None:
    result = home.get("pow_status", person="rifleman")
    assert (result.status, result.value) == ("established", "prisoner_of_war")
    assert result.rules == ("pow.member_of_party_forces",)
    assert ("gc3", "art 4A(1)") in _pinpoints(home, "pow_status", person="rifleman")
    assert home.get("mercenary", person="rifleman").value is False
    assert home.get("mercenary", person="rifleman").rules == ("mercenary.member_of_party_forces",)


def test_the_war_between_the_two_states_is_international_and_each_is_a_party(
        home: Analysis) -> None:
    iac = home.get("international_armed_conflict", state="BBB", other="AAA")
    assert (iac.status, iac.value) == ("established", True)
    assert iac.rules == ("iac.own_forces_and_adversary",)
    assert ("gc3", "art 2") in {(c.source, c.pinpoint) for c in iac.citations}
    for state in ("AAA", "BBB"):
        party = home.get("party_to_conflict", state=state, conflict="war")
        assert (party.value, party.rules) == (True, ("party.belligerent",))


def test_a_partys_own_forces_are_its_organs_and_no_sending_state_rule_is_engaged(
        home: Analysis) -> None:
    attribution = home.get("attribution_of_conduct", deployment="bbb-army")
    assert (attribution.status, attribution.value) == ("established", ("BBB",))
    assert attribution.rules == ("attribution.own_forces.organs",)
    fired = {rule for r in home.conclusions() for rule in r.rules}
    assert not {r for r in fired if ".sending_state." in r or ".receiving_state." in r}


def test_a_saboteur_in_civilian_clothes_without_arms_openly_forfeits_the_status(
        home: Analysis) -> None:
    result = home.get("pow_status", person="saboteur")
    assert (result.status, result.value) == ("established", "not_prisoner_of_war")
    assert result.rules == ("pow.failed_to_distinguish",)
    assert {("api", "art 44(3)"), ("api", "art 44(4)")} <= _pinpoints(
        home, "pow_status", person="saboteur")
    assert "equivalent in all respects" in " ".join(result.details)


def test_doubt_keeps_the_saboteur_a_presumed_prisoner_of_war_until_a_tribunal_decides(
        rulebook: Rulebook) -> None:
    data = _data()
    data["persons"]["saboteur"]["status_doubted"] = True
    data["persons"]["saboteur"]["takes_direct_part"] = True
    result = _analyse(data, rulebook).get("pow_status", person="saboteur")
    assert (result.value, result.rules) == (
        "presumed_prisoner_of_war", ("pow.doubt_presumption.despite_exception",))


def test_without_ap_i_the_protocols_forfeiture_does_not_apply(rulebook: Rulebook) -> None:
    data = _data()
    data["parties"]["AAA"]["treaties"]["api"] = {"status": "not_party"}
    result = _analyse(data, rulebook).get("pow_status", person="saboteur")
    assert (result.value, result.rules) == ("prisoner_of_war", ("pow.member_of_party_forces",))


def test_an_unknown_ap_i_participation_is_not_read_as_binding(rulebook: Rulebook) -> None:
    data = _data()
    del data["parties"]["AAA"]["treaties"]["api"]
    analysis = _analyse(data, rulebook)
    result = analysis.get("pow_status", person="saboteur")
    assert result.status == "undetermined"
    values = {b.value for b in result.branches}
    assert values == {"prisoner_of_war", "not_prisoner_of_war"}


def test_an_allegation_of_civilian_clothes_is_not_proof(rulebook: Rulebook) -> None:
    data = _data()
    data["persons"]["saboteur"]["captured_wearing"]["certainty"] = "alleged"
    result = _analyse(data, rulebook).get("pow_status", person="saboteur")
    assert result.status == "undetermined"


@pytest.mark.parametrize(("wearing", "value", "rule"), [
    ("civilian_clothes", "not_prisoner_of_war", "pow.spy_captured_in_the_act"),
    ("enemy_uniform", "not_prisoner_of_war", "pow.spy_captured_in_the_act"),
    ("uniform", "prisoner_of_war", "pow.member_of_party_forces"),
])
def test_a_spy_taken_in_the_act_out_of_uniform_is_not_a_prisoner_of_war(
        rulebook: Rulebook, wearing: str, value: str, rule: str) -> None:
    """AP I Art 46(1)-(2) and Hague Regulations Art 29: gathering information in one's own
    uniform is not espionage; out of it, a member of the armed forces taken in the act may be
    treated as a spy, whether or not AP I binds the detaining power."""
    data = copy.deepcopy(_data())
    spy = data["persons"]["saboteur"]
    spy.update(captured_while="espionage", captured_wearing=wearing)
    del spy["carries_arms_openly"]
    data["parties"]["AAA"]["treaties"]["api"] = {"status": "not_party"}
    analysis = _analyse(data, rulebook)
    result = analysis.get("pow_status", person="saboteur")
    assert (result.value, result.rules) == (value, (rule,))
    if value == "not_prisoner_of_war":
        assert {("hague-regulations-1907", "art 29, para 1"),
                ("hague-regulations-1907", "art 30")} <= _pinpoints(
            analysis, "pow_status", person="saboteur")


def test_a_soldier_captured_while_not_fighting_keeps_the_status(rulebook: Rulebook) -> None:
    """AP I Art 44(5): captured while not engaged in an attack, he keeps his status whatever he
    did before."""
    data = _data()
    data["persons"]["saboteur"]["captured_while"] = "not_fighting"
    result = _analyse(data, rulebook).get("pow_status", person="saboteur")
    assert (result.value, result.rules) == ("prisoner_of_war", ("pow.member_of_party_forces",))


def test_a_tribunal_that_is_not_competent_does_not_decide(rulebook: Rulebook) -> None:
    data = _data()
    saboteur = data["persons"]["saboteur"]
    saboteur.update(status_doubted=True, takes_direct_part=True,
                    tribunal_decision="not_prisoner_of_war", tribunal_competent=False)
    result = _analyse(data, rulebook).get("pow_status", person="saboteur")
    assert (result.value, result.rules) == (
        "presumed_prisoner_of_war", ("pow.doubt_presumption.despite_exception",))
    saboteur["tribunal_competent"] = True
    result = _analyse(data, rulebook).get("pow_status", person="saboteur")
    assert (result.value, result.rules) == ("not_prisoner_of_war", ("pow.tribunal_decision",))


def test_the_memo_does_not_speak_of_a_deployment(home: Analysis) -> None:
    memo = render(home, "md").decode("utf-8")
    assert "deployed to" not in memo and "receiving state" not in memo
    assert "AP I Art. 44" in memo or "art 44(4)" in memo.lower()
