"""Warnings about persons of whom some questions cannot be asked, with the reason.

A rule about a person is instantiated only where the scenario names what it needs: the person's
deployment (which state sent the person, beside whom and against whom the person fights), the
detaining power, and the destinations considered for a transfer. A person without them is
silently left out of those questions; the warning says which questions, and what is missing.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..documents import Document
from ..engine.plan import Plan, destinations_of
from ..facts import Person, Scenario
from ..ruleset.loading import Rulebook
from .warning import ScenarioWarning, at, names

NEEDS: dict[str, str] = {
    "deployment": "no deployment is named (deployment), so the rules cannot tell which state "
                  "sent the person, beside whom or against whom the person fights",
    "captured_by": "no detaining power is named (captured_by), and status on capture, transfer "
                   "and repatriation arise only for a person in an adversary's power",
    "destinations": "no destination is considered (the scenario's destinations, or the "
                    "person's own)",
}
"""What a person may lack, and why its absence keeps questions from arising."""


def _missing(scenario: Scenario, pid: str, person: Person) -> set[str]:
    out = {name for name in ("deployment", "captured_by") if getattr(person, name) is None}
    if not destinations_of(scenario, pid):
        out.add("destinations")
    return out


def _needs(book: Rulebook, cid: str) -> set[str]:
    """What the rules of a conclusion need of a person: the references their paths go through
    from a person, and a destination where they range over destinations."""
    out: set[str] = set()
    for rule in book.conclusions[cid].rules:
        if "destination" in rule.spec.for_.values():
            out.add("destinations")
        for info in rule.paths.values():
            if rule.spec.for_.get(info.variable) == "person" and info.steps \
                    and info.steps[0] in NEEDS:
                out.add(info.steps[0])
    return out


def unaskable_warnings(scenario: Scenario, book: Rulebook, plan: Plan,
                       doc: Document | None) -> Iterator[ScenarioWarning]:
    """A warning for each person of whom a public question about persons cannot be asked."""
    questions = [(cid, role) for cid in sorted(book.conclusions)
                 if book.conclusions[cid].spec.public
                 for role, kind in book.conclusions[cid].spec.subject.items() if kind == "person"]
    asked: dict[str, set[str]] = {}
    for cid, role in questions:
        for subject in plan.subjects.get(cid, ()):
            for r, ident in subject:
                if r == role:
                    asked.setdefault(ident, set()).add(cid)
    for pid, person in scenario.persons.items():
        cannot = list(dict.fromkeys(cid for cid, _role in questions
                                    if cid not in asked.get(pid, set())))
        if not cannot:
            continue
        lacking = _missing(scenario, pid, person)
        explained = [cid for cid in cannot if _needs(book, cid) & lacking]
        cannot = explained or cannot  # a question the facts do not call for is not a gap
        reasons = [NEEDS[n] for n in NEEDS if n in lacking and any(
            n in _needs(book, cid) for cid in cannot)]
        because = "; ".join(reasons) or "no rule of the rule base applies to it"
        what = ("no question about a person can be asked of this person"
                if len(cannot) == len(questions)
                else f"{names(cannot, limit=len(cannot))} cannot be asked of this person")
        yield at(doc, "unaskable", ("persons", pid), f"{what}: {because}")
