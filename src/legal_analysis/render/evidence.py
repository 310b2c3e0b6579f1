"""The facts and evidence of a memo: what is established, reported, alleged or unknown; the gaps
the answers turn on and who could fill them; the chronology; treaty participation.

Facts that read the same for several persons (both soldiers' nationality, reported) are one row.
A gap names the fact in words, the sections whose answers turn on it, what is known of it, and
who could establish it (:data:`WHO_CAN_ESTABLISH`, by the field the fact is).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..core import UNKNOWN, is_unknown
from ..engine.analysis import Analysis, Result
from ..engine.counterfactual import event_dates
from ..engine.trace import keys_read
from ..engine.world import FactEntry, stated_certainty
from ..facts import TREATIES
from ..scenario import iter_facts
from ..sources import format_date
from .citing import Notes
from .names import Namer, and_join, lower_first, upper_first
from .parts import Event, FactRow, Gap, TreatyTable
from .propositions import proposition
from .wording import actor_name, fact_name, fact_question, fact_value_text

WHO_CAN_ESTABLISH: dict[str, str] = {
    "command_authority": "questioning of prisoners; the states' statements; intelligence",
    "official_duty": "the sending state's acknowledgement; papers found on prisoners",
    "integrated_into_receiving_forces": "prisoners' papers and insignia",
    "direct_participation": "battlefield reporting",
    "armed_attack_intensity": "a military assessment of the scale and effects of the fighting",
    "recruitment": "questioning of prisoners; the sending state's statements",
    "torture_risk": "UN human-rights reporting; interviews",
    "irreparable_harm_risk": "UN human-rights reporting; interviews",
    "fundamental_rights_risk": "UN human-rights reporting; interviews",
    "persecution_risk": "a refugee status determination",
    "onward_transfer_to": "diplomatic assurances; the state's practice",
    "death_penalty_risk": "the charges; assurances",
    "nationality_verified": "interviews and documents, with the ICRC",
    "nationalities": "interviews and documents, with the ICRC",
    "wishes": "the ICRC, in private interviews",
    "wish_verified_independently": "the ICRC, in private interviews",
    "willing_to_receive": "the state concerned, through diplomatic channels",
    "neutral_internment_agreed": "agreement with the neutral state",
    "specially_recruited_to_fight": "questioning; recruitment and pay records",
    "private_gain_motive": "questioning; recruitment and pay records",
    "compensation_substantially_in_excess": "pay records",
    "national_or_resident_of_party": "verification of nationality",
    "leadership_position": "rank and post, from questioning or records",
    "status_doubted": "screening of those captured",
    "tribunal_decision": "a competent tribunal",
    "tribunal_competent": "the tribunal's constitution and procedure",
    "allegiance_to": "nationality and civil records; questioning",
    "captured_wearing": "the capture report; the capturing unit's testimony",
    "captured_while": "the capture report; the capturing unit's testimony",
    "carries_arms_openly": "the capture report; the capturing unit's testimony",
    "health": "medical examination",
    "arms_embargo_breached": "the Security Council's sanctions bodies",
    "cessation_of_active_hostilities": "the course of the fighting; any ceasefire",
    "armed_attack_by_adversary": "the facts of the adversary's operations",
    "aggressor": "a finding of the Security Council or the General Assembly",
}
"""Who could establish a fact, by its field."""
SUPPOSED = "supposed"
"""The certainty a what-if memo gives the facts it supposes."""
MAX_GAPS = 5
"""Most gaps the facts section lists; the discussions name the rest."""
TREATY_COLUMNS: dict[str, str] = {
    "gc3": "GC III", "api": "AP I", "refugee_convention": "Refugee Convention",
    "refugee_protocol": "1967 Protocol", "cat": "CAT", "iccpr": "ICCPR",
    "rome_statute": "Rome Statute", "rome_statute_aggression": "Kampala amendments",
    "iccpr_op2": "ICCPR-OP2", "echr": "ECHR", "echr_p6": "ECHR P6", "echr_p13": "ECHR P13"}


def _field(key: str) -> str:
    return key.rsplit(".", 1)[-1]


def _roles(analysis: Analysis, key: str) -> dict[str, tuple[str, str]]:
    """The person and the destination a key is about (name → (role, token)), to set aside when
    comparing facts that read the same for several of them."""
    parts = key.split(".")
    names = analysis.names
    roles: dict[str, tuple[str, str]] = {}
    if parts[0] == "persons" and len(parts) > 2:
        roles[names.get(parts[1], parts[1])] = ("person", "\u27e6person\u27e7")
        if parts[2] == "destinations" and len(parts) > 4:
            roles[names.get(parts[3], parts[3])] = ("destination", "\u27e6destination\u27e7")
    return roles


def _tokens(roles: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    return {name: token for name, (_role, token) in roles.items()}


def _together(namer: Namer, members: Sequence[Mapping[str, tuple[str, str]]]) -> dict[str, str]:
    """How the first member's names read for all the members: 'each captured soldier'."""
    out: dict[str, str] = {}
    for role in ("person", "destination"):
        names = list(dict.fromkeys(n for m in members for n, (r, _t) in m.items() if r == role))
        if len(names) > 1:
            out[names[0]] = namer.each(names, role)
    return out


