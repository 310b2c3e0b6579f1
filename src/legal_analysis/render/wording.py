"""How the memo words things: names of facts, values, subjects and actors, and the conditions
that lead to each branch of an undetermined conclusion."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from ..core import UNKNOWN
from ..engine.analysis import Analysis, Branch, Result, domain_of
from ..engine.world import describe_key
from ..facts import Scenario
from .propositions import proposition, question
from .text import value_text, words


def upper_first(text: str) -> str:
    """``text`` with its first letter in upper case, the rest untouched (names keep capitals).

    >>> upper_first("russian Federation and Ukraine")
    'Russian Federation and Ukraine'
    """
    return text[:1].upper() + text[1:]


def fact_name(key: str, analysis: Analysis) -> str:
    """A fact's readable name for use inside a sentence, naming the entity it belongs to: no
    final full stop, no capital (unless the name starts with an abbreviation such as ``UN`` or
    with an entity's name)."""
    scenario = analysis.scenario
    text = describe_key(analysis.index.key(key), scenario).strip().rstrip(".")
    if len(text) > 1 and text[1].islower() and not _starts_with_name(text, scenario):
        text = text[:1].lower() + text[1:]
    return text


def _starts_with_name(text: str, scenario: Scenario | None) -> bool:
    """Whether ``text`` begins with the name of one of the scenario's states, actors or persons."""
    if scenario is None:
        return False
    names = [e.name for group in (scenario.states, scenario.actors, scenario.persons)
             for e in group.values()]
    return any(text.startswith(name) for name in names if name)


def label(analysis: Analysis, cid: str, value: Any) -> str:
    """The readable label of a conclusion's value (its declared label, or the value itself)."""
    labels = analysis.rulebook.conclusions[cid].spec.labels
    if isinstance(value, tuple):
        return ", ".join(state_name(analysis, v) for v in value) or "none"
    return labels.get(str(value), value_text(value))


def state_name(analysis: Analysis, code: Any) -> str:
    """A state's name from its code (the code itself if the scenario does not name it)."""
    s = analysis.scenario.states.get(str(code))
    return s.name if s else str(code)


def subject_text(analysis: Analysis, result: Result) -> str:
    """A result's subject as words: each role and the name of what fills it (the names rule
    sentences use, so a deployment is called after its states)."""
    names = analysis.names
    parts = [f"{role.replace('_', ' ')}: {names.get(ident, ident)}" for role, ident in result.subject]
    return "; ".join(parts)


VALUE_WORDS: dict[str, dict[str, str]] = {
    "command_authority": {"sending": "{sending} (the sending state)",
                          "receiving": "{receiving} (the receiving state)",
                          "joint": "joint ({sending} and {receiving})"},
    "recruitment": {"state_sent": "dispatch by {sending} (the sending state)",
                    "individual_volunteers": "individual volunteers",
                    "private_company": "a private company"},
    "uniforms": {"sending": "the sending state's", "receiving": "the receiving state's"},
    "identity_documents": {"own": "their own",
                           "false_receiving_state": "false papers of {receiving} (the receiving "
                                                    "state)"},
}
"""How the values of a deployment's enumerated facts read in a sentence, with its states'
names for ``{sending}`` and ``{receiving}``."""


def fact_value_text(analysis: Analysis, value: Any, key: str | None = None) -> str:
    """A fact's value as words (state codes as names, ``unknown`` as such); with the fact's
    key, a deployment's enumerated values in words that name its states.

    ``command authority is sending`` reads as ``command authority is Aland (the sending
    state)``.
    """
    if value == UNKNOWN:
        return "unknown"
    if isinstance(value, str) and value in analysis.scenario.states:
        return state_name(analysis, value)
    if key is not None and isinstance(value, str) and key.startswith("deployments."):
        _, did, field_name = key.split(".", 2)
        phrase = VALUE_WORDS.get(field_name, {}).get(value)
        deployment = analysis.scenario.deployments.get(did)
        if phrase is not None and deployment is not None:
            return phrase.format(sending=state_name(analysis, deployment.sending_state),
                                receiving=state_name(analysis, deployment.receiving_state)
                                if deployment.receiving_state else "no other state")
    return words(value_text(value))


MAX_ALTERNATIVES = 4
"""Most combinations of facts a version's condition spells out; beyond it the memo names two."""


def branch_condition(analysis: Analysis, branch: Branch) -> str:
    """The facts leading to a branch, as words: alternatives joined by 'or', after merging
    alternatives that differ only in the value of one fact ('the fact is x or y'); facts that
    every alternative shares are said once, before them ('a; and either (b) or (c)')."""
    alts = _merged(branch.when)
    if len(alts) > MAX_ALTERNATIVES:  # a memo names a few; explain lists them all
        shown = " or ".join(f"({_conjunction(analysis, alt)})" for alt in alts[:2])
        return (f"{shown} or one of {len(alts) - 2} other combinations of the facts "
                f"(listed by legal-analysis explain)")
    if len(alts) > 1:
        # the facts every alternative shares are said once, before the alternatives
        common = [kv for kv in alts[0] if all(kv in alt for alt in alts[1:])]
        rests = _absorbed([[kv for kv in alt if kv not in common] for alt in alts])
        if common and all(rests):
            either = " or ".join(f"({_conjunction(analysis, r)})" for r in rests)
            return f"{_conjunction(analysis, common)}; and either {either}"
    texts = [_conjunction(analysis, alt) or "in every case" for alt in alts]
    return " or ".join(f"({w})" if len(alts) > 1 else w for w in texts)


def _absorbed(rests: list[list[tuple[str, tuple[Any, ...]]]]
              ) -> list[list[tuple[str, tuple[Any, ...]]]]:
    """Alternatives with a true-or-false fact left out of one where another alternative is that
    fact alone with the other value: '(not a) or (a and b)' says no more than '(not a) or (b)'.

    >>> _absorbed([[("a", (False,))], [("a", (True,)), ("b", (False,))]])
    [[('a', (False,))], [('b', (False,))]]
    """
    singles = {alt[0][0]: set(alt[0][1]) for alt in rests if len(alt) == 1}
    out = []
    for alt in rests:
        kept = [(k, v) for k, v in alt
                if len(alt) == 1 or k not in singles or singles[k] | set(v) != {True, False}
                or singles[k] & set(v)]
        out.append(kept or alt)
    return out


def branch_difference(analysis: Analysis, before: Branch, branch: Branch) -> str | None:
    """Where ``branch`` is reached on the same facts as ``before`` but one, that one as words
    (for 'if the same facts hold but …'); None otherwise."""
    a, b = _merged(before.when), _merged(branch.when)
    if len(a) != 1 or len(b) != 1 or [k for k, _ in a[0]] != [k for k, _ in b[0]]:
        return None
    differ = [new for old, new in zip(a[0], b[0], strict=True) if old[1] != new[1]]
    if len(differ) != 1 or len(b[0]) < 3:
        return None
    return _conjunction(analysis, differ)


def _merged(when: tuple[tuple[tuple[str, Any], ...], ...]
            ) -> list[list[tuple[str, tuple[Any, ...]]]]:
    """Alternative assignments with those that differ in one fact only merged into one, whose
    fact takes either value; repeated until no two can be merged.

    >>> _merged(((("a", 1), ("b", True)), (("a", 2), ("b", True)), (("a", 3), ("b", False))))
    [[('a', (1, 2)), ('b', (True,))], [('a', (3,)), ('b', (False,))]]
    """
    alts: list[list[tuple[str, tuple[Any, ...]]]] = [[(k, (v,)) for k, v in alt] for alt in when]
    changed = True
    while changed:
        changed = False
        for i, j in itertools.combinations(range(len(alts)), 2):
            a, b = alts[i], alts[j]
            if [k for k, _ in a] != [k for k, _ in b]:
                continue
            differ = [n for n, ((_, va), (_, vb)) in enumerate(zip(a, b, strict=True)) if va != vb]
            if len(differ) == 1:
                n = differ[0]
                a[n] = (a[n][0], a[n][1] + b[n][1])
                del alts[j]
                changed = True
                break
    return alts


def _conjunction(analysis: Analysis, alt: list[tuple[str, tuple[Any, ...]]]) -> str:
    """Facts that hold together, as words. A fact with a sentence for its value (or values)
    is said as that sentence ('Captured soldier 1 is not a national of …', 'A commands its
    troops or A and B command them jointly', see :mod:`.propositions`); other facts with the
    same value are named together ('a, b and c are false'), in the order the first of each
    value comes."""
    parts: list[str] = []
    groups: dict[str, list[str]] = {}
    slot: dict[str, int] = {}
    for key, values in alt:
        sentences = [proposition(analysis, key, v) for v in values]
        if all(sentences) and not (len(values) > 1 and _yes_or_no(analysis, key)):
            parts.append(" or ".join(str(x) for x in sentences))
            continue
        text = " or ".join(fact_value_text(analysis, v, key) for v in values)
        if text not in groups:
            groups[text], slot[text] = [], len(parts)
            parts.append("")
        groups[text].append(fact_name(key, analysis))
    for value, names in groups.items():
        parts[slot[value]] = (f"{names[0]} is {value}" if len(names) == 1
                              else f"{', '.join(names[:-1])} and {names[-1]} are {value}")
    several = (len(parts) > 2 or any(len(n) > 1 for n in groups.values())
               or any(len(v) > 1 for _, v in alt))
    items, place = shared_place(parts)  # facts of one destination name it once, at the end
    return and_list(items, "; " if several else ", ") + place


def and_list(parts: Sequence[str], sep: str = ", ") -> str:
    """Clauses joined as a list: 'a and b'; 'a; b; and c' with a separator of '; '.

    >>> and_list(["a", "b"]), and_list(["a", "b", "c"], "; ")
    ('a and b', 'a; b; and c')
    """
    if len(parts) < 2:
        return "".join(parts)
    last = "; and " if sep == "; " else " and "
    return sep.join(parts[:-1]) + last + parts[-1]


def turned_on(analysis: Analysis, keys: Sequence[str]) -> str:
    """The facts an answer turns on, after 'the answer turns on': each as the question it
    asks, in a list (with semicolons when there are more than two)."""
    items, tail = shared_place([fact_question(analysis, k) for k in keys])
    return and_list(items, "; " if len(keys) > 2 else ", ") + tail


def shared_place(items: Sequence[str]) -> tuple[list[str], str]:
    """Items that all end with the same place ('… in the ROK or a third state'), with the place
    taken off each and given once, to follow the list.

    >>> shared_place(["whether a is at risk in X or Y", "whether b is at risk in X or Y"])
    (['whether a is at risk', 'whether b is at risk'], ', in X or Y')
    >>> shared_place(["whether a in X", "whether b"])
    (['whether a in X', 'whether b'], '')
    """
    if len(items) < 2:
        return list(items), ""
    place = items[0][items[0].rfind(" in "):] if " in " in items[0] else ""
    if not place or not all(i.endswith(place) and len(i) > len(place) for i in items):
        return list(items), ""
    return [i[:-len(place)] for i in items], "," + place


def fact_question(analysis: Analysis, key: str) -> str:
    """What a decisive fact asks, for 'the answer turns on …': 'whether <the fact's
    sentence>' for a true-or-false fact, 'who commands …' and the like for an enumerated one
    (see :mod:`.propositions`), its name otherwise."""
    return question(analysis, key, _yes_or_no(analysis, key)) or fact_name(key, analysis)


def _yes_or_no(analysis: Analysis, key: str) -> bool:
    domain = domain_of(analysis.index, key)
    return bool(domain) and set(domain or ()) <= {True, False}


OTHERWISE = "In every other case"


def in_reading_order(branches: Sequence[Branch]) -> list[tuple[Branch, bool]]:
    """Branches in the order a memo states them, each with whether it is the one stated as
    'in every other case'.

    The branches of a result divide every combination of values of its decisive facts among
    them, so one of them can be stated as the rest: the one whose facts take the most
    alternatives to spell out (after merging those that differ in one fact only; the last of
    them, on a tie), when it takes more than one and they combine several facts. It is moved
    to the end.
    """
    merged = [_merged(b.when) for b in branches]
    counts = [len(alts) if any(len(alt) > 1 for alt in alts) else 0 for alts in merged]
    if len(branches) < 2 or max(counts) < 2:
        return [(b, False) for b in branches]
    other = max(i for i, c in enumerate(counts) if c == max(counts))
    rest = [(b, False) for i, b in enumerate(branches) if i != other]
    return [*rest, (branches[other], True)]


def branch_outcome(analysis: Analysis, r: Result, b: Branch) -> tuple[str, str]:
    """A branch's outcome as words, and whose account leads there (or '')."""
    outcome = label(analysis, r.id, b.value) if b.status == "established" else b.status
    who = (f" (on the account of {', '.join(actor_name(analysis, a) for a in b.accounts)})"
           if b.accounts else "")
    return outcome, who


def actor_name(analysis: Analysis, ident: str) -> str:
    """An actor's or a state's name from its id."""
    if ident in analysis.scenario.states:
        return analysis.scenario.states[ident].name
    actor = analysis.scenario.actors.get(ident)
    return actor.name if actor else ident
