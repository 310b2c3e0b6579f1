"""The issue sections of a memo: for each legal issue, its plain answers in one line each, its
transfer tables and its discussions, with one diagram.

Results are drafted (:mod:`.drafts`), grouped where they say the same of different subjects,
and assembled in reading order (:class:`.issues.Assembler`), so that footnotes, quotations and
contested points are numbered and given once in the order the memo is read.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core import is_unknown
from ..engine.analysis import Analysis, Result
from .combine import clusters, combined, join_alike, same_answers
from .drafts import Draft, draft, grouped
from .issue_diagram import issue_graph
from .issues import TABLE_CONCLUSIONS, Assembler, IssueSpec
from .names import Namer, instrument, upper_first
from .parts import Cited, Discussion, Issue, Position, TransferTable
from .transfers import derivative, rows_by_person, tables
from .wording import actor_name, state_name

JUSTIFICATION_WORDS: dict[str, str] = {
    "collective_self_defence": "as collective self-defence",
    "individual_self_defence": "as individual self-defence",
    "consent": "by the consent of the territorial state",
}
"""How a claimed justification reads after 'lawful' (none claimed, or another, adds nothing)."""


@dataclass(frozen=True)
class Built:
    """An issue section, and the drafts behind its discussions and one-line answers (for the
    bottom line and the recommendations)."""

    issue: Issue
    drafts: tuple[tuple[Draft, Discussion | None], ...]


def slug(text: str) -> str:
    """``text`` as an HTML id fragment.

    >>> slug("Prisoner-of-war status: Captured soldiers 1 and 2")
    'prisoner-of-war-status-captured-soldiers-1-and-2'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_issue(analysis: Analysis, spec: IssueSpec, results: Sequence[Result], number: int,
                namer: Namer, clean: Callable[[str], str], asm: Assembler, *,
                flips: bool) -> Built:
    """The section of one issue: its positions, plain answers, transfer tables (with one
    discussion of the routes they list) and discussions, footnoted in that order."""
    anchor = f"issue-{spec.id}"
    positions = _positions(analysis, asm, namer) if spec.id == "force" else ()
    outcome_cid, bar_cid = TABLE_CONCLUSIONS
    cids = [r.id for r in results if r.id not in TABLE_CONCLUSIONS]
    cids += [c for c in (outcome_cid, bar_cid) if any(r.id == c for r in results)]
    single: list[Draft] = []
    groups: list[Draft] = []
    for cid in dict.fromkeys(cids):
        members = [draft(analysis, r, clean, flips=flips) for r in results if r.id == cid]
        single.extend(members)
        groups.extend(_short(d) for d in grouped(members, namer))
    implied = [d for d in groups if d.plain and _implied(d, groups)]
    plain = [d for d in groups if d.plain and d.cid not in TABLE_CONCLUSIONS
             and d not in implied]
    routes = [d for d in groups if d.cid == outcome_cid and not d.plain
              and not derivative(analysis, d.results[0])]
    skipped = [d for d in groups if d.cid in TABLE_CONCLUSIONS and d not in routes
               and (d.plain or derivative(analysis, d.results[0]))] + implied
    units: list[Draft] = [d for d in groups if d not in plain and d not in skipped]
    for alike in same_answers([d for d in units if d.cid != outcome_cid], namer):
        units[units.index(alike[0])] = join_alike(alike, namer)
        units = [d for d in units if d not in alike[1:]]
    for cluster in clusters([d for d in units if d.cid not in TABLE_CONCLUSIONS]):
        joined = combined(analysis, cluster, namer)
        if joined is not None:
            units[units.index(cluster[0])] = joined
            units = [d for d in units if d not in cluster[1:]]
    if routes:
        first = units.index(routes[0])
        units = [d for d in units if d not in routes]
        units.insert(first, _routes(routes))
    codes = {id(d): f"{number}.{i}" for i, d in enumerate(units, start=1)}
    reasons: dict[str, tuple[str, ...]] = {}
    for d in units:
        for r in d.results:
            reasons[r.node_id] = (*reasons.get(r.node_id, ()), codes[id(d)])
    tabled: tuple[TransferTable, ...] = ()
    if any(r.id == outcome_cid for r in results):
        rows = rows_by_person(analysis, single, outcome_cid, bar_cid)
        tabled = tables(analysis, rows, namer, lambda n: f"{anchor}-table-{n}", reasons)
    lines = tuple(Cited(d.plain, asm.notes.cite(
        ref for p in (d.application or tuple(p for v in d.versions for p in v.reasons))
        for ref in p.refs)) for d in plain)
    pairs: list[tuple[Draft, Discussion | None]] = [(d, None) for d in (*plain, *skipped)]
    discussions: list[Discussion] = []
    for i, d in enumerate(units, start=1):
        title = d.title or analysis.rulebook.conclusions[d.cid].spec.title
        if d.cid == outcome_cid and routes:
            title = "Transfer options"
            d = dataclasses.replace(d, answer="")
        subject = " — ".join(namer(namer.label(list(names))) for _role, names in d.subjects)
        disc = asm.discussion(d, f"{anchor}-{i}-{slug(title)}", codes[id(units[i - 1])], title,
                              subject)
        discussions.append(disc)
        pairs.append((d, disc))
    issue = Issue(number, anchor, spec.title, positions, lines, tabled, tuple(discussions), None)
    return Built(dataclasses.replace(issue, diagram=issue_graph(issue)), tuple(pairs))


