"""Forces: units that belong to a party, who commands them, with whom they are placed, how they
were raised, how they distinguish themselves (GC III Art 4A(2)), what they do and who admits it.

A state's troops sent to fight beside another state are a force of the sending state placed with
the receiving state; a belligerent's own soldiers are a force of that belligerent placed with
nobody; a group's fighters are a force of the group.
"""

from __future__ import annotations

from .declaration import (
    Choice,
    Kind,
    Type,
    choice,
    differs_from,
    mapping,
    nested,
    ref,
    text,
    value_fact,
    yes_no,
)

CATEGORIES: tuple[Choice, ...] = (
    Choice("armed_forces", "{force} is part of the armed forces of {belongs_to} (GC III Art 4A(1))",
           "armed forces"),
    Choice("militia_of_armed_forces", "{force} is a militia or volunteer corps forming part of the "
           "armed forces of {belongs_to} (GC III Art 4A(1))",
           "a militia or volunteer corps forming part of the armed forces"),
    Choice("militia_or_volunteer_corps", "{force} is a militia, volunteer corps or organised "
           "resistance movement belonging to {belongs_to}, outside its armed forces "
           "(GC III Art 4A(2))", "a militia or volunteer corps outside the armed forces"),
    Choice("unrecognised_government_forces", "{force} is a regular armed force professing "
           "allegiance to {belongs_to}, a government or authority the detaining power does not "
           "recognise (GC III Art 4A(3))", "forces of an unrecognised government"),
    Choice("accompanying_civilians", "{force} is made up of persons who accompany the armed "
           "forces of {belongs_to} without being members of them (GC III Art 4A(4))",
           "persons accompanying the armed forces"),
    Choice("levee_en_masse", "{force} is made up of inhabitants of a territory not yet occupied "
           "who took up arms spontaneously on the approach of the enemy (GC III Art 4A(6))",
           "a levée en masse"),
    Choice("armed_group_fighters", "{force} is made up of the fighters of {belongs_to}, an "
           "organised armed group", "fighters of an armed group"),
    Choice("company_personnel", "{force} is made up of the personnel of {belongs_to}, a private "
           "military or security company", "company personnel"),
)
"""The categories of force a person may belong to, each with its provision."""

PLACE = Kind("place", "Place", "Where a force is or fights.", (
    text("name", "The place's name.", required=True),
    ref("territory_of", "party", "The state whose territory the place is in.",
        "{place} is in the territory of {value}", required=True),
    choice("status", "The legal status of the territory where the place lies, seen from the "
           "force.", (
               Choice("placed_with_territory", "{place} is territory of the party the force is "
                      "placed with"),
               Choice("annexed_by_placed_with", "{place} is territory annexed by the party the "
                      "force is placed with"),
               Choice("occupied_by_placed_with", "{place} is territory occupied by the party the "
                      "force is placed with"),
               Choice("adversary_territory", "{place} is territory of the adversary"),
               Choice("own_territory", "{place} is territory of the force's own party"),
               Choice("third_state_territory", "{place} is territory of a third state"),
           )),
))

