"""The memo's questions and answers as sentences: 'Is the DPRK a party to the conflict?',
'The DPRK is not a party to the conflict.', and for an open question, the outcome under each
version of the facts.

A conclusion's answer sentence is written here for each of its values, with ``{role}``
placeholders for its subject (and ``{value}`` for a list of states); a conclusion this module
does not know (a user's rule base) is answered with its subject and its value's label.
"""

from __future__ import annotations

from typing import Any

from ..engine.analysis import MORE_THAN_ENUMERATED, TOO_MANY, Analysis, Branch, Result
from .names import and_join, upper_first
from .wording import (
    branch_condition,
    branch_difference,
    in_reading_order,
    label,
    state_name,
    turned_on,
)

QUESTIONS: dict[str, str] = {
    "party_to_conflict": "Is {state} a party to {conflict}?",
    "refoulement_barred": "Does non-refoulement bar sending {person} to {destination}?",
    "mercenary": "Is {person} a mercenary?",
}
"""Questions worded otherwise than the rule base words them (by conclusion)."""

ANSWERS: dict[str, dict[str, str]] = {
    "conflict_classification": {
        "international": "{conflict} is an international armed conflict",
        "non_international": "{conflict} is a non-international armed conflict",
        "none": "{conflict} is not an armed conflict: the violence stays below its threshold"},
    "international_armed_conflict": {
        "True": "an international armed conflict exists between {state} and {other}",
        "False": "no international armed conflict between {state} and {other} arises from the "
                 "deployment"},
    "attribution_of_conduct": {
        "*": "the conduct of {deployment} is attributable to {value}",
        "": "the conduct of {deployment} is attributable to no state"},
    "party_to_conflict": {"True": "{state} is a party to the conflict",
                          "False": "{state} is not a party to the conflict"},
    "unlawful_use_of_force": {
        "True": "{state} is in breach of the prohibition of the use of force",
        "False": "{state} is not in breach of the prohibition of the use of force"},
    "self_defence_available": {
        "True": "{defending} may use force in self-defence against {against}, to a necessary "
                "and proportionate extent",
        "False": "{defending} may not rely on self-defence against {against}"},
    "security_council_measures_breached": {
        "True": "{state} is in breach of Security Council measures binding on it",
        "alleged": "a breach of Security Council measures by {state} is alleged but not "
                   "established",
        "False": "{state} is not shown to breach Security Council measures"},
    "pow_status": {
        "prisoner_of_war": "{person} is a prisoner of war",
        "presumed_prisoner_of_war": "{person} is presumed a prisoner of war until a competent "
                                    "tribunal decides",
        "not_prisoner_of_war": "{person} is not a prisoner of war"},
    "mercenary": {"True": "{person} is a mercenary", "False": "{person} is not a mercenary"},
    "combatant_immunity": {
        "immune": "{person} has combatant immunity",
        "immune_until_tribunal": "{person} has combatant immunity until a tribunal decides",
        "not_immune": "{person} has no combatant immunity"},
    "detaining_power_obligations": {
        "pow_treatment": "{person} is owed the treatment of a prisoner of war; no breach is "
                         "reported",
        "pow_treatment_breached": "{person} is owed the treatment of a prisoner of war, and a "
                                  "breach of it is reported",
        "equivalent_protection": "{person} is owed protections equivalent in all respects to "
                                 "a prisoner of war's",
        "fundamental_guarantees": "{person} is owed the fundamental guarantees of AP I Art 75",
        "common_article_3": "{person} is owed humane treatment under common Art 3",
        "human_rights_law": "{person} is protected by human rights law, there being no armed "
                            "conflict"},
    "refoulement_barred": {
        "True": "non-refoulement bars sending {person} to {destination}",
        "False": "non-refoulement does not bar sending {person} to {destination}"},
    "repatriation_option": {
        "permitted": "{person} may be sent to {destination}",
        "conditional": "sending {person} to {destination} is open on conditions",
        "barred": "{person} may not be sent to {destination}"},
    "repatriation_delayed": {
        "overdue": "the repatriation of {person} is overdue, and the delay is not justified",
        "justified": "{person} is held on a ground that justifies the delay while it lasts",
        "not_due": "the repatriation of {person} is not yet due",
        "no_duty": "no rule of GC III fixes when {person} must be released: he was not "
                   "captured in an international armed conflict"},
    "attribution_of_group_conduct": {
        "all_conduct": "all the conduct of {group} is attributable to {state}, as a de facto "
                       "organ",
        "operations_directed": "the conduct of {group} in the operations {state} instructed, "
                               "directed or effectively controlled is attributable to {state}",
        "not_attributable": "the conduct of {group} is not attributable to {state}"},
    "aid_or_assistance": {
        "True": "{state} is responsible for aiding or assisting {assisted}'s wrongful act",
        "False": "{state} is not shown to aid or assist a wrongful act of {assisted}"},
    "aggression_liability": {
        "liable_possible": "{person} may be criminally liable for the crime of aggression",
        "not_liable": "{person} is not liable for the crime of aggression"},
}
"""Each conclusion's answer for each value (``*`` for any list of states, ``""`` for none)."""

