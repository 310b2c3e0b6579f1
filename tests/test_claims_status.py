"""The seeds' claims on the status of captured persons (legal map §2).

Seed claims 6 and 7 (status side), each under the facts the source document assumes: a home
scenario in docs/examples with the assumed facts set, the whole rule base run, and the document's
conclusion checked, or the library's more precise answer (the docstring says why). Further tests
answer the mercenary question under each branch of the sending state's party status, show that
official sending (established by acknowledgement) defeats mercenary status, that doubt gives a
presumption until a tribunal decides, that the unlawfulness of the war never changes the status,
and that the rules are generic (placeholder states in tests/fixtures/claims/status-generic.yaml).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from legal_analysis import Analysis, Result, Rulebook, Scenario, analyse
from legal_analysis.ruleset.conditions import conclusion_tests, fact_tests
from legal_analysis.scenario import check_references

from .conftest import EXAMPLES, FIXTURES
from .scenario_edits import scenario_data, set_field

JAN, APR = "dprk-2025-01-12", "dprk-2025-04-28"
DEP = "deployments.dprk-to-russia"
GENERIC = FIXTURES / "claims" / "status-generic.yaml"
MY_FILES = ("pow.yaml", "mercenary.yaml")
SOLDIERS = ("soldier-1", "soldier-2")
# what a mercenary's recruitment and pay look like (AP I Art. 47(2)(a)-(d)), for the branches
# in which the deployment facts alone do not decide
MERCENARY_LIKE = {"specially_recruited_to_fight": True, "private_gain_motive": True,
                  "compensation_substantially_in_excess": True,
                  "national_or_resident_of_party": False}


# --- helpers ---------------------------------------------------------------------------------------

def _assumed(value: Any) -> dict[str, Any]:
    return {"value": value, "certainty": "established",
            "note": "assumed, as the source document does"}


def _scenario(data: dict[str, Any]) -> Scenario:
    scenario = Scenario.model_validate(data)
    check_references(scenario)
    return scenario


def _home(name: str, facts: dict[str, Any] | None = None,
          person_facts: dict[str, Any] | None = None) -> Scenario:
    """A home scenario with facts set by dotted key, and facts set on both soldiers."""
    data = scenario_data(EXAMPLES / f"{name}.yaml")
    for key, value in (facts or {}).items():
        set_field(data, key, _assumed(value))
    for soldier in SOLDIERS:
        for key, value in (person_facts or {}).items():
            set_field(data, f"persons.{soldier}.{key}", _assumed(value))
    return _scenario(data)


def _established(result: Result, value: Any) -> None:
    assert result.status == "established", (result.id, result.subject, result.status,
                                             result.branches)
    assert result.value == value, (result.id, result.subject, result.value)


def _pow(a: Analysis, person: str = "soldier-1") -> Result:
    return a.get("pow_status", person=person)


def _merc(a: Analysis, person: str = "soldier-1") -> Result:
    return a.get("mercenary", person=person)


# --- claim 6: legitimate combatants are prisoners of war; the mercenary question -----------------------

def test_claim_06_legitimate_combatants_are_prisoners_of_war(rulebook: Rulebook) -> None:
    """Seed 001 (Sejong, para 24): if the soldiers are legitimate combatants, they are prisoners
    of war under GC III Art. 4 on capture; the paper asks whether they belong to the receiving
    state's military or are mercenaries. Once the sending state has acknowledged sending them
    (28 April 2025), the library establishes both answers although command, and so the sending
    state's party status, is unknown: prisoner of war whichever way party status goes, and not a
    mercenary because official sending defeats condition (e) or (f) of AP I Art. 47(2)."""
    a = analyse(_home(APR), rulebook)
    party = a.get("party_to_conflict", state="PRK", conflict="russia-ukraine")
    assert party.status == "undetermined"
    for soldier in SOLDIERS:
        pow_ = _pow(a, soldier)
        _established(pow_, "prisoner_of_war")
        assert "pow.state_troops_either_branch" in pow_.rules
        assert any("whichever way" in d and "4A(1)" in d for d in pow_.details)
        merc = _merc(a, soldier)
        _established(merc, False)
        assert merc.rules == ("mercenary.official_state_troops",)
        assert any("(e) and (f)" in d for d in merc.details)


@pytest.mark.parametrize(("command", "route", "condition"), [
    ("sending", "pow.member_of_party_forces", "mercenary.member_of_party_forces"),
    ("joint", "pow.member_of_party_forces", "mercenary.member_of_party_forces"),
    ("receiving", "pow.under_receiving_party_command", "mercenary.sent_officially_by_non_party"),
])
def test_claim_06_route_and_mercenary_answer_in_each_branch(
        rulebook: Rulebook, command: str, route: str, condition: str) -> None:
    """Seed 001 asks the mercenary question; seed 003 (Kress) makes party status turn on command.
    In each branch the route to prisoner-of-war status is shown, and the mercenary question is
    answered by AP I Art. 47(2)(e) (a member of the forces of a party: the sending state keeps
    command, alone or jointly) or (f) (sent on official duty by a state not a party: the receiving
    state has sole command)."""
    a = analyse(_home(APR, {f"{DEP}.command_authority": command}), rulebook)
    _established(a.get("party_to_conflict", state="PRK", conflict="russia-ukraine"),
                 command != "receiving")
    pow_ = _pow(a)
    _established(pow_, "prisoner_of_war")
    assert route in pow_.rules
    merc = _merc(a)
    _established(merc, False)
    assert merc.rules == (condition,)
    letter = "(f)" if command == "receiving" else "(e)"
    assert any(f"condition {letter} fails" in d for d in merc.details)


def test_claim_06_more_precise_before_acknowledgement(rulebook: Rulebook) -> None:
    """Seed 001 was written (5 March 2025) while the deployment was unacknowledged, and leaves the
    mercenary question open. The library is more precise: on the facts of 12 January 2025 the
    soldiers are not mercenaries and are prisoners of war unless, at once, the receiving state has
    sole command, the unit is not integrated into its forces, the sending was not official, and
    conditions (a)-(d) of Art. 47(2) all hold; official sending is one of the decisive facts."""
    a = analyse(_home(JAN), rulebook)
    merc = _merc(a)
    assert merc.status == "undetermined"
    assert {b.value for b in merc.branches} == {True, False}
    assert f"{DEP}.official_duty" in merc.decisive_facts
    assert f"{DEP}.command_authority" in merc.decisive_facts
    (mercenary_branch,) = [b for b in merc.branches if b.value is True]
    for alternative in mercenary_branch.when:
        facts = dict(alternative)
        assert facts[f"{DEP}.official_duty"] is False
        assert facts[f"{DEP}.command_authority"] == "receiving"
    pow_ = _pow(a)
    assert pow_.status == "undetermined"
    assert "prisoner_of_war" in {b.value for b in pow_.branches}
    for branch in pow_.branches:
        if branch.value == "prisoner_of_war":
            continue
        # anything but prisoner-of-war status (a mercenary; or still open, pending doubt) only
        # where official sending and the command test leave the mercenary question open
        for alternative in branch.when:
            facts = dict(alternative)
            assert facts[f"{DEP}.official_duty"] is False
            assert facts[f"{DEP}.command_authority"] == "receiving"


# --- claim 7 (status side): false identities do not remove prisoner-of-war status -------------------

def test_claim_07_false_identities_do_not_remove_pow_status(rulebook: Rulebook) -> None:
    """Seed 001 (para 24): the soldiers reportedly fight under false identities of the receiving
    state, so their nationality must be confirmed. On the status side: false papers (and the
    receiving state's uniform, seed 003 para 11) do not remove prisoner-of-war status; they make
    nationality a question of fact to verify. The answer is the same with their own papers."""
    a = analyse(_home(APR), rulebook)
    assert a.scenario.deployments["dprk-to-russia"].identity_documents.value == \
        "false_receiving_state"
    assert a.scenario.persons["soldier-1"].nationality_verified.value is False
    pow_ = _pow(a)
    _established(pow_, "prisoner_of_war")
    assert {"pow.false_identity_papers", "pow.uniform_of_own_side"} <= set(pow_.rules)
    assert any("false identity papers" in d and "question of fact" in d for d in pow_.details)
    assert any("not perfidy" in d for d in pow_.details)
    own = analyse(_home(APR, {f"{DEP}.identity_documents": "own",
                              f"{DEP}.uniforms": "sending"}), rulebook)
    own_pow = _pow(own)
    _established(own_pow, "prisoner_of_war")
    assert "pow.false_identity_papers" not in own_pow.rules


def test_war_crimes_suspected_keep_status(rulebook: Rulebook) -> None:
    """Legal map §5: war crimes remain punishable, and a prisoner of war convicted keeps the
    benefits of the Convention (GC III Art. 85)."""
    a = analyse(_home(APR, person_facts={"war_crimes_suspected": True}), rulebook)
    pow_ = _pow(a)
    _established(pow_, "prisoner_of_war")
    assert "pow.war_crimes_keep_status" in pow_.rules
    assert any("Art. 85" in d for d in pow_.details)


# --- the mercenary question under each branch of party status -------------------------------------------

@pytest.mark.parametrize(("command", "expected"), [
    ("sending", False), ("joint", False), ("receiving", True)])
def test_mercenary_under_each_branch_without_official_sending(
        rulebook: Rulebook, command: str, expected: bool) -> None:
    """Suppose everything in AP I Art. 47(2)(a)-(d) pointed to a mercenary and the sending were not
    official. If the sending state is a party (command retained), its soldiers are members of a
    party's armed forces and (e) fails. If the receiving state has sole command and the unit is not
    integrated into its forces, nothing defeats the six conditions: a mercenary, who is not a
    prisoner of war but keeps the guarantees of AP I Art. 75."""
    s = _home(JAN, {f"{DEP}.command_authority": command,
                    f"{DEP}.integrated_into_receiving_forces": False,
                    f"{DEP}.official_duty": False},
              {**MERCENARY_LIKE, "status_doubted": False})
    a = analyse(s, rulebook)
    merc = _merc(a)
    _established(merc, expected)
    pow_ = _pow(a)
    if expected:
        assert merc.rules == ("mercenary.all_conditions",)
        _established(pow_, "not_prisoner_of_war")
        assert pow_.rules == ("pow.mercenary",)
        assert any("Art. 75" in d for d in pow_.details)
    else:
        assert merc.rules == ("mercenary.member_of_party_forces",)
        _established(pow_, "prisoner_of_war")


def test_integration_into_the_receiving_forces_defeats_mercenary_status(rulebook: Rulebook) -> None:
    """Under the receiving state's sole command but integrated into its forces, the soldiers are
    members of the armed forces of a party, the receiving state: condition (e) fails, by the rule
    on members of the receiving state's forces."""
    s = _home(JAN, {f"{DEP}.command_authority": "receiving",
                    f"{DEP}.integrated_into_receiving_forces": True,
                    f"{DEP}.official_duty": False}, MERCENARY_LIKE)
    a = analyse(s, rulebook)
    merc = _merc(a)
    _established(merc, False)
    assert merc.rules == ("mercenary.member_of_receiving_forces",)
    _established(_pow(a), "prisoner_of_war")


@pytest.mark.parametrize("how", ["acknowledgement", "official_duty"])
def test_official_sending_defeats_mercenary_status(rulebook: Rulebook, how: str) -> None:
    """Legal map §2.1: troops sent officially by their state are not mercenaries, and official
    sending can be established by the sending state's acknowledgement. In the only branch where the
    six conditions could hold (sole receiving command, no integration), either the acknowledgement
    or the fact of official duty alone defeats condition (f)."""
    base = {f"{DEP}.command_authority": "receiving",
            f"{DEP}.integrated_into_receiving_forces": False}
    before = analyse(_home(JAN, base, MERCENARY_LIKE), rulebook)
    merc = _merc(before)
    assert merc.status == "undetermined"
    assert merc.decisive_facts == (f"{DEP}.official_duty",)
    extra = ({f"{DEP}.acknowledged_by.PRK": True} if how == "acknowledgement"
             else {f"{DEP}.official_duty": True})
    after = analyse(_home(JAN, {**base, **extra}, MERCENARY_LIKE), rulebook)
    merc = _merc(after)
    _established(merc, False)
    assert merc.rules == ("mercenary.sent_officially_by_non_party",)
    _established(_pow(after), "prisoner_of_war")


def test_acknowledgement_settles_the_question_in_the_home_scenario(rulebook: Rulebook) -> None:
    """Between the home scenarios of January and April 2025 the decisive change is the
    acknowledgement: with the January facts and the sending state's acknowledgement added, the
    soldiers are not mercenaries whoever commands them."""
    a = analyse(_home(JAN, {f"{DEP}.acknowledged_by.PRK": True}), rulebook)
    _established(_merc(a), False)
    assert _merc(a).rules == ("mercenary.official_state_troops",)
    _established(_pow(a), "prisoner_of_war")


# --- doubt and the competent tribunal ---------------------------------------------------------------------

def _recruit(rulebook: Rulebook, **facts: Any) -> Analysis:
    """The placeholder scenario with facts set on the privately recruited fighter."""
    data = scenario_data(GENERIC)
    data["persons"]["recruit"].update(facts)
    return analyse(_scenario(data), rulebook)


def test_doubt_gives_presumed_pow_until_a_tribunal_decides(rulebook: Rulebook) -> None:
    """GC III Art. 5 and AP I Art. 45(1): when doubt arises whether a captured fighter belongs to a
    category of Art. 4, he keeps the protection of a prisoner of war until a competent tribunal
    decides, even if the detaining power thinks him a mercenary. The tribunal's decision governs."""
    a = _recruit(rulebook, status_doubted=True)
    _established(a.get("mercenary", person="recruit"), True)
    presumed = a.get("pow_status", person="recruit")
    _established(presumed, "presumed_prisoner_of_war")
    assert presumed.rules == ("pow.doubt_presumption",)
    assert any("competent tribunal" in d for d in presumed.details)
    _established(_recruit(rulebook, status_doubted=True, tribunal_decision="pending").get(
        "pow_status", person="recruit"), "presumed_prisoner_of_war")
    for decision in ("prisoner_of_war", "not_prisoner_of_war"):
        r = _recruit(rulebook, status_doubted=True, tribunal_decision=decision).get(
            "pow_status", person="recruit")
        _established(r, decision)
        assert r.rules == ("pow.tribunal_decision",)
    no_doubt = _recruit(rulebook, status_doubted=False).get("pow_status", person="recruit")
    _established(no_doubt, "not_prisoner_of_war")
    assert no_doubt.rules == ("pow.mercenary",)


def test_doubt_does_not_displace_an_established_category(rulebook: Rulebook) -> None:
    """Where the facts establish the category (a member of the armed forces of a party), the person
    is a prisoner of war and the route says so; doubt only matters where the facts do not settle
    the category. An unknown 'doubt' fact therefore never holds up an established answer."""
    data = scenario_data(GENERIC)
    data["persons"]["aaa-soldier"]["status_doubted"] = True
    r = analyse(_scenario(data), rulebook).get("pow_status", person="aaa-soldier")
    _established(r, "prisoner_of_war")
    assert "pow.member_of_party_forces" in r.rules
    assert "pow.doubt_presumption" not in r.rules


# --- equality of belligerents ----------------------------------------------------------------------------

def test_unlawfulness_of_the_war_never_changes_pow_status(rulebook: Rulebook) -> None:
    """Legal map §2.1: the unlawfulness of the war (§1.3) never changes prisoner-of-war status.
    No rule of pow.yaml or mercenary.yaml reads the aggressor finding or any conclusion on the use
    of force (the conflict's classification, which they read, turns on who fights and how
    intensely, never on who began it), and changing who the aggressor is changes nothing."""
    allowed = {"party_to_conflict", "mercenary", "conflict_classification"}
    for rule in rulebook.rules.values():
        if Path(rule.location.path).name not in MY_FILES:
            continue
        for t in fact_tests(rule.when):
            assert not t.path.endswith("aggressor"), (rule.id, t.path)
        for c in conclusion_tests(rule.when):
            assert c.conclusion in allowed, (rule.id, c.conclusion)
    outcomes = set()
    for aggressor in ("RUS", "UKR", "unknown"):
        data = scenario_data(EXAMPLES / f"{APR}.yaml")
        data["conflicts"]["russia-ukraine"]["aggressor"] = {"value": aggressor}
        a = analyse(_scenario(data), rulebook)
        outcomes.add(tuple((r.status, r.value, r.rules) for r in
                           (*a.conclusions("pow_status"), *a.conclusions("mercenary"))))
    assert len(outcomes) == 1


# --- generic captures ----------------------------------------------------------------------------------

def test_generic_capture_with_placeholder_states(rulebook: Rulebook) -> None:
    """AAA sends its soldiers, on official duty and under its own command, to fight for BBB
    against CCC, which captures one: AAA is a party, its soldier a prisoner of war under GC III
    Art. 4A(1) and not a mercenary (condition (e)). A fighter recruited by a private company for
    pay, under BBB's command, meets all six conditions: a mercenary, not a prisoner of war, with
    the guarantees of AP I Art. 75. No real state is involved."""
    a = analyse(_scenario(scenario_data(GENERIC)), rulebook)
    _established(a.get("party_to_conflict", state="AAA", conflict="bbb-ccc"), True)
    soldier = a.get("pow_status", person="aaa-soldier")
    _established(soldier, "prisoner_of_war")
    assert "pow.member_of_party_forces" in soldier.rules
    assert "pow.uniform_of_own_side" in soldier.rules
    merc = a.get("mercenary", person="aaa-soldier")
    _established(merc, False)
    assert merc.rules == ("mercenary.member_of_party_forces",)
    _established(a.get("mercenary", person="recruit"), True)
    recruit = _recruit(rulebook, status_doubted=False).get("pow_status", person="recruit")
    _established(recruit, "not_prisoner_of_war")


def test_generic_capture_not_yet_made(rulebook: Rulebook) -> None:
    """The question arises on capture: before the date of capture the soldier is not (yet) a
    prisoner of war; a person with no detaining power is not asked about at all."""
    data = scenario_data(GENERIC)
    data["persons"]["leader"] = {"name": "A leader of AAA", "deployment": "aaa-to-bbb"}
    a = analyse(_scenario(data), rulebook, as_of=dt.date(2029, 11, 1))
    r = a.get("pow_status", person="aaa-soldier")
    _established(r, "not_prisoner_of_war")
    assert r.rules == ("pow.not_captured",)
    assert not [x for x in a.conclusions("pow_status") if x.subject_dict["person"] == "leader"]


def test_the_contested_points_are_shown(rulebook: Rulebook) -> None:
    """Contested law is shown with each view and its authorities: the category of Art. 4A for
    troops of a state not a party placed under a party's command, and whether such troops are
    'members of the armed forces of a Party' for Art. 47(2)(e)."""
    for rid in ("pow.under_receiving_party_command", "pow.state_troops_either_branch",
                "mercenary.all_conditions"):
        contested = rulebook.rules[rid].spec.contested
        assert contested is not None and len(contested.views) == 2, rid
        assert all(view.authorities for view in contested.views), rid
