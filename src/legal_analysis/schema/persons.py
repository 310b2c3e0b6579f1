"""Persons: whom they fight for (or that they do not fight), their nationality and allegiance,
how they were captured and who holds them where, their health and status, their wishes, and what
would await them at each destination.

A person may be entered without being captured (a leader whose liability is in question).
"""

from __future__ import annotations

from .declaration import (
    Choice,
    Kind,
    Type,
    choice,
    exclusive,
    grouped,
    mapping,
    not_before,
    plain,
    ref,
    refs,
    text,
    value_fact,
    yes_no,
)
from .parties import STATE

_STATES = (STATE,)


def _risk(name: str, description: str, at: str) -> tuple[str, str, str, str]:
    return (name, description, f"{{person}} would face {at} in {{destination}}",
            f"{{person}} would not face {at} in {{destination}}")


DESTINATION = Kind("destination", "Destination", "What would await one person at one destination "
                   "(a state to which he might be sent).", (
    *(yes_no(name, description, true, false) for name, description, true, false in (
        _risk("torture_risk", "Substantial grounds for believing the person would be in danger "
              "of torture.", "a danger of torture"),
        _risk("irreparable_harm_risk", "Real risk of irreparable harm (arbitrary deprivation of "
              "life, ill-treatment).", "a real risk of irreparable harm"),
        _risk("persecution_risk", "Well-founded fear of persecution on a Convention ground.",
              "persecution on a Convention ground"),
        _risk("fundamental_rights_risk", "Real risk of a violation of fundamental rights by the "
              "person's own country.", "a real risk of a violation of his fundamental rights"),
        _risk("death_penalty_risk", "Real risk that the death penalty would be imposed on the "
              "person or carried out.", "a real risk of the death penalty"),
    )),
    ref("onward_transfer_to", "party", "A state to which this destination would hand the person "
        "on.", "{destination} would hand {person} on to {value}", fact=True,
        target_variants=_STATES),
    plain("evidence", Type.SOURCES, "Evidence of risk, with sources."),
))

WISHES: tuple[Choice, ...] = (
    Choice("wants", "{person} wants to go to {value}", "wants to go to"),
    Choice("refuses", "{person} refuses to go to {value}", "refuses to go to"),
)

