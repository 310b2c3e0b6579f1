"""``explain`` in words: a plain lead sentence, then each rule tried with its outcome in words;
the tests of each rule only with ``--every-part``, rule ids only with ``--ids``."""

from __future__ import annotations

import re

import pytest

from legal_analysis import Analysis, Rulebook, analyse, load_scenario
from legal_analysis.render.explanation import OUTCOMES, explanation, plain, why_not_lines
from legal_analysis.styled import styled_lines

from .conftest import EXAMPLES
from .test_hostile import cli

JAN = EXAMPLES / "dprk-2025-01-12.yaml"


@pytest.fixture(scope="module")
def analysis(rulebook: Rulebook) -> Analysis:
    return analyse(load_scenario(JAN), rulebook)


def test_every_rule_is_said_with_its_outcome_in_words(analysis: Analysis) -> None:
    for r in analysis.results:
        tree = analysis.explain(r.id, **r.subject_dict)
        text = plain(explanation(analysis, r, tree))
        rules_part = text.split("\nRules tried:\n", 1)[1]
        heads = [line.strip().split(":", 1)[0] for line in rules_part.splitlines()
                 if line.startswith("  ") and not line.startswith("    ")]
        assert heads == [OUTCOMES[rule["outcome"]][0][:1].upper() + OUTCOMES[rule["outcome"]][0][1:]
                         for rule in tree["rules"]] + (["Otherwise (used)"]
                                                       if tree.get("default", {}).get("used")
                                                       else []), r.node_id


def test_an_established_answer_leads_with_why(analysis: Analysis) -> None:
    r = analysis.get("party_to_conflict", state="RUS")
    lines = explanation(analysis, r, analysis.explain(r.id, **r.subject_dict))
    assert lines[0] == ("Is Russia a party to the conflict?", "heading")
    assert lines[1][0].startswith("Russia is a party to the conflict. Russia is one of the states")
    assert lines[1][1] == "lead"


def test_an_open_answer_leads_with_what_is_missing(analysis: Analysis) -> None:
    r = analysis.get("party_to_conflict", state="PRK")
    lines = explanation(analysis, r, analysis.explain(r.id, **r.subject_dict))
    assert lines[1] == ("The answer turns on who commands the DPRK's troops.", "lead")


def test_no_ids_or_fact_keys_unless_asked(analysis: Analysis, rulebook: Rulebook) -> None:
    r = analysis.get("pow_status", person="soldier-1")
    tree = analysis.explain(r.id, **r.subject_dict)
    words = set(re.findall(r"[\w.-]+", plain(explanation(analysis, r, tree, every_part=True))))
    assert not words & set(rulebook.rules)
    assert not words & set(analysis.index.entries)
    with_ids = plain(explanation(analysis, r, tree, ids=True))
    assert "[pow.mercenary, rules/" in with_ids


@pytest.mark.parametrize("width", [50, 80, 100])
def test_lines_fit_the_width(analysis: Analysis, width: int) -> None:
    r = analysis.get("pow_status", person="soldier-1")
    tree = analysis.explain(r.id, **r.subject_dict)
    for lines in (explanation(analysis, r, tree, every_part=True, width=width),
                  why_not_lines(analysis, r, "prisoner_of_war",
                                {"why_not": analysis.why_not(r.id, "prisoner_of_war",
                                                             **r.subject_dict)}, width=width)):
        assert max(len(text) for text, _kind in lines) <= width


def test_explain_fits_100_columns_on_the_command_line() -> None:
    code, out, _ = cli("explain", JAN, "pow_status", "--every-part")
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 100
    code, short, _ = cli("explain", JAN, "pow_status")
    assert len(short.splitlines()) * 4 < len(out.splitlines())


def test_colour_is_only_added_to_plain_text(analysis: Analysis) -> None:
    r = analysis.get("party_to_conflict", state="PRK")
    lines = explanation(analysis, r, analysis.explain(r.id, **r.subject_dict))
    coloured = styled_lines(lines, colour=True)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain(lines) + "\n"
    assert styled_lines(lines, colour=False) == plain(lines) + "\n"
