"""``explain`` in words: why a conclusion holds (or what is missing), then the rules tried.

An explanation leads with a plain sentence: the memo's answer and the reason the rule that
gives it states, or, for an open question, the facts it turns on. The rules tried follow, each
as its own sentence with its outcome in words (applies, does not apply, may apply, displaced by
an exception). ``every_part`` adds each rule's tests as a tree: the facts each read, in words,
with their certainty and sources, and the conclusions each relies on, explained in turn. Rule
ids and where the rules are written are shown only when ``ids`` is asked for.

Each line comes with its kind (``lead``, ``applies``, ``fails``, ``open``, ``displaced``,
``heading`` or ``text``), which a terminal may colour; lines are wrapped at word boundaries to
a width (100 columns unless told).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import Any

from ..engine.analysis import Analysis, Result
from ..engine.world import stated_certainty
from .citing import short_cite
from .names import Namer, upper_first
from .phrasing import answer
from .phrasing import question as ask
from .propositions import proposition
from .summary import open_answer
from .wording import fact_value_text

Line = tuple[str, str]
"""A line of text and its kind."""

OUTCOMES: dict[str, tuple[str, str]] = {
    "applies": ("applies", "applies"),
    "fails": ("does not apply", "fails"),
    "unknown": ("may apply", "open"),
    "defeated": ("displaced by an exception", "displaced"),
    "overridden": ("applies, but a rule of higher rank prevails", "displaced"),
}
"""Each outcome of a rule as words, and the kind of its line."""
MARKS: dict[str, str] = {"true": "✓", "false": "✗", "unknown": "?"}
WIDTH = 100


def _value(data: Any) -> Any:
    """A value from a derivation (JSON data) as the engine holds it (lists as tuples)."""
    return tuple(data) if isinstance(data, list) else data


def _said(analysis: Analysis, namer: Namer, text: str) -> str:
    """A sentence with the memo's names."""
    return upper_first(namer(text))


def lead(analysis: Analysis, result: Result, tree: dict[str, Any], namer: Namer) -> str:
    """The explanation's first sentence: the answer and why, or what the answer turns on."""
    said = open_answer(analysis, result)
    if result.status == "established":
        reasons = [rule["explanation"] for rule in tree["rules"] if rule["outcome"] == "applies"]
        if not reasons and tree.get("default", {}).get("used"):
            reasons = [tree["default"]["explanation"]]
        if reasons:
            said += " " + " ".join(reasons)
    return _said(analysis, namer, said)


def explanation(analysis: Analysis, result: Result, tree: dict[str, Any], *,
                every_part: bool = False, ids: bool = False, width: int = WIDTH) -> list[Line]:
    """An explanation of ``result`` from its derivation ``tree`` (see the module's text)."""
    namer = Namer.of(analysis)
    question = _said(analysis, namer, ask(analysis, result))
    lines: list[Line] = [*_wrap(question, "heading", "", width),
                         *_wrap(lead(analysis, result, tree, namer), "lead", "", width)]
    lines += [("", "text"), ("Rules tried:", "heading")]
    lines += _rules(analysis, namer, result, tree, 1, every_part, ids, width)
    return lines


def _rules(analysis: Analysis, namer: Namer, result: Result | None, tree: dict[str, Any],
           depth: int, every_part: bool, ids: bool, width: int) -> list[Line]:
    pad = "  " * depth
    lines: list[Line] = []
    if not tree["rules"]:
        lines += _wrap("No rule was tried for this question.", "text", pad, width)
    for rule in tree["rules"]:
        words, kind = OUTCOMES.get(rule["outcome"], (rule["outcome"], "text"))
        text = f"{upper_first(words)}: {upper_first(rule['explanation'])}"
        if result is not None and rule["value"] not in ("unknown", None):
            gives = answer(analysis, result, _value(rule["value"]))
            text += f" (Where it applies, {gives}.)"
        text = namer(text)
        if ids:
            text += f" [{rule['rule']}, {rule['location']}]"
        lines += _wrap(text, kind, pad, width)
        for e in rule["exceptions"]:
            state = {"true": "applies", "false": "does not apply"}.get(e["result"], "may apply")
            said = f"Exception ({state}): {_said(analysis, namer, _plain(analysis, e, ids))}"
            lines += _wrap(said + (f" [{e['rule']}]" if ids else ""), "text", pad + "    ", width)
        if every_part:
            lines += _condition(analysis, namer, rule["condition"], depth + 2, ids, width)
            sources = [short_cite(analysis.rulebook.registry, a["source"], a["pinpoint"])
                       for a in rule["authorities"]]
            if sources:
                lines += _wrap("Authority: " + "; ".join(sources), "text", pad + "    ", width)
    if "default" in tree and (every_part or tree["default"]["used"]):
        d = tree["default"]
        used = "used" if d["used"] else "not used"
        lines += _wrap(f"Otherwise ({used}): {_said(analysis, namer, d['explanation'])}",
                       "applies" if d["used"] else "fails", pad, width)
    return lines