PERSON = Kind("person", "Person", "A person who is or may be captured, or whose liability is in "
              "question.", (
    text("name", "The person's name (or a description, when the name is not known).",
         required=True),
    ref("member_of", "force", "The force the person is a member of; `none` for a person who is a "
        "member of no force or group (a civilian).", "{person} is a member of {value}", fact=True,
        none="{person} is a member of no armed force or group", role="force"),
    ref("armed_forces_of", "party", "The party whose armed forces the person is a member of, where "
        "the facts say so apart from the force (a volunteer, a soldier of a unit incorporated into "
        "another party's forces); `none` where he is a member of no party's armed forces.",
        "{person} is a member of the armed forces of {value}", fact=True,
        none="{person} is not a member of the armed forces of any party"),
    ref("held_by", "party", "The party that holds the person (the detaining power), a belligerent "
        "or not.", "{person} is held by {value}", role="detaining power"),
    ref("held_in_territory_of", "party", "The state in whose territory the person is held; a "
        "state other than the holder's own means he is held abroad, under the holder's control.",
        "{person} is held in the territory of {value}", fact=True, target_variants=_STATES),
    value_fact("held_at", Type.TEXT, "Where the person is held, in words.",
               "{person} is held at {value}"),
    value_fact("captured_on", Type.DATE, "The date of capture. Unknown: the person counts as "
               "captured from the scenario's `as_of` on, and as possibly captured before it.",
               "{person} was captured on {value}",
               constraints=(not_before("member_of.conflict.start", "captured on {value}, before "
                                       "the conflict began on {limit}",
                                       "a capture date within the conflict"),)),
    value_fact("captured_at", Type.TEXT, "The place of capture, in words.",
               "{person} was captured at {value}"),
    ref("captured_in_territory_of", "party", "The state on whose territory the person was "
        "captured.", "{person} was captured in the territory of {value}", fact=True,
        target_variants=_STATES),
    choice("captured_wearing", "What the person wore when captured.", (
        Choice("uniform", "{person} wore the uniform of his own side when captured", "a uniform"),
        Choice("enemy_uniform", "{person} wore the enemy's uniform when captured",
               "the enemy's uniform"),
        Choice("civilian_clothes", "{person} wore civilian clothes when captured",
               "civilian clothes"),
    )),
    choice("captured_while", "What the person was doing when captured.", (
        Choice("fighting", "{person} was captured while taking part in military operations",
               "fighting"),
        Choice("espionage", "{person} was captured while gathering information clandestinely "
               "or under false pretences", "espionage"),
        Choice("sabotage", "{person} was captured on a sabotage mission", "sabotage"),
        Choice("not_fighting", "{person} was captured while taking no part in hostilities",
               "not fighting"),
    )),
    yes_no("carries_arms_openly", "The person carries arms openly (AP I Art 44(3)).",
           "{person} carries arms openly", "{person} does not carry arms openly"),
    refs("nationalities", "party", "The person's nationalities.", "{person} is a national of "
         "{value}", fact=True, target_variants=_STATES),
    yes_no("nationality_verified", "The person's nationality has been verified.",
           "{person}'s nationality has been verified",
           "{person}'s nationality has not been verified"),
    ref("allegiance_to", "party", "The party to which the person owes allegiance, where it is not "
        "simply his state of nationality (for instance the detaining power).",
        "{person} owes allegiance to {value}", fact=True),
    refs("claimed_as_national_by", "party", "States that claim the person as their national.",
         "{value} claim {person} as their national", fact=True, target_variants=_STATES),
    choice("health", "The person's state of health.", (
        Choice("healthy", "{person} is healthy"),
        Choice("wounded", "{person} is wounded"),
        Choice("seriously_wounded", "{person} is seriously wounded"),
        Choice("seriously_sick", "{person} is seriously sick"),
    )),
    yes_no("status_doubted", "Doubt has arisen whether the person is a prisoner of war "
           "(GC III Art 5).", "doubt has arisen whether {person} is a prisoner of war",
           "no doubt has arisen whether {person} is a prisoner of war"),
    choice("tribunal_decision", "The decision of a tribunal on the person's status (GC III Art 5), "
           "if any.", (
               Choice("prisoner_of_war", "a tribunal has decided that {person} is a prisoner of "
                      "war"),
               Choice("not_prisoner_of_war", "a tribunal has decided that {person} is not a "
                      "prisoner of war"),
               Choice("pending", "a tribunal's decision on {person}'s status is pending"),
           )),
    yes_no("tribunal_competent", "The tribunal that decided the person's status is a competent "
           "tribunal (GC III Art 5).", "the tribunal that decided {person}'s status is competent",
           "the tribunal that decided {person}'s status is not a competent tribunal"),
    choice("prosecuted_for", "What the detaining power prosecutes the person for, or says it "
           "will, if anything.", (
               Choice("participation", "{held_by} prosecutes {person} for having taken part in "
                      "the hostilities", "taking part in the hostilities"),
               Choice("war_crimes", "{held_by} prosecutes {person} for war crimes", "war crimes"),
               Choice("other_offences", "{held_by} prosecutes {person} for other offences",
                      "other offences"),
               Choice("none", "{held_by} does not prosecute {person}", "no prosecution"),
           )),
    yes_no("exhibited_to_public", "Images of the person, or interviews with him, have been made "
           "public by or with the consent of the detaining power (GC III Art 13(2)).",
           "images of {person} or interviews with him have been made public by {held_by} or "
           "with its consent", "no images of {person} or interviews with him have been made "
           "public by {held_by} or with its consent"),
    yes_no("coerced_for_information", "Torture or another form of coercion has been used on the "
           "person to obtain information (GC III Art 17).",
           "{person} has been coerced to give information",
           "{person} has not been coerced to give information"),
    yes_no("icrc_access_refused", "The detaining power has refused the ICRC or the protecting "
           "power access to the person, or an interview without witnesses (GC III Art 126).",
           "{held_by} has refused the ICRC access to {person}",
           "{held_by} has not refused the ICRC access to {person}"),
    yes_no("specially_recruited_to_fight", "Specially recruited locally or abroad in order to "
           "fight in the conflict (AP I Art 47(2)(a)).", "{person} was specially recruited to "
           "fight in the conflict", "{person} was not specially recruited to fight in the "
           "conflict"),
    yes_no("takes_direct_part", "Takes a direct part in the hostilities (AP I Art 47(2)(b)).",
           "{person} takes a direct part in the hostilities",
           "{person} takes no direct part in the hostilities"),
    yes_no("private_gain_motive", "Motivated to fight essentially by the desire for private gain "
           "(AP I Art 47(2)(c)).", "{person} fights essentially for private gain",
           "{person} does not fight essentially for private gain"),
    yes_no("compensation_substantially_in_excess", "Promised material compensation substantially "
           "in excess of that paid to combatants of similar rank and functions (AP I "
           "Art 47(2)(c)).", "{person} is promised compensation substantially in excess of that "
           "of combatants of similar rank", "{person} is not promised compensation substantially "
           "in excess of that of combatants of similar rank"),
    yes_no("national_or_resident_of_party", "A national of a party to the conflict or a resident "
           "of territory it controls (AP I Art 47(2)(d)).", "{person} is a national of a party to "
           "the conflict or a resident of territory it controls", "{person} is neither a national "
           "of a party to the conflict nor a resident of territory it controls"),
    yes_no("leadership_position", "In a position effectively to exercise control over or to "
           "direct the political or military action of a state.", "{person} is in a position "
           "effectively to control or direct a state's political or military action", "{person} "
           "is not in a position effectively to control or direct a state's political or "
           "military action"),
    ref("leader_of", "party", "The state whose political or military action the person is in a "
        "position to control or direct.", "{person} is in a position effectively to control or "
        "direct the political or military action of {value}", fact=True, target_variants=_STATES),
    yes_no("war_crimes_suspected", "Serious reasons for considering that the person committed a "
           "war crime (Refugee Convention Art 1F(a)).", "there are serious reasons for "
           "considering that {person} committed a war crime", "there are no serious reasons for "
           "considering that {person} committed a war crime"),
    yes_no("serious_nonpolitical_crime", "Serious reasons for considering that the person "
           "committed a serious non-political crime (Refugee Convention Art 1F(b)).",
           "there are serious reasons for considering that {person} committed a serious "
           "non-political crime", "there are no serious reasons for considering that {person} "
           "committed a serious non-political crime"),
    yes_no("danger_to_security", "Reasonable grounds for regarding the person as a danger to the "
           "security of the detaining state (Refugee Convention Art 33(2)).", "there are "
           "reasonable grounds for regarding {person} as a danger to the security of "
           "{held_by}", "there are no reasonable grounds for regarding {person} as a danger to "
           "the security of {held_by}"),
    grouped("wishes", "party", "Where the person wants to go and where he refuses to go: "
            "`{wants: [..], refuses: [..]}`.", WISHES,
            constraints=(exclusive("the person both wants and refuses to go to {value}",
                                   "each state under 'wants' or 'refuses', not both"),)),
    choice("wish_verification", "How the person's wishes were verified.", (
        Choice("icrc_private_interview", "{person}'s wishes were verified by the ICRC in a "
               "private interview", "a private interview by the ICRC"),
        Choice("protecting_power_interview", "{person}'s wishes were verified by the protecting "
               "power in a private interview", "a private interview by the protecting power"),
        Choice("independent_interview", "{person}'s wishes were verified independently",
               "an independent verification"),
        Choice("detaining_power_interview", "{person}'s wishes were heard only by the detaining "
               "power", "the detaining power's own interview"),
        Choice("media_interview", "{person}'s wishes are known only from interviews with the "
               "media", "media interviews"),
        Choice("not_verified", "{person}'s wishes have not been verified", "not verified"),
    )),
    choice("repatriation_delay_claimed", "The reason the detaining power gives for not yet "
           "repatriating the person after active hostilities have ceased, if any.", (
               Choice("reciprocity", "{held_by} withholds the repatriation of {person} until "
                      "the other party repatriates the prisoners it holds", "reciprocity"),
               Choice("verification", "{held_by} withholds the repatriation of {person} until "
                      "his identity or his wishes are verified", "verification"),
               Choice("criminal_proceedings", "{held_by} withholds the repatriation of {person} "
                      "because criminal proceedings against him are pending or he is serving a "
                      "sentence (GC III Art 119)", "criminal proceedings"),
               Choice("none_claimed", "{held_by} gives no reason for not repatriating {person}",
                      "no reason given"),
           )),
    mapping("destinations", "What would await the person at each destination.",
            item="destination", keyed_by="party"),
))

INDEPENDENT_VERIFICATION = frozenset({"icrc_private_interview", "protecting_power_interview",
                                      "independent_interview"})
"""The ways of verifying a wish that are independent of the detaining power and of the media."""

KINDS = (PERSON, DESTINATION)
