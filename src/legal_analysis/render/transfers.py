"""Transfer tables: for a captured person, each destination with its outcome, the conditions
and the authority, in one table; persons whose tables are the same share one.

A row reads two conclusions for the same person and destination (see
:data:`.issues.TABLE_CONCLUSIONS`): the transfer's outcome (permitted, conditional, barred) and
the bar it checks first (non-refoulement). The reasons are not repeated per row: the rows point
to the discussions that give them, one for each distinct outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..engine.analysis import Analysis, Result
from ..ruleset.conditions import ConclusionTest
from .citing import citable, is_law, short_cite
from .drafts import Draft, sources_of_facts
from .names import Namer, and_join, lower_first, upper_first
from .parts import TransferRow, TransferTable
from .wording import label

MAX_AUTHORITIES = 3
"""Most citations a row's authority cell gives (the discussions cite the rest)."""
OUTCOME_WORDS: dict[str, str] = {"permitted": "Permitted", "conditional": "Open on conditions",
                                 "barred": "Barred"}
"""How a transfer outcome reads in the table."""


@dataclass(frozen=True)
class Row:
    """A row before its persons are named: the destination's name and the cells."""

    destination: str
    outcome: str
    conditions: str
    authority: str
    results: tuple[str, ...]
    """The node ids of the results the row reads."""


def rows_by_person(analysis: Analysis, drafts: Sequence[Draft], outcome_cid: str,
                   bar_cid: str) -> dict[str, list[Row]]:
    """Each person's rows (person id → rows, destinations in the scenario's order), from the
    drafts of each result (one subject each, names in full)."""
    by_pair: dict[tuple[str, str], dict[str, Draft]] = {}
    for d in drafts:
        r = d.results[0]
        subject = r.subject_dict
        if set(subject) == {"person", "destination"} and r.id in (outcome_cid, bar_cid):
            by_pair.setdefault((subject["person"], subject["destination"]), {})[r.id] = d
    out: dict[str, list[Row]] = {}
    for (person, destination), found in by_pair.items():
        outcome = found.get(outcome_cid)
        if outcome is None:
            continue
        bar = found.get(bar_cid)
        out.setdefault(person, []).append(
            _row(analysis, outcome, bar.results[0] if bar else None, destination))
    return out


MAX_POSITIONS = 2
"""Most views of named holders (positions) cited for one destination, after the law."""


def _row(analysis: Analysis, d: Draft, bar: Result | None, destination: str) -> Row:
    names = analysis.names
    outcome = d.results[0]
    if outcome.status == "established":
        said = OUTCOME_WORDS.get(str(outcome.value), upper_first(
            label(analysis, outcome.id, outcome.value)))
        if outcome.value == "barred" and bar is not None and bar.status == "established" \
                and bar.value is True:
            # the grounds, by instrument: the discussion of the bar gives the reasons
            conditions = upper_first("; ".join(d.split(":", 1)[0] for d in bar.details))
        else:
            conditions = "; ".join(outcome.details)
    elif d.versions:
        said = upper_first(" or ".join(dict.fromkeys(
            OUTCOME_WORDS.get(str(v.value), "undetermined").lower() for v in d.versions)))
        parts = []
        for v in d.versions:
            word = OUTCOME_WORDS.get(str(v.value), "Undetermined")
            if v.restates:
                parts.append(f"{word} {v.lead}.")
            else:
                lead = upper_first(v.lead)
                parts.append(f"{lead}: {'; '.join(v.details) or v.outcome}.")
        conditions = " ".join(parts)
    else:
        said, conditions = "Undetermined", d.answer
    rules = [rid for rid in _deciding(outcome) if not _restates(analysis, rid)]
    if bar is not None:
        rules += _deciding(bar)
    reg = analysis.rulebook.registry
    cites = list(dict.fromkeys(
        short_cite(reg, a.source, a.pinpoint) for rid in rules if rid in analysis.rulebook.rules
        for a in analysis.rulebook.rules[rid].spec.authorities
        if is_law(reg, a.source, analysis.as_of)))
    linked = sources_of_facts(analysis)
    held = list(dict.fromkeys(
        f"the view of {p.holder} ({short_cite(reg, p.source, p.pinpoint)})"
        for rid in rules if rid in analysis.rulebook.rules
        for p in analysis.rulebook.rules[rid].spec.positions
        if p.source in linked and citable(reg, p.source, analysis.as_of)))
    authority = "; ".join(cites[:MAX_AUTHORITIES] + held[:MAX_POSITIONS])
    ids = (outcome.node_id,) + ((bar.node_id,) if bar is not None else ())
    return Row(names.get(destination, destination), said, conditions.strip(), authority, ids)


def _restates(analysis: Analysis, rule_id: str) -> bool:
    """Whether a rule only restates another public conclusion's answer."""
    book = analysis.rulebook
    rule = book.rules.get(rule_id)
    return rule is not None and isinstance(rule.when, ConclusionTest) and \
        book.conclusions[rule.when.conclusion].spec.public


def _deciding(r: Result) -> list[str]:
    """The rules that decide a result, or each version of it."""
    return list(dict.fromkeys((*r.rules, *(rid for b in r.branches for rid in b.rules))))


def derivative(analysis: Analysis, r: Result) -> bool:
    """Whether an established result only restates another public conclusion (a transfer
    barred because non-refoulement bars it): its reasons are that conclusion's."""
    if r.status != "established" or not r.rules or r.rules == ("default",):
        return False
    return all(_restates(analysis, rid) for rid in r.rules)


def tables(analysis: Analysis, rows: dict[str, list[Row]], namer: Namer,
           anchor: Callable[[int], str], reasons: dict[str, tuple[str, ...]]
           ) -> tuple[TransferTable, ...]:
    """One table for each group of persons whose rows read the same but for their names."""
    names = analysis.names
    groups: dict[tuple[Row, ...], list[str]] = {}
    for person, person_rows in rows.items():
        token = {names.get(person, person): "\u27e6person\u27e7"}
        key = tuple(Row(r.destination, r.outcome, namer(r.conditions, token), r.authority, ())
                    for r in person_rows)
        groups.setdefault(key, []).append(person)
    out: list[TransferTable] = []
    for number, persons in enumerate(groups.values(), start=1):
        shown = [names.get(p, p) for p in persons]
        role = {shown[0]: namer.each(shown, "person")} if len(shown) > 1 else {}
        table_rows = []
        for p in persons[:1]:
            for r in rows[p]:
                nums = tuple(dict.fromkeys(
                    n for p2 in persons for row in rows[p2] if row.destination == r.destination
                    for node in row.results for n in reasons.get(node, ())))
                table_rows.append(TransferRow(upper_first(namer(r.destination)),
                                              namer(r.outcome), namer(r.conditions, role),
                                              r.authority, nums))
        out.append(TransferTable(anchor(number), namer.label(shown), tuple(table_rows)))
    return tuple(out)


def table_summary(table: TransferTable) -> str:
    """A transfer table in a sentence, for the bottom line: which destinations are barred, which
    open on conditions, which turn on the facts."""
    by: dict[str, list[str]] = {}
    for row in table.rows:
        by.setdefault(row.outcome, []).append(lower_first(row.destination))
    rank = {"Barred": 0, "Open on conditions": 1, "Permitted": 2}
    parts = [f"{_lower(outcome)} to {and_join(dests)}" for outcome, dests in
             sorted(by.items(), key=lambda kv: rank.get(kv[0], 3))]
    return f"A transfer of {table.persons} is " + "; ".join(parts) + "."


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
