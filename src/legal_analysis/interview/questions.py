"""The questions of ``legal-analysis new``, in the order the decisive facts come.

Each question has a stable id (its key in an answers file), a plain-language wording, and the field
of the scenario model (:mod:`legal_analysis.facts`, format 1) it fills: the allowed values and the
explanation shown come from that field, so they cannot drift from what ``validate`` accepts. The
only text kept here beside the model is one sentence per allowed value of a choice
(:data:`VALUE_SENTENCES`), which the model does not have.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from ..facts import TREATIES, UNKNOWN, Conflict, Deployment, Fact, Person, Ref, Scenario, State

REF_DESCRIPTION: str | None = typing.get_args(Ref)[1].description
"""The description every reference field shares (not worth showing)."""

Kind = Literal["text", "code", "state", "states", "date", "choice", "bool", "int", "treaties",
               "force"]
"""What an answer is: free text, a new state code, one or several of the states given, a date,
one of a field's allowed values, yes or no, a whole number, treaty ids, or the force a person
belongs to (named by its sending state)."""


@dataclass(frozen=True)
class Question:
    """One question of the interview."""

    id: str
    """The answer's key in an answers file (stable: files written for one version keep working)."""
    text: str
    """The question, in plain language."""
    kind: Kind
    model: type[BaseModel] | None = None
    field: str | None = None
    """The model field the answer fills (its description and allowed values are shown)."""
    identifies: bool = False
    """The answer names an entity (a state's code, a force's states): it cannot be unknown."""

    @property
    def is_fact(self) -> bool:
        """The answer fills a :class:`~legal_analysis.facts.Fact`: it may carry a source and a
        certainty, and may be unknown."""
        return self.model is not None and self.field is not None and _is_fact(
            self.model.model_fields[self.field].annotation)

    @property
    def choices(self) -> tuple[str, ...]:
        """The values the model allows (without 'unknown'), for a choice."""
        if self.kind == "treaties":
            return TREATIES
        if self.kind != "choice" or self.model is None or self.field is None:
            return ()
        return allowed_values(self.model.model_fields[self.field].annotation)

    @property
    def description(self) -> str | None:
        """The model field's own description, if it has one."""
        if self.model is None or self.field is None:
            return None
        text = self.model.model_fields[self.field].description
        return None if text == REF_DESCRIPTION else text


def _is_fact(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Fact)


def allowed_values(annotation: Any) -> tuple[str, ...]:
    """The ``Literal`` values of a field's type (a fact's value type for a fact), without
    'unknown'.

    >>> allowed_values(Deployment.model_fields["command_authority"].annotation)
    ('sending', 'receiving', 'joint')
    """
    if _is_fact(annotation):
        annotation = annotation.model_fields["value"].annotation
    found: list[str] = []
    for arg in typing.get_args(annotation) if typing.get_origin(annotation) is not Literal \
            else (annotation,):
        if typing.get_origin(arg) is Literal:
            found.extend(str(v) for v in typing.get_args(arg) if v != UNKNOWN)
    return tuple(found)


VALUE_SENTENCES: dict[str, dict[str, str]] = {
    "command_authority": {
        "sending": "the sending state's own commanders direct the troops",
        "receiving": "the troops are placed under the receiving state's command alone",
        "joint": "the two states command the troops together",
    },
    "recruitment": {
        "state_sent": "the sending state sent units of its own forces",
        "individual_volunteers": "individuals enlisted on their own account",
        "private_company": "a private military company recruited them",
    },
    "kind": {
        "international": "states fight each other",
        "non_international": "a state fights an armed group (or armed groups fight each other)",
    },
    "uniforms": {
        "sending": "the sending state's uniform",
        "receiving": "the receiving state's uniform",
        "none": "no uniform",
        "mixed": "some of each",
    },
}
"""One sentence for each allowed value of a choice, by field (the model has none)."""


