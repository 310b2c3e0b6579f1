"""Plain-text renderings for the terminal: values, outcomes, a rule (the conclusions table is
:mod:`.summary`)."""

from __future__ import annotations

from typing import Any

from ..engine.analysis import Result
from ..errors import LegalAnalysisError, did_you_mean
from ..ruleset.conditions import describe
from ..ruleset.loading import Rulebook


def value_text(value: Any) -> str:
    """A conclusion value as text (lists joined, booleans lower-case)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ", ".join(value_text(v) for v in value) or "none"
    return str(value)


SPELLED: dict[str, str] = {"non_international": "non-international"}
"""Enumerated values whose words are not the value with spaces for underscores."""


def words(value: str) -> str:
    """An enumerated value as words.

    >>> words("state_sent"), words("non_international")
    ('state sent', 'non-international')
    """
    return SPELLED.get(value, value.replace("_", " "))


def outcome_text(result: Result | None) -> str:
    """``established: true``, ``undetermined``, ``conflict`` or ``absent``."""
    if result is None:
        return "absent"
    if result.status == "established":
        return f"{value_text(result.value)}"
    if result.status == "undetermined" and result.branches:
        options = " | ".join(value_text(b.value) if b.status == "established" else b.status
                             for b in result.branches)
        return f"undetermined ({options})"
    return result.status


def show_rule(book: Rulebook, rule_id: str) -> str:
    """A rule (or a conclusion and its rules) as readable text, with where it is used."""
    if rule_id in book.conclusions:
        c = book.conclusions[rule_id]
        lines = [f"conclusion {c.id}: {c.spec.title}", f"  question: {c.spec.question}",
                 f"  values: {', '.join(value_text(v) for v in c.spec.values)}",
                 f"  declared at {c.location}", "  rules:"]
        lines += [f"    {r.id} → {value_text(r.spec.value)}" for r in c.rules]
        users = sorted({r.id for r in book.rules.values() if c.id in r.depends_on})
        lines.append("  used by: " + (", ".join(users) or "(no other rule)"))
        return "\n".join(lines)
    if rule_id not in book.rules:
        raise LegalAnalysisError(f"unknown rule {rule_id!r}",
                                 suggestion=did_you_mean(rule_id, [*book.rules, *book.conclusions]),
                                 expected="an id listed by 'legal-analysis rules list'")
    r = book.rules[rule_id]
    s = r.spec
    lines = [f"rule {s.id}  ({r.location})",
             f"  concludes: {s.conclusion} = "
             + (value_text(s.value) if s.value_from is None else f"the value of {s.value_from}"),
             f"  for: {', '.join(f'{k} ({v})' for k, v in s.for_.items())}",
             f"  when: {describe(r.when)}"]
    if s.defeats:
        lines.append(f"  defeats: {', '.join(s.defeats)}")
    if s.priority:
        lines.append(f"  priority: {s.priority}")
    lines.append("  authorities:")
    for a in s.authorities:
        lines.append(f"    {a.source}" + (f", {a.pinpoint}" if a.pinpoint else "")
                     + (f"  (quotation {a.quote})" if a.quote else ""))
    if s.positions:
        lines.append("  positions (views of named holders, not law):")
        for p in s.positions:
            lines.append(f"    {p.holder}: {p.source}" + (f", {p.pinpoint}" if p.pinpoint else "")
                         + (f"  (quotation {p.quote})" if p.quote else ""))
    lines.append(f"  when it holds: {s.explain.holds}")
    lines.append(f"  when it fails: {s.explain.fails}")
    if s.contested:
        lines.append(f"  contested: {s.contested.issue}")
        for v in s.contested.views:
            lines.append(f"    view: {v.view}")
    defeated_by = sorted(x.id for x in book.rules.values() if s.id in x.spec.defeats)
    if defeated_by:
        lines.append(f"  exceptions: {', '.join(defeated_by)}")
    users = sorted({x.id for x in book.rules.values() if s.conclusion in x.depends_on})
    lines.append(f"  {s.conclusion} is used by: " + (", ".join(users) or "(no other rule)"))
    return "\n".join(lines)
