"""Yes-or-no facts as the sentences a lawyer writes: 'Captured soldier 1 is not a national of
a party to the conflict', not 'national or resident of party (Captured soldier 1) is false'.

Each true-or-false fact of the scenario models has two sentences, one for each value. They
follow the wording of the test the fact stands for (AP I Art. 47(2) for the mercenary facts,
CAT Art. 3(1) for the risk of torture, and so on) without quoting it. Placeholders name the
entities the fact is about: ``{state}``, ``{conflict}``, ``{sending}`` and ``{receiving}`` (a
deployment's states), ``{person}`` and ``{destination}``.
"""

from __future__ import annotations

from typing import Any

from ..engine.analysis import Analysis
from ..engine.world import TREATY_NAMES

Sentences = tuple[str, str]
"""What a fact says when it is true, and when it is false."""

STATE: dict[str, Sentences] = {
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
}

CONFLICT: dict[str, Sentences] = {
    "cessation_of_active_hostilities": ("active hostilities in {conflict} have ceased",
                                        "active hostilities in {conflict} have not ceased"),
    "armed_attack_by_adversary": (
        "the aggressor's adversary in {conflict} made an armed attack on the aggressor",
        "the aggressor's adversary in {conflict} made no armed attack on the aggressor"),
}

DEPLOYMENT: dict[str, Sentences] = {
    "integrated_into_receiving_forces": (
        "the troops of {sending} are incorporated into the armed forces of {receiving}",
        "the troops of {sending} are not incorporated into the armed forces of {receiving}"),
    "official_duty": ("the troops of {sending} serve on its official duty",
                      "the troops of {sending} do not serve on its official duty"),
    "direct_participation": (
        "the troops of {sending} take a direct part in the hostilities",
        "the troops of {sending} take no direct part in the hostilities"),
    "armed_attack_intensity": (
        "the force the troops of {sending} use reaches the gravity of an armed attack",
        "the force the troops of {sending} use does not reach the gravity of an armed attack"),
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
    "is_national_state": ("{person} is a national of {destination}",
                          "{person} is not a national of {destination}"),
    "claims_person": ("{destination} claims {person} as its national",
                      "{destination} does not claim {person} as its national"),
}


def proposition(analysis: Analysis, key: str, value: Any) -> str | None:
    """What a true-or-false fact says, with the names of what it is about; ``None`` for a
    value that is not true or false, or a fact without sentences.

    ``persons.p1.destinations.PRK.torture_risk`` set to true reads "there are substantial
    grounds for believing that Captured soldier 1 would be in danger of torture in Democratic
    People's Republic of Korea".
    """
    if not isinstance(value, bool):
        return None
    found = _sentences(analysis, key.split("."))
    if found is None:
        return None
    (holds, fails), names = found
    return (holds if value else fails).format_map(names)


def _sentences(analysis: Analysis, parts: list[str]) -> tuple[Sentences, dict[str, str]] | None:
    """The sentences of the fact at ``parts`` (a key split at its dots), and the names that
    fill them."""
    s = analysis.scenario
    name = analysis.engine.names
    if len(parts) < 3:
        return None
    collection, ident, field = parts[0], parts[1], parts[2]
    if collection == "states" and ident in s.states:
        names = {"state": s.states[ident].name}
        if field == "bound" and len(parts) == 4:
            names["treaty"] = TREATY_NAMES.get(parts[3], parts[3])
        return _pick(STATE, field, len(parts) == (4 if field == "bound" else 3), names)
    if collection == "conflicts" and ident in s.conflicts:
        return _pick(CONFLICT, field, len(parts) == 3, {"conflict": name[ident]})
    if collection == "deployments" and ident in s.deployments:
        d = s.deployments[ident]
        names = {"sending": s.states[d.sending_state].name,
                 "receiving": s.states[d.receiving_state].name}
        if field == "acknowledged_by" and len(parts) == 4 and parts[3] in s.states:
            names["state"] = s.states[parts[3]].name
            return DEPLOYMENT[field], names
        return _pick(DEPLOYMENT, field, len(parts) == 3, names)
    if collection == "persons" and ident in s.persons:
        names = {"person": name[ident]}
        if field == "destinations" and len(parts) == 5:
            names["destination"] = name.get(parts[3], parts[3])
            return _pick(DESTINATION, parts[4], True, names)
        return _pick(PERSON, field, len(parts) == 3, names)
    return None


def _pick(table: dict[str, Sentences], field: str, whole: bool, names: dict[str, str]
          ) -> tuple[Sentences, dict[str, str]] | None:
    if not whole or field not in table:
        return None
    return table[field], names
