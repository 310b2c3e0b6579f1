"""The memo model: one structure built from an :class:`Analysis`, rendered by every format.

It is a legal memorandum, not a dump of the analysis: the bottom line first (numbered
conclusions and what to do next), the facts and evidence (with the gaps that matter and who could
fill them), one section per legal issue (plain answers in a line, a person's transfer options in
one table, a discussion for each question that needs one, subjects in the same position
discussed once), the recommendations, and annexes (chronology, treaty participation, table of
authorities, and on request the derivations). Citations are numbered footnotes in OSCOLA style.
A brief (:attr:`MemoOptions.brief`) keeps the bottom line, the gaps, the transfer tables and the
recommendations.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..engine.analysis import Analysis, Result
from ..errors import LegalAnalysisError, did_you_mean
from ..sources import cite, format_date
from .advice import bottom_line, issue_titles, next_steps, recommendations
from .citing import Notes, short_cite
from .derivation import derivation_lines, prune
from .evidence import chronology, fact_rows, gaps, treaty_table
from .issues import Assembler, ordered
from .names import Namer, clean
from .parts import AppendixEntry, AuthorityGroup, Memo
from .phrasing import short_answer as _short_answer
from .propositions import proposition
from .sections import Built, build_issue
from .wording import fact_name, fact_value_text, upper_first

__all__ = ["Memo", "MemoOptions", "build_memo", "public_results", "short_answer"]

AUTHORITY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Treaties", ("treaty",)), ("Cases", ("case",)), ("UN documents", ("un_document",)),
    ("Commentary", ("commentary",)), ("Statements and positions", ("statement",)),
    ("Sources of fact (reports and news)", ("report", "news")))
"""The table of authorities' headings, and the kinds of source under each."""


@dataclass(frozen=True)
class MemoOptions:
    """What a memo holds beyond its analysis (the ``memo`` command's options)."""

    to: str = "The Legal Adviser"
    author: str | None = None
    brief: bool = False
    only: tuple[str, ...] = ()
    """Conclusion ids to discuss (all public ones if empty)."""
    derivations: bool = False
    flips: bool = True
    """List the single fact changes that would change an established answer."""
    assumptions: tuple[tuple[str, Any], ...] = ()
    """For a what-if memo: the facts set otherwise than the scenario (key, value)."""
    changed: int | None = None
    """For a what-if memo: how many answers the assumptions change."""


def public_results(analysis: Analysis, only: Sequence[str] = ()) -> list[Result]:
    """The results a memo discusses: those of public conclusions (or of ``only``)."""
    book = analysis.rulebook
    for cid in only:
        if cid not in book.conclusions or not book.conclusions[cid].spec.public:
            public = [c for c, v in book.conclusions.items() if v.spec.public]
            raise LegalAnalysisError(f"--only: unknown conclusion {cid!r}",
                                     suggestion=did_you_mean(cid, public),
                                     expected="conclusion ids such as " + ", ".join(public[:3]))
    return [r for r in analysis.results if book.conclusions[r.id].spec.public
            and (not only or r.id in only)]


def short_answer(analysis: Analysis, r: Result) -> str:
    """A result's answer in a sentence or two, named as a memo names things."""
    return Namer.of(analysis)(_short_answer(analysis, r))


