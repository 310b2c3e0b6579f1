"""The command line: exit codes, output, and one-line errors (never a traceback)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from legal_analysis.cli import app

from .conftest import EXAMPLES, FIXTURES

runner = CliRunner()
OCT = str(EXAMPLES / "dprk-2024-10-26.yaml")
JAN = str(EXAMPLES / "dprk-2025-01-12.yaml")
APR = str(EXAMPLES / "dprk-2025-04-28.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_validate_ok_and_error() -> None:
    code, out, _ = run("validate", OCT)
    assert code == 0 and "ok" in out
    bad = FIXTURES / "bad_scenarios"
    broken = next(p for p in sorted(bad.glob("*.yaml")))
    code, out, err = run("validate", str(broken))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("legal-analysis: ")
    assert "Traceback" not in err + out


def test_missing_file_is_one_line() -> None:
    code, _, err = run("validate", "no/such/file.yaml")
    assert code == 2 and "no/such/file.yaml" in err and err.count("\n") == 1


def test_schema_is_json_schema_of_scenarios() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    assert {"format", "parties", "forces", "relations", "persons"} <= set(schema["properties"])
    assert "format" in schema["required"]
    code, out, _ = run("schema", "--format-version", "1")
    assert code == 0
    assert {"states", "deployments", "persons"} <= set(json.loads(out)["properties"])
    code, _, err = run("schema", "--format-version", "3")
    assert code == 2 and "expected 1 or 2" in err


def test_evaluate_json_contract() -> None:
    code, out, _ = run("evaluate", OCT, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"scenario", "as_of", "conclusions"}
    first = data["conclusions"][0]
    assert {"id", "question", "subject", "status", "value", "branches", "decisive_facts", "rules",
            "citations"} <= set(first)
    party = next(c for c in data["conclusions"]
                 if c["id"] == "party_to_conflict" and c["subject"]["state"] == "PRK")
    assert party["status"] == "undetermined"
    # in October 2024 the troops were training: command and direct participation both decide
    assert "deployments.dprk-to-russia.command_authority" in party["decisive_facts"]
    assert {b["value"] for b in party["branches"]} == {True, False}


def test_evaluate_table_and_bad_format() -> None:
    code, out, _ = run("evaluate", OCT)
    assert code == 0 and "Party to the armed conflict" in out and "The answer turns on" in out
    code, _, err = run("evaluate", OCT, "--format", "xml")
    assert code == 2 and "xml" in err


def test_evaluate_as_of_and_bad_date() -> None:
    code, out, _ = run("evaluate", APR, "--format", "json", "--as-of", "2025-01-01")
    assert code == 0 and json.loads(out)["as_of"] == "2025-01-01"
    code, _, err = run("evaluate", APR, "--as-of", "yesterday")
    assert code == 2 and "not a date" in err


def test_memo_to_file_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "memo.md"
    code, out, _ = run("memo", JAN, "-o", str(target))
    assert code == 0 and target.is_file() and str(target) in out
    before = target.read_bytes()
    assert before.startswith(b"# Memorandum")
    target.write_text("my own notes")
    code, _, err = run("memo", JAN, "-o", str(target))
    assert code == 2 and "--force" in err
    assert target.read_text() == "my own notes"
    code, _, _ = run("memo", JAN, "-o", str(target), "--force")
    assert code == 0 and target.read_bytes() == before


def test_memo_to_a_directory_or_missing_folder(tmp_path: Path) -> None:
    code, _, err = run("memo", JAN, "-o", str(tmp_path))
    assert code == 2 and "directory" in err
    code, _, err = run("memo", JAN, "-o", str(tmp_path / "nope" / "memo.md"))
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "nope").exists()


def test_explain_prints_the_tree() -> None:
    code, out, _ = run("explain", OCT, "party_to_conflict", "--subject", "state=PRK")
    assert code == 0
    assert out.startswith("Is the DPRK a party to the conflict?\n")
    assert "party.sending_state.command_retained" not in out  # rule ids only with --ids
    code, with_ids, _ = run("explain", OCT, "party_to_conflict", "--subject", "state=PRK", "--ids")
    assert code == 0 and "[party.sending_state.command_retained, rules/party.yaml:" in with_ids
    code, _, err = run("explain", OCT, "party_to_confict")
    assert code == 2 and "did you mean 'party_to_conflict'" in err


def test_explain_shows_the_rules_and_every_part_only_when_asked() -> None:
    """By default each rule tried is one sentence with its outcome; ``--every-part`` adds the
    tests of each rule, with the facts they read in words (an unknown fact said as such)."""
    args = ("explain", OCT, "party_to_conflict", "--subject", "state=PRK")
    code, short, _ = run(*args)
    assert code == 0 and "May apply: It is not shown that the DPRK sent troops" in short
    assert "✓" not in short and "?" not in short.split("Rules tried:")[1]
    code, every, _ = run(*args, "--every-part")
    assert code == 0 and len(every.splitlines()) > len(short.splitlines())
    assert "? open: Command authority (deployment of the DPRK troops to Russia): unknown" in every
    assert "unknown (established)" not in every
    assert "deployments.dprk-to-russia" not in every


def test_what_if_flips_party_status_by_setting_command() -> None:
    code, out, _ = run("what-if", OCT, "--set",
                       "deployments.dprk-to-russia.command_authority=receiving")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("party_to_conflict [state=PRK"))
    assert "undetermined" in line.split("→")[0] and line.split("→")[1].strip() == "false"
    code, out, _ = run("what-if", OCT,
                       "--set", "deployments.dprk-to-russia.command_authority=joint",
                       "--set", "deployments.dprk-to-russia.direct_participation=true")
    line = next(x for x in out.splitlines() if x.startswith("party_to_conflict [state=PRK"))
    assert line.split("→")[1].strip() == "true"
    code, _, err = run("what-if", OCT, "--set",
                       "deployments.dprk-to-russia.command_authority=sometimes")
    assert code == 2 and "expected one of sending, receiving, joint" in err


def test_timeline_shows_the_acknowledgement() -> None:
    code, out, _ = run("timeline", APR)
    assert code == 0
    assert "2025-04-28" in out and "acknowledged_by.PRK" in out


def test_rules_commands() -> None:
    code, out, _ = run("rules", "check")
    assert code == 0 and "rules check ok" in out
    code, out, _ = run("rules", "list")
    assert code == 0 and "party.sending_state.command_retained" in out
    code, out, _ = run("rules", "show", "party.sending_state.command_retained")
    assert code == 0 and "authorities:" in out and "gc3, art 2" in out
    authorities, _, positions = out.partition("positions (views of named holders, not law):")
    assert "seed-dw-2024" not in authorities and "Claus Kress: seed-dw-2024" in positions
    code, _, err = run("rules", "show", "party.sending_state.command_retaind")
    assert code == 2 and "did you mean" in err


def test_rules_folder_without_sources(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "rules_engine" / "engine.yaml", tmp_path / "engine.yaml")
    code, _, err = run("rules", "check", "--rules", str(tmp_path))
    assert code in (1, 2) and "sources registry is missing" in err


def test_explain_why_not() -> None:
    code, out, _ = run("explain", OCT, "party_to_conflict", "--subject", "state=PRK",
                       "--why-not", "true")
    assert code == 0
    assert out.startswith("Why not: the DPRK is a party to the conflict?\n")
    assert "Not known: Command authority (deployment of the DPRK troops to Russia): unknown" in out


def test_memo_brief_only_author() -> None:
    """``--brief`` writes the brief; ``--only`` keeps the named questions; ``--author`` adds
    the From line."""
    code, out, _ = run("memo", JAN, "--brief")
    assert code == 0 and out.startswith("# Brief: ")
    code, out, _ = run("memo", JAN, "--only", "party_to_conflict", "--author", "Legal Division")
    assert code == 0 and "| **From** | Legal Division |" in out
    assert "## 3. The conflict and its parties" in out and "Transfer and repatriation" not in out


def test_memo_only_with_an_unknown_conclusion_is_one_line() -> None:
    code, out, err = run("memo", JAN, "--only", "party_to_confict")
    assert code == 2 and err.count("\n") == 1
    assert "did you mean 'party_to_conflict'" in err and "Traceback" not in err + out


def test_memo_set_writes_a_what_if_memo() -> None:
    """``--set`` states the supposed facts at the top and answers on them."""
    code, out, _ = run("memo", JAN, "--set",
                       "deployments.dprk-to-russia.command_authority=receiving")
    assert code == 0
    head = out.split("## 1. Bottom line", 1)[0]
    assert "What-if memo" in head and "Russia commands the DPRK's troops" in head
    assert "The DPRK is not a party to the conflict." in out
    code, _, err = run("memo", JAN, "--set", "deployments.dprk-to-russia.command=receiving")
    assert code == 2 and err.count("\n") == 1
