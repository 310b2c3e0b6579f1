"""Facts as the sentences a lawyer writes: 'Captured soldier 1 is not a national of
a party to the conflict', not 'national or resident of party (Captured soldier 1) is false'.

Each true-or-false fact of the scenario models has two sentences, one for each value, and each
enumerated fact one for each of its values and a question ('who commands the troops of …').
They follow the wording of the test the fact stands for (AP I Art. 47(2) for the mercenary
facts, CAT Art. 3(1) for the risk of torture, and so on) without quoting it. Placeholders name the
entities the fact is about: ``{state}``, ``{conflict}``, ``{sending}`` and ``{receiving}`` (a
deployment's states), ``{person}`` and ``{destination}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core import is_unknown
from ..engine.analysis import Analysis
from ..engine.world import TREATY_NAMES
from ..sources import format_date
from .declared_sentences import force_proposition, relation_proposition, relation_question
from .names import instrument

DEATH_PENALTY_TREATIES: dict[str, str] = {
    "iccpr_op2": "ICCPR-OP2", "echr": "the ECHR", "echr_p6": "ECHR Protocol 6",
    "echr_p13": "ECHR Protocol 13"}
"""Names of the death-penalty instruments, beside the engine's names of the other treaties."""

Sentences = tuple[str, str]
"""What a fact says when it is true, and when it is false."""

STATE: dict[str, Sentences] = {
    "armed_attack_suffered": ("{state} has suffered an armed attack by the aggressor",
                              "{state} has not suffered an armed attack by the aggressor"),
    "assistance_requested": ("the state attacked has asked {state} for help in collective "
                             "self-defence", "the state attacked has not asked {state} for help "
                             "in collective self-defence"),
    "willing_to_receive": ("{state} is willing to receive captured persons transferred to it",
                           "{state} is not willing to receive captured persons transferred to it"),
    "neutral": ("{state} is neutral in the conflict", "{state} is not neutral in the conflict"),
    "applies_gc3_willing_and_able": ("{state} is willing and able to apply GC III",
                                     "{state} is not willing and able to apply GC III"),
    "neutral_internment_agreed": (
        "{state} has agreed to intern the prisoners of war in its territory",
        "{state} has not agreed to intern the prisoners of war in its territory"),
    "arms_embargo_breached": (
        "sending troops or arms breaches Security Council measures binding on {state}",
        "sending troops or arms breaches no Security Council measures binding on {state}"),
    "aggression_tribunal_agreed": (
        "an agreement establishing a special tribunal for the crime of aggression against "
        "{state} has been signed",
        "no agreement establishing a special tribunal for the crime of aggression against "
        "{state} has been signed"),
    "bound": ("{state} is bound by {treaty}", "{state} is not bound by {treaty}"),
    "organised": ("{state} is an organised armed group, able to be a party to an armed conflict",
                  "{state} is not organised enough to be a party to an armed conflict"),
    "responsible_command": ("{state} is under responsible command",
                            "{state} is not under responsible command"),
    "controls_territory": ("{state} controls part of the territory",
                           "{state} controls no territory"),
    "sustained_operations": ("{state} can carry out sustained and concerted military operations",
                             "{state} cannot carry out sustained and concerted military "
                             "operations"),
}

CONFLICT: dict[str, Sentences] = {
    "cessation_of_active_hostilities": ("active hostilities in {conflict} have ceased",
                                        "active hostilities in {conflict} have not ceased"),
    "armed_attack_by_adversary": (
        "the aggressor's adversary in {conflict} made an armed attack on the aggressor",
        "the aggressor's adversary in {conflict} made no armed attack on the aggressor"),
    "repatriation_agreement": (
        "an agreement between the parties governs the repatriation of the prisoners of "
        "{conflict}",
        "no agreement between the parties governs the repatriation of the prisoners of "
        "{conflict}"),
}

DEPLOYMENT: dict[str, Sentences] = {
    "integrated_into_receiving_forces": (
        "{sending}'s troops are incorporated into the armed forces of {receiving}",
        "{sending}'s troops are not incorporated into the armed forces of {receiving}"),
    "official_duty": ("{sending}'s troops serve on its official duty",
                      "{sending}'s troops do not serve on its official duty"),
    "direct_participation": (
        "{sending}'s troops take a direct part in the hostilities",
        "{sending}'s troops take no direct part in the hostilities"),
    "armed_attack_intensity": (
        "the force {sending}'s troops use reaches the gravity of an armed attack",
        "the force {sending}'s troops use does not reach the gravity of an armed attack"),
    "acknowledged_by_sending_state": ("{sending} has acknowledged the deployment",
                                      "{sending} has not acknowledged the deployment"),
    "acknowledged_by_receiving_state": ("{receiving} has acknowledged the deployment",
                                        "{receiving} has not acknowledged the deployment"),
    "acknowledged_by": ("{state} has acknowledged the deployment",
                        "{state} has not acknowledged the deployment"),
}

