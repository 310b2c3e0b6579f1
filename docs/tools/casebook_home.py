"""The casebook's first cases: the home scenario at its three dates, and the variations on who
commands the troops and how they were recruited (party status, attribution, prisoner-of-war and
mercenary status). The variations on captured persons' transfers are in ``casebook_transfers``.
"""

from __future__ import annotations

import datetime as dt

from casebook_model import Ask, Case, Change, Exercise, ask

DEP = "deployments.dprk-to-russia"
S1 = "persons.soldier-1"
CONFLICT = "conflicts.russia-ukraine"
WAR = "russia-ukraine"


PARTY_PRK = ask("party_to_conflict", state="PRK", conflict=WAR)
ATTRIBUTION = ask("attribution_of_conduct", deployment="dprk-to-russia")
IAC_PRK = ask("international_armed_conflict", state="PRK", other="UKR")
POW_1 = ask("pow_status", person="soldier-1")
MERCENARY_1 = ask("mercenary", person="soldier-1")


def option(destination: str, person: str = "soldier-1") -> Ask:
    return ask("repatriation_option", person=person, destination=destination)


def barred(destination: str, person: str = "soldier-1") -> Ask:
    return ask("refoulement_barred", person=person, destination=destination)


RISKS = ("torture_risk", "irreparable_harm_risk", "persecution_risk", "fundamental_rights_risk",
         "death_penalty_risk")
"""The risks at a destination against which an instrument may bar a transfer."""


def no_risk(destination: str, why: str, person: str = "soldier-1") -> tuple[Change, ...]:
    """No risk of any kind at a destination."""
    base = f"persons.{person}.destinations.{destination}"
    return tuple(Change(f"{base}.{risk}", False, why) for risk in RISKS)


def conscript(person: str, *, why: str, national_of_party: bool | None = None,
               driver: bool = False, resident: str = "") -> tuple[Change, ...]:
    """What is known of a soldier beyond the home scenario: a conscript, not a hired fighter
    (and, if ``driver``, one captured behind the lines who took no direct part in the fighting)."""
    base = f"persons.{person}"
    out = [
        Change(f"{base}.specially_recruited_to_fight", False,
               f"{why}: a conscript, not recruited for this war"),
        Change(f"{base}.private_gain_motive", False, "he serves for a conscript's pay"),
        Change(f"{base}.compensation_substantially_in_excess", False,
               "paid like any other soldier of his rank"),
    ]
    if driver:
        out.append(Change(f"{base}.takes_direct_part", False,
                          "a driver, captured at a supply depot, who took no direct part in the "
                          "fighting"))
    if national_of_party is not None:
        out.append(Change(f"{base}.national_or_resident_of_party", national_of_party,
                          resident or "a DPRK national" + (", and the DPRK is a party here"
                                                           if national_of_party else "")))
    return tuple(out)


def doubted(person: str, why: str) -> Change:
    return Change(f"persons.{person}.status_doubted", True, why)


HOME = "dprk-2025-04-28"

