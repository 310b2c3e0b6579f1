"""Writing the interview's scenario as commented YAML, checked as ``validate`` checks a file
before anything is written."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from typing import Any

import yaml

from ..documents import Document, PathKey, parse_document
from ..errors import ScenarioError
from ..facts import Scenario
from ..scenario import build_scenario_v1
from ..sources import Registry
from .answers import SOURCE_KINDS
from .answers_file import Answers
from .build import HEADER, Built, build, slug

WIDTH = 98
PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.()'/-]*")
SECTION_COMMENTS: dict[str, tuple[str, ...]] = {
    "states": ("The states: parties to the conflict, states that send troops, destinations. "
               "A state's treaties (e.g. 'treaties: {gc3: {status: party}}') are taken from the "
               "rule base's data where left out.",),
    "conflicts": ("The armed conflict: who fights whom, since when, international or not.",),
    "deployments": ("The forces sent: who sends troops to whom, and who commands them (the fact",
                    "that decides party status and attribution)."),
    "persons": ("The captured persons: who they are, who holds them, since when.",),
    "destinations": ("The states each captured person might be sent to.",),
    "sources": ("The sources the answers named. Check each one's kind: one of "
                f"{', '.join(SOURCE_KINDS)}.",),
}


def scalar(value: Any) -> str:
    """A scalar written as YAML that reads back as the same value.

    >>> scalar("AAA"), scalar("yes"), scalar("a: b"), scalar(True), scalar(5)
    ('AAA', '"yes"', '"a: b"', 'true', '5')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if PLAIN.fullmatch(text) and not text.endswith(" ") and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def comment_lines(lines: tuple[str, ...], indent: str) -> list[str]:
    out: list[str] = []
    for line in lines:
        out.extend(textwrap.wrap(line, WIDTH - len(indent) - 2, initial_indent=f"{indent}# ",
                                 subsequent_indent=f"{indent}# ", break_on_hyphens=False))
    return out


def emit(data: dict[str, Any], at: PathKey, comments: dict[PathKey, tuple[str, ...]],
          depth: int) -> list[str]:
    indent = "  " * depth
    out: list[str] = []
    for key, value in data.items():
        here = (*at, key)
        if depth == 0 and key in SECTION_COMMENTS:
            out.append("")
            out.extend(comment_lines(SECTION_COMMENTS[key], indent))
        out.extend(comment_lines(comments.get(here, ()), indent))
        head = f"{indent}{scalar(key)}:"
        if isinstance(value, dict) and value:
            out.append(head)
            out.extend(emit(value, here, comments, depth + 1))
        elif isinstance(value, dict):
            out.append(f"{head} {{}}")
        elif isinstance(value, list | tuple):
            out.append(f"{head} [{', '.join(scalar(v) for v in value)}]")
        else:
            out.append(f"{head} {scalar(value)}")
    return out


def scenario_text(built: Built) -> str:
    """The scenario as commented YAML."""
    lines = comment_lines(HEADER, "")
    lines.extend(emit(built.data, (), built.comments, 0))
    return "\n".join(lines) + "\n"


def checked_text(built: Built, answers_path: str, registry: Registry | None) -> tuple[str, Scenario]:
    """The scenario's text, once it reads back as the data built and passes the checks of
    ``validate``; an error is located at the answer it came from."""
    text = scenario_text(built)
    written = parse_document(text.encode("utf-8"), "<new scenario>", ScenarioError)
    assert written.data == _plain(built.data), "the written scenario reads back otherwise"
    try:
        scenario = build_scenario_v1(Document(answers_path, written.data, dict(built.marks)),
                                     registry)
    except ScenarioError as exc:
        if built.marks:
            raise
        raise ScenarioError(exc.message, field=exc.field, expected=exc.expected,
                            suggestion=exc.suggestion) from None  # typed: no file to point at
    return text, scenario


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_plain(v) for v in data]
    return data


def scenario_from_answers(answers: Answers, name: str,
                          registry: Registry | None = None) -> tuple[str, Scenario]:
    """The commented YAML of the scenario the answers describe (its id made from ``name``, the
    file's name), and the scenario it reads as; an error is located in the answers."""
    built = build(answers, slug(name, "new-scenario"), registry)
    return checked_text(built, answers.path, registry)
