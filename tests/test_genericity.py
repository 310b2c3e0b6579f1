"""The rule base is generic: no rule names a particular state."""

from __future__ import annotations

import re
from pathlib import Path

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.render import render
from legal_analysis.ruleset.conditions import describe

from .conftest import FIXTURES

CODES = re.compile(r"\b(PRK|RUS|UKR|KOR|DPRK|ROK)\b")
NAMES = re.compile(r"north korea|russia|ukrain|korea", re.IGNORECASE)
STATE_PRACTICE = frozenset({"refoulement.yaml", "repatriation.yaml"})
"""Files whose contested views and notes cite what a named state declared or did (the ROK's
declaration on GC III art 118(1), the Korean War's voluntary repatriation): an authority, not
a condition."""


def test_no_condition_or_sentence_names_a_state(rulebook: Rulebook) -> None:
    """Every rule speaks of a sending state, receiving state, adversary, detaining power, person
    and destination: no condition, value, detail or explanation names a particular state
    (notes and contested views are scanned too, except where they cite a named state's
    declaration or practice as an authority: see STATE_PRACTICE)."""
    checked = 0
    for rule in rulebook.rules.values():
        s = rule.spec
        texts = [describe(rule.when), str(s.value), s.detail or "", s.explain.holds,
                 s.explain.fails]
        if rule.where is not None:
            texts.append(describe(rule.where))
        if Path(rule.location.path).name not in STATE_PRACTICE:
            texts.append(s.note or "")
            if s.contested is not None:
                texts += [s.contested.issue, *(v.view for v in s.contested.views)]
        for text in texts:
            assert not CODES.search(text) and not NAMES.search(text), (rule.id, text)
        checked += 1
    assert checked == len(rulebook.rules) >= 80


HOME_SOURCES = frozenset({
    "seed-ifans-2025", "seed-sejong-2025", "seed-rok-reaction-2025", "seed-dw-2024",
    "seed-kyiv-independent-2024", "dprk-russia-treaty-2024", "rok-constitution",
    "special-tribunal-agreement-2025", "unga-es-11-1", "unsc-dprk-sanctions",
    "ohchr-statement-dprk-pows", "hrw-2026-north-korean-pows", "38north-2025",
    "interfax-2024-12-05", "babel-2025-06-25", "interfax-ukraine-2025-07-15",
})
"""Documents about the home case (the 2024–25 deployment and its captured soldiers)."""
HOME_WORDS = re.compile(
    r"north korea|democratic people|\bDPRK\b|russia|ukrain|kursk|pyongyang|kyiv|\bkress\b|sejong"
    r"|ifans|yoo and ward|goncharova|defector|rutte", re.IGNORECASE)
HYPOTHETICALS = ("generic.yaml", "generic-transfer.yaml", "status-generic.yaml")


def test_a_memo_on_an_unrelated_case_carries_nothing_of_the_home_case(rulebook: Rulebook) -> None:
    """A memo on a hypothetical case with placeholder states cites no document about the home
    case and uses none of its words: the rules' law is general, and news, think-tank papers and
    one state's instruments reach a memo only where its scenario cites them for its facts."""
    registry = rulebook.registry
    titles = [registry.sources[s].title for s in HOME_SOURCES if s in registry.sources]
    shorts = [registry.sources[s].short for s in HOME_SOURCES if s in registry.sources]
    assert len(titles) == len(HOME_SOURCES)
    for name in HYPOTHETICALS:
        analysis = analyse(load_scenario(FIXTURES / "claims" / name), rulebook)
        memo = render(analysis, "md").decode("utf-8")
        found = sorted({m.group(0) for m in HOME_WORDS.finditer(memo)})
        assert not found, (name, found)
        leaked = [t for t in titles + shorts if t in memo]
        assert not leaked, (name, leaked)
