"""The rule base is generic: no rule names a particular state."""

from __future__ import annotations

import re
from pathlib import Path

from legal_analysis import Rulebook
from legal_analysis.ruleset.conditions import describe

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