def build_memo(analysis: Analysis, options: MemoOptions | None = None) -> Memo:
    """Build the memo model (deterministic: the same analysis gives the same memo)."""
    opts = options or MemoOptions()
    namer = Namer.of(analysis)
    results = public_results(analysis, opts.only)
    reg = analysis.rulebook.registry
    issues = ordered(analysis, results)
    sections = {cid: f"section {n}" for n, (_spec, rs) in enumerate(issues, start=3)
                for cid in {r.id for r in rs}}
    shorts = {i: s.short for i, s in reg.sources.items()}

    def tidy(text: str) -> str:
        return clean(text, shorts, sections)

    def tidy_in(cids: set[str]) -> Any:
        """The cleaner for one issue: a reference to a question of the same issue goes (the
        reader has it in front of him)."""
        elsewhere = {c: where for c, where in sections.items() if c not in cids}
        return lambda text: clean(text, shorts, elsewhere)

    notes = Notes(reg, analysis.as_of)
    facts = fact_rows(analysis, results, namer, notes) if not opts.brief else ()
    asm = Assembler(analysis, notes)
    built: list[Built] = [build_issue(analysis, spec, rs, n, namer, tidy_in({r.id for r in rs}),
                                      asm, flips=opts.flips)
                          for n, (spec, rs) in enumerate(issues, start=3)]
    where = {node: disc.number for b in built for _d, disc in b.drafts if disc is not None
             for node in disc.results}
    found = gaps(analysis, results, where, namer, tidy)
    steps = recommendations(built, found)
    points = bottom_line(built)
    issue_parts = tuple(b.issue for b in built)
    if opts.brief:
        issue_parts = tuple(dataclasses.replace(i, positions=(), plain=(), discussions=(),
                                                diagram=None)
                            for i in issue_parts if i.tables)
    s = analysis.scenario
    said = " ".join(_texts((points, facts, found, issue_parts, steps)))
    defined = tuple((short, full) for short, full in namer.defined
                    if re.search(rf"(?<!\w){re.escape(short)}(?!\w)", said, re.I))
    derivations = _derivations(analysis, built, reg) if opts.derivations and not opts.brief else ()
    return Memo(
        title=namer(s.title), to=opts.to, author=opts.author, date=analysis.as_of.isoformat(),
        date_text=format_date(analysis.as_of), re=issue_titles([b.issue for b in built]),
        scenario=s.id, kind="brief" if opts.brief else "memo",
        summary=" ".join(s.summary.split()) if s.summary else None,
        abbreviations=defined, assumptions=_assumptions(analysis, opts, namer),
        assumption_effect=_effect(opts), bottom_line=points, next_steps=next_steps(steps, 2),
        facts=facts, gaps=found, issues=issue_parts, recommendations=steps,
        chronology=chronology(analysis, namer) if not opts.brief else (),
        treaties=treaty_table(analysis, namer) if not opts.brief else None,
        authorities=_authorities(notes) if not opts.brief else (),
        footnotes=tuple(notes.notes) if not opts.brief else (), derivations=derivations)


def _texts(value: Any) -> list[str]:
    """Every text in a part of the memo model (to see which abbreviations it uses)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in _texts(getattr(value, f.name))]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _texts(v)]
    return []


def _assumptions(analysis: Analysis, opts: MemoOptions, namer: Namer) -> tuple[str, ...]:
    """The facts a what-if memo supposes, each as a sentence."""
    out = []
    for key, value in opts.assumptions:
        said = proposition(analysis, key, value)
        text = said or f"{fact_name(key, analysis)} is {fact_value_text(analysis, value, key)}"
        entry = analysis.index.entries.get(key)
        was = fact_value_text(analysis, entry.value, key) if entry is not None else "unknown"
        out.append(upper_first(namer(text)) + f" (in the scenario: {namer(was)}).")
    return tuple(out)


def _effect(opts: MemoOptions) -> str:
    """What the assumptions change, in a sentence."""
    if not opts.assumptions or opts.changed is None:
        return ""
    if opts.changed == 0:
        return "On these assumptions no answer differs from the scenario's."
    answers = "answer differs" if opts.changed == 1 else "answers differ"
    return f"On these assumptions {opts.changed} {answers} from the scenario's."


def _authorities(notes: Notes) -> tuple[AuthorityGroup, ...]:
    """Every source cited, in full form, grouped by kind: the law first, then positions, then
    the sources of fact."""
    reg = notes.registry
    cited = sorted({n.source for n in notes.notes})
    out = []
    for heading, kinds in AUTHORITY_GROUPS:
        entries = sorted(cite(reg.get(s), None, first=True) for s in cited
                         if reg.get(s).kind in kinds)
        if entries:
            out.append(AuthorityGroup(heading, tuple(entries)))
    return tuple(out)


def _derivations(analysis: Analysis, built: Sequence[Built], reg: Any
                 ) -> tuple[AppendixEntry, ...]:
    """The derivation of every result discussed, in the order of the memo (the last annex)."""
    entries: list[tuple[Result, str, str]] = []
    for b in built:
        for d, disc in b.drafts:
            anchor = disc.anchor if disc is not None else b.issue.anchor
            for r in d.results:
                entries.append((r, anchor, d.cid))
    numbers = {r.node_id: f"D.{i}" for i, (r, _a, _c) in enumerate(entries, start=1)}
    refs = {node: (num, f"derivation-{num[2:]}") for node, num in numbers.items()}
    stop = set(numbers)
    names = analysis.names

    def short(source: str, pinpoint: str | None) -> str:
        return short_cite(reg, source, pinpoint)

    out = []
    for r, anchor, cid in entries:
        tree = analysis.explain(r.id, stop_at=stop - {r.node_id}, **r.subject_dict)
        number = numbers[r.node_id]
        subject = "; ".join(f"{role}: {names.get(i, i)}" for role, i in r.subject)
        out.append(AppendixEntry(f"derivation-{number[2:]}", number,
                                 analysis.rulebook.conclusions[cid].spec.title, subject, anchor,
                                 derivation_lines(prune(tree, refs), short, refs, names)))
    return tuple(out)

