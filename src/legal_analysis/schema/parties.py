"""Parties of every kind, their treaty participation, the relations between them, agreements,
and the actors and sources a scenario names.

A new kind of party is one :class:`Choice` in :data:`PARTY_KINDS` (with its sentence and label);
fields that only some kinds have list those kinds in ``party_kinds``.
"""

from __future__ import annotations

from .declaration import (
    Choice,
    Kind,
    Type,
    at_least,
    choice,
    differs_from,
    mapping,
    nested,
    plain,
    ref,
    refs,
    text,
    value_fact,
    yes_no,
)

STATE = "state"
ARMED_GROUP = "armed_group"
ORGANISATION = "international_organisation"
COMPANY = "company"

PARTY_KINDS: tuple[Choice, ...] = (
    Choice(STATE, "{party} is a state", "a state"),
    Choice(ARMED_GROUP, "{party} is an organised armed group", "an organised armed group"),
    Choice(ORGANISATION, "{party} is an international organisation", "an international organisation"),
    Choice(COMPANY, "{party} is a private military or security company",
           "a private military or security company"),
)
"""The kinds of party: any actor that can fight, hold persons, support or command."""

TREATIES: tuple[Choice, ...] = (
    Choice("gc3", "{party} is bound by the Third Geneva Convention (1949)",
           "Geneva Convention III (1949)"),
    Choice("gc4", "{party} is bound by the Fourth Geneva Convention (1949)",
           "Geneva Convention IV (1949)"),
    Choice("api", "{party} is bound by Additional Protocol I (1977)", "Additional Protocol I"),
    Choice("apii", "{party} is bound by Additional Protocol II (1977)", "Additional Protocol II"),
    Choice("refugee_convention", "{party} is bound by the Refugee Convention (1951)",
           "Refugee Convention (1951)"),
    Choice("refugee_protocol", "{party} is bound by the Refugee Protocol (1967)",
           "Refugee Protocol (1967)"),
    Choice("cat", "{party} is bound by the Convention against Torture", "Convention against Torture"),
    Choice("iccpr", "{party} is bound by the ICCPR", "ICCPR"),
    Choice("iccpr_op2", "{party} is bound by the Second Optional Protocol to the ICCPR",
           "Second Optional Protocol to the ICCPR (death penalty)"),
    Choice("echr", "{party} is bound by the European Convention on Human Rights", "ECHR"),
    Choice("echr_p6", "{party} is bound by Protocol No. 6 to the ECHR", "ECHR Protocol No. 6"),
    Choice("echr_p13", "{party} is bound by Protocol No. 13 to the ECHR", "ECHR Protocol No. 13"),
    Choice("rome_statute", "{party} is bound by the Rome Statute", "Rome Statute"),
    Choice("rome_statute_aggression", "{party} has accepted the Rome Statute's amendments on the "
           "crime of aggression", "Kampala amendments (crime of aggression)"),
)
"""The treaties whose participation a scenario may state, by id."""

_STATES = (STATE,)

