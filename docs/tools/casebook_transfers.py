"""The casebook's variations on captured persons' transfers: wishes, risks on return, treaties,
the end of hostilities, wounds, nationality, leadership and third states."""

from __future__ import annotations

from casebook_home import CONFLICT, DEP, HOME, S1, barred, conscript, doubted, no_risk, option
from casebook_model import Case, Change, Exercise, ask

TRANSFER_CASES: tuple[Case, ...] = (
    Case("wishes-to-return", "wishes-to-return", "A soldier who wishes to return home", HOME,
         (option("PRK"), option("KOR"), barred("PRK")),
         changes=(
             Change(f"{S1}.wishes", "PRK",
                    "suppose the first soldier told the ICRC that he wished to go back to the DPRK"),
             Change(f"{S1}.wish_verified_independently", True,
                    "the ICRC verified his wish in an interview without witnesses"),
             Change(f"{S1}.nationality_verified", True, "his DPRK nationality has been verified"),
             *no_risk("KOR", "no risk to him in South Korea is shown"),
         ),
         exercises=(
             Exercise("What changes if he wished to go to South Korea, as the soldiers reportedly "
                      "told the media?", {f"{S1}.wishes": "KOR"}),
             Exercise("What changes if no risk to him in the DPRK were shown either?",
                      {f"{S1}.destinations.PRK.torture_risk": False,
                       f"{S1}.destinations.PRK.irreparable_harm_risk": False,
                       f"{S1}.destinations.PRK.fundamental_rights_risk": False,
                       f"{S1}.destinations.PRK.persecution_risk": False,
                       f"{S1}.destinations.PRK.death_penalty_risk": False}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the first soldier, whose "
                 "nationality is verified, told the ICRC that he wished to return to the DPRK, and "
                 "that no risk to him in South Korea were shown."),
    Case("no-risk-on-return", "no-risk-on-return", "No credible risk on return", HOME,
         (barred("PRK"), option("PRK"), barred("RUS")),
         changes=no_risk("PRK", "suppose no risk to the first soldier in the DPRK were shown"),
         exercises=(
             Exercise("What changes if a real risk of ill-treatment in the DPRK were shown after "
                      "all?", {f"{S1}.destinations.PRK.irreparable_harm_risk": True}),
             Exercise("What changes if he had a well-founded fear of persecution in the DPRK for "
                      "his political opinion (he told South Korean media he wished to defect)?",
                      {f"{S1}.destinations.PRK.persecution_risk": True}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the first soldier faced "
                 "no risk in the DPRK."),
    Case("treaty-not-binding", "treaty-not-binding",
         "A detaining power not bound by the Convention against Torture", HOME,
         (barred("PRK"),),
         changes=(
             Change("states.UKR.treaties.cat", "not_party",
                    "suppose the detaining power were not a party to the Convention against "
                    "Torture"),
             Change(f"{S1}.destinations.PRK.irreparable_harm_risk", "unknown",
                    "and the evidence of a risk of torture had not been assessed under the ICCPR"),
             Change(f"{S1}.destinations.PRK.fundamental_rights_risk", "unknown",
                    "nor under GC III art 118 as the ICRC reads it"),
         ),
         exercises=(
             Exercise("What changes if the same evidence were found to show a real risk of "
                      "ill-treatment (ICCPR art 7)?",
                      {f"{S1}.destinations.PRK.irreparable_harm_risk": True}),
             Exercise("What changes if the detaining power were bound by the Convention against "
                      "Torture after all?", {"states.UKR.bound.cat": True}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the detaining power were "
                 "not bound by the Convention against Torture, and that the evidence of a risk of "
                 "torture in the DPRK had not been assessed under the other instruments."),
    Case("after-hostilities", "after-hostilities", "After the cessation of active hostilities",
         HOME, (option("PRK"), option("XNS")),
         changes=(
             Change(f"{CONFLICT}.cessation_of_active_hostilities", True,
                    "suppose active hostilities had ceased"),
             Change(f"{DEP}.command_authority", "sending",
                    "and the DPRK had kept command of its troops"),
             Change(f"{S1}.nationality_verified", True, "and his nationality had been verified"),
             *no_risk("PRK", "and no risk to him in the DPRK were shown"),
         ),
         exercises=(
             Exercise("What changes if hostilities had not ceased?",
                      {f"{CONFLICT}.cessation_of_active_hostilities": False}),
             Exercise("What changes if his nationality had not been verified?",
                      {f"{S1}.nationality_verified": False}),
             Exercise("What changes if the DPRK's troops had been under Russia's sole command?",
                      {f"{DEP}.command_authority": "receiving"}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that active hostilities had "
                 "ceased, that the DPRK commanded its troops, and that the first soldier, whose "
                 "nationality is verified, faced no risk in the DPRK."),
    Case("seriously-wounded", "seriously-wounded", "A seriously wounded prisoner", HOME,
         (option("PRK"),),
         changes=(
             Change(f"{S1}.health", "seriously_wounded", "suppose he were seriously wounded"),
             Change(f"{DEP}.command_authority", "sending", "the DPRK commands its troops"),
             Change(f"{S1}.nationality_verified", True, "his nationality has been verified"),
             Change(f"{S1}.wishes", "PRK", "he wishes to go home"),
             *no_risk("PRK", "and no risk to him in the DPRK were shown"),
         ),
         exercises=(
             Exercise("What changes if he wished to go to South Korea instead?",
                      {f"{S1}.wishes": "KOR"}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the first soldier were "
                 "seriously wounded, wished to go home and faced no risk there."),
    Case("unverified-nationality", "unverified-nationality",
         "A person whose nationality cannot be verified", HOME,
         (option("KOR"),),
         changes=(
             Change(f"{S1}.wish_verified_independently", True,
                    "suppose the ICRC verified his wish to go to South Korea"),
             *no_risk("KOR", "and no risk to him in South Korea were shown"),
             Change(f"{S1}.nationality_verified", False,
                    "but his nationality cannot be verified: he carries false Russian papers"),
         ),
         exercises=(
             Exercise("What changes if his nationality were verified?",
                      {f"{S1}.nationality_verified": True}),
             Exercise("What changes if South Korea said it would not receive him?",
                      {"states.KOR.willing_to_receive": False}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the first soldier's wish "
                 "to go to South Korea were verified and he faced no risk there, but that his "
                 "nationality could not be verified."),
    Case("captured-general", "captured-general", "A captured general", HOME,
         (ask("aggression_liability", person="soldier-2"),
          ask("aggression_liability", person="soldier-1"), ask("pow_status", person="soldier-2")),
         changes=(
             Change("persons.soldier-2.leadership_position", True,
                    "suppose the second captive were one of the generals reported among the troops, "
                    "in a position to direct the DPRK's military action"),
             Change("persons.soldier-2.war_crimes_suspected", True,
                    "and suspected of ordering a war crime"),
             Change(f"{S1}.leadership_position", False, "the first captive is a private"),
             doubted("soldier-2", "Ukraine at first doubted his status (he wore no insignia)"),
             *conscript("soldier-1", why="the private", driver=True, national_of_party=True,
                         resident="he had worked in Russia for years before his unit was sent: a "
                                  "resident of territory controlled by a party"),
         ),
         exercises=(
             Exercise("What changes once the special tribunal for the crime of aggression against "
                      "Ukraine has been agreed (25 June 2025)?",
                      {"states.UKR.aggression_tribunal_agreed": True}),
             Exercise("What changes if the DPRK were a party to the Rome Statute and bound by its "
                      "amendments on the crime of aggression?",
                      {"states.PRK.bound.rome_statute": True,
                       "states.PRK.bound.rome_statute_aggression": True}),
             Exercise("What changes if the state the troops were sent to were the victim of the "
                      "aggression rather than the aggressor?",
                      {"conflicts.russia-ukraine.aggressor": "UKR"}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the second captive were a "
                 "general in a position to direct the DPRK's military action."),
    Case("third-country", "third-country", "A safe third country", HOME,
         (option("XTS"), option("XNS")),
         changes=(
             Change(f"{S1}.wishes", "XTS", "suppose he asked to be sent to a third state"),
             Change(f"{S1}.wish_verified_independently", True, "the ICRC verified his wish"),
             Change(f"{S1}.nationality_verified", True, "his nationality has been verified"),
             Change("states.XTS.treaties.gc3", "party", "the third state is a party to GC III"),
             Change("states.XTS.applies_gc3_willing_and_able", True,
                    "and Ukraine has satisfied itself that it is willing and able to apply it"),
             Change("states.XTS.willing_to_receive", True, "it is willing to receive him"),
             *no_risk("XTS", "no risk to him in the third state is shown"),
             Change("states.XNS.neutral_internment_agreed", True,
                    "a neutral state has agreed to intern prisoners (GC III art 111)"),
             *no_risk("XNS", "no risk to him in the neutral state is shown"),
         ),
         exercises=(
             Exercise("What changes if the third state were not a party to GC III?",
                      {"states.XTS.bound.gc3": False}),
             Exercise("What changes if the third state refused to receive him?",
                      {"states.XTS.willing_to_receive": False}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the first soldier asked to "
                 "go to a third state that is safe for him, and that a neutral state agreed to "
                 "intern prisoners."),
)
"""The variations on transfers, in the casebook's order."""
