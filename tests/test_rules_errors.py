"""Broken rule files, one per error: each gives its one-line, located message.

``fixtures/bad_rules/*.yaml`` fail on load (``# expect:`` gives the message); the
``fixtures/bad_rules_check/*.yaml`` load but fail ``rules check`` (``# check:``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from legal_analysis import RuleError, load_rulebook
from legal_analysis.cli import app
from legal_analysis.engine.checker import check_rulebook
from legal_analysis.ruleset.loading import NOT_LAW

from .conftest import FIXTURES

BAD = sorted(p for p in (FIXTURES / "bad_rules").glob("*.yaml") if not p.name.startswith("sources_"))
CHECK = sorted((FIXTURES / "bad_rules_check").glob("*.yaml"))


def _folder(tmp_path: Path, fixture: Path) -> Path:
    shutil.copy(FIXTURES / "rules_engine" / "sources.yaml", tmp_path / "sources.yaml")
    shutil.copy(fixture, tmp_path / fixture.name)
    return tmp_path


def _expectation(fixture: Path, word: str) -> str:
    first = fixture.read_text(encoding="utf-8").splitlines()[0]
    match = re.match(rf"# {word}: (.*)", first)
    assert match, f"{fixture.name} must start with '# {word}: …'"
    return match.group(1)


def test_there_is_a_broken_file_per_error() -> None:
    assert len(BAD) >= 15
    assert len(CHECK) >= 5


@pytest.mark.parametrize("fixture", BAD, ids=[p.stem for p in BAD])
def test_broken_rule_file_gives_one_located_line(tmp_path: Path, fixture: Path) -> None:
    folder = _folder(tmp_path, fixture)
    with pytest.raises(RuleError) as info:
        load_rulebook(folder)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{folder / fixture.name}:"), message
    line = int(message.split(":")[1])
    assert line > 1, message  # points into the file, past the comment
    assert _expectation(fixture, "expect") in message
    result = CliRunner().invoke(app, ["rules", "check", "--rules", str(folder)])
    assert result.exit_code == 2 and result.stderr == f"legal-analysis: {message}\n"


@pytest.mark.parametrize("fixture", CHECK, ids=[p.stem for p in CHECK])
def test_checker_catches_each_error(tmp_path: Path, fixture: Path) -> None:
    folder = _folder(tmp_path, fixture)
    report = check_rulebook(load_rulebook(folder))
    expected = _expectation(fixture, "check")
    assert any(expected in e for e in report.errors), report.errors
    result = CliRunner().invoke(app, ["rules", "check", "--rules", str(folder)])
    assert result.exit_code == 1
    assert expected in result.output


def test_the_shipped_rule_base_passes_the_checker() -> None:
    report = check_rulebook(load_rulebook())
    assert report.errors == []
    assert report.rules > 0 and report.pairs > 0


LAW = FIXTURES / "bad_rules_law"
LAW_CASES = sorted(p for p in LAW.glob("*.yaml") if p.name != "sources.yaml")


@pytest.mark.parametrize("fixture", LAW_CASES, ids=[p.stem for p in LAW_CASES])
def test_news_is_never_law(tmp_path: Path, fixture: Path) -> None:
    """A news report or think-tank paper cannot be a rule's authority; it is cited under
    ``positions`` with who holds the view, and each view on a contested point has support."""
    shutil.copy(LAW / "sources.yaml", tmp_path / "sources.yaml")
    shutil.copy(fixture, tmp_path / fixture.name)
    with pytest.raises(RuleError) as info:
        load_rulebook(tmp_path)
    message = str(info.value)
    assert message.startswith(f"{tmp_path / fixture.name}:") and "\n" not in message, message
    assert _expectation(fixture, "expect") in message


def test_the_shipped_rules_cite_no_news_or_report_as_law() -> None:
    """Every authority of every shipped rule and contested view is a source of law."""
    book = load_rulebook()
    kinds = {s.id: s.kind for s in book.registry.sources.values()}
    cited = [a.source for r in book.rules.values() for a in r.spec.authorities]
    cited += [a.source for r in book.rules.values() if r.spec.contested
              for v in r.spec.contested.views for a in v.authorities]
    assert cited and not [s for s in cited if kinds[s] in NOT_LAW]
