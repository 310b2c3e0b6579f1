"""The seeds' claims on the conflict, the jus ad bellum and accountability (legal map §1, §5).

One test per seed claim (1, 2, 3, 11, 12, 13 of the legal map): each builds the scenario the source
document assumes, from a home scenario in docs/examples with the assumed facts set, runs the whole
rule base, and checks the document's conclusion, or the library's more precise answer (the
docstring says why). Further tests show that the rules are generic (placeholder states AAA, BBB,
CCC in tests/fixtures/claims/generic.yaml) and name no real state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from legal_analysis import Analysis, Result, Rulebook, Scenario, analyse
from legal_analysis.facts import TerritoryStatus
from legal_analysis.scenario import check_references

from .conftest import EXAMPLES, FIXTURES
from .scenario_edits import scenario_data, set_field

OCT, JAN, APR = "dprk-2024-10-26", "dprk-2025-01-12", "dprk-2025-04-28"
DEPLOYMENT = "deployments.dprk-to-russia"
CONFLICT = "conflicts.russia-ukraine"
GENERIC = FIXTURES / "claims" / "generic.yaml"
MY_FILES = ("party.yaml", "conflict.yaml", "force.yaml", "accountability.yaml")


# --- helpers ---------------------------------------------------------------------------------------

def _assumed(value: Any, certainty: str = "established") -> dict[str, Any]:
    return {"value": value, "certainty": certainty, "note": "assumed, as the source document does"}


def _scenario(data: dict[str, Any]) -> Scenario:
    scenario = Scenario.model_validate(data)
    check_references(scenario)
    return scenario


def _home(name: str, **facts: Any) -> Scenario:
    """A home scenario with some facts set: keyword 'deployments__d__field' → dotted key."""
    data = scenario_data(EXAMPLES / f"{name}.yaml")
    for key, value in facts.items():
        set_field(data, key.replace("__", "."), value)
    return _scenario(data)


def _command(name: str, command: str, **facts: Any) -> Scenario:
    return _home(name, **{"deployments__dprk-to-russia__command_authority": _assumed(command)},
                 **facts)


def _run(scenario: Scenario, rulebook: Rulebook, as_of: dt.date | None = None) -> Analysis:
    return analyse(scenario, rulebook, as_of=as_of)


def _established(result: Result, value: Any) -> None:
    assert result.status == "established", (result.id, result.subject, result.status,
                                             result.branches)
    assert result.value == value, (result.id, result.subject, result.value)


def _branch_values(result: Result) -> set[Any]:
    return {b.value for b in result.branches}


# --- claim 1: sole receiving-state command -----------------------------------------------------------

def test_claim_01_sole_receiving_command_attributes_conduct_to_receiving_state_only(
        rulebook: Rulebook) -> None:
    """Seed 003 (Kress): if the receiving state has sole command, the troops' conduct is
    attributable to it alone and the sending state is not a party, even if its soldiers fight.

    More precise: the sending state still breaches the prohibition of the use of force by aiding
    the aggressor (Kress's "at least aiding and abetting", same document), and no international
    armed conflict, hence no right of self-defence against it, arises between it and the adversary.
    """
    a = _run(_command(JAN, "receiving"), rulebook)
    _established(a.get("attribution_of_conduct", deployment="dprk-to-russia"), ("RUS",))
    _established(a.get("party_to_conflict", state="PRK", conflict="russia-ukraine"), False)
    _established(a.get("international_armed_conflict", state="PRK", other="UKR"), False)
    _established(a.get("international_armed_conflict", state="RUS", other="UKR"), True)
    _established(a.get("self_defence_available", defending="UKR", against="PRK"), False)
    unlawful = a.get("unlawful_use_of_force", state="PRK")
    _established(unlawful, True)
    assert unlawful.rules == ("force.sending_state.aids_aggressor",)
    assert any("ARSIWA Art. 16" in d for d in unlawful.details)


# --- claim 2: sending-state command, alone or jointly ------------------------------------------------

@pytest.mark.parametrize("command", ["sending", "joint"])
def test_claim_02_sending_or_joint_command_makes_a_party_open_to_self_defence(
        rulebook: Rulebook, command: str) -> None:
    """Seed 003 (Kress): command retained alone or jointly, with troops fighting, makes the sending
    state a party; if its force reaches an armed attack, the adversary may defend itself against
    it, also on its territory, to a necessary and proportionate extent."""
    s = _command(APR, command, **{"deployments__dprk-to-russia__armed_attack_intensity":
                                  _assumed(True)})
    a = _run(s, rulebook)
    _established(a.get("party_to_conflict", state="PRK", conflict="russia-ukraine"), True)
    _established(a.get("international_armed_conflict", state="PRK", other="UKR"), True)
    attribution = a.get("attribution_of_conduct", deployment="dprk-to-russia")
    _established(attribution, ("PRK", "RUS") if command == "joint" else ("PRK",))
    sd = a.get("self_defence_available", defending="UKR", against="PRK")
    _established(sd, True)
    assert any("necessary and proportionate" in d and "territory" in d for d in sd.details)
    unlawful = a.get("unlawful_use_of_force", state="PRK")
    _established(unlawful, True)
    assert "force.sending_state.own_use_of_force" in unlawful.rules


def test_claim_02_refined_self_defence_needs_an_armed_attack_and_command_decides(
        rulebook: Rulebook) -> None:
    """Kress conditions self-defence on the sending state's force reaching 'a certain intensity':
    below an armed attack there is none. With command unknown (as in every home scenario), the
    answer is undetermined and the memo shows both branches."""
    below = _command(APR, "sending", **{"deployments__dprk-to-russia__armed_attack_intensity":
                                        _assumed(False)})
    _established(_run(below, rulebook).get("self_defence_available", defending="UKR",
                                           against="PRK"), False)
    home = _run(_home(APR), rulebook)
    sd = home.get("self_defence_available", defending="UKR", against="PRK")
    assert sd.status == "undetermined" and _branch_values(sd) == {True, False}
    party = home.get("party_to_conflict", state="PRK", conflict="russia-ukraine")
    assert party.status == "undetermined"
    assert f"{DEPLOYMENT}.command_authority" in party.decisive_facts


# --- claim 3: location makes no difference -----------------------------------------------------------

@pytest.mark.parametrize("command", ["sending", "receiving", "joint"])
def test_claim_03_location_is_irrelevant_to_the_sending_states_breach(
        rulebook: Rulebook, command: str) -> None:
    """Seed 003 (Kress): whether the troops are in the receiving state's own territory, in
    territory it has annexed, or elsewhere in the adversary's territory makes no difference: the
    sending state at least aids an unlawful use of force. The answer is the same for every
    territory status (and with no location at all), whoever commands."""
    statuses = TerritoryStatus.__args__  # type: ignore[attr-defined]
    outcomes = set()
    for status in (*statuses, None):
        data = scenario_data(EXAMPLES / f"{JAN}.yaml")
        set_field(data, f"{DEPLOYMENT}.command_authority", _assumed(command))
        place = data["deployments"]["dprk-to-russia"]["locations"]
        if status is None:
            place.clear()
        else:
            place[0]["status"] = _assumed(status)
        r = _run(_scenario(data), rulebook).get("unlawful_use_of_force", state="PRK")
        outcomes.add((r.status, r.value, r.details))
    assert len(outcomes) == 1
    (status, value, _details), = outcomes
    assert (status, value) == ("established", True)


# --- claim 11: the treaty's mutual-assistance clause is assessed, not taken as given ---------------

def test_claim_11_collective_self_defence_under_the_treaty_fails(rulebook: Rulebook) -> None:
    """Seeds 000, 001: the DPRK invoked Art. 4 of the 2024 treaty (assistance 'in accordance with
    Article 51'). The claim is assessed: the state assisted is the aggressor, so collective
    self-defence is not available, and the deployment breaches the prohibition of the use of
    force. The answer does not depend on whether the victim's force against the aggressor (the
    DPRK's account of Kursk) is called an armed attack."""
    a = _run(_home(APR), rulebook)
    deployment = a.scenario.deployments["dprk-to-russia"]
    assert deployment.claimed_justification.value == "collective_self_defence"
    assert "Article 4" in str(deployment.claimed_legal_basis.value)
    sd = a.get("self_defence_available", defending="PRK", against="UKR")
    _established(sd, False)
    assert sd.rules == ("self_defence.sending_state.for_aggressor",)
    _established(a.get("self_defence_available", defending="RUS", against="UKR"), False)
    _established(a.get("unlawful_use_of_force", state="PRK"), True)
    for called_an_armed_attack in (True, False):
        s = _home(APR, **{"conflicts__russia-ukraine__armed_attack_by_adversary":
                          _assumed(called_an_armed_attack)})
        _established(_run(s, rulebook).get("self_defence_available", defending="PRK",
                                           against="UKR"), False)


def test_claim_11_a_claim_of_lawfulness_without_a_basis_is_assessed_too(rulebook: Rulebook) -> None:
    """Seed 004 (25 October 2024): the DPRK said any deployment would conform to international law,
    naming no basis. On the facts reported then (troops sent by the DPRK to the aggressor's war),
    the library still finds a breach: the claim is not taken as given."""
    a = _run(_home(OCT), rulebook)
    assert a.scenario.deployments["dprk-to-russia"].claimed_justification.is_unknown
    _established(a.get("unlawful_use_of_force", state="PRK"), True)
    _established(a.get("self_defence_available", defending="PRK", against="UKR"), False)


# --- claim 12: the UN Charter and Security Council resolutions --------------------------------------

def test_claim_12_charter_breach_and_security_council_measures(rulebook: Rulebook) -> None:
    """Seed 002 (ROK Ministry of National Defense): participation violates the UN Charter and
    Security Council resolutions. The Charter breach is established. The library is more precise
    on the resolutions: the sources only allege the breach (the ROK, NATO's Secretary General)
    without naming a resolution, so it reports 'alleged'; once the breach is reported or
    established, it is a breach distinct from the use of force."""
    a = _run(_home(APR), rulebook)
    _established(a.get("unlawful_use_of_force", state="PRK"), True)
    _established(a.get("security_council_measures_breached", state="PRK"), "alleged")
    for certainty in ("reported", "established"):
        s = _home(APR, states__PRK__arms_embargo_breached=_assumed(True, certainty))
        r = _run(s, rulebook).get("security_council_measures_breached", state="PRK")
        _established(r, True)
        assert any("distinct from the use of force" in d for d in r.details)


# --- claim 13: the crime of aggression, a leadership crime -----------------------------------------

def _with_leader(name: str) -> Scenario:
    data = scenario_data(EXAMPLES / f"{name}.yaml")
    data["persons"]["leader"] = {
        "name": "A senior leader of the sending state (hypothetical)",
        "deployment": "dprk-to-russia",
        "leadership_position": _assumed(True),
    }
    for soldier in ("soldier-1", "soldier-2"):
        data["persons"][soldier]["leadership_position"] = _assumed(False)
    return _scenario(data)


def test_claim_13_aggression_is_for_leaders_not_soldiers(rulebook: Rulebook) -> None:
    """Seeds 004 (Kyiv: involvement could amount to a crime of aggression) and 000 (accountability
    of leaders): a leader of the sending state may be liable; soldiers are not (Rome Statute
    Art. 8 bis(1)). More precise on fora: the ICC cannot exercise aggression jurisdiction over
    nationals of a state not party to the Rome Statute (Art. 15 bis(5)); the special tribunal for
    aggression against the adversary appears only once its agreement is signed (25 June 2025), and
    whether it reaches an assisting state's leaders is flagged as unverified."""
    a = _run(_with_leader(APR), rulebook)
    leader = a.get("aggression_liability", person="leader")
    _established(leader, "liable_possible")
    assert "accountability.forum.icc_excluded" in leader.rules
    assert any("15 bis(5)" in d for d in leader.details)
    assert "accountability.forum.special_tribunal" not in leader.rules
    for soldier in ("soldier-1", "soldier-2"):
        r = a.get("aggression_liability", person=soldier)
        _established(r, "not_liable")
        assert r.rules == ("accountability.aggression.not_a_leader",)
    later = _run(_with_leader(APR), rulebook, as_of=dt.date(2025, 7, 1))
    leader = later.get("aggression_liability", person="leader")
    _established(leader, "liable_possible")
    assert "accountability.forum.special_tribunal" in leader.rules
    assert any("Statute was not verified" in d for d in leader.details)


def test_claim_13_unknown_rank_is_not_read_as_no_liability(rulebook: Rulebook) -> None:
    """The home scenarios do not say whether the captured soldiers hold leadership positions:
    the answer is undetermined, never a silent 'not liable'."""
    a = _run(_home(JAN), rulebook)
    r = a.get("aggression_liability", person="soldier-1")
    assert r.status == "undetermined"
    assert _branch_values(r) == {"liable_possible", "not_liable"}
    assert "persons.soldier-1.leadership_position" in r.decisive_facts


def test_claim_13_the_contested_point_is_shown(rulebook: Rulebook) -> None:
    """Whether leaders of a merely assisting state commit aggression is contested: both views are
    carried by the rule. The first rests on authorities of law (Rome Statute art 8 bis, ARSIWA
    art 6); the second is Kyiv's and the IFANS author's position, reported in a news article and
    a think-tank paper, so it is carried as their position, not as law."""
    contested = rulebook.rules["accountability.aggression.leader"].spec.contested
    assert contested is not None and len(contested.views) == 2
    first, second = contested.views
    assert {a.source for a in first.authorities} == {"rome-statute", "arsiwa"}
    assert not second.authorities
    assert {p.holder for p in second.positions} == {"Ukraine", "Nam Seunghyun (IFANS)"}


# --- generic deployments -------------------------------------------------------------------------------

def test_generic_deployment_with_placeholder_states(rulebook: Rulebook) -> None:
    """AAA sends troops under its own command to BBB, the aggressor against CCC: the same answers
    as in the home scenario's 'sending command' branch, with no real state involved."""
    a = _run(_scenario(scenario_data(GENERIC)), rulebook)
    _established(a.get("international_armed_conflict", state="BBB", other="CCC"), True)
    _established(a.get("international_armed_conflict", state="AAA", other="CCC"), True)
    _established(a.get("attribution_of_conduct", deployment="aaa-to-bbb"), ("AAA",))
    _established(a.get("party_to_conflict", state="AAA", conflict="bbb-ccc"), True)
    unlawful = a.get("unlawful_use_of_force", state="AAA")
    _established(unlawful, True)
    assert set(unlawful.rules) == {"force.sending_state.aids_aggressor",
                                   "force.sending_state.own_use_of_force"}
    _established(a.get("unlawful_use_of_force", state="BBB"), True)
    _established(a.get("unlawful_use_of_force", state="CCC"), False)
    _established(a.get("self_defence_available", defending="AAA", against="CCC"), False)
    _established(a.get("self_defence_available", defending="CCC", against="AAA"), True)
    _established(a.get("self_defence_available", defending="CCC", against="BBB"), True)
    _established(a.get("self_defence_available", defending="BBB", against="CCC"), False)
    _established(a.get("security_council_measures_breached", state="AAA"), False)
    leader = a.get("aggression_liability", person="aaa-leader")
    _established(leader, "liable_possible")
    assert "accountability.forum.icc" in leader.rules
    _established(a.get("aggression_liability", person="aaa-soldier"), "not_liable")


def test_generic_helping_the_victim_is_collective_self_defence(rulebook: Rulebook) -> None:
    """The same rules, the other way round: AAA's troops help CCC, the victim, against BBB."""
    data = scenario_data(GENERIC)
    dep = data["deployments"]["aaa-to-bbb"]
    dep["receiving_state"], dep["against"] = "CCC", "BBB"
    a = _run(_scenario(data), rulebook)
    _established(a.get("unlawful_use_of_force", state="AAA"), False)
    _established(a.get("self_defence_available", defending="AAA", against="BBB"), True)
    _established(a.get("self_defence_available", defending="BBB", against="AAA"), False)
    _established(a.get("aggression_liability", person="aaa-leader"), "not_liable")


@pytest.mark.parametrize(("command", "party"), [("receiving", False), ("sending", True)])
def test_generic_private_recruits(rulebook: Rulebook, command: str, party: bool) -> None:
    """Fighters recruited by a private company: not the state's troops, unless it commands them
    (ARSIWA Art. 8, with the control test shown as contested)."""
    data = scenario_data(GENERIC)
    data["deployments"]["aaa-to-bbb"]["recruitment"] = "private_company"
    data["deployments"]["aaa-to-bbb"]["command_authority"] = command
    a = _run(_scenario(data), rulebook)
    _established(a.get("party_to_conflict", state="AAA", conflict="bbb-ccc"), party)
    _established(a.get("unlawful_use_of_force", state="AAA"), party)
    expected = ("AAA",) if command == "sending" else ("BBB",)
    _established(a.get("attribution_of_conduct", deployment="aaa-to-bbb"), expected)
    assert rulebook.rules["party.sending_state.private_under_command"].spec.contested is not None
