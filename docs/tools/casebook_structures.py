"""The casebook's structure cases: hypothetical scenarios of their own (scenario format 2, in
``docs/examples/v2/``), each teaching one structure of the law, not a variation of the home case.

Adding a case is one entry here (``structure(...)``) and its page, ``docs/casebook/<name>.md``,
with the hand-written commentary around the generated blocks (``facts``, ``answer``,
``exercises``, ``memo``, and ``flips`` where the entry names a case to compare with), and the page
in ``mkdocs.yml``'s nav. Only a scenario the rules can read can be a case: the generation stops
with the reason otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casebook_model import Ask, Case, Exercise, ask


def structure(name: str, title: str, asks: tuple[Ask, ...], *exercises: Exercise,
              compare_with: str = "") -> Case:
    """A structure case: the scenario ``docs/examples/v2/<name>.yaml``, on the page
    ``docs/casebook/<name>.md``."""
    return Case(name, name, title, f"v2/{name}", asks, exercises=exercises, standalone=True,
                compare_with=compare_with)


def _no_risk(person: str, destination: str) -> Mapping[str, Any]:
    """Every risk against which an instrument may bar a transfer, shown absent."""
    base = f"persons.{person}.destinations.{destination}"
    return {f"{base}.{risk}": False for risk in ("torture_risk", "irreparable_harm_risk",
                                                  "persecution_risk", "fundamental_rights_risk",
                                                  "death_penalty_risk")}


STRUCTURE_CASES: tuple[Case, ...] = (
    structure(
        "deployments-under-each-command", "Three contingents under three commands",
        (ask("party_to_conflict", state="CCC", conflict="war"),
         ask("party_to_conflict", state="DDD", conflict="war"),
         ask("party_to_conflict", state="EEE", conflict="war"),
         ask("attribution_of_conduct", deployment="ddd-battalion"),
         ask("pow_status", person="ddd-soldier")),
        Exercise("What changes if State CCC's battalion took no direct part in the hostilities?",
                 {"deployments.ccc-battalion.direct_participation": False}),
        Exercise("What changes if State EEE's battalion were placed under State AAA's sole "
                 "command?", {"deployments.eee-battalion.command_authority": "receiving"}),
        Exercise("What changes if the force State CCC's battalion uses reached the gravity of an "
                 "armed attack on State BBB?",
                 {"deployments.ccc-battalion.armed_attack_intensity": True}),
    ),
    structure(
        "status-in-doubt", "A captured person whose status is in doubt",
        (ask("pow_status", person="cook"),),
        Exercise("What changes if the tribunal decided that he is a prisoner of war?",
                 {"persons.cook.tribunal_decision": "prisoner_of_war"}),
        Exercise("What changes if the tribunal decided that he is not a prisoner of war?",
                 {"persons.cook.tribunal_decision": "not_prisoner_of_war"}),
        Exercise("What changes if it were established that he is a member of State CCC's armed "
                 "forces, and no doubt remained?",
                 {"persons.cook.member_of_forces_of": "CCC", "persons.cook.status_doubted": False}),
        Exercise("And if it were also established that State CCC sent its battalion on official "
                 "duty?",
                 {"persons.cook.member_of_forces_of": "CCC", "persons.cook.status_doubted": False,
                  "deployments.ccc-battalion.official_duty": True}),
    ),
    structure(
        "wounded-during-hostilities", "A seriously wounded prisoner during the hostilities",
        (ask("pow_status", person="wounded"),
         ask("repatriation_option", person="wounded", destination="CCC"),
         ask("refoulement_barred", person="wounded", destination="CCC")),
        Exercise("What changes if no risk of persecution, of a violation of his fundamental "
                 "rights or of the death penalty in State CCC were shown either?",
                 _no_risk("wounded", "CCC")),
        Exercise("And if, with no risk shown, he were not seriously wounded but in good health?",
                 {**_no_risk("wounded", "CCC"), "persons.wounded.health": "healthy"}),
        compare_with="wants-to-go-home",
    ),
    structure(
        "wants-to-go-home", "A prisoner who wants to go home after the hostilities",
        (ask("pow_status", person="prisoner"),
         ask("repatriation_option", person="prisoner", destination="CCC"),
         ask("refoulement_barred", person="prisoner", destination="CCC")),
        Exercise("What changes if a real risk of ill-treatment in State CCC were shown?",
                 {"persons.prisoner.destinations.CCC.irreparable_harm_risk": True}),
        Exercise("What changes if active hostilities had not ceased?",
                 {"conflicts.war.cessation_of_active_hostilities": False}),
        Exercise("What changes if State CCC had kept command of its battalion?",
                 {"deployments.ccc-battalion.command_authority": "sending"}),
        Exercise("And if, State CCC keeping command, his nationality had not been verified?",
                 {"deployments.ccc-battalion.command_authority": "sending",
                  "persons.prisoner.nationality_verified": False}),
    ),
    structure(
        "own-soldier-captured", "A belligerent's own soldiers captured: uniform, sabotage, spying",
        (ask("pow_status", person="rifleman"),
         ask("combatant_immunity", person="rifleman"),
         ask("pow_status", person="saboteur"),
         ask("combatant_immunity", person="saboteur"),
         ask("pow_status", person="scout"),
         ask("detaining_power_obligations", person="rifleman")),
        Exercise("What changes if the saboteur had carried his arms openly during the attack he "
                 "was preparing?", {"persons.saboteur.carries_arms_openly": True}),
        Exercise("What changes if State AAA were not bound by Additional Protocol I?",
                 {"states.AAA.bound.api": False}),
        Exercise("What changes if the scout had been gathering information in uniform?",
                 {"persons.scout.captured_wearing": "uniform"}),
        Exercise("What changes if State AAA charged the rifleman with war crimes instead of with "
                 "taking part in the fighting?", {"persons.rifleman.prosecuted_for": "war_crimes"}),
        Exercise("What changes if State AAA's officers were reported to have coerced the "
                 "rifleman to give information?",
                 {"persons.rifleman.coerced_for_information": True}),
        Exercise("What changes if State AAA were reported to refuse the ICRC access to the "
                 "rifleman?", {"persons.rifleman.icrc_access_refused": True}),
    ),
    structure(
        "allies-on-one-side", "Two allies against an aggressor",
        (ask("self_defence_available", defending="CCC", against="BBB"),
         ask("self_defence_available", defending="AAA", against="BBB"),
         ask("unlawful_use_of_force", state="CCC")),
        Exercise("What changes if State AAA had not asked State CCC for help?",
                 {"states.CCC.assistance_requested": False}),
        Exercise("And if, besides, State CCC had not itself been attacked?",
                 {"states.CCC.assistance_requested": False,
                  "states.CCC.armed_attack_suffered": False}),
    ),
    structure(
        "contingent-for-consenting-government", "A foreign contingent at a government's invitation",
        (ask("conflict_classification", conflict="civil-war"),
         ask("unlawful_use_of_force", state="BBB"),
         ask("party_to_conflict", state="BBB", conflict="civil-war")),
        Exercise("What changes if State AAA had refused its consent?",
                 {"relations.aaa-consents.consent": "refused"}),
    ),
    structure(
        "militias-and-the-four-conditions", "Members of two militias: the four conditions",
        (ask("pow_status", person="guardsman"),
         ask("pow_status", person="rider"),
         ask("combatant_immunity", person="rider")),
        Exercise("What changes if the Home Guard wore no fixed distinctive sign?",
                 {"deployments.home-guard.distinctive_sign": False}),
        Exercise("What changes if State AAA came to doubt whether the member of the Night Riders "
                 "is a prisoner of war?", {"persons.rider.status_doubted": True}),
    ),
    structure(
        "civil-war", "A fighter captured in a civil war",
        (ask("conflict_classification", conflict="civil-war"),
         ask("party_to_conflict", state="GRP", conflict="civil-war"),
         ask("pow_status", person="fighter"),
         ask("combatant_immunity", person="fighter")),
        Exercise("What changes if the violence stayed at the level of internal disturbances?",
                 {"conflicts.civil-war.intensity": "internal_disturbances"}),
        Exercise("What changes if the Front were not organised?",
                 {"states.GRP.organised": False}),
    ),
    structure(
        "riots-below-armed-conflict", "Riots below the threshold of an armed conflict",
        (ask("conflict_classification", conflict="unrest"),
         ask("party_to_conflict", state="MOV", conflict="unrest"),
         ask("pow_status", person="rioter"),
         ask("repatriation_delayed", person="rioter"),
         ask("detaining_power_obligations", person="rioter")),
        Exercise("What changes if the violence became protracted armed violence, the Movement "
                 "being organised under a responsible command?",
                 {"conflicts.unrest.intensity": "protracted_armed_violence",
                  "states.MOV.organised": True, "states.MOV.responsible_command": True}),
        Exercise("What changes if State AAA were bound by the ICCPR?",
                 {"states.AAA.bound.iccpr": True}),
    ),
    structure(
        "national-of-detaining-power", "A national of the detaining power fighting for the enemy",
        (ask("pow_status", person="volunteer"),
         ask("combatant_immunity", person="volunteer"),
         ask("pow_status", person="second-volunteer"),
         ask("combatant_immunity", person="second-volunteer")),
        Exercise("What changes if the first soldier were a national of State CCC only?",
                 {"persons.volunteer.nationalities": ["CCC"],
                  "persons.volunteer.claimed_as_national_by": ["CCC"],
                  "persons.volunteer.allegiance_to": "CCC"}),
        Exercise("What changes if a tribunal decided that the second soldier is a prisoner of "
                 "war?", {"persons.second-volunteer.tribunal_decision": "prisoner_of_war"}),
        Exercise("What changes if State AAA raised no doubt about the second soldier?",
                 {"persons.second-volunteer.status_doubted": False}),
    ),
    structure(
        "refuses-to-go-home", "A prisoner who refuses to go home after the hostilities",
        (ask("repatriation_option", person="prisoner", destination="CCC"),
         ask("refoulement_barred", person="prisoner", destination="CCC"),
         ask("repatriation_option", person="prisoner", destination="AAA")),
        Exercise("What changes if a real risk of irreparable harm to him in State CCC were "
                 "shown?", {"persons.prisoner.destinations.CCC.irreparable_harm_risk": True}),
        Exercise("What changes if no risk to him in State CCC were shown at all?",
                 _no_risk("prisoner", "CCC")),
        Exercise("What changes if active hostilities had not ceased?",
                 {"conflicts.war.cessation_of_active_hostilities": False}),
        compare_with="wants-to-go-home",
    ),
    structure(
        "repatriation-overdue", "Prisoners still held years after the hostilities",
        (ask("pow_status", person="prisoner"),
         ask("repatriation_delayed", person="prisoner")),
        Exercise("What changes if State AAA held him for criminal proceedings against him?",
                 {"persons.prisoner.repatriation_delay_claimed": "criminal_proceedings"}),
        Exercise("What changes if active hostilities had not ceased?",
                 {"conflicts.war.cessation_of_active_hostilities": False}),
    ),
    structure(
        "held-abroad-death-penalty", "A prisoner held abroad who faces the death penalty",
        (ask("refoulement_barred", person="detainee", destination="BBB"),
         ask("repatriation_option", person="detainee", destination="BBB")),
        Exercise("What changes if State AAA were bound by neither Protocol No. 13 to the ECHR nor "
                 "the ICCPR's Second Optional Protocol?",
                 {"states.AAA.bound.echr_p13": False,
                  "states.AAA.bound.iccpr_op2": False}),
        Exercise("And if it were bound by the Second Optional Protocol only?",
                 {"states.AAA.bound.echr_p13": False}),
        Exercise("What changes if no risk of the death penalty in State BBB were shown?",
                 {"persons.detainee.destinations.BBB.death_penalty_risk": False}),
    ),
    structure(
        "group-armed-without-control", "A state that arms and trains a rebel group",
        (ask("attribution_of_group_conduct", group="GRP", state="CCC"),
         ask("conflict_classification", conflict="civil-war"),
         ask("party_to_conflict", state="CCC", conflict="civil-war"),
         ask("unlawful_use_of_force", state="CCC")),
        Exercise("What changes if State CCC only financed the Front, neither arming nor training "
                 "it?", {"relations.ccc-supports-front.arming": False,
                         "relations.ccc-supports-front.training": False}),
        Exercise("What changes if State CCC's general staff also organised, coordinated and "
                 "planned the Front's military actions (overall control), still without directing "
                 "any operation?", {"relations.ccc-supports-front.control": "overall_control"}),
    ),
    structure(
        "group-under-effective-control", "A state that directs a rebel group's attack",
        (ask("attribution_of_group_conduct", group="GRP", state="CCC"),
         ask("conflict_classification", conflict="civil-war"),
         ask("party_to_conflict", state="CCC", conflict="civil-war"),
         ask("unlawful_use_of_force", state="CCC")),
        Exercise("What changes if State CCC's officers had neither ordered nor directed the "
                 "attack, State CCC keeping overall control of the Front's campaign?",
                 {"relations.ccc-directs-front.instructions": False,
                  "relations.ccc-directs-front.direction_of_operations": False,
                  "relations.ccc-directs-front.control": "overall_control"}),
        Exercise("What changes if State CCC only armed, trained and advised the Front, with no "
                 "control over it?",
                 {"relations.ccc-directs-front.instructions": False,
                  "relations.ccc-directs-front.direction_of_operations": False,
                  "relations.ccc-directs-front.control": "general_support"}),
    ),
    structure(
        "group-under-overall-control", "A rebel group under a foreign state's overall control",
        (ask("conflict_classification", conflict="war"),
         ask("party_to_conflict", state="CCC", conflict="war"),
         ask("attribution_of_group_conduct", group="GRP", state="CCC"),
         ask("unlawful_use_of_force", state="CCC")),
        Exercise("What changes if State CCC's overall control were established, and it were shown "
                 "that it directed none of the Front's operations?",
                 {"relations.ccc-controls-front.control": "overall_control",
                  "relations.ccc-controls-front.direction_of_operations": False}),
        Exercise("What changes if the Front were shown to be completely dependent on State CCC?",
                 {"relations.ccc-controls-front.control": "complete_dependence"}),
        Exercise("What changes if State CCC were shown to give the Front only general support, "
                 "planning and directing none of its operations?",
                 {"relations.ccc-controls-front.control": "general_support",
                  "relations.ccc-controls-front.planning": False,
                  "relations.ccc-controls-front.direction_of_operations": False}),
    ),
    structure(
        "territory-lent-to-aggressor", "A state that lends its territory to an aggressor",
        (ask("unlawful_use_of_force", state="CCC"),
         ask("aid_or_assistance", state="CCC", assisted="AAA"),
         ask("unlawful_use_of_force", state="AAA")),
        Exercise("What changes if State CCC also sent State AAA arms?",
                 {"relations.ccc-lends-territory.arming": True}),
        Exercise("What changes if State CCC did not let State AAA use its territory, but sent it "
                 "arms?", {"relations.ccc-lends-territory.territory_made_available": False,
                           "relations.ccc-lends-territory.arming": True}),
    ),
)
"""The structure cases, in the casebook's order (the scenario's name is the case's)."""