def fact_rows(analysis: Analysis, results: Sequence[Result], namer: Namer, notes: Notes
              ) -> tuple[FactRow, ...]:
    """The facts the answers rest on, one row per fact (or per fact that reads the same for
    several persons), their sources numbered."""
    keys: set[str] = set()
    for r in results:
        keys |= keys_read(analysis, r.id, r.subject)
    # an unknown fact an answer turns on is listed with the gaps, not here
    open_keys = {k for r in results if r.status != "established"
                 for k in (*r.decisive_facts, *r.unresolved_facts)}
    groups: dict[tuple[str, str], list[tuple[dict[str, tuple[str, str]], str, Any]]] = {}
    for key in sorted(keys):
        entry = analysis.index.entries.get(key)
        if entry is None or entry.derived or ".bound." in key:
            continue
        if key in analysis.overrides:  # a what-if memo states the fact it supposes
            entry = dataclasses.replace(entry, value=analysis.overrides[key], accounts=(),
                                        certainty=SUPPOSED, asserted_by=(), denied_by=())
        if entry.value == UNKNOWN and not entry.accounts and not entry.sources and not entry.note:
            continue
        if entry.value == UNKNOWN and key in open_keys and key not in analysis.overrides:
            continue
        if key.startswith("states.") and getattr(analysis.scenario.states.get(
                key.split(".")[1]), "hypothetical", None):
            continue  # a placeholder state's facts are what it stands for, not evidence
        text, status = _fact_text(analysis, entry), _status(analysis, entry)
        roles = _roles(analysis, key)
        groups.setdefault((namer(text, _tokens(roles)), status), []).append((roles, text, entry))
    rows: list[FactRow] = []
    for members in groups.values():
        _roles0, text, entry = members[0]
        refs = [(s.source, s.pinpoint) for _r, _t, e in members for s in e.sources]
        together = _together(namer, [m[0] for m in members])
        rows.append(FactRow(upper_first(namer(text, together)), _status(analysis, entry),
                            notes.cite(refs)))
    return tuple(rows)


def _fact_text(analysis: Analysis, entry: FactEntry) -> str:
    """A fact as a sentence: what it says for its value, or what is asked where unknown."""
    key = str(entry.key)
    if entry.accounts and entry.disputed:
        versions = "; ".join(
            f"{fact_value_text(analysis, v, key)} according to "
            f"{and_join([actor_name(analysis, a) for a in by])}" for v, by in entry.accounts)
        return f"{fact_name(key, analysis)}: {versions}"
    if entry.value == UNKNOWN:
        return fact_question(analysis, key)
    said = proposition(analysis, key, entry.value)
    if said is not None:
        return said
    return f"{fact_name(key, analysis)}: {fact_value_text(analysis, entry.value, key)}"


def _status(analysis: Analysis, entry: FactEntry) -> str:
    """How sure a fact is, and who asserts or denies it."""
    if entry.accounts and entry.disputed:
        return "disputed"
    if entry.certainty == SUPPOSED:
        return "supposed in this memo"
    level = stated_certainty(entry.value, entry.certainty) or "unknown"
    if entry.asserted_by and entry.certainty in ("alleged", "disputed"):
        level += ", asserted by " + and_join([actor_name(analysis, a) for a in entry.asserted_by])
    if entry.denied_by:
        level += ", denied by " + and_join([actor_name(analysis, a) for a in entry.denied_by])
    return level


