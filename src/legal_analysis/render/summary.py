"""The conclusions at a glance, for the terminal: one row per conclusion and group of subjects
that share an answer ("Captured soldiers 1 and 2"), the answer in the memo's words.

An established row gives the memo's answer sentence; an open one names the facts it turns on,
in words, and how many outcomes they lead to; with ``branches`` each outcome follows as a
sentence ("If …, …"). :func:`plain` lays the rows out in columns wrapped at word boundaries to
a width (100 unless told), so that no line is longer.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..engine.analysis import Analysis, Result
from ..errors import LegalAnalysisError, did_you_mean
from .names import Namer, upper_first
from .phrasing import MANY_FACTS, full_answer, short_answer, versions
from .wording import turned_on

WIDTH = 100
"""The widest line the table writes (and the most a terminal's width is taken to be)."""
SUBJECT_COLUMN = 30
"""The widest the column naming the subjects gets."""
NARROWEST_ANSWER = 30
"""Below this width for the answers, the subjects are written on a line of their own."""


@dataclass(frozen=True)
class Row:
    """One group of subjects of one conclusion, and what the conclusion is for them."""

    subjects: str
    status: str
    answer: str
    branches: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A conclusion's rows, under its title."""

    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Summary:
    """The whole table: the scenario's heading and a block per conclusion."""

    heading: str
    blocks: tuple[Block, ...]


def select(analysis: Analysis, only: Sequence[str] = (),
           subject: Mapping[str, str] | None = None) -> list[Result]:
    """The results of the conclusions in ``only`` (every public one where empty) whose subject
    has every role=id of ``subject``. An unknown conclusion, role or id is an error naming what
    would do."""
    for cid in only:
        analysis.conclusions(cid)  # an unknown id is refused with a suggestion
    book = analysis.rulebook.conclusions
    results = [r for r in analysis.results
               if (r.id in only if only else book[r.id].spec.public)]
    for role, ident in (subject or {}).items():
        roles = sorted({k for r in results for k, _v in r.subject})
        if role not in roles:
            raise LegalAnalysisError(
                f"--subject {role}={ident}: no conclusion shown has a subject role {role!r}",
                suggestion=did_you_mean(role, roles), expected=f"one of {', '.join(roles)}")
        ids = sorted({v for r in results for k, v in r.subject if k == role})
        if ident not in ids:
            raise LegalAnalysisError(
                f"--subject {role}={ident}: {ident!r} is not a {role} of the conclusions shown",
                suggestion=did_you_mean(ident, ids), expected=f"one of {', '.join(ids)}")
        results = [r for r in results if r.subject_dict.get(role) == ident]
    return results


def summary(analysis: Analysis, results: Sequence[Result], branches: bool = False) -> Summary:
    """The rows of ``results``, a block per conclusion in the order of the results."""
    namer = Namer.of(analysis)
    by_conclusion: dict[str, list[Result]] = {}
    for r in results:
        by_conclusion.setdefault(r.id, []).append(r)
    blocks = tuple(
        Block(analysis.rulebook.conclusions[cid].spec.title,
              tuple(_rows(analysis, namer, members, branches)))
        for cid, members in by_conclusion.items())
    heading = f"{analysis.scenario.title} — as of {analysis.as_of.isoformat()}"
    return Summary(heading, blocks)


def _texts(analysis: Analysis, r: Result, branches: bool) -> tuple[str, tuple[str, ...]]:
    """A result's answer, and with ``branches`` its outcome under each version of the facts."""
    if r.status == "established":
        return short_answer(analysis, r), ()
    answer = open_answer(analysis, r)
    if r.branches:
        answer += f" {len(r.branches)} possible outcomes."
    if not branches or not r.branches:
        return answer, ()
    return answer, tuple(upper_first(f"{lead}, {outcome}.")
                         for lead, outcome, _b, _o in versions(analysis, r))


def open_answer(analysis: Analysis, r: Result) -> str:
    """What an open answer turns on, in words (the first two facts, where there are many)."""
    keys = r.decisive_facts or r.unresolved_facts
    if r.branches and len(keys) > MANY_FACTS:
        return (f"The answer turns on {len(keys)} facts the scenario does not establish, "
                f"among them {turned_on(analysis, keys[:2])}.")
    return full_answer(analysis, r)


def _rows(analysis: Analysis, namer: Namer, results: Sequence[Result],
          branches: bool) -> list[Row]:
    """Results of one conclusion, those saying the same of different subjects in one row."""
    said = {id(r): _texts(analysis, r, branches) for r in results}
    names = analysis.names

    def key(r: Result, fixed: bool) -> tuple[object, ...]:
        roles = {names.get(i, i): f"\u27e6{role}\u27e7" for role, i in r.subject}
        answer, versions_ = said[id(r)]
        kept = tuple(v for _role, v in r.subject[1:]) if fixed else ()
        return (r.status, namer(answer, roles), tuple(namer(v, roles) for v in versions_), kept)

    groups: dict[tuple[object, ...], list[Result]] = {}
    for r in results:
        groups.setdefault(key(r, False), []).append(r)
    if not all(_full_product(g) for g in groups.values()):
        # subjects in several roles that share an answer but not as every pair: only the
        # first role's subjects are put together
        groups = {}
        for r in results:
            groups.setdefault(key(r, True), []).append(r)
    rows = []
    for members in groups.values():
        first = members[0]
        per_role = [(role, list(dict.fromkeys(names.get(dict(m.subject)[role], dict(m.subject)[role])
                                              for m in members)))
                    for role, _i in first.subject]
        roles = {names.get(ident, ident): namer.each(shown, role)
                 for (role, ident), (_r, shown) in zip(first.subject, per_role, strict=True)
                 if len(shown) > 1}
        answer, versions_ = said[id(first)]
        label = " — ".join(namer(namer.label(shown)) for _role, shown in per_role)
        rows.append(Row(upper_first(label) or "(no subject)", first.status,
                        upper_first(namer(answer, roles)),
                        tuple(upper_first(namer(v, roles)) for v in versions_)))
    return rows


def _full_product(members: Sequence[Result]) -> bool:
    """Whether the subjects of ``members`` are every combination of the ids they hold in each
    role (so that one row may name them role by role)."""
    roles = [role for role, _i in members[0].subject]
    counts = [len({dict(m.subject)[role] for m in members}) for role in roles]
    return math.prod(counts) == len({m.subject for m in members})


def plain(table: Summary, width: int = WIDTH) -> str:
    """The table as plain text, no line wider than ``width``: a conclusion's title, then its
    rows, the subjects in a column and the answer (and its versions) wrapped beside them."""
    rows = [row for block in table.blocks for row in block.rows]
    column = min(max((len(r.subjects) for r in rows), default=0), SUBJECT_COLUMN)
    beside = width - 2 - column - 2 >= NARROWEST_ANSWER
    lines = textwrap.wrap(table.heading, width) or [""]
    for block in table.blocks:
        lines += ["", *textwrap.wrap(block.title, width)]
        for row in block.rows:
            lines += _row_lines(row, width, column if beside else None)
    return "\n".join(line.rstrip() for line in lines)


def _row_lines(row: Row, width: int, column: int | None) -> list[str]:
    """A row's lines: with a ``column``, the subjects left of the answer; without, above it."""
    if column is None:
        head = textwrap.wrap(row.subjects, width - 2)
        indent = "    "
        body = _paragraphs(row, width - len(indent))
        return [f"  {h}" for h in head] + [f"{indent}{b}" if b else "" for b in body]
    left = textwrap.wrap(row.subjects, column)
    body = _paragraphs(row, width - column - 4)
    out = []
    for i in range(max(len(left), len(body))):
        a = left[i] if i < len(left) else ""
        b = body[i] if i < len(body) else ""
        out.append(f"  {a:<{column}}  {b}")
    return out


def _paragraphs(row: Row, width: int) -> list[str]:
    """The answer wrapped to ``width``, each version after it as an indented item."""
    out = textwrap.wrap(row.answer, width, break_on_hyphens=False)
    for version in row.branches:
        out += textwrap.wrap(version, width, initial_indent="- ", subsequent_indent="  ",
                             break_on_hyphens=False)
    return out