PERSON: dict[str, Sentences] = {
    "nationality_verified": ("{person}'s nationality has been verified",
                             "{person}'s nationality has not been verified"),
    "status_doubted": ("doubt has arisen whether {person} is a prisoner of war",
                       "no doubt has arisen whether {person} is a prisoner of war"),
    "carries_arms_openly": ("{person} carries arms openly", "{person} does not carry arms openly"),
    "exhibited_to_public": ("images of {person} or interviews with him have been made public "
                            "by the detaining power or with its consent",
                            "no images of {person} or interviews with him have been made "
                            "public by the detaining power or with its consent"),
    "coerced_for_information": ("{person} has been coerced to give information",
                                "{person} has not been coerced to give information"),
    "icrc_access_refused": ("the detaining power has refused the ICRC access to {person}",
                            "the detaining power has not refused the ICRC access to {person}"),
    "tribunal_competent": ("the tribunal that decided {person}'s status is competent",
                           "the tribunal that decided {person}'s status is not a competent "
                           "tribunal"),
    "specially_recruited_to_fight": (
        "{person} was specially recruited, locally or abroad, in order to fight in the conflict",
        "{person} was not specially recruited, locally or abroad, in order to fight in the "
        "conflict"),
    "takes_direct_part": ("{person} takes a direct part in the hostilities",
                          "{person} takes no direct part in the hostilities"),
    "private_gain_motive": (
        "{person} is motivated to fight essentially by the desire for private gain",
        "{person} is not motivated to fight essentially by the desire for private gain"),
    "compensation_substantially_in_excess": (
        "{person} is promised material compensation substantially in excess of that paid to "
        "combatants of similar rank in the forces of that party",
        "{person} is not promised material compensation substantially in excess of that paid "
        "to combatants of similar rank in the forces of that party"),
    "national_or_resident_of_party": (
        "{person} is a national of a party to the conflict or a resident of territory it "
        "controls",
        "{person} is neither a national of a party to the conflict nor a resident of territory "
        "it controls"),
    "leadership_position": (
        "{person} is in a position effectively to control or direct a state's political or "
        "military action",
        "{person} is not in a position effectively to control or direct a state's political or "
        "military action"),
    "war_crimes_suspected": (
        "there are serious reasons for considering that {person} committed a war crime",
        "there are no serious reasons for considering that {person} committed a war crime"),
    "serious_nonpolitical_crime": (
        "there are serious reasons for considering that {person} committed a serious "
        "non-political crime",
        "there are no serious reasons for considering that {person} committed a serious "
        "non-political crime"),
    "danger_to_security": (
        "there are reasonable grounds for regarding {person} as a danger to the security of the "
        "detaining state",
        "there are no reasonable grounds for regarding {person} as a danger to the security of "
        "the detaining state"),
    "wish_verified_independently": (
        "{person}'s wish has been verified independently",
        "{person}'s wish has not been verified independently"),
    "captured": ("{person} has been captured", "{person} has not been captured"),
}

DESTINATION: dict[str, Sentences] = {
    "torture_risk": (
        "there are substantial grounds for believing that {person} would be in danger of "
        "torture in {destination}",
        "there are no substantial grounds for believing that {person} would be in danger of "
        "torture in {destination}"),
    "irreparable_harm_risk": (
        "{person} would face a real risk of irreparable harm in {destination}",
        "{person} would face no real risk of irreparable harm in {destination}"),
    "death_penalty_risk": (
        "{person} risks the death penalty in {destination}",
        "{person} does not risk the death penalty in {destination}"),
    "persecution_risk": (
        "{person} has a well-founded fear of persecution on a Convention ground in "
        "{destination}",
        "{person} has no well-founded fear of persecution on a Convention ground in "
        "{destination}"),
    "fundamental_rights_risk": (
        "{person} would face a real risk of a violation of fundamental rights by his own "
        "country in {destination}",
        "{person} would face no real risk of a violation of fundamental rights by his own "
        "country in {destination}"),
    "refused": ("{person} refuses to go to {destination}",
                "{person} does not refuse to go to {destination}"),
    "is_national_state": ("{person} is a national of {destination}",
                          "{person} is not a national of {destination}"),
    "claims_person": ("{destination} claims {person} as its national",
                      "{destination} does not claim {person} as its national"),
}


