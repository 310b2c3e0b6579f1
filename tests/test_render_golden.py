"""Golden memos: the home scenarios render byte for byte as kept in tests/golden/, every time.

The rule base is still growing, so a change of rules changes the memos: after an intended change
run ``PYTHONPATH=src .venv/bin/python tests/golden/regen.py`` and review the diff.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from legal_analysis import Rulebook, load_rulebook
from legal_analysis.render import FORMATS

from .conftest import ROOT
from .golden.regen import FORMATS as GOLDEN_FORMATS
from .golden.regen import REGEN_COMMAND, SCENARIOS, golden_path, render_golden


def _diff(expected: bytes, actual: bytes, name: str) -> str:
    """The first lines of a unified diff between the golden file and the new render."""
    lines = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                 actual.decode("utf-8", "replace").splitlines(),
                                 f"golden/{name}", "rendered now", lineterm="", n=1)
    shown = list(lines)[:40]
    return "\n".join(shown)


@pytest.fixture(scope="module")
def renders(rulebook: Rulebook) -> dict[str, tuple[dict[str, bytes], dict[str, bytes]]]:
    """Each home scenario rendered twice, each time from a fresh analysis and memo."""
    return {name: (render_golden(name, rulebook), render_golden(name, rulebook))
            for name in SCENARIOS}


@pytest.mark.parametrize("fmt", GOLDEN_FORMATS)
@pytest.mark.parametrize("name", SCENARIOS)
def test_memo_matches_golden(renders: dict[str, tuple[dict[str, bytes], dict[str, bytes]]],
                             name: str, fmt: str) -> None:
    """A home scenario's memo renders the same twice, and as its golden file."""
    first, second = renders[name][0][fmt], renders[name][1][fmt]
    assert first == second, f"{name}.{fmt}: two renders of the same scenario differ"
    path = golden_path(name, fmt)
    assert path.exists(), f"{path} is missing: run `{REGEN_COMMAND}`"
    expected = path.read_bytes()
    assert first == expected, (
        f"{name}.{fmt} differs from its golden file. If the change is intended (new rules, a "
        f"new memo layout), run `{REGEN_COMMAND}` and review the diff of tests/golden/.\n"
        + _diff(expected, first, path.name))


_HASH_SCRIPT = """
import hashlib, sys
from legal_analysis import analyse, load_rulebook, load_scenario
from legal_analysis.render import FORMATS, render_memo
from legal_analysis.render.model import build_memo
analysis = analyse(load_scenario(sys.argv[1]), load_rulebook(sys.argv[2]))
memo = build_memo(analysis)
for fmt in FORMATS:
    print(fmt, hashlib.sha256(render_memo(analysis, memo, fmt)).hexdigest())
"""


def _hashes_with_seeds(seeds: tuple[str, ...], rules: Path) -> list[str]:
    """The SHA-256 of each format, rendered in fresh interpreters (run side by side), one per
    PYTHONHASHSEED value."""
    base = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)}
    scenario = str(ROOT / "docs" / "examples" / f"{SCENARIOS[1]}.yaml")
    runs = [subprocess.Popen([sys.executable, "-c", _HASH_SCRIPT, scenario, str(rules)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**base, "PYTHONHASHSEED": seed}) for seed in seeds]
    out = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
        out.append(stdout)
    return out


def test_every_format_is_the_same_under_any_hash_seed(rulebook: Rulebook) -> None:
    """No format depends on the hash seed (set iteration order)."""
    fresh = load_rulebook(rulebook.directory)  # the rules as the subprocesses will read them
    zero, one = _hashes_with_seeds(("0", "1"), rulebook.directory)
    assert zero == one, f"renders depend on PYTHONHASHSEED:\n{zero}\n{one}"
    here = "".join(f"{fmt} {hashlib.sha256(data).hexdigest()}\n"
                   for fmt, data in render_golden(SCENARIOS[1], fresh, FORMATS).items())
    assert here == zero, "renders in this process differ from those in a fresh process"


@pytest.mark.parametrize("name", SCENARIOS)
def test_markdown_has_one_diagram_per_issue_and_no_derivations(
        renders: dict[str, tuple[dict[str, bytes], dict[str, bytes]]], name: str) -> None:
    """Each legal issue with a discussion has one Mermaid diagram (an issue of plain answers only
    has none); fences are balanced; the derivations are not in the memo (``memo --derivations``
    adds them)."""
    text = renders[name][0]["md"].decode("utf-8")
    issues = len(re.findall(r"^### [3-9]\.1\. ", text, re.M))
    assert issues >= 2
    assert text.count("```mermaid\nflowchart LR") == issues
    assert text.count("```") % 2 == 0
    assert "Derivations" not in text and "✓" not in text


@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.parametrize("fmt", GOLDEN_FORMATS)
def test_golden_files_are_small(name: str, fmt: str) -> None:
    """Every golden memo is under 300 KB: a memo, not a dump of the analysis."""
    assert golden_path(name, fmt).stat().st_size < 300_000
