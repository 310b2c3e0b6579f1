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
                                                  "persecution_risk", "fundamental_rights_risk")}


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
        Exercise("What changes if no risk of persecution or of a violation of his fundamental "
                 "rights in State CCC were shown either?", _no_risk("wounded", "CCC")),
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
)
"""The structure cases, in the casebook's order (the scenario's name is the case's)."""