PARTY = Kind("party", "Party", "Any actor that can fight, hold persons, support or command: a "
             "state, an organised armed group, an international organisation or a company.",
             variant="kind", fields=(
    choice("kind", "What kind of party it is.", PARTY_KINDS, fact=False, required=True),
    text("name", "The party's name, as memos print it.", required=True),
    text("short", "The short name a memo uses after defining it once, with its article if it "
         "takes one, e.g. 'the DPRK' or 'Russia'."),
    text("hypothetical", "For a placeholder that stands for no real party: what it stands for, "
         "e.g. 'a neutral state'. A memo calls it that, never by its name."),
    mapping("treaties", "Treaty participation, by treaty id; treaties left out are taken from "
            "the rule base's data.", item="treaty_participation", keys=TREATIES,
            variants=_STATES),
    mapping("recognised_by", "Whether each other party recognises the government or authority "
            "this party stands for (GC III Art 4A(3)).", of=Type.BOOL, keyed_by="party",
            sentences={"true": "{key} recognises {party}",
                       "false": "{key} does not recognise {party}"}, variants=_STATES),
    yes_no("willing_to_receive", "Willing to receive captured persons transferred to it.",
           "{party} is willing to receive the persons transferred to it",
           "{party} is not willing to receive the persons transferred to it", variants=_STATES),
    yes_no("neutral", "Neutral in the conflict.", "{party} is neutral in the conflict",
           "{party} is not neutral in the conflict", variants=_STATES),
    yes_no("applies_gc3_willing_and_able", "Willing and able to apply GC III (Art 12).",
           "{party} is willing and able to apply GC III",
           "{party} is not willing and able to apply GC III", variants=_STATES),
    yes_no("neutral_internment_agreed", "Has agreed with the detaining power and the power on "
           "which the prisoners of war depend to intern them in its territory (GC III Art 111).",
           "{party} has agreed to intern prisoners of war in its territory",
           "{party} has not agreed to intern prisoners of war in its territory",
           variants=_STATES),
    yes_no("arms_embargo_breached", "Sending troops or arms breaches Security Council measures "
           "binding on it.", "{party} breaches Security Council measures binding on it",
           "{party} does not breach Security Council measures binding on it",
           variants=_STATES),
    yes_no("aggression_tribunal_agreed", "An agreement establishing a special tribunal for the "
           "crime of aggression against this state has been signed (its entry into operation is "
           "not implied).", "a special tribunal for the crime of aggression against {party} "
           "has been agreed", "no special tribunal for the crime of aggression against {party} "
           "has been agreed", variants=_STATES),
    refs("constitution_claims_nationals_of", "party", "States whose nationals this state regards "
         "as its own nationals.", "{party} regards the nationals of {value} as its own nationals",
         target_variants=_STATES, variants=_STATES),
    yes_no("organised", "Organised as an armed group: a command structure, and the ability to "
           "plan and carry out military operations (the organisation a non-international armed "
           "conflict needs).", "{party} is an organised armed group",
           "{party} is not organised enough to be a party to an armed conflict",
           variants=(ARMED_GROUP,)),
    yes_no("responsible_command", "Under responsible command (AP II Art 1(1)).",
           "{party} is under responsible command", "{party} is not under responsible command",
           variants=(ARMED_GROUP,)),
    yes_no("controls_territory", "Controls part of a state's territory, so as to carry out "
           "sustained and concerted military operations (AP II Art 1(1)).",
           "{party} controls part of the territory", "{party} controls no territory",
           variants=(ARMED_GROUP,)),
    value_fact("territory", Type.TEXT, "The territory the group controls, in words.",
               "{party} controls {value}", variants=(ARMED_GROUP,)),
    yes_no("sustained_operations", "Able to carry out sustained and concerted military "
           "operations and to implement AP II (Art 1(1)).",
           "{party} can carry out sustained and concerted military operations",
           "{party} cannot carry out sustained and concerted military operations",
           variants=(ARMED_GROUP,)),
    refs("members", "party", "The member states of an international organisation.",
         "{value} are members of {party}", target_variants=_STATES, variants=(ORGANISATION,)),
    ref("incorporated_in", "party", "The state in which a company is incorporated.",
        "{party} is incorporated in {value}", fact=True, target_variants=_STATES,
        variants=(COMPANY,)),
))

TREATY_PARTICIPATION = Kind(
    "treaty_participation", "Treaty participation",
    "A state's participation in a treaty, with dates and sources. A participation whose start "
    "is not known says so (`since: unknown`): it is never read as binding at every date.", (
        choice("status", "The state's relation to the treaty: only `party` binds it.", (
            Choice("party", "{party} is a party to the treaty"),
            Choice("signatory", "{party} has signed the treaty without becoming a party"),
            Choice("not_party", "{party} is not a party to the treaty"),
            Choice("withdrawn", "{party} has withdrawn from the treaty"),
        ), fact=False, unknown=True),
        plain("since", Type.DATE, "Date from which the state is bound, or `unknown`.",
              unknown=True),
        plain("until", Type.DATE, "Date from which it is no longer bound."),
        plain("date_verified", Type.BOOL, "False when 'since' is not from a verified source.",
              default=True),
        plain("reservations", Type.TEXTS, "Reservations or declarations, in brief."),
        plain("sources", Type.SOURCES, "Sources for the participation."),
        text("note", "A note shown with the participation."),
    ))

SUPPORT = Kind("support", "Support", "What one party provides to another.", tuple(
    yes_no(name, f"The first party {what} the second.", f"{{from}} {what} {{to}}",
           f"{{from}} does not {verb} {{to}}")
    for name, what, verb in (
        ("financing", "finances", "finance"), ("arming", "arms", "arm"),
        ("training", "trains", "train"), ("supplying", "supplies", "supply"),
        ("intelligence", "shares intelligence with", "share intelligence with"),
        ("planning", "plans operations for", "plan operations for"))))

CONTROL: tuple[Choice, ...] = (
    Choice("none", "{from} has no control over {to}", "no control"),
    Choice("general_support", "{from} supports {to} in general, without controlling its "
           "operations", "general support"),
    Choice("overall_control", "{from} has overall control over {to}: besides equipping, "
           "financing or training it, it organises, coordinates or plans its military actions",
           "overall control"),
    Choice("effective_control", "{from} has effective control over the specific operations of "
           "{to} in question", "effective control over specific operations"),
    Choice("complete_dependence", "{to} is completely dependent on {from}, a mere instrument of "
           "it", "complete dependence"),
)
"""The degrees of control one party may have over another, weakest first."""

