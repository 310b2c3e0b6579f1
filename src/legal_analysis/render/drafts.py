"""The discussion of one result, drafted before it is placed in the memo, and the grouping of
results whose discussions are the same but for their subjects.

A :class:`Draft` holds what a memo says about one conclusion for one subject: the question,
the answer, the reasoning of the rules that decide it (for an open question, of the rules that
decide each version of the facts), the law they quote, the contested points they raise and
what would change the answer. Its text still names the subject in full. Two drafts of one
conclusion whose texts are the same once their subjects' names are put aside (soldier 1 and
soldier 2 with the same facts) are discussed once, naming both (:func:`grouped`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..core import is_unknown
from ..engine.analysis import Analysis, Result
from ..engine.plan import Instance
from ..engine.sentences import fill
from ..engine.trace import decisive_children
from ..ruleset.conditions import ConclusionTest
from .citing import Ref, citable, is_law, short_cite
from .names import Namer, and_join, upper_first
from .phrasing import MANY_FACTS, answer, full_answer, question, short_answer, versions
from .propositions import proposition
from .wording import actor_name, fact_name, fact_value_text, in_reading_order, turned_on

CASE_FACTS = ("deployments.", "persons.")
"""Fact keys of the case itself: an answer resting on them is never set aside as plain."""
MAX_CHANGES = 3
"""Most single fact changes a discussion lists as changing its answer."""
REASON = "detail"
"""Which sentence of a rule gives a version's reasons: its short 'detail' (or, lacking one,
its full explanation)."""
CITES = 2
"""Most authorities cited for one passage (the rule's first ones, which it lists first)."""
QUOTES = 1
"""How many provisions of each deciding rule the discussion quotes (its first; the others
are cited in the notes)."""
KIND_RANK = {"treaty": 0, "case": 1, "un_document": 2, "commentary": 3}
"""Which kind of authority a discussion quotes first."""
MAX_QUOTES = 1
"""Most provisions one discussion quotes (the first deciding rules' first ones)."""
MAX_REASONS = 1
"""Most reasons a version of the facts gives (one per rule deciding one of its cases)."""
OTHER_ROUTES = "Other combinations of the facts lead here by other routes."


@dataclass(frozen=True)
class Para:
    """A passage and the citations that support it (numbered when the memo is assembled)."""

    text: str
    refs: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class Version:
    """The outcome under one version of the facts, and the reasoning that leads there."""

    lead: str
    outcome: str
    reasons: tuple[Para, ...]
    accounts: str = ""
    value: Any = None
    details: tuple[str, ...] = ()
    """The short reasons the deciding rules give (for a table's conditions)."""
    restates: bool = False
    """Whether the version only restates another question's answer (its lead says which)."""


@dataclass(frozen=True)
class Contest:
    """A contested point of law: the issue, each view with its authorities, and what each
    view rests on."""

    issue: str
    views: tuple[Para, ...]
    weight: str


@dataclass(frozen=True)
class Draft:
    """What the memo says about one result (or, once grouped, about several)."""

    cid: str
    results: tuple[Result, ...]
    subjects: tuple[tuple[str, tuple[str, ...]], ...]
    """Each role of the subject and the names that fill it (several, once grouped)."""
    question: str
    answer: str
    bottom: str
    plain: str
    """The answer in one line, where it is plain and uncontested ('' otherwise)."""
    application: tuple[Para, ...]
    versions: tuple[Version, ...]
    further: str
    quotes: tuple[str, ...]
    """The verified quotations of the law the deciding rules rest on, by id."""
    contested: tuple[Contest, ...]
    changes: tuple[str, ...]
    title: str = ""
    """The discussion's title where it is not its conclusion's (questions discussed together)."""


Clean = Callable[[str], str]


def draft(analysis: Analysis, r: Result, clean: Clean, *, flips: bool = True) -> Draft:
    """The draft discussion of a result (names in full; ``clean`` strips internal names)."""
    insts = analysis.instances(r.id, r.subject)
    deciding: list[tuple[Instance, Any]] = []
    if r.status == "established":
        deciding = [(i, analysis.world) for i in analysis.decide(r.id, r.subject).winners]
    application = tuple(_para(analysis, i, w, r, "holds", clean) for i, w in deciding)
    spec = analysis.rulebook.conclusions[r.id].spec
    if r.rules == ("default",) and spec.default is not None:
        application += (Para(clean(spec.default.explain), _refs(analysis, spec.default.authorities)),)
    drafts_versions: list[Version] = []
    derived: list[str] = []
    for lead, outcome, b, _other in versions(analysis, r):
        routes = _branch_routes(analysis, r, b.when, insts)
        pairs = [pair for route in routes for pair in route]
        phrase = restated(analysis, [i for i, _w in pairs])
        derived.append(phrase)
        value = b.value if b.status == "established" else None
        if phrase:
            drafts_versions.append(Version(lead, outcome, (), value=value, details=b.details,
                                           restates=True))
            continue
        # each case of a version is decided by its own rules: the first rule of each of the
        # first cases gives the reason; the other cases are said to lead there too
        firsts = list(dict.fromkeys(route[0] for route in routes if route))
        deciding.extend(firsts[:MAX_REASONS])
        reasons = tuple(dict.fromkeys(_para(analysis, i, w, r, REASON, clean)
                                      for i, w in firsts[:MAX_REASONS]))
        if len(firsts) > MAX_REASONS:
            reasons += (Para(OTHER_ROUTES),)
        if b.rules == ("default",) and spec.default is not None:
            reasons += (Para(clean(spec.default.explain),
                             _refs(analysis, spec.default.authorities)),)
        who = and_join([actor_name(analysis, a) for a in b.accounts])
        drafts_versions.append(Version(lead, outcome, reasons, who, value, b.details))
    full = clean(full_answer(analysis, r))
    none_of = _none_of(r)
    if none_of is not None:
        drafts_versions[none_of] = dataclasses.replace(drafts_versions[none_of],
                                                       lead="if none of these holds")
    if len(drafts_versions) == 2 and sum(bool(p) for p in derived) == 1:
        # one version only restates another question's answer: say so, and call the other
        # version the rest, instead of spelling out the facts of both
        i = 0 if derived[0] else 1
        phrase = derived[i]
        first = dataclasses.replace(drafts_versions[i], lead=f"if {phrase}")
        rest = dataclasses.replace(drafts_versions[1 - i], lead="otherwise")
        drafts_versions = [first, rest]
        full = f"The answer turns on whether {phrase}."
    rules = [i.rule for i, _w in deciding]
    quotes = tuple(dict.fromkeys(
        q for rule in rules for q in _quotes(analysis, rule)[:QUOTES]))[:MAX_QUOTES]
    contested = tuple(dict.fromkeys(
        _contest(analysis, rule.spec.contested) for rule in rules if rule.spec.contested))
    plain = _plain_line(analysis, r, clean) if _is_plain(analysis, r, rules) else ""
    changes = _changes(analysis, r) if flips and r.status == "established" and not plain else ()
    names = analysis.names
    further = ""
    if r.branches and r.unresolved_facts:
        keys = r.unresolved_facts
        further = ("The answer also turns on facts the versions do not set out: "
                   f"{turned_on(analysis, keys)}." if len(keys) <= MANY_FACTS else
                   f"The answer also turns on {len(keys)} further facts the versions do not "
                   f"set out, among them {turned_on(analysis, keys[:2])}.")
    return Draft(r.id, (r,), tuple((role, (names.get(i, i),)) for role, i in r.subject),
                 question(analysis, r), full,
                 clean(short_answer(analysis, r)), plain, application,
                 tuple(drafts_versions), further, quotes, contested, changes)


def _quotes(analysis: Analysis, rule: Any) -> list[str]:
    """The verified quotations of the law among a rule's authorities, in its order."""
    reg = analysis.rulebook.registry
    found = [a for a in rule.spec.authorities
             if a.quote and a.quote in reg.quotations and is_law(reg, a.source, analysis.as_of)]
    # a treaty's words before a judgment's, and both before a commentary's
    found.sort(key=lambda a: KIND_RANK.get(reg.sources[a.source].kind, 9))
    return [str(a.quote) for a in found]


def _none_of(r: Result) -> int | None:
    """The version (its index in reading order) under which every fact the answer turns on is
    false, where the answer lists those facts and there are several: it reads 'if none of these
    holds'."""
    if len(r.decisive_facts) < 2 or len(r.decisive_facts) > MANY_FACTS:
        return None
    for n, (b, _other) in enumerate(in_reading_order(r.branches)):
        if len(b.when) == 1 and {k for k, _v in b.when[0]} == set(r.decisive_facts) \
                and all(v is False for _k, v in b.when[0]):
            return n
    return None


def _refs(analysis: Analysis, authorities: Sequence[Any]) -> tuple[Ref, ...]:
    """The authorities a memo may cite for a point of law (not news, nothing dated later)."""
    reg = analysis.rulebook.registry
    return tuple(dict.fromkeys((a.source, a.pinpoint) for a in authorities
                               if citable(reg, a.source, analysis.as_of)))[:CITES]


def _para(analysis: Analysis, inst: Instance, world: Any, r: Result, which: str,
          clean: Clean) -> Para:
    """A rule's sentence ('holds', or its detail) for the subject, with its citations."""
    spec = inst.rule.spec
    template = spec.detail if which == "detail" and spec.detail else spec.explain.holds
    text = clean(upper_first(fill(template, inst.binding, r.subject, analysis.names)
                             .rstrip(".")) + ".")
    reg = analysis.rulebook.registry
    linked = sources_of_facts(analysis)
    held = [p for p in spec.positions
            if p.source in linked and citable(reg, p.source, analysis.as_of)]
    if held:
        text += f" This is the view of {and_join(list(dict.fromkeys(p.holder for p in held)))}."
    return Para(text, _refs(analysis, (*spec.authorities, *held)))


def _branch_routes(analysis: Analysis, r: Result, when: Any,
                   insts: Sequence[Instance]) -> list[list[tuple[Instance, Any]]]:
    """For each case (alternative) of a version of the facts, the rules that decide it, in the
    rule base's order; a rule already deciding an earlier case is left out of later ones."""
    out: list[list[tuple[Instance, Any]]] = []
    seen: set[str] = set()
    for alt in when:
        decision = analysis.decide(r.id, r.subject, alt)
        route = [(i, alt) for i in decision.winners if i.rule.id not in seen]
        seen.update(i.rule.id for i, _w in route)
        out.append(route)
    return out


def restated(analysis: Analysis, insts: Sequence[Instance]) -> str:
    """Where every deciding rule only restates another public question's answer (a transfer
    barred because non-refoulement bars it): that answer, as a sentence; '' otherwise."""
    book = analysis.rulebook
    said: list[str] = []
    for inst in insts:
        cond = inst.rule.when
        if not isinstance(cond, ConclusionTest) or not book.conclusions[cond.conclusion].spec.public:
            return ""
        subject = tuple((role, inst.binding.get(var, "")) for role, var in cond.subject)
        found = [x for x in analysis.results if x.id == cond.conclusion and x.subject == subject]
        if not found or cond.op != "equals":
            return ""
        said.append(answer(analysis, found[0], cond.operand))
    return and_join(list(dict.fromkeys(said)))


def _contest(analysis: Analysis, contested: Any) -> Contest:
    """A contested point: each view, led by the law it rests on ('GC III and AP I'), cited."""
    reg = analysis.rulebook.registry
    linked = sources_of_facts(analysis)
    views = []
    for v in contested.views:
        law = list(dict.fromkeys(short_cite(reg, a.source, None) for a in v.authorities
                                 if is_law(reg, a.source, analysis.as_of)))
        head = f"({and_join(law)}) " if law else ""
        held = [p for p in v.positions
                if p.source in linked and citable(reg, p.source, analysis.as_of)]
        text = head + v.view
        if held:
            text += f" Held by {and_join(list(dict.fromkeys(p.holder for p in held)))}."
        views.append(Para(text, _refs(analysis, (*v.authorities, *held))))
    return Contest(_first_sentence(contested.issue), tuple(views), "")


def sources_of_facts(analysis: Analysis) -> frozenset[str]:
    """The documents the scenario itself cites for its facts. A rule's positions (views of named
    holders in documents that are not law) are shown only from these: a memo on a case that
    does not rely on a document never quotes it."""
    return frozenset(ref.source for e in analysis.index.entries.values() for ref in e.sources)


def _first_sentence(text: str) -> str:
    """The question a contested point puts, without the remarks that follow it.

    >>> _first_sentence("Is it so? Both views agree. More.")
    'Is it so?'
    """
    m = re.search(r"[?.](?=\s+[A-Z])", text)
    return text[:m.end()] if m else text


def _is_plain(analysis: Analysis, r: Result, rules: Sequence[Any]) -> bool:
    """Whether an answer is plain: established by rules that raise no contested point, on
    facts that are established (not reported, alleged or unknown) and are not the facts of the
    case itself (the troops sent, the persons held), on which an adviser acts."""
    if r.status != "established" or any(rule.spec.contested for rule in rules):
        return False
    tree = analysis.explain(r.id, **r.subject_dict)
    nodes = [n for n in tree["rules"] if n["rule"] in r.rules and n["outcome"] == "applies"]
    return bool(nodes) and all(_settled(n["condition"]) for n in nodes)


def _settled(node: dict[str, Any]) -> bool:
    """Whether a test that holds rests only on established facts and established answers."""
    fact = node.get("fact")
    if fact and fact.get("key") and (fact.get("certainty", "established") != "established"
                                     or is_unknown(fact["value"])
                                     or str(fact["key"]).startswith(CASE_FACTS)):
        return False
    sub = node.get("sub_conclusion")
    if sub is not None:
        if sub.get("status") != "established":
            return False
        rules = [n for n in sub.get("rules", []) if n["outcome"] == "applies"]
        if not all(_settled(n["condition"]) for n in rules):
            return False
    shown, _hidden = decisive_children(node)
    return all(_settled(c) for c in shown)


def _plain_line(analysis: Analysis, r: Result, clean: Clean) -> str:
    """A plain answer in one line: the answer, and where a rule gives a short reason (a dozen
    words or so) that says more than the answer, that reason."""
    said = answer(analysis, r, r.value)
    line = upper_first(said) + "."
    reason = "; ".join(d.rstrip(".") for d in r.details)
    if reason and len(reason.split()) <= PLAIN_REASON_WORDS and not _restates(reason, said):
        line += " " + upper_first(reason) + "."
    return clean(line)


PLAIN_REASON_WORDS = 12
"""Longest reason a plain answer gives in its line (a longer one is the discussion's job)."""


def _restates(reason: str, said: str) -> bool:
    """Whether a reason only says again what the answer says (most of its words are the
    answer's).

    >>> _restates("A and B are the states fighting each other", "a conflict exists between A and B")
    False
    >>> _restates("A is a party to the conflict", "A is a party to the conflict")
    True
    """
    words = {w.lower().strip(".,;:") for w in reason.split() if len(w) > 3}
    known = {w.lower().strip(".,;:") for w in said.split()}
    return bool(words) and len(words - known) <= len(words) // 3


def _changes(analysis: Analysis, r: Result) -> tuple[str, ...]:
    """The single fact changes that would change an established answer, as sentences."""
    out: list[str] = []
    for change in analysis.flips(r.id, max_size=1, **r.subject_dict)[:MAX_CHANGES]:
        d = analysis.decide(r.id, r.subject, change)
        facts = " and ".join(_supposed(analysis, k, v) for k, v in change)
        out.append(f"If {facts}, {answer(analysis, r, d.value, d.status)}.")
    return tuple(out)


def _supposed(analysis: Analysis, key: str, value: Any) -> str:
    """A fact set otherwise, after 'If'."""
    said = proposition(analysis, key, value)
    if said is not None:
        return f"instead {said}"
    return f"{fact_name(key, analysis)} were {fact_value_text(analysis, value, key)}"


# -- grouping --------------------------------------------------------------------------------------

def _texts(d: Draft, fn: Callable[[str], str]) -> Draft:
    """The draft with ``fn`` applied to every passage of text in it."""

    def para(p: Para) -> Para:
        return Para(fn(p.text), p.refs)

    return dataclasses.replace(
        d, question=fn(d.question), answer=fn(d.answer), bottom=fn(d.bottom), plain=fn(d.plain),
        application=tuple(para(p) for p in d.application),
        versions=tuple(dataclasses.replace(v, lead=fn(v.lead), outcome=fn(v.outcome),
                                           reasons=tuple(para(p) for p in v.reasons),
                                           accounts=fn(v.accounts),
                                           details=tuple(fn(x) for x in v.details))
                       for v in d.versions),
        further=fn(d.further),
        contested=tuple(Contest(fn(c.issue), tuple(para(p) for p in c.views), c.weight)
                        for c in d.contested),
        changes=tuple(fn(c) for c in d.changes))


def _signature(d: Draft, namer: Namer) -> Any:
    """What a draft says with its subjects' names replaced by their roles."""
    roles = {names[0]: f"\u27e6{role}\u27e7" for role, names in d.subjects}
    same = _texts(d, lambda text: namer(text, roles))
    # the bottom-line sentence is left out: how much of it is spelt out depends on the length
    # of the names, and it says nothing the rest does not
    return (d.cid, tuple(r for r, _n in d.subjects), dataclasses.replace(
        same, results=(), subjects=(), bottom=""))


def grouped(drafts: Sequence[Draft], namer: Namer) -> list[Draft]:
    """Drafts of one conclusion that say the same of different subjects, merged into one that
    names them together; each with its names rewritten for the memo (see :class:`Namer`)."""
    groups: dict[Any, list[Draft]] = {}
    for d in drafts:
        groups.setdefault(_signature(d, namer), []).append(d)
    out = []
    for members in groups.values():
        first = members[0]
        subjects = tuple(
            (role, tuple(dict.fromkeys(n for m in members for n in dict(m.subjects)[role])))
            for role, _names in first.subjects)
        roles = {first_names[0]: namer.each(names, role)
                 for (role, first_names), (_r, names) in zip(first.subjects, subjects, strict=True)
                 if len(names) > 1}
        merged = _texts(first, lambda text, roles=roles: namer(text, roles))  # type: ignore[misc]
        out.append(dataclasses.replace(merged, results=tuple(r for m in members for r in m.results),
                                       subjects=subjects))
    return out
