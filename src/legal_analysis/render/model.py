"""The memo model: one structure built from an :class:`Analysis`, rendered by every format.

It follows a legal memorandum: heading, questions presented, short answers, facts with their
provenance, the positions the actors take, a discussion per issue (rule, application, conclusion,
the other branch where a fact is undetermined, what would change the outcome), the conclusion, a
table of authorities and an appendix with each conclusion's derivation. Citations are numbered
footnotes in OSCOLA style: the full form on first citation, the short form after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..engine.analysis import Analysis, Branch, Result
from ..engine.world import describe_key
from ..facts import UNKNOWN
from ..sources import Registry, cite
from .text import value_text

KIND_HEADINGS: dict[str, str] = {
    "treaty": "Treaties",
    "case": "Cases",
    "un_document": "UN documents",
    "commentary": "Commentary",
    "report": "Reports and news",
    "news": "Reports and news",
    "statement": "Statements",
}
KIND_ORDER = ("Treaties", "Cases", "UN documents", "Commentary", "Reports and news", "Statements")


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    source: str
    pinpoint: str | None


@dataclass(frozen=True)
class Cited:
    """A sentence and the footnotes that support it."""

    text: str
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class FactItem:
    key: str
    label: str
    value: str
    provenance: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class BranchItem:
    condition: str
    outcome: str
    accounts: str | None
    rules: tuple[str, ...]


@dataclass(frozen=True)
class ContestedItem:
    issue: str
    views: tuple[Cited, ...]


@dataclass(frozen=True)
class Section:
    """The discussion of one conclusion for one subject."""

    anchor: str
    conclusion: str
    title: str
    question: str
    subject: str
    status: str
    short_answer: str
    rule: tuple[Cited, ...]
    application: tuple[Cited, ...]
    conclusion_text: str
    branches: tuple[BranchItem, ...]
    changes: tuple[str, ...]
    contested: tuple[ContestedItem, ...]
    details: tuple[str, ...]
    derivation: dict[str, Any]
    decisive_facts: tuple[str, ...]


@dataclass(frozen=True)
class Position:
    actor: str
    claim: str
    assessment: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class AuthorityGroup:
    heading: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class Memo:
    title: str
    to: str
    from_: str
    date: str
    re: str
    scenario: str
    summary: str | None
    questions: tuple[str, ...]
    sections: tuple[Section, ...]
    facts: tuple[FactItem, ...]
    positions: tuple[Position, ...]
    conclusion: tuple[str, ...]
    authorities: tuple[AuthorityGroup, ...]
    footnotes: tuple[Footnote, ...]
    timeline: tuple[tuple[str, str], ...]


@dataclass
class _Notes:
    """Numbers footnotes in order of first use; full citation first, short form after."""

    registry: Registry
    notes: list[Footnote] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    by_key: dict[tuple[str, str | None], int] = field(default_factory=dict)

    def add(self, source: str, pinpoint: str | None) -> int:
        key = (source, pinpoint)
        if key in self.by_key:
            return self.by_key[key]
        src = self.registry.get(source)
        text = cite(src, pinpoint, first=source not in self.seen)
        self.seen.add(source)
        number = len(self.notes) + 1
        self.notes.append(Footnote(number, text, source, pinpoint))
        self.by_key[key] = number
        return number


def label(analysis: Analysis, cid: str, value: Any) -> str:
    """The readable label of a conclusion's value (its declared label, or the value itself)."""
    labels = analysis.rulebook.conclusions[cid].spec.labels
    if isinstance(value, tuple):
        return ", ".join(state_name(analysis, v) for v in value) or "none"
    return labels.get(str(value), value_text(value))


def state_name(analysis: Analysis, code: Any) -> str:
    s = analysis.scenario.states.get(str(code))
    return s.name if s else str(code)


def subject_text(analysis: Analysis, result: Result) -> str:
    parts = []
    for role, ident in result.subject:
        name = ident
        if ident in analysis.scenario.states:
            name = analysis.scenario.states[ident].name
        elif ident in analysis.scenario.persons:
            name = analysis.scenario.persons[ident].name
        elif ident in analysis.scenario.conflicts:
            name = analysis.scenario.conflicts[ident].name
        parts.append(f"{role.replace('_', ' ')}: {name}")
    return "; ".join(parts)


def fact_value_text(analysis: Analysis, value: Any) -> str:
    if value == UNKNOWN:
        return "unknown"
    if isinstance(value, str) and value in analysis.scenario.states:
        return state_name(analysis, value)
    return value_text(value).replace("_", " ")