SCENARIO_QUESTIONS = (
    Question("title", "What is the case called (a title for the memo)?", "text", Scenario, "title"),
)
STATE_QUESTIONS = (
    Question("code", "A state's code (three capital letters, e.g. AAA)", "code", identifies=True),
    Question("name", "Its name", "text", State, "name"),
    Question("hypothetical", "If it stands for no real state, what does it stand for "
             "(e.g. 'a neutral state')?", "text", State, "hypothetical"),
    Question("treaties", "Treaties it is party to (leave empty to take them from the rule base's "
             "data)", "treaties"),
)
CONFLICT_QUESTIONS = (
    Question("belligerents", "Who fights whom (the codes of the states at war)?", "states",
             Conflict, "belligerents", identifies=True),
    Question("name", "What is the conflict called?", "text", Conflict, "name"),
    Question("kind", "Is it international or not?", "choice", Conflict, "kind"),
    Question("start", "Since when (the date it began)?", "date", Conflict, "start"),
    Question("aggressor", "Which state is the aggressor?", "state", Conflict, "aggressor"),
)
FORCE_QUESTIONS = (
    Question("sending", "Which state sends troops?", "state", Deployment, "sending_state",
             identifies=True),
    Question("receiving", "To which state?", "state", Deployment, "receiving_state",
             identifies=True),
    Question("against", "Against whom do they fight?", "state", Deployment, "against",
             identifies=True),
    Question("command", "Who commands them?", "choice", Deployment, "command_authority"),
    Question("recruitment", "How were they recruited?", "choice", Deployment, "recruitment"),
    Question("direct_participation", "Do they take a direct part in the hostilities?", "bool",
             Deployment, "direct_participation"),
    Question("integrated", "Are they integrated into the receiving state's forces?", "bool",
             Deployment, "integrated_into_receiving_forces"),
    Question("official_duty", "Are they there on official duty for the sending state?", "bool",
             Deployment, "official_duty"),
    Question("uniforms", "Whose uniform do they wear?", "choice", Deployment, "uniforms"),
    Question("size", "How many troops?", "int", Deployment, "size"),
)
PERSON_QUESTIONS = (
    Question("name", "A captured person's name (or a description, e.g. 'Soldier 1')", "text",
             Person, "name", identifies=True),
    Question("nationality", "Their nationality (state codes)", "states", Person, "nationalities"),
    Question("force", "Which state's force do they belong to (its sending state)?", "force",
             Person, "deployment"),
    Question("member_of_forces_of", "Of which state's armed forces are they a member?", "state",
             Person, "member_of_forces_of"),
    Question("captured_by", "Who holds them (the detaining state)?", "state", Person,
             "captured_by"),
    Question("captured_on", "When were they captured?", "date", Person, "captured_on"),
    Question("takes_direct_part", "Did they take a direct part in the hostilities?", "bool",
             Person, "takes_direct_part"),
)
DESTINATION_QUESTIONS = (
    Question("destinations", "To which states might each captured person be sent (codes)?",
             "states", Scenario, "destinations"),
)
AS_OF_QUESTION = Question("as_of", "As of which date is the case described?", "date", Scenario,
                          "as_of")

SECTIONS: tuple[tuple[str, tuple[Question, ...], bool], ...] = (
    ("", SCENARIO_QUESTIONS, False),
    ("states", STATE_QUESTIONS, True),
    ("conflict", CONFLICT_QUESTIONS, False),
    ("forces", FORCE_QUESTIONS, True),
    ("persons", PERSON_QUESTIONS, True),
    ("", DESTINATION_QUESTIONS, False),
    ("", (AS_OF_QUESTION,), False),
)
"""The interview's sections in order: the answers file's key ('' for answers at the top), its
questions, and whether the section is a list (several states, forces, persons)."""


def every_question() -> tuple[Question, ...]:
    """Every question, in the interview's order."""
    return tuple(q for _key, questions, _many in SECTIONS for q in questions)
