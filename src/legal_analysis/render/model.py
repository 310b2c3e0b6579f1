"""The memo model: one structure built from an :class:`Analysis`, rendered by every format.

It follows a legal memorandum: heading, questions presented, short answers, facts with their
provenance, the positions the actors take, a discussion per issue (rule, application, conclusion,
the other branch where a fact is undetermined, what would change the outcome), the conclusion, a
table of authorities and an appendix with each conclusion's derivation. Citations are numbered
footnotes in OSCOLA style: the full form on first citation, the short form after.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..core import UNKNOWN
from ..engine.analysis import (
    MORE_THAN_ENUMERATED,
    NOT_ENUMERABLE,
    TOO_MANY,
    Analysis,
    Result,
)
from ..engine.world import stated_certainty
from ..ruleset.schema import View
from ..sources import Registry, cite
from .derivation import DerivationLine, derivation_lines, prune
from .diagram import Graph, reasoning_graph
from .propositions import proposition
from .wording import (
    OTHERWISE,
    actor_name,
    branch_condition,
    branch_outcome,
    fact_name,
    fact_value_text,
    in_reading_order,
    label,
    state_name,
    subject_text,
    turned_on,
    upper_first,
)

KIND_HEADINGS: dict[str, str] = {
    "treaty": "Treaties",
    "case": "Cases",
    "un_document": "UN documents",
    "commentary": "Commentary",
    "report": "Reports and news",
    "news": "Reports and news",
    "statement": "Statements",
}
SHORT_ANSWER_LIMIT = 360
"""Longest list of branch conditions a short answer spells out (longer ones name the outcomes
only; the section's branches give every version)."""
STATUS_WORDS: dict[str, str] = {
    "no_rule": "no rule would decide the question",
    "unknown": "undetermined",
    "conflict": "no answer, as rules of equal rank would conflict",
}
"""How an outcome that is not a value reads in a memo."""
KIND_ORDER = ("Treaties", "Cases", "UN documents", "Commentary", "Reports and news", "Statements")


@dataclass(frozen=True)
class Footnote:
    """A numbered note: its OSCOLA text, and the source and pinpoint it cites."""

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
    """A fact the analysis relied on, with its provenance and the notes citing its sources."""

    key: str
    label: str
    value: str
    provenance: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class BranchItem:
    """One outcome of an undetermined conclusion, and the facts (or whose account) leading to it."""

    condition: str
    outcome: str
    accounts: str | None
    rules: tuple[str, ...]
    lead: str = ""
    """How the branch is introduced: ``If <condition>``, or ``In every other case`` for the
    branch that takes the most alternatives to spell out (listed last)."""


@dataclass(frozen=True)
class ContestedItem:
    """A contested point of law and the views on it."""

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
    """The derivation tree behind the answer (see :mod:`legal_analysis.engine.trace`)."""
    decisive_facts: tuple[str, ...]
    number: int
    steps: tuple[RuleStep, ...]
    """The rules tried, in the order of the derivation."""
    diagram: Graph
    """The picture of the reasoning: question, rules tried, answer or branches."""
    appendix: str
    """The anchor of this section's derivation in the appendix."""
    further: str | None = None
    """Where a branch is left undetermined: the further facts the answer turns on."""


@dataclass(frozen=True)
class RuleStep:
    """One rule tried for a conclusion: what it gives, what became of it, whether it decided."""

    rule: str
    name: str
    outcome: str
    """``applies``, ``fails``, ``unknown``, ``defeated`` or ``overridden``."""
    value: str
    path: str
    """``taken`` (it gives the answer), ``branch`` (it decides a branch) or ``none``."""
    exceptions: tuple[str, ...]
    """The exceptions that held against it."""


@dataclass(frozen=True)
class AppendixEntry:
    """The derivation of one section, as lines, in the appendix."""

    anchor: str
    number: int
    title: str
    subject: str
    section: str
    """The anchor of the section this derivation supports."""
    lines: tuple[DerivationLine, ...]


@dataclass(frozen=True)
class ConclusionItem:
    """One line of the memo's conclusion, pointing to the section that reasons it."""

    section: str
    number: int
    title: str
    subject: str
    answer: str


@dataclass(frozen=True)
class Position:
    """A position an actor takes, and the memo's assessment of it (with its sections)."""

    actor: str
    claim: str
    assessment: str
    notes: tuple[int, ...]
    sections: tuple[str, ...] = ()
    """Anchors of the sections whose reasoning the assessment rests on."""
    verb: str = "claims"
    """'claims', or 'claim' where several actors take the position together."""


@dataclass(frozen=True)
class AuthorityGroup:
    """The authorities of one kind (treaties, cases...), in full citation form."""

    heading: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class Memo:
    """The whole memo, in the order a legal memorandum reads."""

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
    conclusion: tuple[ConclusionItem, ...]
    authorities: tuple[AuthorityGroup, ...]
    footnotes: tuple[Footnote, ...]
    timeline: tuple[tuple[str, str], ...]
    """Dated facts (ISO date, what happened), oldest first."""
    appendix: tuple[AppendixEntry, ...] = ()
    """Each section's derivation, in section order."""


@dataclass
class _Notes:
    """Numbers footnotes in order of first use; full citation first, short form after."""

    registry: Registry
    notes: list[Footnote] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    by_key: dict[tuple[str, str | None], int] = field(default_factory=dict)

    def add(self, source: str, pinpoint: str | None) -> int:
        """The number of the note citing ``source`` at ``pinpoint`` (a new one on first use)."""
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

    def cite(self, refs: Iterable[tuple[str, str | None]]) -> tuple[int, ...]:
        """The numbers of the notes citing each (source, pinpoint), each number once, in order."""
        return tuple(dict.fromkeys(self.add(source, pinpoint) for source, pinpoint in refs))


def short_answer(analysis: Analysis, r: Result) -> str:
    """The answer to a conclusion in a sentence or two, with the branches if undetermined."""
    if r.status == "established":
        text = upper_first(label(analysis, r.id, r.value)) + "."
        if r.details:
            text += " " + upper_first("; ".join(d.rstrip(".") for d in r.details)) + "."
        return text
    if r.status == "conflict":
        return ("No answer: rules of equal rank point different ways (" + ", ".join(r.rules)
                + "); the rule base must order them.")
    if r.branches:
        decisive = turned_on(analysis, r.decisive_facts) or "unknown facts"
        parts = []
        for b, otherwise in in_reading_order(r.branches):
            outcome, who = branch_outcome(analysis, r, b)
            lead = OTHERWISE.lower() if otherwise else f"if {branch_condition(analysis, b)}"
            parts.append(f"{lead}{who}, {outcome}")
        outcomes = ["".join(branch_outcome(analysis, r, b)) for b in r.branches]
        head = f"Undetermined: the answer turns on {decisive}. "
        if sum(len(p) for p in parts) <= SHORT_ANSWER_LIMIT:
            return head + upper_first("; ".join(parts)) + "."
        how = "how it is resolved" if len(r.decisive_facts) == 1 else "how they are resolved"
        return (head + f"Depending on {how}: " + "; or ".join(outcomes)
                + ". Each version of the facts is set out under Branches.")
    return "Undetermined: " + _undetermined_why(analysis, r) + "."


def _undetermined_why(analysis: Analysis, r: Result) -> str:
    """Why a result without branches is undetermined, naming its facts in words (the
    engine's note names them by key)."""
    names = turned_on(analysis, r.unresolved_facts)
    note = r.note or ""
    if names and note.startswith(NOT_ENUMERABLE):
        return f"the answer turns on {names}, which the facts do not give"
    if names and note.startswith((TOO_MANY, MORE_THAN_ENUMERATED)):
        return f"the answer turns on more unknown facts than can be set out one by one: {names}"
    return note or "the facts do not decide it"


def build_memo(analysis: Analysis, *, to: str = "The Legal Adviser",
               from_: str = "legal_analysis", flips: bool = True) -> Memo:
    """Build the memo model (deterministic: the same analysis gives the same memo).

    Footnotes are numbered in reading order: facts, positions, then each section's law,
    application and contested views. Every section carries its derivation, and the appendix
    repeats it as lines, so that no conclusion is stated without the reasoning behind it.
    """
    from ..engine.counterfactual import event_dates
    from ..engine.trace import keys_read

    notes = _Notes(analysis.rulebook.registry)
    results = public_results(analysis)
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
        nums = notes.cite((s.source, s.pinpoint) for s in entry.sources
                          if s.source in analysis.rulebook.registry)
        facts.append(FactItem(key, upper_first(fact_name(key, analysis)),
                              _entry_value(analysis, entry), _provenance(analysis, entry), nums))
    anchors = {id(r): f"s{i}-{_slug(r.node_id)}" for i, r in enumerate(results, start=1)}
    positions = _positions(analysis, notes, anchors)
    sections = tuple(_section(analysis, r, notes, flips, i, anchors[id(r)])
                     for i, r in enumerate(results, start=1))
    # each section's tree refers to the sections it relies on instead of repeating their trees
    derived_in = {str(s.derivation["id"]): (f"A.{s.number}", s.appendix) for s in sections}
    sections = tuple(dataclasses.replace(s, derivation=prune(s.derivation, derived_in))
                     for s in sections)
    conclusion = tuple(ConclusionItem(s.anchor, s.number, s.title, s.subject, s.short_answer)
                       for s in sections)
    short = _short_cite(analysis.rulebook.registry)
    appendix = tuple(AppendixEntry(s.appendix, s.number, s.title, s.subject, s.anchor,
                                   derivation_lines(s.derivation, short, derived_in,
                                                    analysis.names))
                     for s in sections)
    authorities = _authorities(analysis, notes)
    timeline = tuple((d.isoformat(), upper_first("; ".join(fact_name(k, analysis) for k in ks)))
                     for d, ks in event_dates(analysis).items())
    s = analysis.scenario
    return Memo(
        title=s.title, to=to, from_=from_, date=analysis.as_of.isoformat(),
        re=f"{s.title}: status, party to the conflict, transfer and accountability",
        scenario=s.id, summary=s.summary, questions=questions, sections=sections,
        facts=tuple(facts), positions=positions, conclusion=conclusion,
        authorities=authorities, footnotes=tuple(notes.notes), timeline=timeline,
        appendix=appendix)


def _slug(text: str) -> str:
    """``text`` as an HTML id fragment: letters, digits, dashes and underscores only.

    >>> _slug("party_to_conflict[state=PRK,conflict=russia-ukraine]")
    'party_to_conflict-state-PRK-conflict-russia-ukraine'
    """
    return re.sub(r"[^A-Za-z0-9_]+", "-", text).strip("-")


def _short_cite(registry: Registry) -> Any:
    """A function giving the short citation of a source and pinpoint (the id if unregistered)."""

    def short(source: str, pinpoint: str | None) -> str:
        """The short citation of ``source`` at ``pinpoint``."""
        if source not in registry.sources:
            return source + (f", {pinpoint}" if pinpoint else "")
        return cite(registry.get(source), pinpoint, first=False)

    return short


def _entry_value(analysis: Analysis, entry: Any) -> str:
    """A fact's value, or each version of it with who gives it where it is disputed."""
    if entry.accounts and entry.disputed:
        return "disputed: " + "; ".join(
            f"{fact_value_text(analysis, v, str(entry.key))} according to {', '.join(by)}"
            for v, by in entry.accounts)
    return fact_value_text(analysis, entry.value, str(entry.key))


def _provenance(analysis: Analysis, entry: Any) -> str:
    """How sure a fact is, who asserts or denies it, from when, and the note on it. An unknown
    fact is not called 'established' (see :func:`stated_certainty`)."""
    level = stated_certainty(entry.value, entry.certainty)
    parts = [level] if level else []
    if entry.asserted_by:
        parts.append("asserted by " + ", ".join(actor_name(analysis, a) for a in entry.asserted_by))
    if entry.denied_by:
        parts.append("denied by " + ", ".join(actor_name(analysis, a) for a in entry.denied_by))
    if entry.on is not None:
        parts.append(f"from {entry.on.isoformat()}")
    if entry.note:
        parts.append(entry.note.rstrip("."))
    return "; ".join(parts) or "no source gives it"


JUSTIFICATION_WORDS: dict[str, str] = {
    "collective_self_defence": "as collective self-defence",
    "individual_self_defence": "as individual self-defence",
    "consent": "by the consent of the territorial state",
}
"""How a claimed justification reads after 'lawful' (none claimed, or another, adds nothing)."""


def _positions(analysis: Analysis, notes: _Notes,
               anchors: dict[int, str]) -> tuple[Position, ...]:
    """The position the actors take on each deployment: that it is lawful, on the justification
    and the legal basis they claim, with the memo's assessment."""
    out: list[Position] = []
    for did, dep in sorted(analysis.scenario.deployments.items()):
        entries = [e for e in (analysis.index.entries.get(f"deployments.{did}.{name}")
                               for name in ("claimed_justification", "claimed_legal_basis"))
                   if e is not None and e.value != UNKNOWN]
        if not entries:
            continue
        claim = (f"the deployment of {state_name(analysis, dep.sending_state)} troops to "
                 f"{state_name(analysis, dep.receiving_state)} is lawful")
        for e in entries:
            if e.key.field == "claimed_justification":
                words = JUSTIFICATION_WORDS.get(str(e.value))
                claim += f" {words}" if words else ""
            else:
                claim += f" (the legal basis claimed: {e.value})"
        who = dict.fromkeys(a for e in entries for a in e.asserted_by)
        actor = " and ".join(actor_name(analysis, a) for a in who) or \
            state_name(analysis, dep.sending_state)
        nums = notes.cite((s.source, s.pinpoint) for e in entries for s in e.sources
                          if s.source in analysis.rulebook.registry)
        assessed = [r for r in analysis.results if r.id == "unlawful_use_of_force"
                    and r.subject_dict.get("state") == dep.sending_state]
        assessment = "; ".join(short_answer(analysis, r) for r in assessed) or \
            "The rule base holds no assessment of this claim."
        out.append(Position(actor, claim, assessment, nums,
                            tuple(anchors[id(r)] for r in assessed),
                            "claim" if len(who) > 1 else "claims"))
    return tuple(out)


def rule_name(rule_id: str) -> str:
    """A rule's id as a short readable name (its topic prefix dropped).

    >>> rule_name("party.sending_state.command_retained")
    'Sending state · command retained'
    >>> rule_name("default")
    'No rule applies: the default'
    """
    if rule_id == "default":
        return "No rule applies: the default"
    parts = rule_id.split(".")
    words = " · ".join(p.replace("_", " ") for p in (parts[1:] if len(parts) > 1 else parts))
    return words[:1].upper() + words[1:]


def public_results(analysis: Analysis) -> list[Result]:
    """The results a memo discusses: those of public conclusions (helper conclusions such as
    an intermediate risk test appear inside the derivations that use them)."""
    book = analysis.rulebook
    return [r for r in analysis.results if book.conclusions[r.id].spec.public]


def section_tree(analysis: Analysis, r: Result) -> dict[str, Any]:
    """The derivation tree of ``r``, not descending into the conclusions that have sections of
    their own (the memo derives each of those in its own appendix entry, see :func:`prune`).

    """
    others = {x.node_id for x in public_results(analysis)} - {r.node_id}
    return analysis.explain(r.id, stop_at=others, **r.subject_dict)


def _steps(analysis: Analysis, r: Result, tree: dict[str, Any]) -> tuple[RuleStep, ...]:
    """The rules tried for a result, in derivation order, with what became of each."""
    branch_rules = {rid for b in r.branches for rid in b.rules}
    steps: list[RuleStep] = []
    for node in tree["rules"]:
        rid = node["rule"]
        path = "taken" if rid in r.rules else ("branch" if rid in branch_rules else "none")
        held = tuple(e["rule"] for e in node["exceptions"] if e["result"] == "true")
        value = node["value"]
        shown = label(analysis, r.id, tuple(value) if isinstance(value, list) else value)
        steps.append(RuleStep(rid, rule_name(rid), node["outcome"], shown, path, held))
    default = tree.get("default")
    if default is not None and default.get("used"):
        steps.append(RuleStep("default", rule_name("default"), "applies",
                              label(analysis, r.id, default["value"]), "taken", ()))
    return tuple(steps)


def sources_of_facts(analysis: Analysis) -> frozenset[str]:
    """The documents the scenario itself cites for its facts. A rule's positions (views of named
    holders in documents that are not law) are shown only from these: a memo on a case that
    does not rely on a document never quotes it."""
    return frozenset(ref.source for e in analysis.index.entries.values() for ref in e.sources)


def _view(view: View, linked: frozenset[str], notes: _Notes) -> Cited:
    """One view on a contested point, with its authorities and, where the case relies on the
    documents they appear in, who holds it."""
    held = [p for p in view.positions if p.source in linked]
    text = view.view
    if held:
        holders = list(dict.fromkeys(p.holder for p in held))
        text += " Held by " + (", ".join(holders[:-1]) + " and " + holders[-1]
                               if len(holders) > 1 else holders[0]) + "."
    refs = [(a.source, a.pinpoint) for a in view.authorities] + [(p.source, p.pinpoint) for p in held]
    return Cited(text, notes.cite(refs))


def _section(analysis: Analysis, r: Result, notes: _Notes, flips: bool, number: int,
             anchor: str) -> Section:
    """The discussion of one result; notes are numbered law first, then application, views."""
    book = analysis.rulebook
    spec = book.conclusions[r.id].spec
    tree = section_tree(analysis, r)
    decided = set(r.rules) | {rid for b in r.branches for rid in b.rules}
    rule_text: list[Cited] = []
    application: list[Cited] = []
    contested: list[ContestedItem] = []
    # the law first: footnotes are numbered in the order the memo is read
    for node in tree["rules"]:
        if node["rule"] not in decided:
            continue
        for a in book.rules[node["rule"]].spec.authorities:
            if a.quote and a.quote in book.registry.quotations:
                q = book.registry.quotations[a.quote]
                cited = Cited(f"“{q.text}”", (notes.add(a.source, a.pinpoint),))
                if cited not in rule_text:
                    rule_text.append(cited)
    for node in tree["rules"]:
        rule = book.rules[node["rule"]]
        nums = notes.cite((a.source, a.pinpoint) for a in rule.spec.authorities)
        outcome = {"applies": "applies", "fails": "does not apply", "unknown": "may apply",
                   "defeated": "is displaced by an exception",
                   "overridden": "is overridden by a rule of higher rank"}[node["outcome"]]
        application.append(Cited(f"{node['explanation']} (rule {node['rule']} {outcome}.)", nums))
    if r.rules == ("default",) and spec.default is not None:
        nums = notes.cite((a.source, a.pinpoint) for a in spec.default.authorities)
        application.append(Cited(spec.default.explain, nums))
    for node in tree["rules"]:
        rule = book.rules[node["rule"]]
        if rule.spec.contested is not None:
            linked = sources_of_facts(analysis)
            views = tuple(_view(v, linked, notes) for v in rule.spec.contested.views)
            item = ContestedItem(rule.spec.contested.issue, views)
            if item not in contested:
                contested.append(item)
    branches = tuple(
        BranchItem(condition,
                   label(analysis, r.id, b.value) if b.status == "established" else b.status,
                   ", ".join(actor_name(analysis, a) for a in b.accounts) or None, b.rules,
                   OTHERWISE if otherwise else f"If {condition}")
        for b, otherwise in in_reading_order(r.branches)
        for condition in [branch_condition(analysis, b)])
    changes = _changes(analysis, r) if flips else ()
    answer = short_answer(analysis, r)
    subject = subject_text(analysis, r)
    steps = _steps(analysis, r, tree)
    shown = label(analysis, r.id, r.value) if r.status == "established" else answer
    diagram = reasoning_graph(spec.title, subject, r.status, shown, steps, branches)
    return Section(anchor, r.id, spec.title, r.question, subject, r.status,
                   answer, tuple(rule_text), tuple(application),
                   answer, branches, changes, tuple(contested), r.details,
                   tree, r.decisive_facts, number, steps, diagram, f"appendix-{anchor}",
                   further_facts(analysis, r))


def further_facts(analysis: Analysis, r: Result) -> str | None:
    """For an undetermined result with branches: a sentence naming the unknown facts the
    branches do not set out (beyond the budget of evaluations, or without a finite set of
    values), on which the answer also turns."""
    if not r.branches or not r.unresolved_facts:
        return None
    return ("The answer also turns on facts the branches do not set out: "
            f"{turned_on(analysis, r.unresolved_facts)}.")


def _changes(analysis: Analysis, r: Result) -> tuple[str, ...]:
    """For an established answer: the single fact changes that would change it."""
    if r.status != "established":
        return ()
    out: list[str] = []
    for flip in analysis.flip_outcomes(r.id, max_size=1, **r.subject_dict):
        after = label(analysis, r.id, flip.value) if flip.status == "established" else \
            STATUS_WORDS.get(flip.status, flip.status)
        facts = " and ".join(_supposed(analysis, k, v) for k, v in flip.changes)
        out.append(f"If {facts}, the answer would be: {after}.")
    return tuple(out)


def _supposed(analysis: Analysis, key: str, value: Any) -> str:
    """A fact set otherwise, after 'If': 'instead <its sentence>' for a fact with a sentence
    for that value (see :mod:`.propositions`), '<its name> were <value>' for the others."""
    said = proposition(analysis, key, value)
    if said is not None:
        return f"instead {said}"
    return f"{fact_name(key, analysis)} were {fact_value_text(analysis, value, key)}"


def _authorities(analysis: Analysis, notes: _Notes) -> tuple[AuthorityGroup, ...]:
    """Every source cited, in full form, grouped by kind in a fixed order."""
    groups: dict[str, list[str]] = {}
    reg = analysis.rulebook.registry
    for source in sorted({n.source for n in notes.notes}):
        src = reg.get(source)
        heading = KIND_HEADINGS.get(src.kind, "Other")
        groups.setdefault(heading, []).append(cite(src, None, first=True))
    return tuple(AuthorityGroup(h, tuple(sorted(groups[h]))) for h in KIND_ORDER if h in groups)