SHORT_WHEN_OPEN = frozenset({"aggression_liability"})
"""Questions whose answer, open on one fact with two outcomes, is given in one line: liability
for aggression turns then on the person's rank alone, which the captor can learn by asking; the
versions and the point contested for leaders are left to ``explain``."""


def _short(d: Draft) -> Draft:
    if d.cid in SHORT_WHEN_OPEN and not d.plain and len(d.versions) == 2 and d.bottom \
            and all(r.status == "undetermined" for r in d.results):
        return dataclasses.replace(d, plain=upper_first(d.bottom))
    return d


IMPLIED: dict[tuple[str, str], str] = {
    ("conflict_classification", "international"): "international_armed_conflict"}
"""Plain answers another plain answer already gives (a conflict is international where an
international armed conflict is found between its parties), by conclusion and value."""


def _implied(d: Draft, groups: Sequence[Draft]) -> bool:
    other = IMPLIED.get((d.cid, str(d.results[0].value)))
    return other is not None and any(
        g.cid == other and g.plain and g.results[0].value is True for g in groups)


def _routes(drafts: Sequence[Draft]) -> Draft:
    """The routes a transfer table lists, as one discussion: the law they rest on and the
    contested points they raise (the table gives each route's conditions)."""
    first = drafts[0]
    persons = tuple(dict.fromkeys(n for d in drafts for role, names in d.subjects
                                  if role == "person" for n in names))
    return dataclasses.replace(
        first, results=tuple(r for d in drafts for r in d.results),
        subjects=(("person", persons),),
        question="Where may the detaining power send them, and on what conditions?",
        answer="", bottom="", plain="", application=(), versions=(), further="", changes=(),
        quotes=tuple(dict.fromkeys(q for d in drafts for q in d.quotes)),
        contested=tuple(dict.fromkeys(c for d in drafts for c in d.contested)))


def _positions(analysis: Analysis, asm: Assembler, namer: Namer) -> tuple[Position, ...]:
    """The positions actors take on each deployment: that it is lawful, on the justification
    and the legal basis they claim (assessed in the discussion of the use of force)."""
    out: list[Position] = []
    for did, dep in sorted(analysis.scenario.deployments.items()):
        entries = [e for e in (analysis.index.entries.get(f"deployments.{did}.{name}")
                               for name in ("claimed_justification", "claimed_legal_basis"))
                   if e is not None and not is_unknown(e.value)]
        if not entries:
            continue
        claim = (f"the use of the forces of {state_name(analysis, dep.sending_state)} is lawful"
                 if dep.receiving_state is None else
                 f"the deployment of troops of {state_name(analysis, dep.sending_state)} to "
                 f"{state_name(analysis, dep.receiving_state)} is lawful")
        for e in entries:
            if e.key.field == "claimed_justification":
                words = JUSTIFICATION_WORDS.get(str(e.value))
                claim += f" {words}" if words else ""
            else:
                claim += f", relying on {instrument(str(e.value))}"
        who = dict.fromkeys(a for e in entries for a in e.asserted_by)
        actor = " and ".join(actor_name(analysis, a) for a in who) or \
            state_name(analysis, dep.sending_state)
        notes = asm.notes.cite((s.source, s.pinpoint) for e in entries for s in e.sources)
        out.append(Position(upper_first(namer(actor)), "claim" if len(who) > 1 else "claims",
                            namer(claim), notes))
    return tuple(out)
