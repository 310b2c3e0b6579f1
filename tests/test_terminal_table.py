"""``evaluate``'s table: one row per conclusion and group of subjects, answers in the memo's
words, wrapped at word boundaries to 100 columns; ``--only``, ``--subject`` and ``--branches``;
colour only on a terminal; shell completion installable.

The home scenario's table is kept in ``tests/golden/evaluate-dprk-2025-01-12.txt``; after an
intended change of the rules or of the memo's sentences, regenerate it with
``PYTHONPATH=src .venv/bin/python -m legal_analysis evaluate docs/examples/dprk-2025-01-12.yaml
> tests/golden/evaluate-dprk-2025-01-12.txt`` and review the diff.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.render.summary import Block, Row, Summary, plain, select, summary
from legal_analysis.styled import styled_summary

from .conftest import EXAMPLES, ROOT
from .test_hostile import assert_one_line, cli

JAN = EXAMPLES / "dprk-2025-01-12.yaml"
GOLDEN = ROOT / "tests" / "golden" / "evaluate-dprk-2025-01-12.txt"


@pytest.fixture(scope="module")
def table() -> str:
    code, out, err = cli("evaluate", JAN)
    assert code == 0, err
    return out


def test_the_home_scenario_table_is_as_kept(table: str) -> None:
    assert table == GOLDEN.read_text(encoding="utf-8"), (
        "the table changed: regenerate tests/golden/evaluate-dprk-2025-01-12.txt (see the "
        "module's docstring) and review the diff")


def test_every_line_fits_100_columns(table: str) -> None:
    assert max(len(line) for line in table.splitlines()) <= 100


def test_no_fact_key_and_no_rule_id(table: str, rulebook: Rulebook) -> None:
    analysis = analyse(load_scenario(JAN), rulebook)
    words = set(re.findall(r"[\w.-]+", table))
    keys = set(analysis.index.entries)
    fields = {k.rsplit(".", 1)[-1] for k in keys if "_" in k.rsplit(".", 1)[-1]}
    assert not words & keys and not words & fields
    assert not words & set(rulebook.rules) and not words & set(rulebook.conclusions)
    assert "=" not in table


def test_open_rows_name_the_facts_in_words(table: str) -> None:
    party = table.split("Party to the armed conflict\n", 1)[1].split("\n\n", 1)[0]
    first = party.splitlines()[0]
    assert first.split("  ")[1].strip() == "The DPRK — the conflict"
    assert "turns on who commands the DPRK's troops" in party.replace("\n", " ")
    assert "2 possible outcomes" in re.sub(r"\s+", " ", party)


def test_subjects_with_one_answer_share_a_row(table: str) -> None:
    assert "Captured soldiers 1 and 2" in table
    assert "Captured soldier 1 " not in table
    assert "Each of Russia and Ukraine is a party to the conflict." in table


def test_branches_are_sentences() -> None:
    code, out, _ = cli("evaluate", JAN, "--branches", "--only", "party_to_conflict",
                       "--subject", "state=PRK")
    flat = re.sub(r"\s+", " ", out)
    assert code == 0
    assert "- If Russia commands the DPRK's troops, the DPRK is not a party to the conflict." \
        in flat
    assert "- Otherwise, the DPRK is a party to the conflict." in flat
    assert "Russia and Ukraine" not in out  # --subject state=PRK leaves them out
    code, plain_out, _ = cli("evaluate", JAN, "--only", "party_to_conflict")
    assert "- If" not in plain_out


def test_only_and_subject_filter_json_too() -> None:
    code, out, _ = cli("evaluate", JAN, "-f", "json", "--only", "pow_status,mercenary",
                       "--subject", "person=soldier-2")
    data = json.loads(out)
    assert code == 0 and set(data) == {"scenario", "as_of", "conclusions"}
    assert [(c["id"], c["subject"]) for c in data["conclusions"]] == [
        ("pow_status", {"person": "soldier-2"}), ("mercenary", {"person": "soldier-2"})]


def test_unfiltered_json_is_the_contract(rulebook: Rulebook) -> None:
    code, out, _ = cli("evaluate", JAN, "-f", "json")
    analysis = analyse(load_scenario(JAN), rulebook)
    assert code == 0 and json.loads(out) == json.loads(json.dumps(analysis.to_dict()))


@pytest.mark.parametrize(("args", "words"), [
    (("--only", "pow_stat"), ("unknown conclusion 'pow_stat'", "did you mean 'pow_status'")),
    (("--subject", "persn=soldier-1"), ("role 'persn'", "did you mean 'person'")),
    (("--subject", "person=soldier1"), ("'soldier1' is not a person",
                                        "did you mean 'soldier-1'")),
    (("--only", "party_to_conflict", "--subject", "person=soldier-1"),
     ("no conclusion shown has a subject role 'person'", "expected one of conflict, state")),
    (("--subject", "person"), ("is not of the form key=value",)),
])
def test_bad_filters_are_one_line(args: tuple[str, ...], words: tuple[str, ...]) -> None:
    assert_one_line(*cli("evaluate", JAN, *args), *words)


def test_narrow_widths_wrap_at_word_boundaries(rulebook: Rulebook) -> None:
    analysis = analyse(load_scenario(JAN), rulebook)
    made = summary(analysis, select(analysis, ("repatriation_option",)), branches=True)
    text_words = " ".join(r.answer for b in made.blocks for r in b.rows).split()
    for width in (40, 60, 80):
        out = plain(made, width)
        assert max(len(line) for line in out.splitlines()) <= width
        assert set(text_words) <= set(out.split())  # no word cut in two


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.sampled_from("abc de-f\u00e9 "), min_size=1, max_size=120),
                min_size=1, max_size=4),
       st.integers(min_value=30, max_value=140))
def test_no_line_is_wider_than_asked(answers: list[str], width: int) -> None:
    """For any answers and subject names, and any width from 30 columns, no line of the plain
    table is wider than the width, and every word of every answer is printed whole."""
    rows = tuple(Row(a[:40] or "x", "established", a) for a in answers)
    out = plain(Summary("Heading", (Block("Title", rows),)), width)
    assert max(len(line) for line in out.splitlines()) <= width
    printed = set(out.split())
    assert all(w in printed for a in answers for w in a.split() if len(w) <= width - 34)


def test_colour_only_where_asked(rulebook: Rulebook) -> None:
    analysis = analyse(load_scenario(JAN), rulebook)
    made = summary(analysis, select(analysis, ("party_to_conflict",)))
    coloured = styled_summary(made, 100, colour=True)
    bare = styled_summary(made, 100, colour=False)
    assert "\x1b[" in coloured and "\x1b" not in bare
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == bare
    assert max(len(line) for line in bare.splitlines()) <= 100
    assert all(line == line.rstrip() for line in bare.splitlines())
    assert "Each of Russia and Ukraine is a party to the conflict." in bare
    narrow = styled_summary(summary(analysis, select(analysis, ("pow_status",)), True), 60, False)
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert "\n  Captured soldiers 1 and 2  The answer turns on" in narrow
    assert re.search(r"\n {29}- If .*\n {31}\S", narrow)  # versions hang under their dash


def test_no_colour_when_not_a_terminal(table: str) -> None:
    assert "\x1b" not in table


def test_styled_text_cannot_carry_control_codes() -> None:
    made = Summary("Red\x1b[31mland", (Block("T", (Row("A\x1b[2J", "conflict", "x\x0by"),)),))
    out = styled_summary(made, 80, colour=True)
    assert "\\x1b[31m" in out and "\\x1b[2J" in out and "\\x0b" in out
    assert "\x1b[2J" not in out and "\x0b" not in out


def test_shell_completion_is_offered() -> None:
    code, out, _ = cli("--help")
    assert code == 0 and "--install-completion" in out and "--show-completion" in out
    script = Path(sys.executable).parent / "legal-analysis"
    proc = subprocess.run([str(script), "--show-completion", "bash"],
                          capture_output=True, text=True, check=False, timeout=60,
                          env={"SHELL": "/bin/bash", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert "_LEGAL_ANALYSIS_COMPLETE=complete_bash" in proc.stdout
    assert proc.stdout.rstrip().endswith("legal-analysis")  # 'complete … legal-analysis'
