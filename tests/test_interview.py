"""``legal-analysis new`` (the guided interview) and ``examples copy blank`` (the template).

The made-up case throughout: CCC sends troops to fight for AAA against BBB, and BBB captures one
of them. ``tests/fixtures/interview/hypothetical.yaml`` is that case written by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from legal_analysis.cli import app
from legal_analysis.facts import UNKNOWN
from legal_analysis.interview.answers import Context, read_answer
from legal_analysis.interview.answers_file import answers_data, read_answers_file
from legal_analysis.interview.blank import blank_text
from legal_analysis.interview.questions import VALUE_SENTENCES, every_question
from legal_analysis.scenario import load_scenario

from .conftest import FIXTURES

runner = CliRunner()
CASE = FIXTURES / "interview"
ANSWERS = CASE / "answers.yaml"
BAD = FIXTURES / "bad_answers"

TYPED = [
    "CCC's troops in the war between AAA and BBB (a made-up case)",  # title
    "AAA", "State A", "a state at war", "gc3, api",
    "BBB", "State B", "its adversary", "gc3 api cat",
    "CCC", "State C", "a state sending troops", "gc3",
    "",  # no fourth state
    "AAA BBB", "", "international", "", "", "2024-01-01", "", "", "",  # conflict
    "CCC", "AAA", "",  # a force: sending, receiving, against (Enter: BBB, the adversary)
    "rusia", "sending", "A made-up report", "news", "reported",  # command (asked again)
    "state_sent", "", "", "yes", "", "", "", "yes", "", "", "", "",
    "",  # no second force
    "Soldier 1", "CCC", "", "", "CCC", "CCC", "", "", "BBB", "2025-02-10", "", "", "",
    "",  # no second person
    "CCC, BBB", "2025-03-01",
]
"""The answers of answers.yaml, typed (with one wrong answer, asked again)."""


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def outcomes(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """Every conclusion's status and value in ``evaluate --format json``, by id and subject."""
    code, out, err = run("evaluate", str(path), "--format", "json", "--quiet")
    assert code == 0, err
    return {(c["id"], json.dumps(c["subject"], sort_keys=True)):
            (c["status"], json.dumps(c["value"], sort_keys=True))
            for c in json.loads(out)["conclusions"]}