ENUMERATED: dict[str, dict[str, str]] = {
    "person.member_of_forces_of": {"none": "{person} is a member of no party's armed forces"},
    "conflict.kind": {
        "international": "{conflict} is an international armed conflict",
        "non_international": "{conflict} is a non-international armed conflict"},
    "conflict.intensity": {
        "internal_disturbances": "the violence in {conflict} amounts only to internal "
                                 "disturbances and tensions",
        "protracted_armed_violence": "the violence in {conflict} is protracted armed violence"},
    "deployment.recruitment": {
        "state_sent": "{sending} sent the troops itself",
        "individual_volunteers": "the fighters from {sending} went as individual volunteers",
        "private_company": "the fighters from {sending} were recruited by a private company"},
    "deployment.command_authority": {
        "sending": "{sending} commands its troops",
        "receiving": "{receiving} commands {sending}'s troops",
        "joint": "{sending} and {receiving} jointly command {sending}'s troops"},
    "deployment.uniforms": {
        "sending": "{sending}'s troops wear its uniform",
        "receiving": "{sending}'s troops wear the uniform of {receiving}",
        "none": "{sending}'s troops wear no uniform",
        "mixed": "{sending}'s troops wear mixed uniforms"},
    "deployment.identity_documents": {
        "own": "{sending}'s troops carry their own identity papers",
        "false_receiving_state": "{sending}'s troops carry false identity papers of "
                                 "{receiving}",
        "none": "{sending}'s troops carry no identity papers"},
    "deployment.claimed_justification": {
        "collective_self_defence": "the deployment is claimed to be collective self-defence",
        "individual_self_defence": "the deployment is claimed to be individual self-defence",
        "consent": "the deployment is claimed to rest on the consent of the territorial state",
        "none_claimed": "no legal basis is claimed for the deployment",
        "other": "another legal basis is claimed for the deployment"},
    "person.health": {
        "healthy": "{person} is healthy",
        "wounded": "{person} is wounded",
        "seriously_wounded": "{person} is seriously wounded",
        "seriously_sick": "{person} is seriously sick"},
    "person.prosecuted_for": {
        "participation": "{person} is prosecuted for having taken part in the hostilities",
        "war_crimes": "{person} is prosecuted for war crimes",
        "other_offences": "{person} is prosecuted for other offences",
        "none": "{person} is not prosecuted"},
    "person.captured_wearing": {
        "uniform": "{person} wore his own side's uniform when captured",
        "enemy_uniform": "{person} wore the enemy's uniform when captured",
        "civilian_clothes": "{person} wore civilian clothes when captured"},
    "person.captured_while": {
        "fighting": "{person} was captured while taking part in military operations",
        "espionage": "{person} was captured while gathering information clandestinely or "
                     "under false pretences",
        "sabotage": "{person} was captured on a sabotage mission",
        "not_fighting": "{person} was captured while taking no part in the hostilities"},
    "person.tribunal_decision": {
        "prisoner_of_war": "a competent tribunal has decided that {person} is a prisoner of war",
        "not_prisoner_of_war": "a competent tribunal has decided that {person} is not a "
                               "prisoner of war",
        "pending": "a competent tribunal's decision on {person}'s status is pending"},
    "person.repatriation_delay_claimed": {
        "reciprocity": "the detaining power holds {person} until the other party repatriates "
                       "the prisoners it holds",
        "verification": "the detaining power holds {person} until his identity or his wishes "
                        "are verified",
        "criminal_proceedings": "the detaining power holds {person} because criminal "
                                "proceedings against him are pending or he is serving a sentence",
        "none_claimed": "the detaining power gives no reason for holding {person}"},
}
"""What an enumerated fact says for each of its values (by ``kind.field``)."""

QUESTIONS: dict[str, str] = {
    "conflict.kind": "whether {conflict} is an international armed conflict",
    "conflict.intensity": "how intense the armed violence in {conflict} is",
    "deployment.recruitment": "how the troops from {sending} were recruited",
    "deployment.command_authority": "who commands {sending}'s troops",
    "deployment.uniforms": "what uniform {sending}'s troops wear",
    "deployment.identity_documents": "what identity papers {sending}'s troops carry",
    "deployment.claimed_justification": "what legal basis is claimed for the deployment",
    "person.health": "the state of health of {person}",
    "person.tribunal_decision": "what a competent tribunal has decided about {person}'s status",
    "person.captured_wearing": "what {person} wore when captured",
    "person.prosecuted_for": "what {person} is prosecuted for",
    "person.captured_while": "what {person} was doing when captured",
    "person.wishes": "where {person} wishes to go",
    "person.repatriation_delay_claimed": "the reason the detaining power gives for still "
                                         "holding {person}",
}
"""What an enumerated fact asks, after 'the answer turns on'."""

