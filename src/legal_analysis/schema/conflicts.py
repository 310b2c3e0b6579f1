"""Armed conflicts: the sides that fight each other, the threshold facts, the cessation of active
hostilities, the Security Council's findings and authorisations, the aggressor finding, and each
use of force with its scale and effects and the victim's request for help.

How a conflict is classified (international, non-international) for each pair of opposing
parties is a conclusion of the rules, not a fact: ``described_as`` records only how the sources
describe it.
"""

from __future__ import annotations

from .declaration import (
    Choice,
    Kind,
    Type,
    among,
    at_least,
    choice,
    differs_from,
    distinct,
    mapping,
    nested,
    plain,
    ref,
    refs,
    text,
    value_fact,
    yes_no,
)

SIDE = Kind("side", "Side", "Parties that fight together, against the parties on the other sides. "
            "Written as a list of party ids, or as a mapping with `parties` (and a `name`).", (
    refs("parties", "party", "The parties fighting together on this side.",
         "{value} fight together on one side", required=True,
         constraints=(at_least(1, "a side needs a party", "a list of the parties fighting "
                               "together"),)),
    text("name", "A name for the side, as memos print it."),
), short_form="parties")

FINDING = Kind("security_council_finding", "Security Council finding",
               "A determination by the Security Council under Art 39 of the UN Charter, with the "
               "resolution that makes it.", (
    plain("resolution", Type.SOURCE, "The resolution, as a source with its paragraph.",
          required=True),
    choice("determination", "What the Council determined.", (
        Choice("threat_to_the_peace", "the Security Council determined a threat to the peace",
               "a threat to the peace"),
        Choice("breach_of_the_peace", "the Security Council determined a breach of the peace",
               "a breach of the peace"),
        Choice("act_of_aggression", "the Security Council determined an act of aggression",
               "an act of aggression"),
    ), fact=False, required=True),
    ref("against", "party", "The party whose conduct the determination names, if any.",
        "the determination names the conduct of {value}"),
    plain("adopted_on", Type.DATE, "The date the resolution was adopted."),
    text("note", "A note shown with the finding."),
))

AUTHORISATION = Kind("security_council_authorisation", "Security Council authorisation",
                     "An authorisation by the Security Council to use force (UN Charter "
                     "Chapter VII), with the resolution that gives it.", (
    plain("resolution", Type.SOURCE, "The resolution, as a source with its paragraph.",
          required=True),
    refs("authorised", "party", "The states or organisations authorised to use force.",
         "the Security Council authorised {value} to use force", required=True,
         constraints=(at_least(1, "an authorisation names whom it authorises",
                               "the states or organisations authorised"),)),
    ref("against", "party", "The party against which force is authorised, if the resolution "
        "names one.", "force is authorised against {value}"),
    text("scope", "What the authorisation covers, in brief."),
    plain("adopted_on", Type.DATE, "The date the resolution was adopted."),
    text("note", "A note shown with the authorisation."),
))

USE_OF_FORCE = Kind("use_of_force", "Use of force",
                    "Force used by one party against another: whether, by its scale and effects, "
                    "it reaches the gravity of an armed attack, and whom the victim asked for "
                    "help.", (
    ref("by", "party", "The party that used force.", "{value} used force", required=True,
        role="attacking party"),
    ref("against", "party", "The party against which force was used.",
        "force was used against {value}", required=True, role="victim",
        constraints=(differs_from("by", "a party cannot use force against itself",
                                  "another party than 'by'"),)),
    ref("force", "force", "The force that used it, where one force did.",
        "the force was used by {value}"),
    value_fact("date", Type.DATE, "When force was used (or began to be).",
               "{by} used force against {against} on {value}"),
    text("description", "What happened, in brief."),
    yes_no("armed_attack", "By its scale and effects the force used reaches the gravity of an "
           "armed attack (UN Charter Art 51), and is not a lesser use of force such as a frontier "
           "incident.", "the force {by} used against {against} reaches, by its scale and effects, "
           "the gravity of an armed attack", "the force {by} used against {against} does not "
           "reach the gravity of an armed attack"),
    mapping("assistance_requested_from", "The parties the victim asked for help in collective "
            "self-defence.", of=Type.BOOL, keyed_by="party",
            sentences={"true": "{against} has asked {key} for help in collective self-defence",
                       "false": "{against} has not asked {key} for help in collective "
                                "self-defence"}),
))

CONFLICT = Kind("conflict", "Conflict", "An armed conflict: the sides that fight each other and "
                "the facts that shape it.", (
    text("name", "The conflict's name, as memos print it.", required=True),
    nested("sides", "side", "Who fights with whom against whom: at least two sides, each a list "
           "of parties.", many=True, required=True,
           constraints=(at_least(2, "a conflict needs at least two sides", "sides such as "
                                 "[[AAA], [BBB]]: who fights against whom"),
                        distinct("parties", "{value} is on two sides of this conflict",
                                 "each party on one side only"))),
    choice("described_as", "How the sources describe the conflict. The rules classify it "
           "themselves, for each pair of opposing parties; this is evidence, not the answer.", (
               Choice("international", "{conflict} is described as an international armed "
                      "conflict", "international"),
               Choice("non_international", "{conflict} is described as a non-international "
                      "armed conflict", "non-international"),
           )),
    value_fact("start", Type.DATE, "The date the armed conflict began.",
               "{conflict} began on {value}"),
    choice("intensity", "How intense the armed violence is: a non-international armed conflict "
           "needs protracted armed violence, more than internal disturbances and tensions.", (
               Choice("internal_disturbances", "the violence in {conflict} amounts only to "
                      "internal disturbances and tensions, such as riots or isolated and "
                      "sporadic acts of violence", "internal disturbances"),
               Choice("protracted_armed_violence", "the violence in {conflict} is protracted "
                      "armed violence", "protracted armed violence"),
           )),
    yes_no("cessation_of_active_hostilities", "Active hostilities have ceased (GC III Art 118: "
           "prisoners of war are then to be released and repatriated without delay). Competing "
           "accounts go in `accounts`; the date in `on`.",
           "active hostilities in {conflict} have ceased",
           "active hostilities in {conflict} have not ceased"),
    ref("aggressor", "party", "The party found to be the aggressor, with the finding as source.",
        "{value} is found to be the aggressor in {conflict}", fact=True, role="aggressor",
        constraints=(among("sides.parties", "{value} is not on a side of this conflict",
                           "a party on one of its sides"),)),
    nested("security_council_findings", "security_council_finding",
           "The Security Council's determinations about the conflict.", many=True),
    nested("security_council_authorisations", "security_council_authorisation",
           "The Security Council's authorisations to use force in the conflict.", many=True),
    nested("uses_of_force", "use_of_force", "Uses of force between parties, with their scale "
           "and effects.", many=True),
))

KINDS = (CONFLICT, SIDE, FINDING, AUTHORISATION, USE_OF_FORCE)
