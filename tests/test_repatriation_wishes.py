"""The prisoner's wishes and repatriation after the hostilities, through the public API: the
hypotheticals in docs/examples/v2/ (a prisoner who refuses to go home, one who wants to, and
prisoners still held years on) and variations that flip each answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legal_analysis import Analysis, Rulebook, ScenarioError, Status, analyse, load_scenario
from legal_analysis.bridge import lower
from legal_analysis.documents import Document
from legal_analysis.facts import Scenario
from legal_analysis.migrate import migrate_document
from legal_analysis.model.loading import build_scenario_v2
from legal_analysis.render import render

from .conftest import EXAMPLES, FIXTURES

V2 = EXAMPLES / "v2"
DELAYS = FIXTURES / "coverage" / "repatriation-delays.yaml"


def _keys(data: Any) -> Any:
    """YAML 1.1 reads the key ``on`` (a fact's date) as true: give it back its name."""
    if isinstance(data, dict):
        return {("on" if k is True else k): _keys(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_keys(v) for v in data]
    return data


def _analyse(rulebook: Rulebook, path: Path, tmp_path: Path | None = None,
             change: Any = None) -> Analysis:
    """The analysis of a scenario file, or of a copy of it changed by ``change(data)``."""
    if change is not None and tmp_path is not None:
        data = _keys(yaml.safe_load(path.read_text(encoding="utf-8")))
        change(data)
        path = tmp_path / path.name
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return analyse(load_scenario(path), rulebook)


def _pinpoints(rulebook: Rulebook, rule_id: str) -> set[tuple[str, str | None]]:
    return {(a.source, a.pinpoint) for a in rulebook.rules[rule_id].spec.authorities}


def _option(analysis: Analysis, destination: str, person: str = "prisoner") -> Any:
    return analysis.get("repatriation_option", person=person, destination=destination)


# --- a prisoner who wants to go home ------------------------------------------------------------

def test_a_prisoner_who_wants_to_go_home_is_owed_repatriation(rulebook: Rulebook) -> None:
    analysis = _analyse(rulebook, V2 / "wants-to-go-home.yaml")
    result = _option(analysis, "CCC")
    assert (result.status, result.value) == (Status.ESTABLISHED, "permitted")
    assert "repatriation.sending_state.wished_return" in result.rules
    assert not any(r.startswith("repatriation.claiming_state") for r in result.rules)
    assert ("gc3", "art 118, para 1") in _pinpoints(rulebook,
                                                     "repatriation.sending_state.wished_return")


def test_the_wanting_prisoners_memo_gives_no_home_case_reasons(rulebook: Rulebook) -> None:
    memo = render(_analyse(rulebook, V2 / "wants-to-go-home.yaml"), "md").decode("utf-8")
    section = memo[memo.index("Transfer and repatriation"):]
    assert "may be sent" in section.lower() or "permitted" in section.lower()
    for home in ("onstitution", "defector", "Korea", "Sejong", "Open on conditions"):
        assert home not in section, home


def test_without_a_verified_wish_the_return_home_is_only_conditional(
        rulebook: Rulebook, tmp_path: Path) -> None:
    def unverified(data: dict[str, Any]) -> None:
        data["persons"]["prisoner"]["wish_verification"] = "detaining_power_interview"

    result = _option(_analyse(rulebook, V2 / "wants-to-go-home.yaml", tmp_path, unverified),
                     "CCC")
    assert (result.status, result.value) == (Status.ESTABLISHED, "conditional")
    assert "repatriation.sending_state.wished_return" not in result.rules


# --- a prisoner who refuses to go home ----------------------------------------------------------

def test_a_refusing_prisoners_answer_turns_on_the_risk(rulebook: Rulebook) -> None:
    analysis = _analyse(rulebook, V2 / "refuses-to-go-home.yaml")
    result = _option(analysis, "CCC")
    assert result.status == Status.UNDETERMINED
    assert {b.value for b in result.settled.branches} == {"barred", "conditional"}
    assert "persons.prisoner.destinations.CCC.irreparable_harm_risk" in analysis.facts_read(
        "repatriation_option", person="prisoner", destination="CCC")
    stay = _option(analysis, "AAA")
    assert (stay.status, stay.value) == (Status.ESTABLISHED, "conditional")


@pytest.mark.parametrize("risk", ["fundamental_rights_risk", "irreparable_harm_risk"])
def test_a_refusing_prisoner_at_real_risk_must_not_be_sent_home(
        rulebook: Rulebook, tmp_path: Path, risk: str) -> None:
    def at_risk(data: dict[str, Any]) -> None:
        data["persons"]["prisoner"]["destinations"]["CCC"] = {risk: True}

    result = _option(_analyse(rulebook, V2 / "refuses-to-go-home.yaml", tmp_path, at_risk), "CCC")
    assert (result.status, result.value) == (Status.ESTABLISHED, "barred")
    assert "repatriation.refused.real_risk" in result.rules
    spec = rulebook.rules["repatriation.refused.real_risk"].spec
    assert spec.contested is not None
    sources = {a.source for v in spec.contested.views for a in v.authorities}
    assert {"icrc-commentary-gc3-2020", "icrc-commentary-gc3-1960"} <= sources


def test_a_refusing_prisoner_with_no_risk_shown_is_not_barred(
        rulebook: Rulebook, tmp_path: Path) -> None:
    def no_risk(data: dict[str, Any]) -> None:
        data["persons"]["prisoner"]["destinations"]["CCC"] = dict.fromkeys(
            ("torture_risk", "irreparable_harm_risk", "persecution_risk",
             "fundamental_rights_risk", "death_penalty_risk"), False)

    result = _option(_analyse(rulebook, V2 / "refuses-to-go-home.yaml", tmp_path, no_risk), "CCC")
    assert (result.status, result.value) == (Status.ESTABLISHED, "conditional")
    assert "repatriation.refused.risk_not_shown" in result.rules
    assert ("gc3", "art 126, para 1") in _pinpoints(rulebook, "repatriation.refused.risk_not_shown")


def test_a_refusal_heard_only_by_the_detaining_power_must_first_be_verified(
        rulebook: Rulebook, tmp_path: Path) -> None:
    def unheard(data: dict[str, Any]) -> None:
        data["persons"]["prisoner"]["wish_verification"] = "detaining_power_interview"
        data["persons"]["prisoner"]["destinations"]["CCC"] = dict.fromkeys(
            ("torture_risk", "irreparable_harm_risk", "persecution_risk",
             "fundamental_rights_risk", "death_penalty_risk"), False)

    result = _option(_analyse(rulebook, V2 / "refuses-to-go-home.yaml", tmp_path, unheard), "CCC")
    assert (result.status, result.value) == (Status.ESTABLISHED, "conditional")
    assert "repatriation.refused.unverified" in result.rules
    assert "repatriation.refused.risk_not_shown" not in result.rules


def test_a_refusal_is_lowered_per_destination() -> None:
    scenario = load_scenario(V2 / "refuses-to-go-home.yaml")
    person = scenario.persons["prisoner"]
    assert person.wishes.value == "AAA"
    assert person.destinations["CCC"].refused.value is True
    assert "AAA" not in person.destinations or person.destinations["AAA"].refused.is_unknown


# --- repatriation overdue -----------------------------------------------------------------------

@pytest.mark.parametrize(("person", "value", "rule", "pinpoint"), [
    ("held-for-reciprocity", "overdue", "repatriation.delay.reciprocity", "art 118, para 1"),
    ("held-for-reciprocity", "overdue", "repatriation.delay.agreement", "art 6"),
    ("held-for-no-reason", "overdue", "repatriation.delay.none_claimed", "art 118, para 1"),
    ("held-for-trial", "justified", "repatriation.delay.criminal_proceedings", "art 119, para 5"),
    ("held-for-verification", "justified", "repatriation.delay.verification", "art 126, para 4"),
])
def test_each_reason_for_delay_is_answered(rulebook: Rulebook, person: str, value: str,
                                           rule: str, pinpoint: str) -> None:
    result = _analyse(rulebook, DELAYS).get("repatriation_delayed", person=person)
    assert (result.status, result.value) == (Status.ESTABLISHED, value)
    assert rule in result.rules
    assert ("gc3", pinpoint) in _pinpoints(rulebook, rule)


def test_verification_as_a_reason_is_contested(rulebook: Rulebook) -> None:
    spec = rulebook.rules["repatriation.delay.verification"].spec
    assert spec.contested is not None and len(spec.contested.views) == 2


def test_the_agreement_is_lowered_onto_its_conflict() -> None:
    conflict = load_scenario(DELAYS).conflicts["war"]
    assert conflict.repatriation_agreement.value is True


def test_without_the_agreement_reciprocity_alone_makes_it_overdue(
        rulebook: Rulebook, tmp_path: Path) -> None:
    def no_agreement(data: dict[str, Any]) -> None:
        del data["agreements"]

    result = _analyse(rulebook, DELAYS, tmp_path, no_agreement).get(
        "repatriation_delayed", person="held-for-reciprocity")
    assert (result.status, result.value) == (Status.ESTABLISHED, "overdue")
    assert "repatriation.delay.reciprocity" in result.rules
    assert "repatriation.delay.agreement" not in result.rules


def test_during_the_hostilities_repatriation_is_not_yet_due(
        rulebook: Rulebook, tmp_path: Path) -> None:
    def hostilities_continue(data: dict[str, Any]) -> None:
        data["conflicts"]["war"]["cessation_of_active_hostilities"] = False

    result = _analyse(rulebook, DELAYS, tmp_path, hostilities_continue).get(
        "repatriation_delayed", person="held-for-reciprocity")
    assert (result.status, result.value) == (Status.ESTABLISHED, "not_due")


def test_the_overdue_hypothetical_is_overdue(rulebook: Rulebook) -> None:
    """Its soldier belongs to a party's own force, which the rules now read: the repatriation
    withheld for reciprocity under an agreement is overdue (GC III Art 118(1))."""
    result = analyse(load_scenario(V2 / "repatriation-overdue.yaml"), rulebook).get(
        "repatriation_delayed", person="prisoner")
    assert (result.status, result.value) == (Status.ESTABLISHED, "overdue")
    assert "repatriation.delay.reciprocity" in result.rules
    assert ("gc3", "art 118, para 1") in {(c.source, c.pinpoint) for c in result.citations}


def test_refusals_and_an_agreement_survive_migration_and_lowering() -> None:
    """A format-1 refusal and repatriation agreement, migrated to format 2 and lowered back,
    are the facts they were."""
    data: dict[str, Any] = {
        "id": "x", "title": "t", "as_of": "2025-07-01",
        "states": {c: {"name": c} for c in ("AAA", "BBB", "CCC")},
        "conflicts": {"war": {"name": "W", "belligerents": ["AAA", "BBB"],
                              "cessation_of_active_hostilities": True,
                              "repatriation_agreement": True}},
        "deployments": {"dep": {"sending_state": "CCC", "receiving_state": "BBB",
                                "conflict": "war", "against": "AAA"}},
        "persons": {"p": {"name": "P", "deployment": "dep", "captured_by": "AAA",
                          "wishes": "AAA", "repatriation_delay_claimed": "reciprocity",
                          "destinations": {"CCC": {"refused": True}}}},
        "destinations": ["CCC"]}
    migrated = migrate_document(data)
    assert migrated["persons"]["p"]["wishes"] == {"wants": ["AAA"], "refuses": ["CCC"]}
    assert migrated["agreements"]["war-repatriation"]["governs_repatriation"] is True
    lowered = Scenario.model_validate(lower(build_scenario_v2(Document("<m>", migrated))))
    assert lowered.model_dump() == Scenario.model_validate(data).model_dump()


def test_a_refusal_format_2_cannot_hold_is_not_migrated() -> None:
    data: dict[str, Any] = {
        "id": "x", "title": "t", "as_of": "2025-07-01",
        "states": {c: {"name": c} for c in ("AAA", "BBB")},
        "persons": {"p": {"name": "P", "destinations": {"BBB": {"refused": False}}}}}
    with pytest.raises(ScenarioError) as info:
        migrate_document(data)
    assert "persons.p.destinations.BBB.refused" in str(info.value)