OPEN = "the answer remains open"
"""The outcome of a version of the facts under which no rule decides the question."""
SHORT_LIMIT = 400
UNLESS_LIMIT = 320
"""Longest condition an answer in the bottom line states as 'unless …'."""
MANY_FACTS = 3
"""More decisive facts than this are not all listed in an answer (the versions list them)."""
"""Longest statement of every version an answer in the bottom line spells out."""


def question(analysis: Analysis, r: Result) -> str:
    """The question a result answers, with its subject's names."""
    template = QUESTIONS.get(r.id)
    if template is None:
        return r.question
    return template.format_map(_subject_names(analysis, r))


def answer(analysis: Analysis, r: Result, value: Any, status: str = "established") -> str:
    """The answer sentence (no capital, no full stop) for ``value`` of a result's conclusion."""
    if status != "established":
        return OPEN if status != "conflict" else "no answer can be given, as rules of equal " \
                                                 "rank conflict"
    forms = ANSWERS.get(r.id)
    names = _subject_names(analysis, r)
    if forms is None:
        who = and_join(list(names.values()))
        return f"{who}: {label(analysis, r.id, value)}"
    if isinstance(value, tuple):
        names["value"] = and_join([state_name(analysis, v) for v in value])
        return (forms["*"] if value else forms[""]).format_map(names)
    form = forms.get(str(value))
    if form is None:
        return f"{and_join(list(names.values()))}: {label(analysis, r.id, value)}"
    return form.format_map(names)


def _subject_names(analysis: Analysis, r: Result) -> dict[str, str]:
    names = analysis.names
    return {role: names.get(ident, ident) for role, ident in r.subject}


def versions(analysis: Analysis, r: Result) -> list[tuple[str, str, Branch, bool]]:
    """Each version of the facts of an undetermined result, in reading order: its lead ('if
    …', or 'otherwise' for the one stated as the rest), the outcome sentence, the branch and
    whether it is the rest."""
    out = []
    ordered = in_reading_order(r.branches)
    if len(ordered) == 2 and not ordered[1][1] and not any(b.accounts for b, _o in ordered):
        ordered = [ordered[0], (ordered[1][0], True)]  # of two versions, the second is the rest
    before: Branch | None = None
    for b, otherwise in ordered:
        change = branch_difference(analysis, before, b) if before is not None else None
        if otherwise:
            lead = "otherwise"
        elif change is not None:
            lead = f"if the same facts hold but {change}"
        else:
            lead = f"if {branch_condition(analysis, b)}"
        out.append((lead, answer(analysis, r, b.value, b.status), b, otherwise))
        before = b
    return out


def full_answer(analysis: Analysis, r: Result) -> str:
    """The answer as the discussion states it: the sentence for an established result, and
    for an open one what it turns on."""
    if r.status == "established":
        return upper_first(answer(analysis, r, r.value)) + "."
    if r.status == "conflict":
        return "No answer can be given: rules of equal rank point different ways."
    keys = r.decisive_facts or r.unresolved_facts
    facts = turned_on(analysis, keys)
    if r.branches and len(keys) > MANY_FACTS:
        return (f"The answer turns on {len(keys)} facts the scenario does not establish, among "
                f"them {turned_on(analysis, keys[:2])}; the versions below set them out.")
    if not r.branches:
        note = r.note or ""
        if facts and note.startswith((TOO_MANY, MORE_THAN_ENUMERATED)):
            return ("The answer remains open: it turns on more unknown facts than can be set "
                    f"out one by one: {facts}.")
        return (f"The answer remains open: it turns on {facts}, which the facts do not give."
                if facts else "The answer remains open: no rule decides it on these facts.")
    return f"The answer turns on {facts}."


def short_answer(analysis: Analysis, r: Result) -> str:
    """The answer in a sentence or two, for the bottom line and the casebook: the sentence for
    an established result; for an open one, the outcome under each version (or, where that is
    too long to say in a line, the outcomes)."""
    if r.status != "established" or r.branches:
        if not r.branches:
            return full_answer(analysis, r)
        parts = versions(analysis, r)
        said = "; ".join(f"{lead}, {outcome}" for lead, outcome, _b, _o in parts)
        head = f"It turns on {turned_on(analysis, r.decisive_facts)}"
        if len(said) <= SHORT_LIMIT and len(r.decisive_facts) == 1 and len(parts) == 2:
            return upper_first(said) + "."  # the condition names the one fact
        if len(said) <= SHORT_LIMIT:
            return f"{head}: {said}."
        rest = [o for _l, o, _b, other in parts if other]
        others = [o for _l, o, _b, other in parts if not other]
        leads = [lead for lead, _o, _b, other in parts if not other]
        if rest and len(others) == 1 and len(leads[0]) <= UNLESS_LIMIT:
            return (f"{upper_first(rest[0])} unless{leads[0][2:]}; then "
                    f"{others[0]}.")
        if rest:
            cases = "one version" if len(others) == 1 else f"{len(others)} versions"
            return (f"{upper_first(rest[0])}, save on {cases} of the facts, when "
                    f"{and_join(others, 'or')}.")
        them = "it" if len(r.decisive_facts) == 1 else "them"
        return f"{head}; depending on {them}, {and_join([o for _l, o, _b, _x in parts], 'or')}."
    return upper_first(answer(analysis, r, r.value)) + "."