HOME_CASES: tuple[Case, ...] = (
    # -- the home scenario at its three dates ---------------------------------------------------
    Case("home-2024-10-26", "home", "Reports of a deployment (26 October 2024)", "dprk-2024-10-26",
         (PARTY_PRK, ask("unlawful_use_of_force", state="PRK")),
         exercises=(
             Exercise("What changes if it were reported that the DPRK keeps command of its troops "
                      "and that they fight?",
                      {f"{DEP}.command_authority": "sending", f"{DEP}.direct_participation": True}),
             Exercise("What changes if it were established that sending the troops breaches the "
                      "Security Council's measures against the DPRK?",
                      {"states.PRK.arms_embargo_breached": True}),
             Exercise("And if it were established that it does not?",
                      {"states.PRK.arms_embargo_breached": False}),
         )),
    Case("home-2025-01-12", "home", "Two soldiers captured (12 January 2025)", "dprk-2025-01-12",
         (POW_1, barred("PRK"), option("KOR")),
         exercises=(
             Exercise("The sources disagree on the day of the capture. What changes if the first "
                      "soldier had been captured only on 13 January, after the date of this memo?",
                      {f"{S1}.captured_on": dt.date(2025, 1, 13)}),
             Exercise("What changes if the ICRC verified, in an interview without witnesses, that "
                      "the first soldier wishes to go to South Korea, and no risk to him there "
                      "were shown?",
                      {f"{S1}.wishes": "KOR", f"{S1}.wish_verified_independently": True,
                       **{f"{S1}.destinations.KOR.{risk}": False for risk in RISKS}}),
         )),
    Case("home-2025-04-28", "home", "The deployment acknowledged (28 April 2025)", HOME,
         (PARTY_PRK, IAC_PRK, ask("self_defence_available", defending="PRK", against="UKR")),
         exercises=(
             Exercise("What changes if the DPRK's troops were found to be under joint command?",
                      {f"{DEP}.command_authority": "joint"}),
             Exercise("What changes if the DPRK's troops were incorporated into the Russian armed "
                      "forces, command still unknown?",
                      {f"{DEP}.integrated_into_receiving_forces": True}, show=(POW_1, MERCENARY_1),
                      hint="Nothing changes, and that is the answer: while command is unknown the "
                           "soldiers are prisoners of war on either branch, and incorporation into "
                           "the Russian forces only adds a route to the same status."),
             Exercise("Test the DPRK's claim the other way round: what changes if the finding of "
                      "aggression had named Ukraine, not Russia?",
                      {f"{CONFLICT}.aggressor": "UKR"}),
         )),
    # -- variations ---------------------------------------------------------------------------------
    Case("sole-command", "sole-command", "Sole command by the receiving state", HOME,
         (PARTY_PRK, ATTRIBUTION, IAC_PRK),
         changes=(Change(f"{DEP}.command_authority", "receiving",
                         "suppose it were shown that the DPRK troops act under Russia's sole "
                         "command"),
                  *conscript("soldier-2", why="more is known of the second soldier",
                              driver=True)),
         exercises=(
             Exercise("What changes if the DPRK kept command of its troops instead?",
                      {f"{DEP}.command_authority": "sending"}),
             Exercise("What changes if the troops were also incorporated into the Russian armed "
                      "forces?", {f"{DEP}.integrated_into_receiving_forces": True},
                      show=(POW_1, MERCENARY_1),
                      hint="Nothing changes. Under Russia's sole command the soldiers already "
                           "fight as part of a party's forces, so incorporation only adds a second "
                           "route to the same status; and official sending by a state that is "
                           "not a party already settles the mercenary question (AP I art 47(2)(f))."),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the DPRK troops were "
                 "placed at Russia's disposal and act under its sole command."),
    Case("joint-command", "joint-command", "Joint command", HOME,
         (PARTY_PRK, ATTRIBUTION, IAC_PRK),
         changes=(Change(f"{DEP}.command_authority", "joint",
                         "suppose it were shown that the DPRK and Russia command the troops "
                         "jointly"),
                  doubted("soldier-1", "Ukraine at first doubted the first soldier's status (he "
                                        "wore a Russian uniform and carried Russian papers)"),
                  *conscript("soldier-2", why="more is known of the second soldier",
                              national_of_party=True, driver=True)),
         exercises=(
             Exercise("What changes if the troops took no direct part in the hostilities (say "
                      "they only guarded installations far from the front)?",
                      {f"{DEP}.direct_participation": False}),
             Exercise("What changes if the force the DPRK's troops use reached the gravity of an "
                      "armed attack on Ukraine?", {f"{DEP}.armed_attack_intensity": True}),
             Exercise("And if it stayed below that gravity?",
                      {f"{DEP}.armed_attack_intensity": False}),
             Exercise("What changes if the troops were also incorporated into the Russian armed "
                      "forces?", {f"{DEP}.integrated_into_receiving_forces": True},
                      show=(POW_1, MERCENARY_1),
                      hint="Nothing changes. Under joint command the soldiers are already members "
                           "of the armed forces of a party, the DPRK (GC III art 4A(1)); "
                           "incorporation into Russia's forces adds a second route to the same "
                           "status, which the derivation shows displaced by the first."),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the DPRK and Russia "
                 "command the DPRK troops jointly."),
    Case("individual-recruits", "individual-recruits",
         "Fighters recruited individually for pay", HOME,
         (PARTY_PRK, MERCENARY_1, POW_1),
         changes=(
             Change(f"{DEP}.recruitment", "private_company",
                    "suppose the fighters were recruited one by one, for pay, by a private "
                    "military company, not sent by the DPRK"),
             Change(f"{DEP}.official_duty", False, "they serve on no official duty of the DPRK"),
             Change(f"{DEP}.command_authority", "receiving", "they fight under Russian command"),
             Change(f"{DEP}.integrated_into_receiving_forces", False,
                    "but are not incorporated into the Russian armed forces"),
             Change(f"{S1}.specially_recruited_to_fight", True,
                    "he was recruited in order to fight in this war"),
             Change(f"{S1}.private_gain_motive", True, "he fights essentially for the money"),
             Change(f"{S1}.compensation_substantially_in_excess", True,
                    "he was promised far more than Russian soldiers of his rank are paid"),
             Change(f"{S1}.national_or_resident_of_party", False,
                    "a DPRK national, resident in the DPRK, which is not a party"),
             Change(f"{S1}.member_of_forces_of", "none",
                    "he is not enrolled in any state's armed forces (the company hired him)"),
         ),
         exercises=(
             Exercise("What changes if he were paid what Russian soldiers of his rank are paid?",
                      {f"{S1}.compensation_substantially_in_excess": False}),
             Exercise("What changes if the company's fighters were incorporated into the Russian "
                      "armed forces?", {f"{DEP}.integrated_into_receiving_forces": True}),
             Exercise("What changes if he had lived in Russia for years, so that he is a resident "
                      "of a party's territory?", {f"{S1}.national_or_resident_of_party": True}),
             Exercise("What changes if he had been hired long before the war, as a guard, and not "
                      "in order to fight in it?", {f"{S1}.specially_recruited_to_fight": False}),
             Exercise("What changes if he never fought, but only guarded a depot far behind the "
                      "lines?", {f"{S1}.takes_direct_part": False}),
             Exercise("What changes if he had been hired long before the war as a depot guard, "
                      "never fought, was paid what Russian soldiers of his rank are paid and had "
                      "long lived in Russia? Conditions (a) to (d) of AP I art 47(2) all fail: "
                      "the answer names the first.",
                      {f"{S1}.specially_recruited_to_fight": False,
                       f"{S1}.takes_direct_part": False,
                       f"{S1}.compensation_substantially_in_excess": False,
                       f"{S1}.national_or_resident_of_party": True}),
             Exercise("And if he had been recruited to fight in this war, but the rest were "
                      "the same?",
                      {f"{S1}.takes_direct_part": False,
                       f"{S1}.compensation_substantially_in_excess": False,
                       f"{S1}.national_or_resident_of_party": True}),
             Exercise("And if he had also fought?",
                      {f"{S1}.compensation_substantially_in_excess": False,
                       f"{S1}.national_or_resident_of_party": True}),
             Exercise("What changes if Ukraine doubted whether he is a mercenary, and no tribunal "
                      "had yet decided?", {f"{S1}.status_doubted": True}),
             Exercise("What changes if a competent tribunal decided that he is not a prisoner of "
                      "war?", {f"{S1}.tribunal_decision": "not_prisoner_of_war"}),
             Exercise("What changes if Ukraine, doubting his status, found that he had signed a "
                      "contract with the Russian army itself?",
                      {f"{S1}.member_of_forces_of": "RUS", f"{S1}.status_doubted": True}),
             Exercise("What changes if the recruits fought under the DPRK's command?",
                      {f"{DEP}.command_authority": "sending"}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the fighters were "
                 "recruited individually for pay instead of being sent by the DPRK."),
)
"""The home scenario at its three dates, and the variations on command and recruitment."""
