"""From the interview's answers to a scenario (format 1): its plain data, the answer each part
came from (to locate an error in the answers file), and a comment for each part."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..documents import PathKey
from ..errors import LegalAnalysisError, Location
from ..facts import UNKNOWN
from ..sources import Registry
from .answers import Answer, value_sentence
from .answers_file import Answers
from .questions import (
    AS_OF_QUESTION,
    CONFLICT_QUESTIONS,
    FORCE_QUESTIONS,
    PERSON_QUESTIONS,
    STATE_QUESTIONS,
    Question,
)

HEADER = (
    "A scenario written by `legal-analysis new` from the answers given (scenario format 1).",
    "'unknown' marks what the answers did not know: it is never read as false. Find it out and",
    "write it in, or leave it: the memo says what turns on it. Check the file with",
    "`legal-analysis validate`; the fields are described in docs/scenario-format.md.",
)


@dataclass
class Built:
    """A scenario's plain data, where each part's answer was written, and the comments."""

    data: dict[str, Any]
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    comments: dict[PathKey, tuple[str, ...]] = field(default_factory=dict)


def slug(text: str, fallback: str) -> str:
    """An id made of ``text``'s letters and digits (``fallback`` when it has none).

    >>> slug("Soldier 1 (wounded)", "person")
    'soldier-1-wounded'
    """
    made = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return made or fallback


def _unique(wanted: str, taken: dict[str, Any]) -> str:
    n, key = 1, wanted
    while key in taken:
        n += 1
        key = f"{wanted}-{n}"
    return key


class _Builder:
    def __init__(self, answers: Answers, registry: Registry | None) -> None:
        self.answers = answers
        self.registry = registry
        self.built = Built({})
        self.sources: dict[str, dict[str, str]] = {}

    def put(self, at: PathKey, value: Any, answer_key: PathKey | None = None,
            q: Question | None = None) -> None:
        """Set ``value`` at ``at``, remembering the answer it came from and its comment."""
        target: dict[Any, Any] = self.built.data
        for part in at[:-1]:
            target = target.setdefault(part, {})
        target[at[-1]] = value
        if answer_key is not None and answer_key in self.answers.marks:
            self.built.marks[at] = self.answers.marks[answer_key]
        if q is not None:
            self.built.comments[at] = comment(q)

    def fact(self, at: PathKey, answer_key: PathKey, q: Question) -> None:
        """Write a fact from its answer: its value alone, or with its source and certainty."""
        answer = self.answers.get(*answer_key)
        value = list(answer.value) if isinstance(answer.value, tuple) else answer.value
        written: Any = value
        if not answer.is_unknown and (answer.source or answer.certainty):
            written = {"value": value}
            if answer.certainty:
                written["certainty"] = answer.certainty
            if answer.source:
                written["sources"] = [self.cite(answer)]
        self.put(at, written, answer_key, q)

    def cite(self, answer: Answer) -> str:
        """A citation of the answer's source: a registered one, or a source of the scenario."""
        assert answer.source is not None
        head = answer.source.partition(",")[0].strip()
        if self.registry is not None and head in self.registry:
            return answer.source
        for sid, entry in self.sources.items():
            if entry["title"] == answer.source:
                return sid
        sid = _unique(f"source-{len(self.sources) + 1}", self.registry.sources
                      if self.registry is not None else {})
        self.sources[sid] = {"kind": answer.source_kind or "report", "title": answer.source}
        return sid


def build(answers: Answers, scenario_id: str, registry: Registry | None = None) -> Built:
    """The scenario the answers describe."""
    b = _Builder(answers, registry)
    title = answers.value("title")
    b.put(("id",), scenario_id)
    b.put(("title",), "A new case" if title == UNKNOWN else title, ("title",))
    b.put(("as_of",), _as_of(answers), ("as_of",), AS_OF_QUESTION)
    b.put(("states",), {})
    for i in range(answers.counts.get("states", 0)):
        _state(b, i)
    conflict = _conflict(b) if "conflict" in answers.counts else None
    forces: list[str] = []
    for i in range(answers.counts.get("forces", 0)):
        forces.append(_force(b, i, conflict))
    for i in range(answers.counts.get("persons", 0)):
        _person(b, i, forces)
    destinations = answers.get("destinations")
    if not destinations.is_unknown:
        b.put(("destinations",), list(destinations.value), ("destinations",))
    if b.sources:
        b.put(("sources",), b.sources)
    return b.built


