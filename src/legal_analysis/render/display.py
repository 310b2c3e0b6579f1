"""The memo's wording for the objects of an analysis, in a Python session and a notebook:
``describe()`` sentences, and the HTML and Markdown a notebook shows.

The engine cannot import this layer (see tests/test_layers.py), so its objects reach it through
the :class:`~legal_analysis.engine.readable.Display` their analysis carries: :data:`DISPLAY`,
attached by ``legal_analysis.analyse`` (:mod:`legal_analysis.display`). Every sentence comes
from the memo's own functions (:mod:`.phrasing`, :mod:`.wording`), so a notebook and a memo say
the same thing. Each display is first laid out as blocks of plain text (headings, paragraphs,
lists, tables), then written as HTML (every text escaped, no stylesheet or script) or as
Markdown (every text made inert).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..core import Status
from ..engine.analysis import Analysis, Branch, Result, Timeline, WhatIf
from ..engine.counterfactual import Change
from ..terminal import visible
from .markdown import escape_markdown
from .phrasing import answer, question, short_answer, versions
from .wording import branch_condition, fact_name, subject_text, upper_first


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 3


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Para | Items | Table


def analysis_of(result: Result) -> Analysis:
    """The analysis a result belongs to."""
    owner = result.owner
    if not isinstance(owner, Analysis):
        raise TypeError(f"{result!r} belongs to no analysis")
    return owner


def describe_result(r: Result) -> str:
    """A result's answer as the memo's bottom line says it (:func:`.phrasing.short_answer`)."""
    return short_answer(analysis_of(r), r)


def describe_branch(b: Branch) -> str:
    """A version of the facts as a sentence: 'If <its facts>, <the outcome>.' (the condition
    is :func:`.wording.branch_condition`, the outcome :func:`.phrasing.answer`)."""
    if b.result is None:
        raise TypeError(f"{b!r} belongs to no result")
    r = b.result
    analysis = analysis_of(r)
    who = (f" (on the account of {', '.join(analysis.names.get(a, a) for a in b.accounts)})"
           if b.accounts else "")
    return upper_first(f"if {branch_condition(analysis, b)}{who}, "
                       f"{answer(analysis, r, b.value, b.status)}") + "."


# -- layouts ------------------------------------------------------------------------------------

def result_blocks(r: Result) -> list[Block]:
    """A result: its question, its answer, the versions of the facts and the decisive facts."""
    analysis = analysis_of(r)
    blocks: list[Block] = [Heading(question(analysis, r)),
                           Para(f"{upper_first(subject_text(analysis, r))}. Status: {r.status}."),
                           Para(describe_result(r))]
    if r.branches and r.status != Status.ESTABLISHED:
        blocks.append(Heading("Versions of the facts", 4))
        blocks.append(Items(tuple(f"{upper_first(lead)}: {outcome}."
                                  for lead, outcome, _b, _other in versions(analysis, r))))
    if r.decisive_facts:
        blocks.append(Heading("Decisive facts", 4))
        blocks.append(Items(tuple(f"{upper_first(fact_name(k, analysis))} ({k})"
                                  for k in r.decisive_facts)))
    if r.note:
        blocks.append(Para(f"Note: {r.note}"))
    return blocks


def analysis_blocks(analysis: Analysis) -> list[Block]:
    """An analysis: its scenario and date, then every result in a table."""
    counts = ", ".join(f"{sum(r.status == s for r in analysis.results)} {s}" for s in Status)
    changed = (f" Facts set otherwise: {set_otherwise(analysis, analysis.overrides.items())}."
               if analysis.overrides else "")
    rows = tuple((question(analysis, r), subject_text(analysis, r), str(r.status),
                  describe_result(r)) for r in analysis.results)
    head: list[Block] = [Heading(analysis.scenario.title)]
    if not rows:
        return [*head, Para(f"As of {analysis.as_of.isoformat()}: no conclusion of the rule base "
                            f"applies to this scenario.{changed}")]
    return [*head,
            Para(f"As of {analysis.as_of.isoformat()}: {len(analysis.results)} conclusions "
                 f"({counts}).{changed}"),
            Table(("Question", "Subject", "Status", "Answer"), rows)]


def what_if_blocks(w: WhatIf) -> list[Block]:
    """A what-if: the facts set otherwise, then each conclusion that changes, before and after."""
    made = set_otherwise(w.before, w.changes_made)
    blocks: list[Block] = [Heading(f"What if {made}?"),
                           Para(f"{len(w.changes)} conclusion{'s' * (len(w.changes) != 1)} "
                                f"change.")]
    if w.changes:
        blocks.append(Table(("Question", "Subject", "Before", "After"),
                            tuple(change_row(c) for c in w.changes)))
    return blocks


def timeline_blocks(t: Timeline) -> list[Block]:
    """A timeline: each date, the facts that take effect then and the conclusions that change."""
    blocks: list[Block] = []
    for event in t.events:
        blocks.append(Heading(event.date.isoformat(), 4))
        if event.facts and t.analysis is not None:
            names = [fact_name(k, t.analysis) for k in event.facts]
            blocks.append(Para("Facts dated then: " + "; ".join(names) + "."))
        if event.changes:
            blocks.append(Table(("Question", "Subject", "Before", "After"),
                                tuple(change_row(c) for c in event.changes)))
        else:
            blocks.append(Para("No conclusion changes."))
    title = t.analysis.scenario.title if t.analysis is not None else "the scenario"
    return [Heading(f"Timeline of {title}"), *blocks]


def change_row(c: Change) -> tuple[str, str, str, str]:
    """A changed conclusion: its question and subject, its answer before and after."""
    either = c.after or c.before
    assert either is not None
    analysis = analysis_of(either)
    return (question(analysis, either), subject_text(analysis, either),
            describe_result(c.before) if c.before is not None else "(no such conclusion)",
            describe_result(c.after) if c.after is not None else "(no such conclusion)")


def set_otherwise(analysis: Analysis, changes: Iterable[tuple[str, Any]]) -> str:
    """Facts set by a what-if, as words (the memo's wording of a version of the facts)."""
    pairs = tuple(changes)
    return branch_condition(analysis, Branch((pairs,), Status.ESTABLISHED, None, (), ()))


def blocks_of(item: object) -> list[Block]:
    """The layout of an analysis, a result, a what-if or a timeline."""
    if isinstance(item, Analysis):
        return analysis_blocks(item)
    if isinstance(item, Result):
        return result_blocks(item)
    if isinstance(item, WhatIf):
        return what_if_blocks(item)
    if isinstance(item, Timeline):
        return timeline_blocks(item)
    raise TypeError(f"no display for {type(item).__name__}")


# -- writing ------------------------------------------------------------------------------------

def _h(text: str) -> str:
    return html.escape(visible(text), quote=True)


def to_html(blocks: Sequence[Block]) -> str:
    """Blocks as an HTML fragment: every text escaped; styles inline, no stylesheet or script."""
    out = ['<div class="legal-analysis">']
    for b in blocks:
        if isinstance(b, Heading):
            out.append(f"<h{b.level}>{_h(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            out.append(f"<p>{_h(b.text)}</p>")
        elif isinstance(b, Items):
            out.append("<ul>" + "".join(f"<li>{_h(i)}</li>" for i in b.items) + "</ul>")
        else:
            cell = 'style="text-align:left;vertical-align:top"'
            head = "".join(f"<th {cell}>{_h(h)}</th>" for h in b.header)
            body = "".join("<tr>" + "".join(f"<td {cell}>{_h(c)}</td>" for c in row) + "</tr>"
                           for row in b.rows)
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    out.append("</div>")
    return "\n".join(out)


def _m(text: str) -> str:
    return str(escape_markdown(visible(text)))


def to_markdown(blocks: Sequence[Block]) -> str:
    """Blocks as Markdown: every text made inert (no raw HTML, links or table breaks)."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(f"{'#' * b.level} {_m(b.text)}")
        elif isinstance(b, Para):
            out.append(_m(b.text))
        elif isinstance(b, Items):
            out.append("\n".join(f"- {_m(i)}" for i in b.items))
        else:
            lines = ["| " + " | ".join(_m(h) for h in b.header) + " |",
                     "|" + "---|" * len(b.header)]
            lines += ["| " + " | ".join(_m(c) for c in row) + " |" for row in b.rows]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


class MemoDisplay:
    """The memo's wording, as the engine's :class:`~legal_analysis.engine.readable.Display`."""

    def describe(self, item: object) -> str:
        if isinstance(item, Result):
            return describe_result(item)
        if isinstance(item, Branch):
            return describe_branch(item)
        raise TypeError(f"no sentence for {type(item).__name__}")

    def html(self, item: object) -> str:
        return to_html(blocks_of(item))

    def markdown(self, item: object) -> str:
        return to_markdown(blocks_of(item))


DISPLAY = MemoDisplay()
"""The wording :func:`legal_analysis.analyse` attaches to the analyses it makes."""
