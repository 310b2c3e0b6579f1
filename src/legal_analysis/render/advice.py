"""What the memo advises: the bottom line (the numbered conclusions an adviser acts on, and what
to do next) and the recommendations, both drawn from the issue sections already built.

Every recommendation rests on a part of the analysis and says which: a fact to establish is a
gap an answer turns on; a transfer not to make is a barred row of a transfer table; the
treatment to give follows the answer on prisoner-of-war status.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core import is_unknown
from .issues import TABLE_CONCLUSIONS
from .names import and_join, lower_first, upper_first
from .parts import Gap, Issue, Point
from .sections import Built
from .transfers import table_summary

GAPS_NAMED = 1
"""How many gaps the recommendations name (the facts section lists them all)."""
STATUS_CONCLUSION = "pow_status"
PRISONER_OF_WAR = ("prisoner_of_war", "presumed_prisoner_of_war")


def bottom_line(built: Sequence[Built]) -> tuple[Point, ...]:
    """One point per discussion (plain answers are left to their sections) and per transfer
    table, in the order of the memo; a memo whose every answer is plain gives one point per
    issue, its plain answers, so that the bottom line is never empty."""
    points: list[Point] = []
    for b in built:
        for d, disc in b.drafts:
            if disc is None or d.cid in TABLE_CONCLUSIONS:
                continue
            text = d.bottom
            points.append(Point(text, disc.anchor, disc.number))
        for table in b.issue.tables:
            points.append(Point(table_summary(table), table.anchor, str(b.issue.number)))
    if not points:
        points = [Point(" ".join(c.text for c in b.issue.plain), b.issue.anchor,
                        str(b.issue.number)) for b in built if b.issue.plain]
    return tuple(points)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[:4] == "Who " \
        or text[:8] == "Whether " else text


def recommendations(built: Sequence[Built], gaps: Sequence[Gap]) -> tuple[str, ...]:
    """The steps the analysis supports, most urgent first: what not to do, how to treat the
    persons held, which facts to establish."""
    out: list[str] = []
    for b in built:
        for table in b.issue.tables:
            barred = [lower_first(r.destination) for r in table.rows if r.outcome == "Barred"]
            if barred:
                out.append(f"Do not transfer {table.persons} to {and_join(barred)}: the "
                           f"transfer is barred (section {b.issue.number}).")
            open_rows = [lower_first(r.destination) for r in table.rows
                         if " or " in r.outcome]
            if open_rows:
                out.append(f"Before any transfer of {table.persons} to {and_join(open_rows)}, "
                           f"establish whether a barring risk exists there; until it is "
                           f"excluded, no such transfer should be made (section {b.issue.number}).")
            conditional = [lower_first(r.destination) for r in table.rows
                           if r.outcome == "Open on conditions"]
            if conditional:
                out.append(f"A transfer of {table.persons} to {and_join(conditional)} is open "
                           f"only on the conditions listed in the table in section "
                           f"{b.issue.number}; secure each before acting.")
    out.extend(_status_steps(built))
    if gaps:
        first = gaps[:GAPS_NAMED]
        named = "; ".join(f"{_lower(g.fact)} ({g.decides})" if g.decides else _lower(g.fact)
                          for g in first)
        rest = len(gaps) - len(first)
        more = f", and the {rest} other gaps listed there" if rest > 1 else \
            (", and the other gap listed there" if rest == 1 else "")
        out.append(f"Establish the facts listed in section 2 as the gaps that matter, first "
                   f"those that decide most answers: {named}{more}.")
    return tuple(out)


def _status_steps(built: Sequence[Built]) -> list[str]:
    """Treat the persons held as prisoners of war where the answer is, or may be, that they are."""
    out: list[str] = []
    for b in built:
        for d, disc in b.drafts:
            if d.cid != STATUS_CONCLUSION:
                continue
            persons = " and ".join(n for role, names in d.subjects if role == "person"
                                   for n in names)
            label = disc.subject if disc is not None else persons
            mine = [r for r in d.results if r.id == STATUS_CONCLUSION]
            values = [r.value for r in mine if r.status == "established"]
            values += [b2.value for r in mine for b2 in r.branches]
            if not any(v in PRISONER_OF_WAR for v in values):
                continue
            where = f" (section {disc.number})" if disc is not None else ""
            one = len(mine) == 1
            pow_, they, are = ("a prisoner of war", "he", "is") if one else \
                ("prisoners of war", "they", "are")
            status = "his status" if one else "their status"
            if all(v in PRISONER_OF_WAR for v in values):
                out.append(f"Treat {label} as {pow_}{where}.")
            elif any(v not in PRISONER_OF_WAR and not is_unknown(v) for v in values):
                out.append(f"Treat {label} as {pow_} while {status} is open: "
                           f"on some versions of the facts {they} {are}{where}.")
            else:
                out.append(f"Treat {label} as {pow_}: on every version of the facts "
                           f"{they} {are}, or {status} remains open{where}.")
    return out


def next_steps(recommended: Sequence[str], limit: int = 3) -> tuple[str, ...]:
    """The first recommendations, cut to their first clause, for the bottom line."""
    out = []
    for text in recommended[:limit]:
        first = text.split(": ", 1)[0].split(" (", 1)[0].split("; ", 1)[0].rstrip(".")
        out.append(upper_first(first) + ".")
    return tuple(out)


def issue_titles(issues: Sequence[Issue]) -> str:
    """The 'Re' line: the issues the memo discusses, as one phrase."""
    return "; ".join(i.title if n == 0 else i.title[:1].lower() + i.title[1:]
                     for n, i in enumerate(issues))