RELATION = Kind("relation", "Relation", "What one party does for, or holds over, another: support, "
                "instructions, control, territory made available, consent to foreign forces.", (
    ref("from", "party", "The party that supports, directs, controls, lends or consents.",
        "{value} is the first party of the relation", required=True, role="acting party"),
    ref("to", "party", "The party supported, directed, controlled, lent to or consented to.",
        "{value} is the second party of the relation", required=True, role="other party",
        constraints=(differs_from("from", "a relation needs two different parties",
                                  "a party other than 'from'"),)),
    nested("support", "support", "Support provided by the first party to the second."),
    yes_no("instructions", "The first party gave instructions for specific operations of the "
           "second (ARSIWA Art 8).", "{from} instructed {to} to carry out specific operations",
           "{from} gave {to} no instructions for specific operations"),
    yes_no("direction_of_operations", "The first party directed specific operations of the "
           "second (ARSIWA Art 8).", "{from} directed specific operations of {to}",
           "{from} did not direct specific operations of {to}"),
    choice("control", "How far the first party controls the second.", CONTROL),
    yes_no("territory_made_available", "The first party (a state) has placed its territory at "
           "the disposal of the second, which uses it to attack a third state (GA Res 3314 "
           "Art 3(f)).", "{from} has placed its territory at the disposal of {to} for its attacks",
           "{from} has not placed its territory at the disposal of {to} for its attacks"),
    ref("attacks_against", "party", "The third state attacked from the territory made available.",
        "{to} attacks {value} from the territory of {from}", fact=True, target_variants=_STATES),
    choice("consent", "The first party's consent, as territorial state, to the presence and "
           "operations of the second party's forces on its territory; a change is dated with "
           "`on` (and the earlier state in `before`).", (
               Choice("given", "{from} consents to the presence and operations of the forces of "
                      "{to} on its territory", "consent given"),
               Choice("limited", "{from} consents to the forces of {to} on its territory only "
                      "within limits", "consent within limits"),
               Choice("withdrawn", "{from} has withdrawn its consent to the forces of {to} on its "
                      "territory", "consent withdrawn"),
               Choice("refused", "{from} does not consent to the forces of {to} on its territory",
                      "no consent"),
           )),
    value_fact("consent_limits", Type.TEXT, "The limits of a consent given within limits.",
               "the consent of {from} is limited to {value}"),
    yes_no("hired", "The first party has engaged the second (a company) by contract.",
           "{from} has engaged {to} by contract", "{from} has not engaged {to} by contract"),
))

AGREEMENT = Kind("agreement", "Agreement", "An agreement between parties that governs captured "
                 "persons: a special agreement, an armistice, an exchange, or internment in a "
                 "neutral state.", (
    choice("kind", "What kind of agreement it is.", (
        Choice("special_agreement", "{agreement} is a special agreement between the parties "
               "(GC III Art 6)", "a special agreement"),
        Choice("armistice", "{agreement} is an armistice or ceasefire agreement", "an armistice"),
        Choice("exchange", "{agreement} is an agreement to exchange prisoners", "an exchange"),
        Choice("neutral_internment", "{agreement} provides for internment in a neutral state "
               "(GC III Art 111)", "internment in a neutral state"),
    ), fact=False, required=True),
    text("name", "The agreement's name, as memos print it."),
    refs("parties", "party", "The parties to the agreement.", "{value} are parties to {agreement}",
         required=True, constraints=(at_least(2, "an agreement needs at least two parties",
                                              "the parties that concluded it"),)),
    ref("conflict", "conflict", "The conflict the agreement belongs to.",
        "{agreement} belongs to {value}"),
    value_fact("concluded_on", Type.DATE, "The date the agreement was concluded.",
               "{agreement} was concluded on {value}"),
    yes_no("governs_repatriation", "The agreement governs the repatriation of prisoners of war.",
           "{agreement} governs the repatriation of prisoners of war",
           "{agreement} does not govern the repatriation of prisoners of war"),
    value_fact("terms", Type.TEXT, "What the agreement provides, in brief.",
               "{agreement} provides for {value}"),
))

ACTOR = Kind("actor", "Actor", "A person or body named as asserting or denying facts (an agency, "
             "an official, a court) that is not a party.", (
    text("name", "The actor's name, as memos print it.", required=True),
    ref("party", "party", "The party the actor belongs to, if any.", "{actor} speaks for {value}"),
))

SOURCE = Kind("source", "Source", "A source cited only by this scenario (the rule base's "
              "registry holds the rest).", (
    choice("kind", "What sort of source it is.", tuple(
        Choice(k, f"{{source}} is {label}", label) for k, label in (
            ("treaty", "a treaty"), ("case", "a judgment or decision"),
            ("commentary", "a commentary"), ("un_document", "a UN document"),
            ("report", "a report"), ("news", "a news report"), ("statement", "a statement"))),
        fact=False, required=True),
    text("title", "The full title.", required=True),
    text("author", "Author(s)."),
    plain("date", Type.DATE, "Date of adoption, judgment or publication."),
    text("publisher", "Issuing body, court or outlet."),
    text("url", "Where the source can be read."),
))

KINDS = (PARTY, TREATY_PARTICIPATION, RELATION, SUPPORT, AGREEMENT, ACTOR, SOURCE)
