"""Derivation trees as the memo's appendix shows them: numbered, indented lines of reasoning.

The engine's derivation tree (see :mod:`legal_analysis.engine.trace`) is JSON data; a memo shows it
as lines, each with a depth, a kind, a mark (✓ holds, ✗ does not hold, ? not known) and a sentence.
Every function here is pure: the same tree gives the same lines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..engine.trace import COMPOUND_WORDS, decisive_children
from ..engine.world import stated_certainty
from .text import words

MARKS: dict[str, str] = {"true": "✓", "false": "✗", "unknown": "?"}
"""The mark of a test's or an exception's result."""

OUTCOME_WORDS: dict[str, str] = {
    "applies": "applies",
    "fails": "does not apply",
    "unknown": "may apply (turns on facts not known)",
    "defeated": "displaced by an exception",
    "overridden": "overridden by a rule of higher rank",
}
"""How a rule's outcome in a derivation reads in a memo."""

OUTCOME_MARKS: dict[str, str] = {"applies": "✓", "fails": "✗", "unknown": "?",
                                 "defeated": "✗", "overridden": "✗"}
"""The mark of a rule's outcome."""

Cite = Callable[[str, "str | None"], str]
"""Turns a source id and pinpoint into a short citation."""


@dataclass(frozen=True)
class DerivationLine:
    """One line of a derivation: its depth, its kind, its mark and its sentence."""

    depth: int
    kind: str
    """``conclusion``, ``rule``, ``test``, ``exception``, ``authority``, ``default`` or ``see``."""
    mark: str
    text: str
    link: tuple[str, str] | None = None
    """Where the memo derives this (sub-)conclusion in full: its label and anchor (``A.4``)."""


def value_words(value: Any, names: Mapping[str, str] | None = None) -> str:
    """A fact or conclusion value as words (``state_sent`` → ``state sent``); an entity id
    that ``names`` lists is given by its name.

    >>> value_words(True), value_words(["PRK", "RUS"]), value_words("state_sent")
    ('true', 'PRK, RUS', 'state sent')
    >>> value_words(["PRK"], {"PRK": "North Korea"})
    'North Korea'
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(value_words(v, names) for v in value) or "none"
    if value is None:
        return "none"
    if names and isinstance(value, str) and value in names:
        return names[value]
    return words(str(value))


@dataclass(frozen=True)
class _Voice:
    """How a derivation is put into words: citations, cross-references and entity names."""

    cite: Cite
    refs: Refs
    names: Mapping[str, str]

    def value(self, value: Any) -> str:
        return value_words(value, self.names)


Refs = Mapping[str, tuple[str, str]]
"""A conclusion's node id → the label and anchor of its derivation in the memo (``A.4``)."""


def prune(tree: dict[str, Any], refs: Refs, depth: int = 0) -> dict[str, Any]:
    """A copy of ``tree`` in which each sub-conclusion that ``refs`` lists keeps only its
    question and outcome, with ``derived_in`` naming where the memo derives it in full.

    Every conclusion's derivation stays complete (follow ``derived_in``), but a tree no longer
    repeats the trees of the conclusions it relies on, which made them grow without bound.

    >>> sub = {"id": "b[]", "question": "B?", "status": "established", "value": True, "rules": [1]}
    >>> tree = {"id": "a[]", "rules": [{"condition": {"sub_conclusion": sub}}]}
    >>> prune(tree, {"b[]": ("A.2", "x")})["rules"][0]["condition"]["sub_conclusion"]
    {'id': 'b[]', 'question': 'B?', 'status': 'established', 'value': True, 'derived_in': 'A.2'}
    """
    if depth and str(tree.get("id")) in refs:
        kept: dict[str, Any] = {k: tree[k] for k in ("id", "conclusion", "subject", "question",
                                                     "status", "value") if k in tree}
        return {**kept, "derived_in": refs[str(tree["id"])][0]}
    return {k: _prune_value(k, v, refs, depth) for k, v in tree.items()}


def _prune_value(key: str, value: Any, refs: Refs, depth: int) -> Any:
    """One value of a tree, pruned: sub-conclusions one level deeper, lists and dicts walked."""
    if key == "sub_conclusion" and isinstance(value, dict):
        return prune(value, refs, depth + 1)
    if isinstance(value, dict):
        return {k: _prune_value(k, v, refs, depth) for k, v in value.items()}
    if isinstance(value, list):
        return [_prune_value("", v, refs, depth) for v in value]
    return value


def derivation_lines(tree: dict[str, Any], cite: Cite, refs: Refs | None = None,
                     names: Mapping[str, str] | None = None) -> tuple[DerivationLine, ...]:
    """The derivation ``tree`` as lines, sub-conclusions nested under the tests that use them.

    A sub-conclusion that ``refs`` lists (one the memo derives in its own appendix entry) is
    referred to in one line, with a link, instead of being repeated. Values that are entity ids
    in ``names`` are given by name.
    """
    return _conclusion_lines(tree, _Voice(cite, refs or {}, names or {}), 0)


