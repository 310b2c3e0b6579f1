"""The memo's legal issues: which conclusions each discusses, and how a group of drafts becomes
one discussion, its law quoted once in the whole memo and its footnotes numbered in reading
order.

An issue holds the conclusions of one legal question in the order a lawyer takes them (who is a
party before whose conduct it is; status before treatment). A conclusion the table does not
list (a user's rule base) goes to the issue its ``section`` names ('legal map §3'), else to a
last issue, 'Other questions'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..engine.analysis import Analysis, Result
from .citing import Notes, short_cite
from .drafts import Contest, Draft, Para
from .names import upper_first
from .parts import Cited, ContestedItem, Discussion, VersionItem


@dataclass(frozen=True)
class IssueSpec:
    """A legal issue: its id, its title, and its conclusions in the order discussed."""

    id: str
    title: str
    conclusions: tuple[str, ...]
    legal_map: str
    """The number of the legal map section whose conclusions it takes ('1')."""


ISSUES: tuple[IssueSpec, ...] = (
    IssueSpec("conflict", "The conflict and its parties",
              ("conflict_classification", "party_to_conflict", "attribution_of_conduct",
               "attribution_of_group_conduct", "international_armed_conflict"),
              "1"),
    IssueSpec("force", "The use of force and state responsibility",
              ("unlawful_use_of_force", "aid_or_assistance", "self_defence_available",
               "security_council_measures_breached"), "1.3"),
    IssueSpec("status", "Status and treatment of the captured persons",
              ("pow_status", "mercenary", "combatant_immunity", "detaining_power_obligations"),
              "2"),
    IssueSpec("transfer", "Transfer and repatriation",
              ("repatriation_option", "refoulement_barred", "repatriation_delayed"), "3"),
    IssueSpec("accountability", "Accountability", ("aggression_liability",), "5"),
)
"""The memo's issues, in order."""
OTHER = IssueSpec("other", "Other questions", (), "")
TABLE_CONCLUSIONS = ("repatriation_option", "refoulement_barred")
"""A transfer table's outcome and the bar it checks first (by conclusion)."""


def issue_of(analysis: Analysis, cid: str) -> IssueSpec:
    """The issue that discusses a conclusion."""
    for spec in ISSUES:
        if cid in spec.conclusions:
            return spec
    section = analysis.rulebook.conclusions[cid].spec.section or ""
    m = re.search(r"§\s*(\d+(?:\.\d+)?)", section)
    if m:
        number = m.group(1)
        for spec in sorted(ISSUES, key=lambda s: -len(s.legal_map)):
            if number == spec.legal_map or number.startswith(spec.legal_map + "."):
                return spec
        if number.split(".")[0] == "4":
            return ISSUES[3]
    return OTHER


def ordered(analysis: Analysis, results: Sequence[Result]) -> list[tuple[IssueSpec, list[Result]]]:
    """The issues that have results, each with its results in the order discussed."""
    out: dict[str, tuple[IssueSpec, list[Result]]] = {}
    for r in results:
        spec = issue_of(analysis, r.id)
        out.setdefault(spec.id, (spec, []))[1].append(r)
    order = [s.id for s in (*ISSUES, OTHER)]
    book = analysis.rulebook.conclusions

    def rank(spec: IssueSpec, r: Result) -> tuple[int, int]:
        if r.id in spec.conclusions:
            return (spec.conclusions.index(r.id), 0)
        return (len(spec.conclusions), book[r.id].spec.order)

    return [(spec, sorted(rs, key=lambda r: rank(spec, r)))
            for spec, rs in sorted(out.values(), key=lambda x: order.index(x[0].id))]


@dataclass
class Assembler:
    """Turns drafts into discussions, in reading order: numbers their footnotes, quotes each
    provision once (later discussions refer to the note that quotes it) and sets out each
    contested point once."""

    analysis: Analysis
    notes: Notes
    quoted: dict[str, int] = field(default_factory=dict)
    """Quotation id → the note that quotes it."""
    contested: dict[str, str] = field(default_factory=dict)
    """Contested issue → the number of the discussion that sets it out."""

    def cited(self, p: Para) -> Cited:
        """A passage with its citations numbered."""
        return Cited(p.text, self.notes.cite(p.refs))

    def discussion(self, d: Draft, anchor: str, number: str, title: str,
                   subject: str) -> Discussion:
        """One group of drafts as a discussion."""
        reg = self.analysis.rulebook.registry
        law: list[Cited] = []
        above: list[str] = []
        for qid in d.quotes:
            q = reg.quotations[qid]
            if qid in self.quoted:
                above.append(f"{short_cite(reg, q.source, q.pinpoint)} (n {self.quoted[qid]})")
                continue
            note = self.notes.add(q.source, q.pinpoint)
            self.quoted[qid] = note
            law.append(Cited(f"“{q.text}”", (note,)))
        law_above = ("Also relied on, quoted above: " + "; ".join(above) + ".") if above else ""
        application = tuple(self.cited(p) for p in d.application)
        versions = tuple(VersionItem(upper_first(v.lead), upper_first(v.outcome),
                                     self._reasons(d, n), v.accounts)
                         for n, v in enumerate(d.versions))
        contested, earlier = self._contested(d.contested, number)
        return Discussion(anchor, number, title, subject, d.question, d.answer,
                          _status(d.results), tuple(law), law_above, application, versions,
                          d.further, contested, earlier, d.changes,
                          tuple(r.node_id for r in d.results))

    def _reasons(self, d: Draft, n: int) -> tuple[Cited, ...]:
        """A version's reasons, those an earlier version of the same question gave replaced
        by a reference to it."""
        earlier: list[int] = []
        out: list[Cited] = []
        for p in d.versions[n].reasons:
            before = next((i for i in range(n) if p in d.versions[i].reasons), None)
            if before is None:
                out.append(self.cited(p))
            elif before + 1 not in earlier:
                earlier.append(before + 1)
        if earlier:
            which = " and ".join(str(i) for i in earlier)
            word = "versions" if len(earlier) > 1 else "version"
            out.insert(0, Cited(f"The reasons given under {word} {which} apply."))
        return tuple(out)

    def _contested(self, items: Sequence[Contest], number: str
                   ) -> tuple[tuple[ContestedItem, ...], str]:
        out: list[ContestedItem] = []
        earlier: list[str] = []
        for c in items:
            if c.issue in self.contested:
                earlier.append(f"{c.issue.rstrip('?.')} (section {self.contested[c.issue]})")
                continue
            self.contested[c.issue] = number
            out.append(ContestedItem(c.issue, tuple(self.cited(v) for v in c.views), c.weight))
        said = ""  # a contested point is set out once, where it first arises
        return tuple(out), said


def _status(results: Sequence[Result]) -> str:
    """The status of a group (its members share one)."""
    return results[0].status if results else "established"