VALUED: dict[str, str] = {
    "conflict.aggressor": "{value} is found to be the aggressor in {conflict}",
    "conflict.start": "{conflict} began on {value}",
    "deployment.size": "{sending}'s troops number about {value}",
    "deployment.claimed_legal_basis": "the deployment is claimed to rest on {value}",
    "person.member_of_forces_of": "{person} is a member of the armed forces of {value}",
    "person.allegiance_to": "{person} owes allegiance to {value}",
    "person.nationalities": "{person} is a national of {value}",
    "person.claimed_as_national_by": "{value} regards {person} as its national",
    "person.wishes": "{person} wishes to go to {value}",
    "person.captured_at": "{person} was captured in {value}",
    "person.captured_in_territory_of": "{person} was captured in the territory of {value}",
    "person.held_in_territory_of": "{person} is held in the territory of {value}",
    "person.captured_on": "{person} was captured on {value}",
    "destination.onward_transfer_to": "{destination} would hand {person} on to {value}",
}
"""What a fact whose value is a state, a date, a number or a text says (``{value}``)."""

YES_OR_NO: dict[str, dict[str, Sentences]] = {
    "state": STATE, "conflict": CONFLICT, "deployment": DEPLOYMENT, "person": PERSON,
    "destination": DESTINATION}


def proposition(analysis: Analysis, key: str, value: Any) -> str | None:
    """What a fact with this value says, with the names of what it is about; ``None`` for a
    fact or a value without a sentence.

    ``persons.p1.destinations.PRK.torture_risk`` set to true reads "there are substantial
    grounds for believing that Captured soldier 1 would be in danger of torture in Democratic
    People's Republic of Korea"; ``deployments.d1.command_authority`` set to ``receiving``
    reads "Russian Federation commands the troops of Democratic People's Republic of Korea".
    """
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "relations":
        return relation_proposition(analysis, parts[1], parts[2], value)
    if len(parts) == 3 and parts[0] == "deployments":
        said = force_proposition(analysis, parts[1], parts[2], value)
        if said is not None:
            return said
    found = _locate(analysis, parts)
    if found is None:
        return None
    kind, field, names = found
    if isinstance(value, bool):
        sentences = YES_OR_NO[kind].get(field)
        return None if sentences is None else sentences[0 if value else 1].format_map(names)
    said = ENUMERATED.get(f"{kind}.{field}", {}).get(str(value))
    if said is None and f"{kind}.{field}" in VALUED and not is_unknown(value):
        shown = _value(analysis, value)
        if field == "claimed_legal_basis":
            shown = instrument(shown)
        return VALUED[f"{kind}.{field}"].format_map({**names, "value": shown})
    return None if said is None else said.format_map(names)


def _value(analysis: Analysis, value: Any) -> str:
    """A fact's value in a sentence: states by name, lists joined, dates and numbers written
    out."""
    if isinstance(value, (list, tuple)):
        items = [_value(analysis, v) for v in value]
        return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    state = analysis.scenario.states.get(str(value))
    return state.name if state is not None else str(value)


def question(analysis: Analysis, key: str, yes_or_no: bool) -> str | None:
    """What a fact asks, for 'the answer turns on …': 'whether <its sentence>' for a
    true-or-false fact, 'who commands the troops of …' and the like for an enumerated one."""
    if yes_or_no:
        said = proposition(analysis, key, True)
        return None if said is None else f"whether {said}"
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "relations":
        return relation_question(analysis, parts[1], parts[2])
    found = _locate(analysis, parts)
    if found is None:
        return None
    kind, field, names = found
    asked = QUESTIONS.get(f"{kind}.{field}")
    return None if asked is None else asked.format_map(names)


def _locate(analysis: Analysis, parts: list[str]) -> tuple[str, str, dict[str, str]] | None:
    """The kind of entity and the field of the fact at ``parts`` (a key split at its dots), and
    the names of the entities its sentences speak of."""
    s = analysis.scenario
    name = analysis.names
    if len(parts) < 3:
        return None
    collection, ident, field = parts[0], parts[1], parts[2]
    whole = len(parts) == 3
    if collection == "states" and ident in s.states:
        names = {"state": s.states[ident].name}
        if field == "bound" and len(parts) == 4:
            names["treaty"] = {**TREATY_NAMES, **DEATH_PENALTY_TREATIES}.get(parts[3], parts[3])
            whole = True
        return ("state", field, names) if whole else None
    if collection == "conflicts" and ident in s.conflicts:
        return ("conflict", field, {"conflict": name[ident]}) if whole else None
    if collection == "deployments" and ident in s.deployments:
        d = s.deployments[ident]
        names = {"sending": s.states[d.sending_state].name,
                 "receiving": s.states[d.receiving_state].name if d.receiving_state
                 else "no other state"}
        if field == "acknowledged_by" and len(parts) == 4 and parts[3] in s.states:
            names["state"] = s.states[parts[3]].name
            whole = True
        return ("deployment", field, names) if whole else None
    if collection == "persons" and ident in s.persons:
        names = {"person": name[ident]}
        if field == "destinations" and len(parts) == 5:
            names["destination"] = name.get(parts[3], parts[3])
            return "destination", parts[4], names
        return ("person", field, names) if whole else None
    return None
