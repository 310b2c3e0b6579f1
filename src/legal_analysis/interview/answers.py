"""Reading one answer of the interview: typed or from an answers file, checked against the
question's allowed values and the states given so far.

'unknown', an empty answer and a missing one all mean unknown (never false); only answers that
name an entity (a state's code, the states at war, a force's states) must be given.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass, field
from typing import Any

from ..dates import DATE_FORM, impossible_date
from ..errors import LegalAnalysisError, did_you_mean, one_of
from ..facts import UNKNOWN, Certainty, ScenarioSource, StateCodes
from .questions import VALUE_SENTENCES, Question

CERTAINTIES: tuple[str, ...] = typing.get_args(Certainty)
"""How sure an answer may be (from the scenario model)."""
SOURCE_KINDS: tuple[str, ...] = typing.get_args(ScenarioSource.model_fields["kind"].annotation)
"""The kinds of a source the scenario cites (from the scenario model)."""
CODE = re.compile(r"[A-Z][A-Z0-9]{1,9}")
TRUE_WORDS = frozenset({"true", "yes", "y"})
FALSE_WORDS = frozenset({"false", "no", "n"})


@dataclass
class Context:
    """What earlier answers settled, which later answers must fit."""

    states: dict[str, str] = field(default_factory=dict)
    """The states given so far: code → name."""
    belligerents: tuple[str, ...] = ()
    conflict_start: dt.date | None = None
    senders: tuple[str, ...] = ()
    """The sending states of the forces given so far, in order."""


@dataclass(frozen=True)
class Answer:
    """An answer read and checked: its value (or 'unknown'), and where it came from."""

    value: Any
    source: str | None = None
    """A registered source's id (with a pinpoint after a comma), or the title of a new source."""
    source_kind: str | None = None
    certainty: str | None = None

    @property
    def is_unknown(self) -> bool:
        return isinstance(self.value, str) and self.value == UNKNOWN


def is_blank(raw: Any) -> bool:
    """Whether an answer says nothing: missing, empty, or 'unknown'."""
    return raw is None or (isinstance(raw, str) and raw.strip().casefold() in ("", UNKNOWN)) \
        or (isinstance(raw, list) and not raw)


def bad(q: Question, message: str, expected: str | None = None,
        suggestion: str | None = None) -> LegalAnalysisError:
    """The error for a wrong answer to ``q`` (its location is added by the reader)."""
    return LegalAnalysisError(message, field=q.id, expected=expected, suggestion=suggestion)


def read_answer(q: Question, raw: Any, ctx: Context) -> Any:
    """The value of ``raw`` as an answer to ``q``, or :data:`UNKNOWN`; raise
    :class:`LegalAnalysisError` (field: the question's id) for an answer that does not fit."""
    if is_blank(raw):
        if q.identifies:
            raise bad(q, "an answer is needed here", expected=_expected(q, ctx))
        return () if q.kind == "treaties" else UNKNOWN
    reader = _READERS[q.kind]
    return reader(q, raw, ctx)


def _expected(q: Question, ctx: Context) -> str:
    if q.kind in ("state", "states"):
        return one_of(state_choices(q, ctx), "a state given under 'states' first")
    if q.kind == "force":
        return one_of(ctx.senders, "a force given under 'forces' first")
    if q.kind == "code":
        return "a code of capital letters and digits, such as AAA"
    return f"one of {', '.join(q.choices)}" if q.choices else "an answer"


def state_choices(q: Question, ctx: Context) -> list[str]:
    """The states (and words such as 'none') an answer to ``q`` may name."""
    if q.id == "captured_by":
        return list(ctx.belligerents) or list(ctx.states)
    if q.id == "receiving" and ctx.senders:
        return [code for code in ctx.states if code != ctx.senders[-1]]
    also = () if q.model is None or q.field is None else tuple(
        word for mark in q.model.model_fields[q.field].metadata if isinstance(mark, StateCodes)
        for word in mark.also)
    return [*ctx.states, *also]


def _text(q: Question, raw: Any, ctx: Context) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise bad(q, f"{_shown(raw)} is not text", expected="text")
    return str(raw).strip()


def _code(q: Question, raw: Any, ctx: Context) -> str:
    text = _text(q, raw, ctx)
    if not CODE.fullmatch(text):
        raise bad(q, f"{text!r} is not a state code", expected=_expected(q, ctx),
                  suggestion=text.upper() if CODE.fullmatch(text.upper()) else None)
    if text in ctx.states:
        raise bad(q, f"{text!r} is given twice", expected="a code no other state has")
    return text


def _state(q: Question, raw: Any, ctx: Context) -> str:
    text = _text(q, raw, ctx)
    allowed = state_choices(q, ctx)
    if text in allowed:
        return text
    if text.upper() in allowed:
        return text.upper()
    by_name = {name.casefold(): code for code, name in ctx.states.items() if code in allowed}
    raise bad(q, f"{text!r} is not allowed", expected=_expected(q, ctx),
              suggestion=by_name.get(text.casefold()) or did_you_mean(text.upper(), allowed))


