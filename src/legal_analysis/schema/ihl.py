"""The fact model of international humanitarian law and the law on the use of force, assembled:
the whole scenario file (format 2) and every kind of entity in it.

The vocabulary itself is declared by topic: parties and their relations (:mod:`.parties`),
conflicts (:mod:`.conflicts`), forces (:mod:`.forces`), persons (:mod:`.persons`).
"""

from __future__ import annotations

from . import conflicts, forces, parties, persons
from .declaration import Kind, Type, mapping, plain, refs, text
from .lookup import Schema

FORMAT = 2
"""The format version this model describes."""

SPEAKERS = ("party", "actor")
"""The kinds whose ids may stand in a fact's ``asserted_by``, ``denied_by`` and accounts."""

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"

SCENARIO = Kind("scenario", "Scenario", "A whole scenario as of a date (scenario format 2).", (
    plain("format", Type.INT, "The scenario format version: 2.", required=True, fixed=FORMAT),
    text("id", "The scenario's id: letters, digits, '.', '_' and '-', starting with a letter or "
         "digit. Memos and the JSON output name the scenario by it.", required=True,
         pattern=ID_PATTERN),
    text("title", "A one-line title, used as the memo's title.", required=True),
    plain("as_of", Type.DATE, "The date the scenario describes; the default evaluation date.",
          required=True),
    text("summary", "A paragraph summarising the situation, shown at the top of the memo."),
    mapping("parties", "Every party the scenario mentions (states, armed groups, organisations, "
            "companies), keyed by an id such as a state code.", item="party", required=True),
    mapping("actors", "Persons or bodies named as asserting or denying facts that are not "
            "parties, keyed by id.", item="actor"),
    mapping("conflicts", "The armed conflicts, keyed by id.", item="conflict"),
    mapping("forces", "The forces, keyed by id.", item="force"),
    mapping("relations", "What parties do for, or hold over, one another, keyed by id.",
            item="relation"),
    mapping("persons", "The persons, keyed by id.", item="person"),
    mapping("agreements", "Agreements between parties that govern captured persons, keyed by id.",
            item="agreement"),
    refs("destinations", "party", "States considered as destinations for each captured person.",
         "{value} are considered as destinations"),
    mapping("sources", "Sources cited only by this scenario, keyed by id.", item="source"),
))

SCHEMA = Schema.of("scenario", (SCENARIO, *parties.KINDS, *conflicts.KINDS, *forces.KINDS,
                                *persons.KINDS))
"""The fact model of scenario format 2."""