def gaps(analysis: Analysis, results: Sequence[Result], sections: Mapping[str, str],
         namer: Namer, clean: Callable[[str], str]) -> tuple[Gap, ...]:
    """The facts the answers turn on that the facts do not establish, most decisive first:
    ``sections`` maps a result's node id to the number of the section discussing it."""
    groups: dict[str, tuple[list[dict[str, tuple[str, str]]], list[str], str]] = {}
    for r in results:
        if r.status == "established":
            continue
        for key in dict.fromkeys((*r.decisive_facts, *r.unresolved_facts)):
            roles = _roles(analysis, key)
            norm = namer(fact_question(analysis, key), _tokens(roles))
            members, places, _first = groups.setdefault(norm, ([], [], key))
            members.append(roles)
            where = sections.get(r.node_id, "")
            if where and where not in places:
                places.append(where)
    out: list[tuple[int, Gap]] = []
    for members, places, key in groups.values():
        entry = analysis.index.entries.get(key)
        fact = upper_first(namer(fact_question(analysis, key), _together(namer, members)))
        known = "not known"
        if entry is not None and entry.accounts and entry.disputed:
            known = "disputed"
        elif entry is not None and entry.value != UNKNOWN:
            known = (stated_certainty(entry.value, entry.certainty) or "stated") + \
                ", below the standard a rule requires"
        if entry is not None and entry.note:
            known += ": " + lower_first(clean(namer(entry.note.split(". ")[0].rstrip("."))))
        places.sort(key=_section_order)
        decides = ("sections " if len(places) > 1 else "section ") + and_join(places) \
            if places else ""
        who = WHO_CAN_ESTABLISH.get(_field(key), "inquiries by the states concerned")
        out.append((len(places), Gap(fact, decides, known, who)))
    out.sort(key=lambda x: -x[0])
    merged: list[tuple[Gap, list[str]]] = []
    for _n, gap in out:
        same = next((i for i, (m, _f) in enumerate(merged)
                     if m.decides == gap.decides and m.known == gap.known), None)
        if same is None:
            merged.append((gap, [gap.fact]))
            continue
        first, facts = merged[same]
        who = first.who if gap.who in first.who else f"{first.who}; {gap.who}"
        merged[same] = (dataclasses.replace(first, who=who), [*facts, lower_first(gap.fact)])
    return tuple(dataclasses.replace(gap, fact=_listed(facts, gap.decides))
                 for gap, facts in merged[:MAX_GAPS])


MAX_GAP_FACTS = 3
"""Most facts one row of the gaps names; the sections it points to set out the others."""


def _listed(facts: list[str], decides: str) -> str:
    """The facts of a row of gaps, at most :data:`MAX_GAP_FACTS` named.

    >>> _listed(["A", "b", "c", "d"], "section 5.1")
    'A; b; and 2 other facts set out in section 5.1'
    """
    if len(facts) <= MAX_GAP_FACTS:
        return "; ".join(facts)
    rest = len(facts) - (MAX_GAP_FACTS - 1)
    return "; ".join(facts[:MAX_GAP_FACTS - 1]) + f"; and {rest} other facts set out in {decides}"


def _section_order(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split(".") if p.isdigit())


def chronology(analysis: Analysis, namer: Namer) -> tuple[Event, ...]:
    """The dated facts, oldest first, with the memo's date among them; later ones marked."""
    facts = {".".join(str(p) for p in path): fact for path, fact in iter_facts(analysis.scenario)}
    out: list[Event] = []
    placed = False
    for day, keys in event_dates(analysis).items():
        if not placed and day > analysis.as_of:
            out.append(Event(format_date(analysis.as_of), "Date of this memo", "memo"))
            placed = True
        texts = []
        for key in keys:
            fact = facts.get(key)
            value = fact.value if fact is not None else UNKNOWN
            said = proposition(analysis, key, value) if not is_unknown(value) else None
            if ".bound." in key:  # a treaty's date is the day a state became bound by it
                said = (proposition(analysis, key, True) or "").replace(" is bound ",
                                                                          " became bound ")
            if said:  # the event's own date stands before it
                said = said.removesuffix(f" on {format_date(day)}")
            texts.append(said or fact_name(key, analysis))
        out.append(Event(format_date(day), upper_first(namer("; ".join(texts))),
                         "later" if day > analysis.as_of else "past"))
    if not placed:
        out.append(Event(format_date(analysis.as_of), "Date of this memo", "memo"))
    return tuple(out)


def treaty_table(analysis: Analysis, namer: Namer) -> TreatyTable | None:
    """Treaty participation of the states concerned, as of the memo's date."""
    rows: list[tuple[str, tuple[str, ...]]] = []
    notes: list[str] = []
    for code, state in analysis.scenario.states.items():
        if state.hypothetical or state.kind != "state":  # only states join treaties
            continue
        cells = []
        for treaty in TREATIES:
            tp = state.treaties.get(treaty) or analysis.rulebook.participation.get(
                code, {}).get(treaty)
            bound = analysis.index.entries.get(f"states.{code}.bound.{treaty}")
            value = bound.value if bound is not None else UNKNOWN
            if tp is None or value == UNKNOWN:
                cells.append("not known")
            elif value is True:
                since = f" ({tp.since.year})" if tp.since and tp.date_verified else ""
                cells.append("party" + since)
            elif tp.status == "party" and tp.since is not None and tp.since > analysis.as_of:
                cells.append(f"party from {format_date(tp.since)}")
            else:
                cells.append(tp.status.replace("_", " "))
            if tp is not None and tp.reservations and value is True:
                notes.append(f"{upper_first(namer(state.name))}, {TREATY_COLUMNS[treaty]}: "
                             + "; ".join(tp.reservations))
        rows.append((upper_first(namer(state.name)), tuple(cells)))
    if not rows:
        return None
    return TreatyTable(tuple(TREATY_COLUMNS[t] for t in TREATIES), tuple(rows), tuple(notes))
