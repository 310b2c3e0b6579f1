"""The blank scenario template (``legal-analysis examples copy blank``): every part the interview
asks for, commented as the interview's scenario is, with ``<…>`` placeholders to fill and every
fact unknown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..documents import PathKey
from ..output import write_atomic
from .build import Built, comment
from .questions import (
    AS_OF_QUESTION,
    CONFLICT_QUESTIONS,
    DESTINATION_QUESTIONS,
    FORCE_QUESTIONS,
    PERSON_QUESTIONS,
    SCENARIO_QUESTIONS,
    STATE_QUESTIONS,
    Question,
)
from .writing import comment_lines, emit

BLANK = "blank"
"""The name under which ``examples copy`` writes the template."""
HEADER = (
    "A blank scenario (format 1). Replace every <…> placeholder, delete what you do not need,",
    "and copy an entry to add another (a state, a force, a person). 'unknown' marks a fact not",
    "known: it is never read as false. Check the file with `legal-analysis validate`; the",
    "fields are described in docs/scenario-format.md. `legal-analysis new` asks these questions",
    "one by one instead.",
)
STATES = ("<A>", "<B>", "<C>")


def _section(questions: tuple[Question, ...], at: PathKey, given: dict[str, Any],
             comments: dict[PathKey, tuple[str, ...]]) -> dict[str, Any]:
    """A part of the scenario: the values ``given`` by question id, other facts unknown."""
    out: dict[str, Any] = {}
    for q in questions:
        name = q.field or q.id
        if q.id in given:
            out[name] = given[q.id]
        elif q.is_fact:
            out[name] = "unknown"
        else:
            continue
        comments[(*at, name)] = comment(q)
    return out


def blank_text() -> str:
    """The template, as commented YAML."""
    c: dict[PathKey, tuple[str, ...]] = {}
    states = {code: _section(STATE_QUESTIONS[1:], ("states", code),
                             {"name": f"<name of state {code[1]}>"}, c) for code in STATES}
    conflict = {"name": "<name of the conflict>",
                **_section(CONFLICT_QUESTIONS, ("conflicts", "the-conflict"),
                           {"belligerents": [STATES[0], STATES[1]]}, c)}
    at: PathKey = ("deployments", "the-force")
    force = {**_section(FORCE_QUESTIONS[:3], at, {"sending": STATES[2], "receiving": STATES[0],
                                                  "against": STATES[1]}, c),
             "conflict": "the-conflict", **_section(FORCE_QUESTIONS[3:], at, {}, c)}
    person = _section(PERSON_QUESTIONS, ("persons", "person-1"),
                      {"name": "<name of the person>", "force": "the-force",
                       "captured_by": STATES[1]}, c)
    data = {"id": "<id: letters, digits, '-' or '_'>", "title": "<title of the case>",
            "as_of": "<YYYY-MM-DD>",
            "states": states, "conflicts": {"the-conflict": conflict},
            "deployments": {"the-force": force}, "persons": {"person-1": person},
            "destinations": list(STATES)}
    c[("id",)] = ("A short id for the case: letters, digits, '.', '_' or '-'.",)
    c[("title",)] = comment(SCENARIO_QUESTIONS[0])
    c[("as_of",)] = comment(AS_OF_QUESTION)
    c[("destinations",)] = comment(DESTINATION_QUESTIONS[0])
    built = Built(data, comments=c)
    return "\n".join([*comment_lines(HEADER, ""), *emit(built.data, (), built.comments, 0)]) + "\n"


def copy_blank(dest: Path, force: bool = False) -> Path:
    """Write the template into the folder ``dest`` (as ``blank.yaml``) or to the file ``dest``;
    never over a file without ``force`` (see :func:`..output.check_target`)."""
    target = dest / f"{BLANK}.yaml" if dest.is_dir() else dest
    write_atomic(target, blank_text().encode("utf-8"), force)
    return target