def branch_condition(analysis: Analysis, branch: Branch) -> str:
    alts = []
    for alt in branch.when:
        alts.append(" and ".join(f"{describe_key(k)} is {fact_value_text(analysis, v)}"
                                 for k, v in alt) or "in every case")
    return " or ".join(f"({a})" if len(branch.when) > 1 else a for a in alts)


def short_answer(analysis: Analysis, r: Result) -> str:
    if r.status == "established":
        text = label(analysis, r.id, r.value).capitalize() + "."
        if r.details:
            text += " " + "; ".join(r.details).capitalize() + "."
        return text
    if r.status == "conflict":
        return ("No answer: rules of equal rank point different ways (" + ", ".join(r.rules)
                + "); the rule base must order them.")
    if r.branches:
        decisive = ", ".join(describe_key(k) for k in r.decisive_facts) or "unknown facts"
        parts = []
        for b in r.branches:
            outcome = label(analysis, r.id, b.value) if b.status == "established" else b.status
            who = f" (on the account of {', '.join(b.accounts)})" if b.accounts else ""
            parts.append(f"if {branch_condition(analysis, b)}{who}, {outcome}")
        return f"Undetermined: the answer turns on {decisive}. " + "; ".join(parts) + "."
    return "Undetermined: " + (r.note or "the facts do not decide it") + "."


def build_memo(analysis: Analysis, *, to: str = "The Legal Adviser",
               from_: str = "legal_analysis", flips: bool = True) -> Memo:
    """Build the memo model (deterministic: the same analysis gives the same memo)."""
    from ..engine.counterfactual import event_dates
    from ..engine.trace import keys_read

    notes = _Notes(analysis.rulebook.registry)
    results = analysis.results
    questions = tuple(dict.fromkeys(r.question for r in results))
    # facts relied on, in key order, each with its provenance and sources
    keys: set[str] = set()
    for r in results:
        keys |= keys_read(analysis, r.id, r.subject)
    facts: list[FactItem] = []
    for key in sorted(keys):
        entry = analysis.index.entries.get(key)
        if entry is None or (entry.derived and not entry.sources):
            continue
        if entry.value == UNKNOWN and not entry.accounts and not entry.sources and not entry.note:
            continue
        nums = tuple(notes.add(s.source, s.pinpoint) for s in entry.sources
                     if s.source in analysis.rulebook.registry)
        facts.append(FactItem(key, describe_key(key).capitalize(),
                              _entry_value(analysis, entry), _provenance(analysis, entry), nums))
    positions = _positions(analysis, notes)
    sections = tuple(_section(analysis, r, notes, flips) for r in results)
    conclusion = tuple(f"{s.title} ({s.subject}): {s.short_answer}" for s in sections)
    authorities = _authorities(analysis, notes)
    timeline = tuple((d.isoformat(), "; ".join(describe_key(k) for k in ks))
                     for d, ks in event_dates(analysis).items())
    s = analysis.scenario
    return Memo(
        title=s.title, to=to, from_=from_, date=analysis.as_of.isoformat(),
        re=f"{s.title}: status, party to the conflict, transfer and accountability",
        scenario=s.id, summary=s.summary, questions=questions, sections=sections,
        facts=tuple(facts), positions=positions, conclusion=conclusion,
        authorities=authorities, footnotes=tuple(notes.notes), timeline=timeline)


def _entry_value(analysis: Analysis, entry: Any) -> str:
    if entry.accounts and entry.disputed:
        return "disputed: " + "; ".join(
            f"{fact_value_text(analysis, v)} according to {', '.join(by)}"
            for v, by in entry.accounts)
    return fact_value_text(analysis, entry.value)


def _provenance(analysis: Analysis, entry: Any) -> str:
    parts = [entry.certainty]
    if entry.asserted_by:
        parts.append("asserted by " + ", ".join(_actor(analysis, a) for a in entry.asserted_by))
    if entry.denied_by:
        parts.append("denied by " + ", ".join(_actor(analysis, a) for a in entry.denied_by))
    if entry.on is not None:
        parts.append(f"from {entry.on.isoformat()}")
    if entry.note:
        parts.append(entry.note.rstrip("."))
    return "; ".join(parts)


def _actor(analysis: Analysis, ident: str) -> str:
    if ident in analysis.scenario.states:
        return analysis.scenario.states[ident].name
    actor = analysis.scenario.actors.get(ident)
    return actor.name if actor else ident