FORCE = Kind("force", "Force", "A unit or body of fighters that belongs to a party.", (
    text("name", "The force's name, as memos print it."),
    ref("belongs_to", "party", "The party the force belongs to (the sending state, the group, "
        "the company).", "{force} belongs to {value}", required=True, role="own party"),
    choice("category", "What kind of force it is, in the terms of GC III Art 4A.", CATEGORIES),
    ref("conflict", "conflict", "The armed conflict in which the force takes part.",
        "{force} takes part in {value}"),
    ref("placed_with", "party", "The party at whose disposal the force is placed (the receiving "
        "state, an organisation); left out for a party's own force.",
        "{force} is placed at the disposal of {value}", fact=True, role="party served",
        constraints=(differs_from("belongs_to", "the force is placed with its own party",
                                  "another party, or no 'placed_with' for a party's own force"),)),
    choice("command", "Who commands the force.", (
        Choice("own", "{force} is commanded by {belongs_to}, its own party", "its own party"),
        Choice("placed_with", "{force} is under the sole command of {placed_with}, with which it "
               "is placed", "the party it is placed with"),
        Choice("joint", "{force} is commanded jointly by {belongs_to} and {placed_with}",
               "joint command"),
    )),
    yes_no("retained_control", "The force's own party keeps effective control over the conduct "
           "in question (disciplinary powers, criminal jurisdiction, orders on specific "
           "operations), although the force is placed with another (ARIO Art 7).",
           "{belongs_to} keeps effective control over the conduct of {force}",
           "{belongs_to} keeps no effective control over the conduct of {force}"),
    yes_no("integrated", "The force is incorporated into the armed forces of the party it is "
           "placed with.", "{force} is incorporated into the armed forces of {placed_with}",
           "{force} is not incorporated into the armed forces of {placed_with}"),
    value_fact("size", Type.INT, "The number of persons in the force.",
               "{force} numbers {value}"),
    choice("recruitment", "How the force came to fight.", (
        Choice("state_sent", "{force} was sent by {belongs_to} as part of its forces",
               "sent by its party"),
        Choice("individual_volunteers", "{force} is made up of volunteers recruited individually",
               "individual volunteers"),
        Choice("private_company", "{force} was recruited through a private company",
               "through a private company"),
    )),
    yes_no("official_duty", "The force serves on its party's official duty (AP I Art 47(2)(f)).",
           "{force} serves on the official duty of {belongs_to}",
           "{force} does not serve on the official duty of {belongs_to}"),
    yes_no("direct_participation", "The force takes a direct part in the hostilities.",
           "{force} takes a direct part in the hostilities",
           "{force} takes no direct part in the hostilities"),
    choice("uniforms", "Whose uniforms the force wears, if any.", (
        Choice("own", "{force} wears the uniforms of {belongs_to}"),
        Choice("placed_with", "{force} wears the uniforms of {placed_with}"),
        Choice("none", "{force} wears no uniform"),
        Choice("mixed", "{force} wears mixed uniforms"),
    )),
    yes_no("responsible_command", "The force is commanded by a person responsible for his "
           "subordinates (GC III Art 4A(2)(a)).", "{force} is commanded by a person responsible "
           "for his subordinates", "{force} is not commanded by a person responsible for his "
           "subordinates"),
    yes_no("distinctive_sign", "The force has a fixed distinctive sign recognisable at a distance "
           "(GC III Art 4A(2)(b)).", "{force} has a fixed distinctive sign recognisable at a "
           "distance", "{force} has no fixed distinctive sign recognisable at a distance"),
    yes_no("arms_carried_openly", "The force carries arms openly (GC III Art 4A(2)(c)).",
           "{force} carries arms openly", "{force} does not carry arms openly"),
    yes_no("laws_of_war_compliance", "The force conducts its operations in accordance with the "
           "laws and customs of war (GC III Art 4A(2)(d)).", "{force} conducts its operations "
           "in accordance with the laws and customs of war", "{force} does not conduct its "
           "operations in accordance with the laws and customs of war"),
    choice("identity_documents", "What identity papers the force's members carry.", (
        Choice("own", "the members of {force} carry their own identity papers"),
        Choice("false_placed_with", "the members of {force} carry false identity papers of "
               "{placed_with}"),
        Choice("none", "the members of {force} carry no identity papers"),
    )),
    mapping("acknowledged_by", "Whether each party has acknowledged the force's presence and "
            "role.", of=Type.BOOL, keyed_by="party",
            sentences={"true": "{key} has acknowledged {force}",
                       "false": "{key} has not acknowledged {force}"}),
    choice("claimed_justification", "The justification the force's party claims for sending or "
           "using it.", (
               Choice("collective_self_defence", "{belongs_to} claims collective self-defence"),
               Choice("individual_self_defence", "{belongs_to} claims individual self-defence"),
               Choice("consent", "{belongs_to} claims the territorial state's consent"),
               Choice("none_claimed", "{belongs_to} claims no justification"),
               Choice("other", "{belongs_to} claims another justification"),
           )),
    value_fact("claimed_legal_basis", Type.TEXT, "The instrument or provision the party invokes.",
               "{belongs_to} invokes {value}"),
    nested("locations", "place", "Where the force is or fights.", many=True),
))

KINDS = (FORCE, PLACE)
