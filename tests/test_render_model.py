"""The memo model's wording: names of states and persons keep their capitals."""

from __future__ import annotations

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.render.model import build_memo, fact_name

from .conftest import ROOT

HOME = ROOT / "docs" / "examples" / "dprk-2025-01-12.yaml"


def test_a_fact_named_after_a_state_keeps_the_states_capital(rulebook: Rulebook) -> None:
    """A fact whose description begins with a state's name is not lower-cased inside a sentence
    ("if Russian Federation bound by ...", not "if russian Federation ...")."""
    analysis = analyse(load_scenario(HOME), rulebook)
    name = analysis.scenario.states["RUS"].name
    assert fact_name("states.RUS.bound.gc3", analysis).startswith(name)


def test_timeline_rows_begin_with_a_capital(rulebook: Rulebook) -> None:
    """Every row of the memo's timeline starts a sentence, so it starts with a capital letter."""
    memo = build_memo(analyse(load_scenario(HOME), rulebook))
    assert memo.timeline
    for date, text in memo.timeline:
        assert text[:1] == text[:1].upper(), (date, text)
