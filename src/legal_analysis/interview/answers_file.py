"""The answers of an interview, collected by prompts or read from an answers file.

An answers file holds the same questions, each under its stable id, in sections::

    title: A made-up case
    states:
      - {code: AAA, name: State A}
    conflict: {belligerents: [AAA, BBB], kind: international}
    forces:
      - sending: CCC
        receiving: AAA
        command: {value: sending, source: A made-up report, certainty: reported}
    persons:
      - {name: Soldier 1, captured_by: BBB}
    destinations: [CCC, BBB]

A fact's answer is its value, or a mapping of its ``value``, ``source`` (a registered source's id,
or the title of a new source), ``source_kind`` (of a new source) and ``certainty``. Every error is
one line located in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..documents import Document, PathKey, dotted, read_document
from ..errors import LegalAnalysisError, did_you_mean, one_of
from ..facts import UNKNOWN
from .answers import Answer, Context, is_blank, read_answer, read_certainty, read_source_kind
from .questions import SECTIONS, Question

PROVENANCE_KEYS = ("value", "source", "source_kind", "certainty")


@dataclass
class Answers:
    """Every answer by its path (``("forces", 0, "command")``, ``("title",)``), with where each
    was written (line and column in the answers file; none for typed answers)."""

    path: str = "<answers>"
    given: dict[PathKey, Answer] = field(default_factory=dict)
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    """How many entries each list section has (states, forces, persons)."""

    def get(self, *key: str | int) -> Answer:
        """The answer at ``key`` (unknown when none was given)."""
        return self.given.get(key, Answer(UNKNOWN))

    def value(self, *key: str | int) -> Any:
        return self.get(*key).value


def default_answer(q: Question, key: PathKey, answers: Answers, ctx: Context) -> Any:
    """The answer taken when ``q`` is left empty, where one follows from earlier answers (a
    force fights the receiving state's adversary; the case is described as of the latest date
    given); ``None`` where none does."""
    if q.id == "against" and len(key) == 3:
        receiving = answers.value("forces", key[1], "receiving")
        others = [b for b in ctx.belligerents if b != receiving]
        if receiving in ctx.belligerents and len(others) == 1:
            return others[0]
    if q.id == "as_of":
        dates = [a.value for a in answers.given.values() if isinstance(a.value, dt.date)]
        return max(dates) if dates else None
    return None


def learn(ctx: Context, answers: Answers, key: PathKey) -> None:
    """Update what later answers must fit after the answer at ``key``."""
    answer = answers.given.get(key)
    if answer is None or answer.is_unknown:
        return
    if key[0] == "states" and key[-1] == "code":
        ctx.states[answer.value] = answer.value
    elif key[0] == "states" and key[-1] == "name":
        ctx.states[answers.value("states", key[1], "code")] = answer.value
    elif key == ("conflict", "belligerents"):
        ctx.belligerents = answer.value
    elif key == ("conflict", "start"):
        ctx.conflict_start = answer.value
    elif key[0] == "forces" and key[-1] == "sending":
        ctx.senders = (*ctx.senders, answer.value)


def read_answers_file(path: Path) -> Answers:
    """Read and check an answers file; raise a one-line located error for the first answer
    that does not fit."""
    doc = read_document(path)
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, Mapping):
        raise LegalAnalysisError("an answers file must be a mapping of answers",
                                 location=doc.locate(()), expected="answers such as 'title:'")
    _no_strangers(doc, (), data, [k or q.id for k, qs, _ in SECTIONS for q in ([qs[0]] if k
                                                                                     else qs)])
    answers = Answers(doc.path)
    ctx = Context()
    for section, questions, many in SECTIONS:
        if not section:
            for q in questions:
                _read(doc, answers, ctx, q, (q.id,), data)
            continue
        entries = data.get(section)
        if entries is None:
            continue
        if many and not isinstance(entries, list):
            raise LegalAnalysisError("this section must be a list", location=doc.locate((section,)),
                                     field=section, expected="a list of entries, each '- …'")
        items = entries if many else [entries]
        answers.counts[section] = len(items)
        for i, item in enumerate(items):
            base: PathKey = (section, i) if many else (section,)
            if not isinstance(item, Mapping):
                raise LegalAnalysisError("an entry must be a mapping of answers",
                                         location=doc.locate(base), field=dotted(base),
                                         expected=f"answers such as '{questions[0].id}:'")
            _no_strangers(doc, base, item, [q.id for q in questions])
            for q in questions:
                _read(doc, answers, ctx, q, (*base, q.id), item)
    return answers


def _no_strangers(doc: Document, base: PathKey, data: Mapping[Any, Any], known: list[str]) -> None:
    for key in data:
        if key not in known:
            raise LegalAnalysisError("not a question of the interview", field=str(key),
                                     location=doc.locate((*base, key)),
                                     expected=one_of(known, "no answers here"),
                                     suggestion=did_you_mean(str(key), known))


def _read(doc: Document, answers: Answers, ctx: Context, q: Question, key: PathKey,
          where: Mapping[Any, Any]) -> None:
    raw = where.get(q.id)
    given: dict[str, Any] = {"value": raw}
    value_key: PathKey = key
    if isinstance(raw, Mapping):
        if not q.is_fact:
            raise LegalAnalysisError("this answer takes no source or certainty",
                                     location=doc.locate(key), field=q.id,
                                     expected="just the answer")
        _no_strangers(doc, key, raw, list(PROVENANCE_KEYS))
        given = dict(raw)
        value_key = (*key, "value")
    try:
        raw_value = given.get("value")
        default = default_answer(q, key, answers, ctx) if is_blank(raw_value) else None
        value = default if default is not None else read_answer(q, raw_value, ctx)
        answer = Answer(value, _source(q, given.get("source")),
                        read_source_kind(q, given.get("source_kind")),
                        read_certainty(q, given.get("certainty")))
    except LegalAnalysisError as exc:
        part = exc.field.rpartition(".")[2] if exc.field and "." in exc.field else "value"
        at = value_key if part == "value" else (*key, part)
        raise LegalAnalysisError(exc.message, location=doc.locate(at), field=exc.field,
                                 expected=exc.expected, suggestion=exc.suggestion) from None
    answers.given[key] = answer
    answers.marks[key] = doc.marks.get(value_key, doc.marks.get(key, (0, 0)))
    learn(ctx, answers, key)


def _source(q: Question, raw: Any) -> str | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if not isinstance(raw, str):
        raise LegalAnalysisError(f"{raw!r} is not a source", field=f"{q.id}.source",
                                 expected="a registered source's id, or a title")
    return raw.strip()


def answers_data(answers: Answers) -> dict[str, Any]:
    """The answers as an answers file holds them (:func:`read_answers_file` reads them back),
    so that typed answers can be kept."""
    data: dict[str, Any] = {}
    for key, answer in answers.given.items():
        value = answer.value
        if key[-1] == "force" and isinstance(value, int):
            value = answers.value("forces", value, "sending")
        value = list(value) if isinstance(value, tuple) else value
        extras = {k: v for k, v in (("source", answer.source), ("source_kind", answer.source_kind),
                                    ("certainty", answer.certainty)) if v is not None}
        written = {"value": value, **extras} if extras else value
        if len(key) == 1:
            data[str(key[0])] = written
        elif len(key) == 2:
            data.setdefault(str(key[0]), {})[key[1]] = written
        else:
            entries = data.setdefault(str(key[0]), [])
            while len(entries) <= int(key[1]):
                entries.append({})
            entries[int(key[1])][key[2]] = written
    return data