def _positions(analysis: Analysis, notes: _Notes) -> tuple[Position, ...]:
    out: list[Position] = []
    for did, dep in sorted(analysis.scenario.deployments.items()):
        key = f"deployments.{did}.claimed_legal_basis"
        entry = analysis.index.entries.get(key)
        if entry is None or entry.value == UNKNOWN:
            continue
        actor = ", ".join(_actor(analysis, a) for a in entry.asserted_by) or \
            state_name(analysis, dep.sending_state)
        nums = tuple(notes.add(s.source, s.pinpoint) for s in entry.sources
                     if s.source in analysis.rulebook.registry)
        assessed = [r for r in analysis.results if r.id == "unlawful_use_of_force"
                    and r.subject_dict.get("state") == dep.sending_state]
        assessment = "; ".join(short_answer(analysis, r) for r in assessed) or \
            "The rule base holds no assessment of this claim."
        out.append(Position(actor, str(entry.value), assessment, nums))
    return tuple(out)


def _section(analysis: Analysis, r: Result, notes: _Notes, flips: bool) -> Section:
    book = analysis.rulebook
    spec = book.conclusions[r.id].spec
    tree = analysis.explain(r.id, **r.subject_dict)
    decided = set(r.rules) | {rid for b in r.branches for rid in b.rules}
    rule_text: list[Cited] = []
    application: list[Cited] = []
    contested: list[ContestedItem] = []
    for node in tree["rules"]:
        rule = book.rules[node["rule"]]
        nums = tuple(notes.add(a.source, a.pinpoint) for a in rule.spec.authorities)
        if node["rule"] in decided:
            for a in rule.spec.authorities:
                if a.quote and a.quote in book.registry.quotations:
                    q = book.registry.quotations[a.quote]
                    rule_text.append(Cited(f"“{q.text}”", (notes.add(a.source, a.pinpoint),)))
        outcome = {"applies": "applies", "fails": "does not apply", "unknown": "may apply",
                   "defeated": "is displaced by an exception",
                   "overridden": "is overridden by a rule of higher rank"}[node["outcome"]]
        application.append(Cited(f"{node['explanation']} (rule {node['rule']} {outcome}.)", nums))
        if rule.spec.contested is not None:
            views = tuple(Cited(v.view, tuple(notes.add(a.source, a.pinpoint)
                                              for a in v.authorities))
                          for v in rule.spec.contested.views)
            item = ContestedItem(rule.spec.contested.issue, views)
            if item not in contested:
                contested.append(item)
    if r.rules == ("default",) and spec.default is not None:
        nums = tuple(notes.add(a.source, a.pinpoint) for a in spec.default.authorities)
        application.append(Cited(spec.default.explain, nums))
    branches = tuple(
        BranchItem(branch_condition(analysis, b),
                   label(analysis, r.id, b.value) if b.status == "established" else b.status,
                   ", ".join(_actor(analysis, a) for a in b.accounts) or None, b.rules)
        for b in r.branches)
    changes = _changes(analysis, r) if flips else ()
    anchor = r.node_id.replace("[", "-").replace("]", "").replace(",", "-").replace("=", "-")
    return Section(anchor, r.id, spec.title, r.question, subject_text(analysis, r), r.status,
                   short_answer(analysis, r), tuple(rule_text), tuple(application),
                   short_answer(analysis, r), branches, changes, tuple(contested), r.details,
                   tree, r.decisive_facts)


def _changes(analysis: Analysis, r: Result) -> tuple[str, ...]:
    if r.status != "established":
        return ()
    out: list[str] = []
    for change in analysis.flips(r.id, max_size=1, **r.subject_dict):
        w = analysis.index.world({**analysis.overrides, **dict(change)})
        d = analysis.engine.decide(w, r.id, r.subject)
        after = label(analysis, r.id, d.value) if d.status == "established" else d.status
        facts = " and ".join(f"{describe_key(k)} were {fact_value_text(analysis, v)}"
                             for k, v in change)
        out.append(f"If {facts}, the answer would be: {after}.")
    return tuple(out)


def _authorities(analysis: Analysis, notes: _Notes) -> tuple[AuthorityGroup, ...]:
    groups: dict[str, list[str]] = {}
    reg = analysis.rulebook.registry
    for source in sorted({n.source for n in notes.notes}):
        src = reg.get(source)
        heading = KIND_HEADINGS.get(src.kind, "Other")
        groups.setdefault(heading, []).append(cite(src, None, first=True))
    return tuple(AuthorityGroup(h, tuple(sorted(groups[h]))) for h in KIND_ORDER if h in groups)