def _condition(analysis: Analysis, namer: Namer, node: dict[str, Any], depth: int, ids: bool,
               width: int) -> list[Line]:
    """A rule's tests as a tree of facts and conclusions, each marked ✓, ✗ or ?."""
    pad = "  " * depth
    mark = MARKS.get(node["result"], "?")
    met = {"true": "met", "false": "not met"}.get(node["result"], "open")
    kind = {"true": "applies", "false": "fails"}.get(node["result"], "open")
    if "children" in node and "fact" not in node:
        head = {"all": "all of these", "any": "any of these", "not": "not this"}.get(
            node["op"], node["op"])
        lines = _wrap(f"{mark} {head}:", kind, pad, width)
        for child in node["children"]:
            lines += _condition(analysis, namer, child, depth + 1, ids, width)
        return lines
    if "sub_conclusion" in node:
        sub = node["sub_conclusion"]
        status = (f"yes: {sub['value']}" if sub["status"] == "established"
                  else sub["status"])
        if sub["status"] == "established" and isinstance(sub["value"], bool):
            status = "yes" if sub["value"] else "no"
        text = f"{mark} {met}: {_said(analysis, namer, _question(analysis, sub))} ({status})"
        lines = _wrap(text, kind, pad, width)
        if "see" in sub:
            return lines + _wrap("(explained above)", "text", pad + "    ", width)
        return lines + _rules(analysis, namer, None, sub, depth + 2, True, ids, width)
    fact = node.get("fact")
    if fact and fact.get("key"):
        return _wrap(f"{mark} {met}: {_fact(analysis, namer, fact)}", kind, pad, width)
    return _wrap(f"{mark} {node['test']}", kind, pad, width)


def _plain(analysis: Analysis, exception: dict[str, Any], ids: bool) -> str:
    """An exception's sentence, without the rule ids in brackets it ends with unless ``ids``."""
    text = str(exception["explanation"])
    if ids:
        return text
    rules = analysis.rulebook.rules

    def drop(m: re.Match[str]) -> str:
        named = [n.strip() for n in m.group(1).split(",")]
        return "" if all(n in rules for n in named) else m.group(0)

    return re.sub(r" \(([\w., -]+)\)(?=\.)", drop, text)


def _question(analysis: Analysis, node: dict[str, Any]) -> str:
    """The question of a conclusion in a derivation, as the memo asks it."""
    subject = tuple(node["subject"].items())
    for r in analysis.results:
        if r.id == node["conclusion"] and r.subject == subject:
            return ask(analysis, r)
    return str(node["question"])


def _fact(analysis: Analysis, namer: Namer, fact: dict[str, Any]) -> str:
    """A fact a test read, in words: what it says (or its name and value), how certain it is,
    and its sources."""
    key, value = fact["key"], _value(fact["value"])
    said = proposition(analysis, key, value) if value != "unknown" else None
    text = (upper_first(namer(said)) if said else
            f"{upper_first(namer(str(fact.get('label', key)).rstrip('.')))}: "
            f"{namer(fact_value_text(analysis, value, key))}")
    level = stated_certainty(fact["value"], fact.get("certainty"))
    extras = [level] if level else []
    extras += [short_cite(analysis.rulebook.registry, s["source"], s["pinpoint"])
               for s in fact.get("sources", [])]
    return text + (f" ({'; '.join(extras)})" if extras else "")


def why_not_lines(analysis: Analysis, result: Result, value: Any, item: dict[str, Any], *,
                  ids: bool = False, width: int = WIDTH) -> list[Line]:
    """Why ``result`` does not take ``value``: each rule that would give it, and the tests that
    keep it from applying, in words."""
    namer = Namer.of(analysis)
    lines = _wrap(namer(f"Why not: {answer(analysis, result, value)}?"), "heading", "", width)
    if not item["why_not"]:
        lines += _wrap("No rule gives this answer to the question.", "lead", "  ", width)
    for rule in item["why_not"]:
        words, kind = OUTCOMES.get(rule["outcome"], (rule["outcome"], "text"))
        text = f"{upper_first(words)}: {_said(analysis, namer, rule['explanation'])}"
        if ids:
            text += f" [{rule['rule']}, {rule['location']}]"
        lines += _wrap(text, kind, "  ", width)
        for leaf in rule["blocking"]:
            fact = leaf.get("fact") or {}
            shown = _fact(analysis, namer, fact) if fact.get("key") else leaf["test"]
            if leaf.get("sub_conclusion"):
                shown = _said(analysis, namer, _question(analysis, leaf["sub_conclusion"]))
            unknown = leaf["result"] == "unknown"
            lines += _wrap(f"{'Not known' if unknown else 'Blocked by'}: {shown}",
                           "open" if unknown else "fails", "      ", width)
        for e in rule["exceptions"]:
            state = "applies" if e["result"] == "true" else "may apply"
            lines += _wrap(f"Exception ({state}): {_said(analysis, namer, _plain(analysis, e, ids))}"
                           + (f" [{e['rule']}]" if ids else ""), "displaced", "      ", width)
    return lines


def _wrap(text: str, kind: str, pad: str, width: int) -> list[Line]:
    """``text`` wrapped at word boundaries after ``pad``, its later lines indented two more."""
    wrapped = textwrap.wrap(text, max(width, len(pad) + 20), initial_indent=pad,
                            subsequent_indent=pad + "  ", break_on_hyphens=False)
    return [(line, kind) for line in wrapped] or [("", kind)]


def plain(lines: Sequence[Line]) -> str:
    """Lines as plain text."""
    return "\n".join(text for text, _kind in lines)
