"""Questions that turn on the same facts, discussed together.

Where several questions of one issue are open and turn on the same facts (whether a state is a
party, whose conduct its troops' is, whether a conflict exists between it and the adversary: all
on who commands the troops), or one on some of the facts another turns on, a lawyer sets the
facts out once and gives every
answer under each version of them. :func:`combined` does that: it takes every combination of
values of the shared facts, notes the outcome of each question under it, and groups the
combinations that give the same outcomes into one version, worded as the memo words a branch.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from typing import Any

from ..core import Status
from ..engine.analysis import Analysis, Branch, domain_of
from .drafts import OTHER_ROUTES, Draft, Para, Version
from .names import Namer, and_join, lower_first, upper_first
from .phrasing import MANY_FACTS, OPEN
from .wording import branch_condition, branch_difference, in_reading_order, turned_on

NUMBERS = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven", 8: "Eight"}
MAX_COMBINATIONS = 1024
MAX_REASONS = 2
"""Most reasons a combined version gives (the first questions'; the others follow from them)."""
"""Most combinations of fact values a combined discussion enumerates."""


def clusters(drafts: Sequence[Draft]) -> list[list[Draft]]:
    """Groups of drafts (in order, two or more) that are open, have versions and speak of the
    same group of subjects, each turning on the facts of the group's widest member or some of
    them (prisoner-of-war status on whether doubt has arisen and on the facts that decide
    whether he is a mercenary; mercenary status on those facts alone)."""
    found: list[tuple[frozenset[str], Any, list[Draft]]] = []
    eligible = [d for d in drafts if d.results[0].status != "established"
                and d.results[0].branches and d.results[0].decisive_facts
                and not any(v.restates for v in d.versions)]
    for d in sorted(eligible, key=lambda d: -len(d.results[0].decisive_facts)):
        facts = frozenset(d.results[0].decisive_facts)
        groups = tuple((role, names) for role, names in d.subjects if len(names) > 1)
        home = next((members for keys, g, members in found if g == groups and facts <= keys),
                    None)
        if home is None:
            found.append((facts, groups, [d]))
        else:
            home.append(d)
    order = {id(d): i for i, d in enumerate(drafts)}
    return [sorted(members, key=lambda d: order[id(d)]) for _k, _g, members in found
            if len(members) > 1]


def _match(branch: Branch, assignment: dict[str, Any]) -> bool:
    return any(all(assignment.get(k) == v for k, v in alt) for alt in branch.when)


def combined(analysis: Analysis, cluster: Sequence[Draft], namer: Namer) -> Draft | None:
    """One draft for the questions of ``cluster``: each version of the shared facts with every
    question's outcome and reasons under it (``None`` if the facts have too many values)."""
    keys = sorted({k for d in cluster for k in d.results[0].decisive_facts})
    domains = [domain_of(analysis.index, k) or () for k in keys]
    if not all(domains) or _size(domains) > MAX_COMBINATIONS:
        return None
    orders = [[b for b, _other in in_reading_order(d.results[0].branches)] for d in cluster]
    by_outcome: dict[tuple[int, ...], list[tuple[tuple[str, Any], ...]]] = {}
    for values in itertools.product(*domains):
        assignment = dict(zip(keys, values, strict=True))
        picks = tuple(next((i for i, b in enumerate(order) if _match(b, assignment)), -1)
                      for order in orders)
        if -1 in picks:
            return None
        by_outcome.setdefault(picks, []).append(tuple(assignment.items()))
    branches = [Branch(tuple(alts), Status.ESTABLISHED, picks, (), ()) for picks, alts
                in by_outcome.items()]
    roles = {names[0]: namer.each(names, role) for role, names in cluster[0].subjects
             if len(names) > 1}
    versions: list[Version] = []
    before: Branch | None = None
    for b, other in in_reading_order(branches):
        picks = b.value
        change = branch_difference(analysis, before, b) if before is not None else None
        lead = "otherwise" if other else (f"if the same facts hold but {change}" if change
                                          else f"if {branch_condition(analysis, b)}")
        before = b
        chosen = [_named_open(analysis, d, d.versions[i]) for d, i in zip(cluster, picks,
                                                                             strict=True)]
        outcome = "; ".join(upper_first(v.outcome) if n == 0 else lower_first(v.outcome)
                            for n, v in enumerate(chosen))
        given = tuple(dict.fromkeys(p for v in chosen for p in v.reasons))
        reasons = tuple(p for p in given if p.text != OTHER_ROUTES)[:MAX_REASONS] + tuple(
            p for p in given if p.text == OTHER_ROUTES)[:1]
        versions.append(Version(namer(lead, roles), outcome, reasons))
    first = cluster[0]
    count = NUMBERS.get(len(cluster), str(len(cluster)))
    facts = namer(turned_on(analysis, keys), roles)
    brief = namer(turned_on(analysis, keys[:1]), roles) + (
        f" and {len(keys) - 1} other facts" if len(keys) > 2 else
        (" and " + namer(turned_on(analysis, keys[1:]), roles) if len(keys) == 2 else ""))
    return dataclasses.replace(
        first, results=tuple(r for d in cluster for r in d.results),
        title=_titles(analysis, cluster),
        subjects=tuple((role, names) for role, names in first.subjects
                       if len(names) > 1 or all((role, names) in d.subjects for d in cluster)),
        question=" ".join(d.question for d in cluster),
        answer=(f"Each answer turns on {facts}." if len(keys) <= MANY_FACTS else
                f"Each answer turns on {len(keys)} facts the scenario does not establish, among "
                f"them {namer(turned_on(analysis, keys[:2]), roles)}; the versions below set "
                f"them out."),
        bottom=f"{count} questions turn on {brief}: " + lower_first(
            first.bottom.split(": ", 1)[1] if first.bottom.startswith("It turns on ")
            and ": " in first.bottom else first.bottom),
        application=tuple(dict.fromkeys(p for d in cluster for p in d.application)),
        versions=tuple(versions),
        further=" ".join(dict.fromkeys(d.further for d in cluster if d.further)),
        quotes=tuple(dict.fromkeys(q for d in cluster for q in d.quotes)),
        contested=tuple(dict.fromkeys(c for d in cluster for c in d.contested)),
        changes=())


def _named_open(analysis: Analysis, d: Draft, v: Version) -> Version:
    """A version whose question stays open, saying which question ('prisoner-of-war status
    remains open'): among several answers, 'the answer remains open' would not say."""
    if v.outcome.lower() != OPEN:
        return v
    title = analysis.rulebook.conclusions[d.cid].spec.title
    return dataclasses.replace(v, outcome=f"{lower_first(title)} remains open")


def _size(domains: Sequence[Sequence[Any]]) -> int:
    size = 1
    for d in domains:
        size *= len(d)
    return size


def _titles(analysis: Analysis, cluster: Sequence[Draft]) -> str:
    """The titles of the questions discussed together: 'A, b and c'."""
    titles = list(dict.fromkeys(analysis.rulebook.conclusions[d.cid].spec.title for d in cluster))
    return and_join([t if i == 0 else lower_first(t) for i, t in enumerate(titles)])



def same_answers(drafts: Sequence[Draft], namer: Namer) -> list[list[Draft]]:
    """Established drafts of one question with the same answer for subjects that differ in
    one role only (non-refoulement bars a transfer to A, for one reason, and to B, for another):
    they are discussed together, each with its own reasons."""
    out: dict[Any, list[Draft]] = {}
    for d in drafts:
        r = d.results[0]
        if r.status != "established" or d.plain:
            continue
        roles = tuple(role for role, _names in d.subjects)
        for i, role in enumerate(roles):
            rest = tuple(names for j, (_r, names) in enumerate(d.subjects) if j != i)
            out.setdefault((d.cid, repr(r.value), role, rest), []).append(d)
    found: list[list[Draft]] = []
    used: set[int] = set()
    for members in out.values():
        fresh = [d for d in members if id(d) not in used]
        if len(fresh) > 1:
            found.append(fresh)
            used.update(id(d) for d in fresh)
    return found


def join_alike(cluster: Sequence[Draft], namer: Namer) -> Draft:
    """One draft for established answers alike but for one role: the question and answer name
    every subject; a reason every subject shares is given once, for all of them, and a reason
    only some have is given for them by name."""
    first = cluster[0]
    varying = next(i for i, (_role, names) in enumerate(first.subjects)
                   if any(d.subjects[i] != first.subjects[i] for d in cluster))
    role = first.subjects[varying][0]
    names = tuple(dict.fromkeys(n for d in cluster for n in d.subjects[varying][1]))
    said = namer.each(list(names), role)

    def called(d: Draft) -> str:
        """How a member's text names its subjects in the varying role."""
        own = list(d.subjects[varying][1])
        return namer.each(own, role) if len(own) > 1 else namer.replacements.get(own[0], own[0])

    token = "\u27e6subject\u27e7"
    counts: dict[str, int] = {}
    for d in cluster:
        for norm in dict.fromkeys(_put(p.text, called(d), token) for p in d.application):
            counts[norm] = counts.get(norm, 0) + 1
    application: list[Para] = []
    given: set[str] = set()
    for d in cluster:
        for p in d.application:
            norm = _put(p.text, called(d), token)
            if counts[norm] < len(cluster):
                application.append(p)
            elif norm not in given:
                given.add(norm)
                application.append(Para(_put(norm, token, said), p.refs))
    subjects = tuple((r, names if i == varying else n) for i, (r, n) in enumerate(first.subjects))
    mine = called(first)
    return dataclasses.replace(
        first, results=tuple(r for d in cluster for r in d.results), subjects=subjects,
        question=_put(first.question, mine, said), answer=_put(first.answer, mine, said),
        bottom=_put(first.bottom, mine, said), application=tuple(application),
        quotes=tuple(dict.fromkeys(q for d in cluster for q in d.quotes)),
        contested=tuple(dict.fromkeys(c for d in cluster for c in d.contested)),
        changes=tuple(dict.fromkeys(c for d in cluster for c in d.changes)))


def _put(text: str, old: str, new: str) -> str:
    """``text`` with every ``old`` (as a whole phrase, whatever the case of its first letter)
    replaced by ``new``, capitalised where it begins a sentence.

    >>> _put("Soldier 1 is here; soldier 1 left. Soldier 10 too", "Soldier 1", "each soldier")
    'Each soldier is here; each soldier left. Soldier 10 too'
    """
    if not old:
        return text
    first = re.escape(old[:1].lower()) + re.escape(old[:1].upper())
    pattern = re.compile(rf"(?<![\w])[{first}]{re.escape(old[1:])}(?![\w])")

    def swap(m: re.Match[str]) -> str:
        before = text[:m.start()]
        return upper_first(new) if not before.strip() or re.search(r"[.!?]\s+$", before) \
            else new

    return pattern.sub(swap, text)