def _states(q: Question, raw: Any, ctx: Context) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else str(raw).replace(",", " ").split()
    found = tuple(dict.fromkeys(_state(q, item, ctx) for item in items))
    if q.id == "belligerents" and len(found) < 2:
        raise bad(q, "a conflict needs two different states", expected=_expected(q, ctx))
    return found


def _date(q: Question, raw: Any, ctx: Context) -> dt.date:
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        day = raw
    else:
        text = _text(q, raw, ctx)
        if (impossible := impossible_date(text)) is not None:
            raise bad(q, impossible[0], expected=impossible[1])
        if DATE_FORM.fullmatch(text) is None:
            raise bad(q, f"{text!r} is not a date written YYYY-MM-DD",
                      expected="a date such as 2025-04-28, or unknown")
        day = dt.date.fromisoformat(text)
    if q.id == "captured_on" and ctx.conflict_start is not None and day < ctx.conflict_start:
        raise bad(q, f"captured on {day.isoformat()}, before the conflict began on "
                  f"{ctx.conflict_start.isoformat()}", expected="a capture date within the conflict")
    return day


def _choice(q: Question, raw: Any, ctx: Context) -> str:
    text = _text(q, raw, ctx)
    choices = q.choices
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1]
    word = text.casefold().replace(" ", "_").replace("-", "_")
    if word in choices:
        return word
    raise bad(q, f"{text!r} is not allowed", expected=f"one of {', '.join(choices)}, or unknown",
              suggestion=did_you_mean(word, choices))


def _bool(q: Question, raw: Any, ctx: Context) -> bool:
    if isinstance(raw, bool):
        return raw
    word = _text(q, raw, ctx).casefold()
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    raise bad(q, f"{_shown(raw)} is not allowed", expected="yes, no or unknown")


def _int(q: Question, raw: Any, ctx: Context) -> int:
    text = _text(q, raw, ctx).replace(",", "").replace("_", "")
    if not text.isdigit() or len(text) > 12:
        raise bad(q, f"{_shown(raw)} is not a number", expected="a whole number, or unknown")
    return int(text)


def _treaties(q: Question, raw: Any, ctx: Context) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else str(raw).replace(",", " ").split()
    found: list[str] = []
    for item in items:
        word = _text(q, item, ctx).casefold()
        if word not in q.choices:
            raise bad(q, f"{word!r} is not allowed", expected=f"one of {', '.join(q.choices)}",
                      suggestion=did_you_mean(word, q.choices))
        found.append(word)
    return tuple(dict.fromkeys(found))


def _force(q: Question, raw: Any, ctx: Context) -> int:
    """The index of the force (named by its sending state, or by its number)."""
    text = _text(q, raw, ctx)
    if text.isdigit() and 1 <= int(text) <= len(ctx.senders):
        return int(text) - 1
    if text.upper() in ctx.senders:
        return ctx.senders.index(text.upper())
    raise bad(q, f"{text!r} is not allowed", expected=_expected(q, ctx),
              suggestion=did_you_mean(text.upper(), ctx.senders))


_READERS = {"text": _text, "code": _code, "state": _state, "states": _states, "date": _date,
            "choice": _choice, "bool": _bool, "int": _int, "treaties": _treaties, "force": _force}


def _shown(raw: Any) -> str:
    return repr(raw) if isinstance(raw, str) else str(raw)


def read_certainty(q: Question, raw: Any) -> str | None:
    """A certainty given with an answer (``None`` when skipped)."""
    if is_blank(raw):
        return None
    word = str(raw).strip().casefold()
    if word.isdigit() and 1 <= int(word) <= len(CERTAINTIES):
        return CERTAINTIES[int(word) - 1]
    if word not in CERTAINTIES:
        raise LegalAnalysisError(f"{str(raw)!r} is not allowed", field=f"{q.id}.certainty",
                                 expected=f"one of {', '.join(CERTAINTIES)}",
                                 suggestion=did_you_mean(word, CERTAINTIES))
    return word


def read_source_kind(q: Question, raw: Any) -> str | None:
    """The kind of a new source given with an answer (``None`` when skipped)."""
    if is_blank(raw):
        return None
    word = str(raw).strip().casefold()
    if word.isdigit() and 1 <= int(word) <= len(SOURCE_KINDS):
        return SOURCE_KINDS[int(word) - 1]
    if word not in SOURCE_KINDS:
        raise LegalAnalysisError(f"{str(raw)!r} is not allowed", field=f"{q.id}.source_kind",
                                 expected=f"one of {', '.join(SOURCE_KINDS)}",
                                 suggestion=did_you_mean(word, SOURCE_KINDS))
    return word


def value_sentence(q: Question, value: str) -> str | None:
    """The sentence that explains one allowed value of a choice."""
    if q.field is None:
        return None
    return VALUE_SENTENCES.get(q.field, {}).get(value) or VALUE_SENTENCES.get(q.id, {}).get(value)