def _conclusion_lines(tree: dict[str, Any], voice: _Voice, depth: int
                      ) -> tuple[DerivationLine, ...]:
    refs = voice.refs
    lines: list[DerivationLine] = []
    status = tree.get("status", "undetermined")
    answer = f"{status}: {voice.value(tree.get('value'))}" if status == "established" else status
    where = refs.get(str(tree.get("id"))) if depth else None
    if where is None and "derived_in" in tree:
        where = (str(tree["derived_in"]), "")
    lines.append(DerivationLine(depth, "conclusion", "", f"{tree['question']} — {answer}", where))
    if where:
        return tuple(lines)
    if "see" in tree:
        lines.append(DerivationLine(depth + 1, "see", "", "Derived above (the same question)."))
        return tuple(lines)
    for rule in tree.get("rules", []):
        lines.extend(_rule_lines(rule, voice, depth + 1))
    default = tree.get("default")
    if default is not None:
        used = "used" if default.get("used") else "not used"
        lines.append(DerivationLine(depth + 1, "default", "✓" if default.get("used") else "✗",
                                    f"Default ({used}): {voice.value(default.get('value'))} — "
                                    f"{default.get('explanation', '')}"))
    return tuple(lines)


def _rule_lines(rule: dict[str, Any], voice: _Voice, depth: int) -> list[DerivationLine]:
    """One rule of a derivation: its outcome and sentence, then its tests, exceptions and authorities."""
    outcome = rule.get("outcome", "unknown")
    head = (f"Rule {rule['rule']} ({rule.get('location', '')}) "
            f"{OUTCOME_WORDS.get(outcome, outcome)}; it gives {voice.value(rule.get('value'))}. "
            f"{rule.get('explanation', '')}")
    lines = [DerivationLine(depth, "rule", OUTCOME_MARKS.get(outcome, "?"), head.strip())]
    condition = rule.get("condition")
    if condition is not None:
        lines.extend(_condition_lines(condition, voice, depth + 1))
    for exc in rule.get("exceptions", []):
        result = exc.get("result", "unknown")
        word = {"true": "holds", "false": "does not hold"}.get(result, "is not known to hold")
        lines.append(DerivationLine(depth + 1, "exception", MARKS.get(result, "?"),
                                    f"Exception {exc['rule']} {word}: {exc.get('explanation', '')}"))
    for auth in rule.get("authorities", []):
        lines.append(DerivationLine(depth + 1, "authority", "",
                                    "Authority: " + voice.cite(auth["source"], auth.get("pinpoint"))))
    return lines


def _condition_lines(node: dict[str, Any], voice: _Voice, depth: int) -> list[DerivationLine]:
    """One test of a rule's condition (with the fact it read), its parts, and any sub-conclusion."""
    # a compound test's parts follow it, each on its own line: spelling them out again in the
    # compound's own line made lines grow with the depth of the condition
    op = str(node.get("op"))
    text = f"{COMPOUND_WORDS[op]}:" if op in COMPOUND_WORDS else str(node.get("test", ""))
    fact = node.get("fact")
    if fact and fact.get("key"):
        text += " — " + fact_text(fact, voice.cite, voice.names)
    lines = [DerivationLine(depth, "test", MARKS.get(node.get("result", "unknown"), "?"), text)]
    if "fact" not in node:
        shown, hidden = decisive_children(node)
        for child in shown:
            lines.extend(_condition_lines(child, voice, depth + 1))
        if hidden:
            which = "1 other test" if hidden == 1 else f"{hidden} other tests"
            them = "it" if hidden == 1 else "them"
            lines.append(DerivationLine(depth + 1, "omitted", "",
                                        f"({which} not shown: the outcome does not turn on {them})"))
    sub = node.get("sub_conclusion")
    if sub is not None:
        lines.extend(_conclusion_lines(sub, voice, depth + 1))
    return lines


def fact_text(fact: dict[str, Any], cite: Cite, names: Mapping[str, str] | None = None) -> str:
    """A fact read by a test: its label, value, certainty and sources.

    >>> fact_text({"key": "k", "label": "recruitment", "value": "state_sent",
    ...            "certainty": "reported", "sources": [{"source": "s", "pinpoint": "para 2"}]},
    ...           lambda s, p: f"{s} {p}")
    'recruitment: state sent (reported; s para 2)'
    """
    level = stated_certainty(fact.get("value"), fact.get("certainty"))
    parts = [level] if level else []
    if fact.get("set_by"):
        parts.append(f"set by {fact['set_by']}")
    parts.extend(cite(s["source"], s.get("pinpoint")) for s in fact.get("sources", []))
    tail = f" ({'; '.join(parts)})" if parts else ""
    return f"{fact.get('label', fact['key'])}: {value_words(fact.get('value'), names)}{tail}"
