"""The hypothetical format-2 scenarios in docs/examples/v2/: one for each structure the rebuilt
rules must answer; each validates, says nothing of the home case, and is either read by today's
rules through the bridge or refused with the structure named."""

from __future__ import annotations

import re

import pytest

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.errors import ScenarioError
from legal_analysis.scenario import read_scenario_file

from .conftest import EXAMPLES

V2 = EXAMPLES / "v2"

STRUCTURES = {
    "a belligerent's own soldier captured, in uniform and out of it on sabotage":
        "own-soldier-captured",
    "a state arming and training a group without effective control": "group-armed-without-control",
    "a state with effective control over a group's specific operations":
        "group-under-effective-control",
    "overall control over a group fighting a state": "group-under-overall-control",
    "a foreign contingent on a consenting government's side": "contingent-for-consenting-government",
    "consent withdrawn during the presence of foreign troops": "consent-withdrawn",
    "territory lent to an aggressor": "territory-lent-to-aggressor",
    "a contingent under an organisation's command, control of conduct kept":
        "contingent-under-organisation",
    "a state-to-state deployment under each command": "deployments-under-each-command",
    "personnel of a private military company": "company-personnel",
    "two allies on one side": "allies-on-one-side",
    "a civil war and a fighter captured in it": "civil-war",
    "violence below the threshold of an armed conflict": "riots-below-armed-conflict",
    "militias with and without the four conditions": "militias-and-the-four-conditions",
    "a national of the detaining power": "national-of-detaining-power",
    "a prisoner who refuses to go home after the hostilities": "refuses-to-go-home",
    "a prisoner who wants to go home, with no risk shown": "wants-to-go-home",
    "repatriation still not done years after the hostilities": "repatriation-overdue",
    "a seriously wounded prisoner during the hostilities": "wounded-during-hostilities",
    "a person held abroad facing the death penalty on transfer": "held-abroad-death-penalty",
    "a prisoner whose status is in doubt": "status-in-doubt",
    "a leader of a sending state": "leader-of-sending-state",
}

NOT_YET = {
    "consent-withdrawn": ("forces.bbb-brigade.conflict", "a force that takes part in no conflict"),
    "contingent-under-organisation": ("parties.ORG.kind", "an international organisation"),
    "company-personnel": ("parties.CMP.kind", "a private military or security company"),
    "leader-of-sending-state": ("persons.president.member_of",
                                "a person who is a member of no force"),
}
"""The hypotheticals today's rules cannot read: where, and the structure named."""

HOME = re.compile(r"DPRK|Korea|Russia|Ukrain|Kursk|Pyongyang|\b(PRK|RUS|UKR|KOR)\b")
NAMES = sorted(p.stem for p in V2.glob("*.yaml"))


def test_there_is_a_hypothetical_for_each_structure() -> None:
    assert sorted(set(STRUCTURES.values())) == NAMES
    assert set(NOT_YET) <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_hypothetical_validates(name: str) -> None:
    path = V2 / f"{name}.yaml"
    read = read_scenario_file(path)
    assert read.format == 2 and read.model is not None
    assert read.model.id == name  # type: ignore[attr-defined]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A hypothetical scenario (scenario format 2): ")
    assert "nothing here describes real events" in text
    assert not HOME.search(text), f"{name} speaks of the home case: {HOME.search(text)}"


@pytest.mark.parametrize("name", sorted(NOT_YET))
def test_a_hypothetical_the_rules_cannot_read_says_so(name: str) -> None:
    path = V2 / f"{name}.yaml"
    key, what = NOT_YET[name]
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert message.startswith(f"{path}:") and f": {key}: the rules cannot yet read " in message
    assert what in message and "\n" not in message


@pytest.mark.parametrize("name", sorted(set(NAMES) - set(NOT_YET)))
def test_a_hypothetical_the_rules_read_is_analysed(name: str, rulebook: Rulebook) -> None:
    scenario = load_scenario(V2 / f"{name}.yaml")
    analysis = analyse(scenario, rulebook)
    statuses = {r.subject_dict.get("person") for r in analysis.conclusions("pow_status")}
    assert statuses == set(scenario.persons)
