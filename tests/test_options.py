"""Options take only the values that mean something for their command: ``--format`` one of the
formats the command writes, ``--why-not`` one of the values of the conclusion. ``explain -f xml``
and ``what-if -f xml`` printed text, and ``--why-not banana`` explained why no rule gives it.
"""

from __future__ import annotations

import pytest

from .conftest import EXAMPLES
from .test_hostile import assert_one_line, cli

JAN = EXAMPLES / "dprk-2025-01-12.yaml"
SET = ("--set", "deployments.dprk-to-russia.command_authority=receiving")
FORMATS = {
    "evaluate": ((), "table or json"),
    "explain": (("party_to_conflict",), "text or json"),
    "what-if": (SET, "text or json"),
    "memo": ((), "md, html, docx, json or pdf"),
}


def _own(command: str) -> list[str]:
    return FORMATS[command][1].replace(",", " ").replace(" or ", " ").split()


@pytest.mark.parametrize(("command", "given"), [
    (command, given) for command in FORMATS for given in ("xml", "JSON", "", "md", "table", "text")
    if given not in _own(command)])
def test_a_format_the_command_does_not_write_is_refused(command: str, given: str) -> None:
    args, allowed = FORMATS[command]
    assert_one_line(*cli(command, JAN, *args, "-f", given),
                    f"--format {given!r} is not a format of {command}", f"expected {allowed}")


@pytest.mark.parametrize("command", ["evaluate", "explain", "what-if"])
def test_each_format_of_the_command_is_taken(command: str) -> None:
    args, _allowed = FORMATS[command]
    for given in _own(command):
        code, out, err = cli(command, JAN, *args, "-f", given)
        assert code == 0 and out, (command, given, err)


def test_why_not_takes_only_a_value_of_the_conclusion() -> None:
    assert_one_line(*cli("explain", JAN, "pow_status", "--why-not", "banana"),
                    "--why-not 'banana' is not a value of pow_status",
                    "expected one of prisoner_of_war, presumed_prisoner_of_war, "
                    "not_prisoner_of_war")
    assert_one_line(*cli("explain", JAN, "pow_status", "--why-not", "prisoner_of_wa"),
                    "did you mean 'prisoner_of_war'?")
    assert_one_line(*cli("explain", JAN, "party_to_conflict", "--why-not", "maybe"),
                    "expected one of true, false")
    assert_one_line(*cli("explain", JAN, "party_to_confict", "--why-not", "true"),
                    "did you mean 'party_to_conflict'")


def test_why_not_reads_yes_as_true_and_says_so() -> None:
    code, out, _ = cli("explain", JAN, "party_to_conflict", "--subject", "state=PRK",
                       "--why-not", "yes")
    assert code == 0 and out.splitlines()[0] == "Why not: the DPRK is a party to the conflict?"
    code, same, _ = cli("explain", JAN, "party_to_conflict", "--subject", "state=PRK",
                        "--why-not", "true")
    assert same == out


def test_why_not_of_a_conclusion_valued_by_states_takes_the_scenarios_states() -> None:
    """``attribution_of_conduct`` concludes state ids (its rules take them from the facts):
    any state of the scenario is a value, nothing else."""
    code, out, err = cli("explain", JAN, "attribution_of_conduct", "--why-not", "PRK", "--ids")
    assert code == 0 and "[attribution.sending_state.organs, rules/" in out, err
    assert_one_line(*cli("explain", JAN, "attribution_of_conduct", "--why-not", "ZZZ"),
                    "expected one of", "PRK", "RUS", "UKR")