def test_answers_file_makes_the_hand_written_case(tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    code, out, err = run("new", str(target), "--answers", str(ANSWERS))
    assert code == 0, err
    assert "scenario written to" in out and "3 states, 1 force, 1 person" in out
    code, out, _ = run("validate", str(target))
    assert code == 0 and "ok" in out
    made, by_hand = outcomes(target), outcomes(CASE / "hypothetical.yaml")
    assert made == by_hand
    assert made[("party_to_conflict", json.dumps({"conflict": "aaa-bbb", "state": "CCC"},
                                                 sort_keys=True))] == ("established", "true")


def test_unknown_answers_stay_unknown(tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    assert run("new", str(target), "--answers", str(ANSWERS))[0] == 0
    scenario = load_scenario(target)
    person = scenario.persons["soldier-1"]
    deployment = scenario.deployments["ccc-to-aaa"]
    # '' (takes_direct_part), 'unknown' (size, aggressor) and left out (uniforms) alike
    for fact in (person.takes_direct_part, deployment.size, deployment.uniforms,
                 scenario.conflicts["aaa-bbb"].aggressor):
        assert fact.value == UNKNOWN  # written 'unknown', never false
    text = target.read_text(encoding="utf-8")
    assert "takes_direct_part: unknown" in text and "uniforms: unknown" in text
    # an answer with a source and a certainty keeps both
    assert deployment.command_authority.value == "sending"
    assert deployment.command_authority.certainty == "reported"
    assert scenario.sources[deployment.command_authority.sources[0].source].kind == "news"


@given(blank=st.sampled_from([None, "", "  ", "unknown", "UNKNOWN", " Unknown "]),
       index=st.integers(min_value=0, max_value=len(every_question()) - 1))
def test_a_blank_answer_is_unknown_never_false(blank: str | None, index: int) -> None:
    """For every question whose answer may be unknown, a missing, empty or 'unknown' answer
    (any case, any spaces) reads as unknown (or no treaties), never as false or a value."""
    q = every_question()[index]
    if q.identifies:
        return
    assert read_answer(q, blank, Context()) == (() if q.kind == "treaties" else UNKNOWN)


def test_typed_answers_write_the_same_file_as_the_answers_file(tmp_path: Path) -> None:
    typed, from_file = tmp_path / "typed" / "case.yaml", tmp_path / "file" / "case.yaml"
    typed.parent.mkdir()
    from_file.parent.mkdir()
    code, out, err = run("new", str(typed), input="\n".join(TYPED) + "\n")
    assert code == 0, err + out[-2000:]
    assert "'rusia' is not allowed" in out  # the wrong answer was explained, and asked again
    assert "1. sending: the sending state's own commanders direct the troops" in out
    assert run("new", str(from_file), "--answers", str(ANSWERS))[0] == 0
    assert typed.read_bytes() == from_file.read_bytes()


@pytest.mark.parametrize("cut", [1, 14, 30])
def test_end_of_input_writes_nothing(tmp_path: Path, cut: int) -> None:
    target = tmp_path / "case.yaml"
    code, _, err = run("new", str(target), input="\n".join(TYPED[:cut]) + "\n")
    assert code == 1
    assert "nothing was written" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    target.write_text("my notes\n", encoding="utf-8")
    code, _, err = run("new", str(target), "--answers", str(ANSWERS))
    assert code == 2 and "--force" in err and err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "my notes\n"
    # refused before a single question is asked
    code, out, _ = run("new", str(target), input="\n".join(TYPED) + "\n")
    assert code == 2 and "Which state" not in out
    assert run("new", str(target), "--answers", str(ANSWERS), "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# A scenario written by")


def test_without_a_file_the_scenario_goes_to_standard_output() -> None:
    code, out, _ = run("new", "--answers", str(ANSWERS))
    assert code == 0
    assert out.startswith("# A scenario written by") and "\nid: answers\n" in out


def _bad_answers() -> list[Path]:
    return sorted(BAD.glob("*.yaml"))


@pytest.mark.parametrize("path", _bad_answers(), ids=lambda p: p.stem)
def test_bad_answers_give_one_located_line(path: Path, tmp_path: Path) -> None:
    expect, line = path.read_text(encoding="utf-8").splitlines()[:2]
    wanted = expect.removeprefix("# expect: ")
    at = int(line.removeprefix("# line: "))
    target = tmp_path / "case.yaml"
    code, out, err = run("new", str(target), "--answers", str(path))
    assert code == 2 and not target.exists()
    assert err.count("\n") == 1 and "Traceback" not in err + out
    where = f"{path}:{at}:" if at else f"{path}: "
    assert err.startswith(f"legal-analysis: {where}"), err
    assert wanted in err, err


def test_every_choice_has_a_sentence_for_each_of_its_values() -> None:
    for q in every_question():
        if q.kind == "choice":
            assert q.field is not None
            assert set(VALUE_SENTENCES[q.field]) == set(q.choices), q.id
    assert {q.field for q in every_question() if q.kind == "choice"} == set(VALUE_SENTENCES)


FILLING: dict[str, str] = {
    "<id: letters, digits, '-' or '_'>": "filled-blank", "<title of the case>": "A filled case",
    "<YYYY-MM-DD>": "2025-03-01", "<A>": "AAA", "<B>": "BBB", "<C>": "CCC",
    "<name of state A>": "State A", "<name of state B>": "State B",
    "<name of state C>": "State C", "<name of the conflict>": "The war",
    "<name of the person>": "Soldier 1",
}


def fill(text: str) -> str:
    """The template with each placeholder replaced by its value in :data:`FILLING`."""
    placeholders = set(re.findall(r'"(<[^"]*>)"', text))
    assert placeholders == set(FILLING), placeholders ^ set(FILLING)
    for placeholder, value in FILLING.items():
        text = text.replace(placeholder, value)
    return text


def test_the_blank_template_validates_once_filled(tmp_path: Path) -> None:
    code, out, _ = run("examples", "copy", "blank", str(tmp_path))
    blank = tmp_path / "blank.yaml"
    assert code == 0 and str(blank) in out
    text = blank.read_text(encoding="utf-8")
    assert text == blank_text()
    code, _, err = run("validate", str(blank))
    assert code == 2 and "blank.yaml:" in err  # a placeholder is not a value
    filled = tmp_path / "filled.yaml"
    filled.write_text(fill(text), encoding="utf-8")
    code, out, err = run("validate", str(filled))
    assert code == 0, err
    scenario = load_scenario(filled)
    assert scenario.deployments["the-force"].command_authority.value == UNKNOWN
    assert scenario.persons["person-1"].captured_by == "BBB"


def test_the_blank_template_says_what_goes_where() -> None:
    text = blank_text()
    for section in ("states:", "conflicts:", "deployments:", "persons:", "destinations:"):
        before = text.split(f"\n{section}")[0].splitlines()
        assert before[-1].startswith("#"), section  # a comment right above each section
    assert "sending (the sending state's own commanders direct the troops)" in text


def test_the_blank_template_goes_to_a_file_and_keeps_an_existing_one(tmp_path: Path) -> None:
    target = tmp_path / "my-case.yaml"
    assert run("examples", "copy", "blank", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == blank_text()
    target.write_text("mine\n", encoding="utf-8")
    code, _, err = run("examples", "copy", "blank", str(target))
    assert code == 2 and "exists already" in err
    assert target.read_text(encoding="utf-8") == "mine\n"



def test_typed_answers_are_kept_when_the_scenario_would_not_validate(tmp_path: Path) -> None:
    """More states than a scenario may hold pass every question, not the final check: the
    typed answers are then kept beside the file, and read back they give the same error."""
    states = [line for n in range(1, 32) for line in (f"S{n:02}", f"State {n}", "", "")]
    typed = ["A crowded case", *states, "", "S01 S02", "", "", "", "", "", "", "", "2025-01-01"]
    target = tmp_path / "case.yaml"
    code, _, err = run("new", str(target), input="\n".join(typed) + "\n")
    kept = tmp_path / "case.answers.yaml"
    assert code == 2 and err.count("\n") == 1 and not target.exists()
    assert err.startswith("legal-analysis: states: 31 states, more than the limit of 30")
    assert f"the answers are kept in {kept}" in err
    code, _, again = run("new", str(target), "--answers", str(kept))
    assert code == 2 and again.startswith(f"legal-analysis: {kept}:")
    assert err.split("states", 1)[1].split(";")[0] in again


def test_a_force_is_not_sent_to_its_own_state(tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    answers = tmp_path / "answers.yaml"
    answers.write_text("states: [{code: AAA}, {code: BBB}]\n"
                       "conflict: {belligerents: [AAA, BBB]}\n"
                       "forces: [{sending: AAA, receiving: AAA, against: BBB}]\n",
                       encoding="utf-8")
    code, _, err = run("new", str(target), "--answers", str(answers))
    assert code == 2 and ":3:" in err
    assert "receiving: 'AAA' is not allowed (expected one of BBB)" in err


def test_answers_read_back_as_they_were_given(tmp_path: Path) -> None:
    """What :func:`answers_data` writes (to keep typed answers) is read back as the same answers."""
    first = read_answers_file(ANSWERS)
    kept = tmp_path / "kept.yaml"
    kept.write_text(yaml.safe_dump(answers_data(first), sort_keys=False), encoding="utf-8")
    second = read_answers_file(kept)
    assert second.given == first.given and second.counts == first.counts