def _as_of(answers: Answers) -> dt.date:
    given = answers.value("as_of")
    if isinstance(given, dt.date):
        return given
    dates = [a.value for a in answers.given.values() if isinstance(a.value, dt.date)]
    if not dates:
        raise LegalAnalysisError("an answer is needed here, since no other answer gives a date",
                                 location=Location(answers.path), field="as_of",
                                 expected="the date the case is described as of, e.g. 2025-03-01")
    return max(dates)


def _state(b: _Builder, i: int) -> None:
    code = b.answers.value("states", i, "code")
    name = b.answers.value("states", i, "name")
    base: PathKey = ("states", code)
    b.put((*base, "name"), code if name == UNKNOWN else name, ("states", i, "name"))
    hypothetical = b.answers.value("states", i, "hypothetical")
    if hypothetical != UNKNOWN:
        b.put((*base, "hypothetical"), hypothetical, ("states", i, "hypothetical"))
    treaties = b.answers.value("states", i, "treaties")
    if treaties:
        b.put((*base, "treaties"), {t: {"status": "party"} for t in treaties},
              ("states", i, "treaties"), STATE_QUESTIONS[3])
    if ("states", i, "code") in b.answers.marks:
        b.built.marks.setdefault(base, b.answers.marks[("states", i, "code")])


def _conflict(b: _Builder) -> str:
    fighting = b.answers.value("conflict", "belligerents")
    cid = "-".join(code.casefold() for code in fighting)
    base: PathKey = ("conflicts", cid)
    name = b.answers.value("conflict", "name")
    names = " and ".join(str(b.built.data["states"].get(c, {}).get("name", c)) for c in fighting)
    b.put((*base, "name"), f"The armed conflict between {names}" if name == UNKNOWN else name,
          ("conflict", "name"))
    b.put((*base, "belligerents"), list(fighting), ("conflict", "belligerents"),
          CONFLICT_QUESTIONS[0])
    for q in CONFLICT_QUESTIONS[2:]:
        b.fact((*base, q.field or q.id), ("conflict", q.id), q)
    return cid


def _force(b: _Builder, i: int, conflict: str | None) -> str:
    sending = b.answers.value("forces", i, "sending")
    receiving = b.answers.value("forces", i, "receiving")
    if conflict is None:
        raise LegalAnalysisError("a force needs a conflict to fight in",
                                 location=Location(b.answers.path, *b.answers.marks.get(
                                     ("forces", i, "sending"), (0, 0))),
                                 field="forces", expected="the conflict's answers under 'conflict:'")
    did = _unique(f"{sending.casefold()}-to-{receiving.casefold()}",
                  b.built.data.get("deployments", {}))
    base: PathKey = ("deployments", did)
    for q in FORCE_QUESTIONS[:3]:
        b.put((*base, q.field or q.id), b.answers.value("forces", i, q.id), ("forces", i, q.id),
              q if q.id == "sending" else None)
    b.put((*base, "conflict"), conflict)
    for q in FORCE_QUESTIONS[3:]:
        b.fact((*base, q.field or q.id), ("forces", i, q.id), q)
    return did


def _person(b: _Builder, i: int, forces: list[str]) -> None:
    name = b.answers.value("persons", i, "name")
    pid = _unique(slug(name, f"person-{i + 1}"), b.built.data.get("persons", {}))
    base: PathKey = ("persons", pid)
    b.put((*base, "name"), name, ("persons", i, "name"))
    for q in PERSON_QUESTIONS[1:]:
        key: PathKey = ("persons", i, q.id)
        value = b.answers.value(*key)
        if q.id == "force":
            if value != UNKNOWN:
                b.put((*base, "deployment"), forces[value], key, q)
        elif q.id == "captured_by":
            if value != UNKNOWN:
                b.put((*base, "captured_by"), value, key, q)
        else:
            b.fact((*base, q.field or q.id), key, q)


def comment(q: Question) -> tuple[str, ...]:
    """The comment above the part of the scenario that answers ``q``: the question, the model's
    description of the field, and the allowed values with a sentence each."""
    lines = [q.text if q.text.endswith("?") else f"{q.text}."]
    if q.description:
        lines.append(q.description)
    if q.kind == "choice":
        parts = [f"{v} ({s})" if (s := value_sentence(q, v)) else v for v in q.choices]
        lines.append("One of: " + "; ".join(parts) + "; or unknown.")
    elif q.kind == "bool":
        lines.append("true, false or unknown.")
    elif q.kind == "force":
        lines.append("In this file: the id of a force under 'deployments:'.")
    return tuple(lines)
