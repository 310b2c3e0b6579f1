"""Asking the interview's questions at the terminal (``typer.prompt``).

A wrong answer is explained and asked again; Enter or 'unknown' leaves a fact unknown; Enter on
the first question of a list (a state's code, a force's sending state, a person's name) ends the
list. Ctrl-C or the end of the input raise :class:`typer.Abort` (the command ends with
exit code 1, and nothing is written).
"""

from __future__ import annotations

from typing import Any

import typer

from ..console import echo
from ..documents import PathKey
from ..errors import LegalAnalysisError
from ..facts import UNKNOWN
from ..sources import Registry
from .answers import (
    CERTAINTIES,
    SOURCE_KINDS,
    Answer,
    Context,
    read_answer,
    read_certainty,
    read_source_kind,
    state_choices,
    value_sentence,
)
from .answers_file import Answers, default_answer, learn
from .questions import SECTIONS, Question

INTRO = ("Answer each question, or press Enter (or type 'unknown') where you do not know: an "
         "unknown fact is never taken as false. Ctrl-C stops without writing anything.")
MIN_STATES = 2


def _show(q: Question, ctx: Context) -> None:
    echo("")
    if q.description and q.kind not in ("code",):
        echo(f"  ({q.description})")
    if q.choices and q.kind == "choice":
        for n, value in enumerate(q.choices, 1):
            sentence = value_sentence(q, value)
            echo(f"  {n}. {value}" + (f": {sentence}" if sentence else ""))
    elif q.kind == "treaties":
        echo(f"  Treaty ids: {', '.join(q.choices)}")
    elif q.kind in ("state", "states"):
        echo(f"  States: {', '.join(state_choices(q, ctx))}")
    elif q.kind == "force":
        echo(f"  Forces sent by: {', '.join(ctx.senders)}")


def _prompt(text: str, default: str = "") -> str:
    return str(typer.prompt(text, default=default, show_default=bool(default)))


def ask(q: Question, key: PathKey, answers: Answers, ctx: Context,
        registry: Registry | None, *, ends_list: bool = False) -> bool:
    """Ask ``q`` until its answer fits; store it under ``key``. Return False when the answer
    was empty and ``ends_list`` (nothing is stored then)."""
    _show(q, ctx)
    default = default_answer(q, key, answers, ctx)
    while True:
        raw = _prompt(q.text, str(default) if default is not None else "")
        if ends_list and not raw.strip():
            return False
        try:
            value = read_answer(q, raw, ctx)
            break
        except LegalAnalysisError as exc:
            echo(f"  {exc}")
    answer = Answer(value)
    if q.is_fact and value != UNKNOWN:
        answer = _provenance(q, value, registry)
    answers.given[key] = answer
    learn(ctx, answers, key)
    return True


def _provenance(q: Question, value: Any, registry: Registry | None) -> Answer:
    source = _prompt("  Source (a registered source's id, or a document's title; Enter to skip)")
    kind = None
    head = source.partition(",")[0].strip()
    if source.strip() and (registry is None or head not in registry):
        kind = _again(q, f"  What kind of source is it ({', '.join(SOURCE_KINDS)})",
                      read_source_kind, "report")
    certainty = _again(q, f"  How sure is it ({', '.join(CERTAINTIES)}; Enter to skip)",
                       read_certainty, "")
    return Answer(value, source.strip() or None, kind, certainty)


def _again(q: Question, text: str, reader: Any, default: str) -> str | None:
    while True:
        try:
            result: str | None = reader(q, _prompt(text, default))
            return result
        except LegalAnalysisError as exc:
            echo(f"  {exc}")


def interview(registry: Registry | None = None) -> Answers:
    """Ask every question and return the answers."""
    echo(INTRO)
    answers = Answers()
    ctx = Context()
    for section, questions, many in SECTIONS:
        if not section:
            for q in questions:
                ask(q, (q.id,), answers, ctx, registry)
            continue
        echo("")
        echo(f"== {section.capitalize()} ==")
        count = 0
        while True:
            base: PathKey = (section, count) if many else (section,)
            first = questions[0]
            ends = many and not (section == "states" and count < MIN_STATES)
            if not ask(first, (*base, first.id), answers, ctx, registry, ends_list=ends):
                break
            for q in questions[1:]:
                ask(q, (*base, q.id), answers, ctx, registry)
            count += 1
            if not many:
                break
            echo("  (Another one? Enter to go on to the next part.)")
        answers.counts[section] = count
    return answers
